/** Rendering shared by the city's and the facility's screens: a month's name and the table of counts by class. */
import type { Lang } from '../../../platform/i18n.js';
import { dataTable } from '../../../web/components/index.js';
import type { SafeHtml } from '../../../web/html.js';
import { codeLabel } from '../shared/labels.messages.js';
import type { ChildCount } from '../shared/types.js';
import { countMessages } from './counts.messages.js';

/** 2026年4月 / 4/2026. */
export function monthText(month: string, lang: Lang): string {
  return countMessages.t(lang, 'monthLabel', { year: month.slice(0, 4), month: String(Number(month.slice(5, 7))) });
}

/** The counts by 認定区分 × 年齢区分 × 保育必要量 with their labels, and the total as the last row. */
export function countsTable(lang: Lang, o: { caption: string; counts: readonly ChildCount[]; id?: string }): SafeHtml {
  const t = countMessages.in(lang);
  const total = o.counts.reduce((s, c) => s + c.count, 0);
  return dataTable({
    caption: o.caption,
    lang,
    id: o.id,
    columns: [
      { key: 'cert', label: t('certClass') },
      { key: 'age', label: t('ageBand') },
      { key: 'need', label: t('need') },
      { key: 'count', label: t('count'), numeric: true },
    ],
    rows: [
      ...o.counts.map((c) => ({
        cert: codeLabel('cert', c.certClass, lang),
        age: codeLabel('age', c.ageBand, lang),
        need: codeLabel('need', c.need, lang),
        count: c.count,
      })),
      ...(o.counts.length ? [{ cert: t('total'), age: '', need: '', count: total }] : []),
    ],
    emptyText: t('noCounts'),
  });
}
