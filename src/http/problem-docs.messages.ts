/** The texts of the /problems pages (problem-docs.ts) around the catalogue's own (errors.messages.ts). */
import { defineCatalogue } from '../platform/i18n.js';

export const problemDocsMessages = defineCatalogue({
  index: { ja: 'エラーの種類', en: 'Problem types' },
  status: { ja: 'HTTP ステータス', en: 'HTTP status' },
  meaning: { ja: '意味', en: 'What it means' },
  action: { ja: '対処', en: 'What to do' },
  detail: {
    ja: 'API の応答（application/problem+json）では、title はこの種類ごとに一定で、detail に個別の内容（項目、待ち時間など）が入ります。',
    en: 'In API answers (application/problem+json) the title is fixed per type; detail carries the particulars (which field, how long to wait, …).',
  },
  all: { ja: 'エラーの種類の一覧', en: 'All problem types' },
});
