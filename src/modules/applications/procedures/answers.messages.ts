/**
 * What a citizen reads when an answer is refused (validate-answers.ts): field-level, polite, and
 * saying what to do. Both languages; the edge shows the reader's.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const answerMessages = defineCatalogue({
  required: { ja: '入力してください。', en: 'Enter an answer.' },
  chooseRequired: { ja: '選んでください。', en: 'Choose an answer.' },
  fileRequired: { ja: 'ファイルを添付してください。', en: 'Attach a file.' },
  wrongType: { ja: '入力の形式が正しくありません。入力し直してください。', en: 'This answer has the wrong form. Enter it again.' },
  tooShort: { ja: '{min}文字以上で入力してください。', en: 'Enter at least {min} characters.' },
  tooLong: { ja: '{max}文字以内で入力してください。', en: 'Enter at most {max} characters.' },
  patternMismatch: {
    ja: '入力の形式が正しくありません。説明をご確認のうえ入力してください。',
    en: 'This is not in the expected form. Check the hint and enter it again.',
  },
  kana: {
    ja: 'フリガナはカタカナ（またはひらがな）で入力してください（例: ヤマダ タロウ）。',
    en: 'Enter the reading in katakana or hiragana (e.g. ヤマダ タロウ).',
  },
  date: {
    ja: '日付を「2026-12-01」または「令和8年12月1日」の形で入力してください。',
    en: 'Enter a date such as 2026-12-01 or 令和8年12月1日 (Reiwa 8, 12, 1).',
  },
  dateNotInEra: { ja: 'その元号にない日付です。年と元号をご確認ください。', en: 'That era has no such date. Check the year and the era.' },
  dateTooEarly: { ja: '{date}以降の日付を入力してください。', en: 'Enter a date on or after {date}.' },
  dateTooLate: { ja: '{date}以前の日付を入力してください。', en: 'Enter a date on or before {date}.' },
  number: { ja: '数字で入力してください（例: 2）。', en: 'Enter a number (e.g. 2).' },
  integer: { ja: '小数点のない整数で入力してください。', en: 'Enter a whole number.' },
  tooSmall: { ja: '{min}以上の数を入力してください。', en: 'Enter a number of at least {min}.' },
  tooBig: { ja: '{max}以下の数を入力してください。', en: 'Enter a number of at most {max}.' },
  feeTooLarge: {
    ja: '一度にお申し込みいただける数を超えています。数を減らしてください。',
    en: 'That is more than one application can take. Enter a smaller number.',
  },
  chooseOption: { ja: '選択肢の中から選んでください。', en: 'Choose one of the options.' },
  phone: {
    ja: '電話番号を市外局番から入力してください（例: 090-1234-5678、03-1234-5678）。',
    en: 'Enter a Japanese phone number with its area code (e.g. 090-1234-5678).',
  },
  email: {
    ja: 'メールアドレスを「example@example.jp」の形で入力してください。',
    en: 'Enter an e-mail address such as example@example.jp.',
  },
  postalCode: { ja: '郵便番号を7桁の数字で入力してください（例: 123-4567）。', en: 'Enter a 7-digit postal code (e.g. 123-4567).' },
  file: { ja: 'ファイルの添付をやり直してください。', en: 'Attach the file again.' },
  myNumberRefused: {
    ja: 'マイナンバー（個人番号）は入力しないでください。この手続ではマイナンバーをお預かりしません。',
    en: 'Do not enter your My Number (individual number). This procedure does not take it.',
  },
  myNumberInvalid: {
    ja: 'マイナンバー（個人番号）12桁を正しく入力してください。',
    en: 'Enter your 12-digit My Number (individual number) correctly.',
  },
  listSeparator: { ja: '、', en: ', ' },
  postalMark: { ja: '〒{code}', en: '〒{code}' },
  /** {month}: a number in Japanese, the month's name in English. */
  seirekiDate: { ja: '{year}年{month}月{day}日', en: '{day} {month} {year}' },
});
