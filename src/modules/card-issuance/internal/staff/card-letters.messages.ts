/** Texts of the card letters (交付案内) screens: the section on the dashboard, preview, confirmation and printing. */
import { defineCatalogue } from '../../../../platform/i18n.js';

export const cardLettersMessages = defineCatalogue({
  heading: { ja: '交付案内の印刷', en: 'Print letters' },
  unprinted: { ja: '未印刷: {count}件（1回に最大{max}件）', en: 'Not yet printed: {count} (at most {max} per PDF)' },
  hint: {
    ja: '「プレビュー」はPDFを表示するだけで、カードの状態は変わりません。「印刷して発送済みにする」は、対象の件数を確認してから、そのカードだけを「通知書発送済」にします。',
    en: '"Preview" only shows the PDF; no card changes. "Print and mark sent" shows how many cards it will mark and marks only those once you confirm.',
  },
  preview: { ja: 'プレビュー（PDF）', en: 'Preview (PDF)' },
  printAndMark: { ja: '印刷して発送済みにする…', en: 'Print and mark sent…' },
  cards: { ja: '対象', en: 'Cards' },
  modeUnprinted: { ja: '未印刷のカード（製造管理番号順）', en: 'Cards not yet printed (by control number)' },
  modeNumbers: { ja: '製造管理番号を指定', en: 'The control numbers below' },
  limit: { ja: '件数の上限（未印刷のカード）', en: 'At most (cards not yet printed)' },
  numbers: { ja: '製造管理番号（1行に1件）', en: 'Control numbers (one per line)' },
  title: { ja: '交付案内', en: 'Letters' },
  nothing: {
    ja: '対象の交付案内はありません（印刷済み・交付済み・廃棄済みのカード、他の所属のカードは対象外です）。',
    en: "No letters match (cards already issued or destroyed, and other departments' cards, are left out).",
  },
  backToOffice: { ja: 'カード交付管理に戻る', en: 'Back to card issuance' },
  enterNumbers: { ja: '製造管理番号を入力してください。', en: 'Enter the control numbers.' },
  confirmTitle: { ja: '交付案内の印刷の確認', en: 'Confirm printing letters' },
  confirmWhat: {
    ja: '{count}件の交付案内を印刷し、そのカードを「通知書発送済」にします。',
    en: '{count} letters will be printed and these cards marked "letter sent".',
  },
  confirmDeadline: {
    ja: '受取期限はこの日から計算されます。まずプレビューで内容を確かめてください。',
    en: 'Pickup deadlines count from today. Check the preview first.',
  },
  previewThese: { ja: 'この対象のプレビュー（PDF）', en: 'Preview these letters (PDF)' },
  andMore: { ja: 'ほか{count}件', en: 'and {count} more' },
  printCount: { ja: '{count}件を印刷して発送済みにする', en: 'Print {count} and mark sent' },
  cancel: { ja: 'やめて戻る', en: 'Cancel and go back' },
  chooseAndConfirm: {
    ja: '印刷する交付案内を選び、件数を確認してから印刷してください。',
    en: 'Choose the letters and confirm their count before printing.',
  },
  changed: {
    ja: '確認した{count}件のうち、印刷できるのは{now}件になりました（交付・廃棄などで状態が変わりました）。何も変更していません。もう一度対象を選んでください。',
    en: 'Of the {count} confirmed cards, {now} can still get a letter (their state changed). Nothing was changed; choose the cards again.',
  },
});
