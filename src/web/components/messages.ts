/**
 * The few words the components write themselves (markers, navigation, calendar legend). Everything
 * else a component shows is passed in already translated by the module that owns the screen.
 */
import { defineMessages, type Lang, type Text } from '../../http/i18n.js';

export const componentMessages = defineMessages({
  required: { ja: '必須', en: 'Required' },
  optional: { ja: '任意', en: 'Optional' },
  errorPrefix: { ja: 'エラー:', en: 'Error:' },
  errorTitlePrefix: { ja: '入力内容を確認してください — ', en: 'Error: ' },
  previousMonth: { ja: '← 前の月', en: '← Previous month' },
  nextMonth: { ja: '次の月 →', en: 'Next month →' },
  months: { ja: '月の切り替え', en: 'Months' },
  dayOpen: { ja: '空きあり', en: 'available' },
  dayFew: { ja: '残りわずか', en: 'few left' },
  dayFull: { ja: '満員', en: 'full' },
  dayClosed: { ja: '受付なし', en: 'not bookable' },
  pagesOf: { ja: '{caption}のページ', en: 'Pages of {caption}' },
  previousPage: { ja: '← 前のページ', en: '← Previous page' },
  nextPage: { ja: '次のページ →', en: 'Next page →' },
  pageNumber: { ja: '{page}ページ目', en: 'Page {page}' },
  sortedAscending: { ja: '（昇順）', en: ' (ascending)' },
  sortedDescending: { ja: '（降順）', en: ' (descending)' },
  noRows: { ja: '該当するものはありません。', en: 'Nothing to show.' },
});

export type ComponentMessage = keyof typeof componentMessages;

/** A component's own text in `lang`, with {name} placeholders filled. */
export function cm(lang: Lang, key: ComponentMessage, vars?: Record<string, string | number>): string {
  const text: Text = componentMessages[key];
  return text[lang].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}
