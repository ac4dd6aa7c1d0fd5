/**
 * Pure helpers shared by the inventory's screens, CSV and command: the pinned JSON shape, filters and
 * the texts of an item's storage, readers and recipients. No SQL, no I/O.
 */
import type { Lang } from '../../../platform/i18n.js';
import { jstDate } from '../../../platform/japan-time.js';
import type { Readers, RecipientKind, StoredAt } from '../../../platform/personal-data.js';
import { privacyMessages } from '../privacy.messages.js';
import type { InventoryReport, InventoryScope, PinnedInventory } from './inventory-report.js';
import { inventoryMessages } from './inventory.messages.js';

/** `madoguchi privacy inventory --json`: exactly the pinned keys, in the report's order. */
export function pinnedInventory(report: InventoryReport): PinnedInventory {
  return report.scopes.map((s) => ({
    module: s.module,
    scope: s.scope.id,
    items: s.items.map((i) => ({
      key: i.key,
      category: i.category,
      sensitive: i.isSensitive,
      encrypted: i.isEncrypted,
      records: i.records,
    })),
  }));
}

export type InventoryFilter = { department?: string; module?: string };

/** The scopes matching a filter; department `none` selects the whole-system scopes without one. */
export function filterScopes(scopes: readonly InventoryScope[], f: InventoryFilter): InventoryScope[] {
  return scopes.filter(
    (s) =>
      (!f.module || s.module === f.module) &&
      (!f.department || (f.department === 'none' ? s.scope.departmentId === null : s.scope.departmentId === f.department)),
  );
}

/** Consecutive scopes of one department (the report is sorted by department). */
export function byDepartment(scopes: readonly InventoryScope[]): { department: InventoryScope['department']; scopes: InventoryScope[] }[] {
  const out: { department: InventoryScope['department']; scopes: InventoryScope[] }[] = [];
  for (const s of scopes) {
    const last = out.at(-1);
    if (last && last.department?.id === s.department?.id) last.scopes.push(s);
    else out.push({ department: s.department, scopes: [s] });
  }
  return out;
}

export function moduleLabel(module: string, lang: Lang): string {
  const key = `module.${module}`;
  return Object.hasOwn(inventoryMessages.messages, key)
    ? inventoryMessages.t(lang, key as keyof typeof inventoryMessages.messages & `module.${string}`)
    : module;
}

export function departmentLabel(d: InventoryScope['department'], lang: Lang): string {
  if (!d) return inventoryMessages.t(lang, 'noDepartment');
  return lang === 'en' && d.nameEn ? d.nameEn : d.name;
}

/** The oldest record's day in Japan (YYYY-MM-DD), or '' when the scope holds nothing. */
export function oldestDay(iso: string | null): string {
  return iso ? jstDate(new Date(iso)) : '';
}

/** `table.column` (with the JSON property: `table.column → key`) and how it is protected. */
export function storageText(s: StoredAt, lang: Lang): string {
  const where = `${s.table}.${s.column}${s.property !== undefined ? ` → ${s.property}` : ''}`;
  return `${where} (${privacyMessages.t(lang, `protection.${s.protection}`)})`;
}

const ROLES = ['sys-admin', 'dept-admin', 'staff', 'payment_admin'] as const;

export function readersText(r: Readers, lang: Lang): string {
  const t = inventoryMessages.in(lang);
  const roles = r.roles.map((x) => ((ROLES as readonly string[]).includes(x) ? t(`role.${x as (typeof ROLES)[number]}`) : x));
  const parts = [
    roles.length ? t('readersRoles', { roles: roles.join(t('listSeparator')) }) : t('readersNoRole'),
    t(`readers.${r.departments}`),
    ...(r.others ? [r.others[lang]] : []),
  ];
  return parts.join(t('listSeparator'));
}

export function recipientTexts(recipients: readonly { to: RecipientKind; receives: { ja: string; en: string } }[], lang: Lang): string[] {
  const t = inventoryMessages.in(lang);
  return recipients.map((r) => t('recipientLine', { to: privacyMessages.t(lang, `recipient.${r.to}`), receives: r.receives[lang] }));
}

/** The command's readable table: a block per scope, item keys (ASCII) first so the columns line up. */
export function inventoryText(report: InventoryReport, lang: Lang): string[] {
  const t = inventoryMessages.in(lang);
  const p = privacyMessages.in(lang);
  const width = Math.max(0, ...report.scopes.flatMap((s) => s.items.map((i) => i.key.length)));
  const out = [`${t('title')} — ${t('generatedAt', { time: report.generatedAt })}`];
  for (const s of report.scopes) {
    out.push(
      '',
      `${s.scope.id}  ${s.scope.label[lang]}  [${departmentLabel(s.department, lang)} / ${moduleLabel(s.module, lang)}]`,
      `  ${t('scopeSummary', { records: s.records, people: s.people, oldest: oldestDay(s.oldest) || t('none') })}`,
    );
    if (!s.items.length) out.push(`  ${t('noItems')}`);
    for (const i of s.items)
      out.push(
        [
          `  ${i.key.padEnd(width)}`,
          String(i.records).padStart(8),
          p(`protection.${i.storedAt[0]?.protection ?? 'plain'}`),
          p(`category.${i.category}`),
          ...(i.isSensitive ? [p('sensitive')] : []),
          i.label[lang],
        ].join('  '),
      );
  }
  return out;
}
