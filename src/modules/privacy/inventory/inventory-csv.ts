/**
 * The inventory as CSV for Excel (pure), through the one CSV writer (src/platform/csv/write.ts): one row
 * per scope × item, text kept text, formulas neutralised. The records, people and oldest-record columns are
 * values the spreadsheet may read as numbers and a date. The staff download and the offline bundle write it.
 */
import { type CsvEncoding, csvText, encodeCsv, UTF8_BOM } from '../../../platform/csv/write.js';
import type { Lang } from '../../../platform/i18n.js';
import { privacyMessages } from '../privacy.messages.js';
import { departmentLabel, moduleLabel, oldestDay, recipientTexts } from './inventory-format.js';
import type { InventoryReport } from './inventory-report.js';
import { inventoryMessages } from './inventory.messages.js';

/** Records, people, oldest record. */
const VALUE_COLUMNS = [7, 8, 9];

function rows(report: InventoryReport, lang: Lang): string[][] {
  const t = inventoryMessages.in(lang);
  const p = privacyMessages.in(lang);
  const header = [
    t('department'),
    t('module'),
    t('scope'),
    t('item'),
    t('category'),
    t('sensitive'),
    t('encrypted'),
    t('records'),
    t('people'),
    t('oldest'),
    t('retention'),
    t('purpose'),
    t('recipients'),
    t('scopeId'),
    t('itemKey'),
  ];
  const body = report.scopes.flatMap((s) =>
    s.items.map((i) => [
      departmentLabel(s.department, lang),
      moduleLabel(s.module, lang),
      s.scope.label[lang],
      i.label[lang],
      p(`category.${i.category}`),
      i.isSensitive ? p('sensitive') : '',
      p(`protection.${i.storedAt[0]?.protection ?? 'plain'}`),
      String(i.records),
      String(s.people),
      oldestDay(s.oldest),
      i.retention[lang],
      i.purpose[lang],
      recipientTexts(i.recipients, lang).join('\n') || t('noRecipients'),
      s.scope.id,
      i.key,
    ]),
  );
  return [header, ...body];
}

/** UTF-8 with the byte order mark Excel needs, CRLF line ends. */
export function inventoryCsv(report: InventoryReport, lang: Lang): string {
  return UTF8_BOM + csvText(rows(report, lang), { valueColumns: VALUE_COLUMNS });
}

/** The bytes of the download in either encoding (Shift_JIS: CP932, unencodable characters counted). */
export function encodeInventoryCsv(report: InventoryReport, lang: Lang, encoding: CsvEncoding): { body: Buffer; unencodable: number } {
  if (encoding === 'utf-8') return { body: Buffer.from(inventoryCsv(report, lang), 'utf8'), unencodable: 0 };
  const out = encodeCsv(rows(report, lang), 'shift_jis', { valueColumns: VALUE_COLUMNS });
  return { body: out.body, unencodable: out.unencodable };
}
