/**
 * The few words the components write themselves (markers, navigation, calendar legend). Everything
 * else a component shows is passed in already translated by the module that owns the screen.
 */
import { defineMessages, type Lang, type Text } from '../../http/i18n.js';

export const componentMessages = defineMessages({
  required: { ja: '必須', en: 'Required' },
  // the reading of sensitive answers with a reason (sensitive-reveal.ts)
  sensitiveHeading: { ja: '要配慮個人情報の閲覧', en: 'Reading sensitive data' },
  sensitiveReason: { ja: '閲覧する理由', en: 'Reason for reading' },
  sensitiveRevealButton: { ja: '理由を記録して表示する', en: 'Record the reason and show' },
  sensitiveRevealed: {
    ja: '要配慮個人情報を表示しています（閲覧を理由とともに記録しました）。再読み込みすると非表示に戻ります。',
    en: 'Sensitive answers are shown (the read was recorded with your reason). Reloading hides them again.',
  },
  sensitiveReplayed: {
    ja: '要配慮個人情報の表示は一度きりです（再読み込みでは表示しません）。もう一度閲覧するには、理由を入力してください。',
    en: 'Sensitive answers are shown once only (not on a reload). To read them again, enter the reason.',
  },
  readerDeptAdmin: { ja: 'この課の管理者', en: 'the department’s administrators' },
  readerStaff: { ja: 'この課の職員', en: 'the department’s staff' },
  readerSeparator: { ja: '・', en: ' and ' },
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
  monthCaption: { ja: '{year}年{month}月', en: '{monthName} {year}' },
  dayLong: { ja: '{year}年{month}月{day}日（{weekday}）', en: '{weekday} {day} {monthShort} {year}' },
  weekday0: { ja: '日', en: 'Sun' },
  weekday1: { ja: '月', en: 'Mon' },
  weekday2: { ja: '火', en: 'Tue' },
  weekday3: { ja: '水', en: 'Wed' },
  weekday4: { ja: '木', en: 'Thu' },
  weekday5: { ja: '金', en: 'Fri' },
  weekday6: { ja: '土', en: 'Sat' },
  markOpen: { ja: '◎', en: '◎' },
  markFew: { ja: '△', en: '△' },
  markFull: { ja: '×', en: '×' },
  markClosed: { ja: '－', en: '－' },
  /** 和暦: the first year of an era is 元年. */
  warekiDate: { ja: '{era}{year}年{month}月{day}日', en: '{era} {year}, {monthName} {day}' },
  warekiFirstYear: { ja: '元', en: '1' },
  eraReiwa: { ja: '令和', en: 'Reiwa' },
  eraHeisei: { ja: '平成', en: 'Heisei' },
  eraShowa: { ja: '昭和', en: 'Showa' },
  eraTaisho: { ja: '大正', en: 'Taisho' },
  eraMeiji: { ja: '明治', en: 'Meiji' },
  // The page frame (web/layout.ts) and the error page (web/error-page.ts).
  siteName: { ja: 'まどぐち', en: 'madoguchi' },
  skipToMain: { ja: '本文へ移動', en: 'Skip to main content' },
  /** The language switch names the other language, in that language. */
  switchLanguage: { ja: 'English', en: '日本語' },
  goBack: { ja: '前の画面に戻る', en: 'Go back' },
  notFound: { ja: '見つかりません', en: 'Not found' },
  error: { ja: 'エラー', en: 'Error' },
  reference: { ja: '問い合わせ番号', en: 'Reference' },
});

export const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export type ComponentMessage = keyof typeof componentMessages;

/** A component's own text in `lang`, with {name} placeholders filled. */
export function cm(lang: Lang, key: ComponentMessage, vars?: Record<string, string | number>): string {
  const text: Text = componentMessages[key];
  return text[lang].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}
