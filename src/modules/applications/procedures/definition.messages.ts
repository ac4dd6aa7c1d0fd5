/**
 * What staff read when a procedure definition breaks a rule that spans fields (check-definition.ts) or
 * cannot be read as a procedure file (parse-definition.ts). Staff-facing, both languages.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const definitionMessages = defineCatalogue({
  duplicateKey: {
    ja: '項目キー「{key}」が重複しています。別のキーにしてください。',
    en: 'The field key "{key}" is used twice. Choose another key.',
  },
  showIfUnknown: {
    ja: '表示条件の項目「{key}」は、この項目より前にありません。前にある項目を選んでください。',
    en: 'The condition names "{key}", which is not a field before this one. Choose an earlier field.',
  },
  showIfUnknownValue: {
    ja: '表示条件の値「{value}」は項目「{key}」の選択肢にありません。',
    en: 'The condition value "{value}" is not an option of "{key}".',
  },
  choiceNeedsOptions: {
    ja: '選択肢を1つ以上入力してください（1行に「値|ラベル」）。',
    en: 'Enter at least one option (one "value|label" per line).',
  },
  choiceNeedsDisplay: {
    ja: '選択肢の表示方法（ラジオボタン・リスト・チェックボックス）を選んでください。',
    en: 'Choose how the options are shown (radio, list or checkboxes).',
  },
  duplicateOption: { ja: '選択肢の値「{value}」が重複しています。', en: 'The option value "{value}" is used twice.' },
  optionsOnlyForChoice: { ja: '選択肢は「選択」の項目にだけ設定できます。', en: 'Only a choice field has options.' },
  addressFieldInvalid: {
    ja: '住所の入力先「{key}」は、文字または長文の項目を指定してください。',
    en: 'The address field "{key}" must be a text or long text field.',
  },
  quantityFieldInvalid: {
    ja: '数量の項目「{key}」は、必須で整数の「数値」項目にしてください（最小値は1以上）。',
    en: 'The quantity field "{key}" must be a required whole-number field (minimum 1 or more).',
  },
  contactEmailInvalid: {
    ja: '連絡先メールの項目「{key}」は、必須の「メールアドレス」項目にしてください。',
    en: 'The contact e-mail field "{key}" must be a required e-mail field.',
  },
  applicantNameInvalid: {
    ja: '申請者名の項目「{key}」は、「文字」または「フリガナ」の項目にしてください。',
    en: 'The applicant name field "{key}" must be a text or kana field.',
  },
  identityNeedsKinds: { ja: '本人確認書類の種類を1つ以上選んでください。', en: 'Choose at least one kind of identity document.' },
  identityNeedsFileField: {
    ja: '本人確認書類を必須にするには、プライバシー区分「本人確認書類」の必須のファイル項目を追加してください。',
    en: 'To require identity documents, add a required file field of privacy class "identity document".',
  },
  myNumberNotFlagged: {
    ja: 'マイナンバーの項目は、手続で「マイナンバーを取り扱う」を選んだときだけ置けます。',
    en: 'A My Number field needs the procedure to be flagged as collecting My Numbers.',
  },
  myNumberNeedsText: { ja: 'マイナンバーの項目は「文字」の項目にしてください。', en: 'A My Number field must be a text field.' },
  revenueAccountRequired: {
    ja: '手数料を取る手続では歳入科目を入力してください。',
    en: 'Enter the revenue account for a procedure with a fee.',
  },
  closesBeforeOpens: { ja: '受付終了は受付開始より後にしてください。', en: 'Applications must close after they open.' },
  patternTooLong: { ja: '入力パターンは200文字以内にしてください。', en: 'The pattern may be at most 200 characters.' },
  patternInvalid: {
    ja: '入力パターンが正規表現として正しくありません: {reason}',
    en: 'The pattern is not a valid regular expression: {reason}',
  },
  patternOnlyForText: {
    ja: '入力パターンは文字・長文・フリガナの項目にだけ設定できます。',
    en: 'Only text, long text and kana fields have a pattern.',
  },
  minOverMax: { ja: '最小が最大を超えています。', en: 'The minimum is above the maximum.' },
  dateBoundInvalid: { ja: '日付は YYYY-MM-DD か「today」で入力してください。', en: 'Enter a date as YYYY-MM-DD or "today".' },
  fileNeedsFileType: {
    ja: 'プライバシー区分「本人確認書類」は文字・ファイルの項目に使えます。',
    en: 'The identity-document class applies to text and file fields.',
  },
  // parse-definition.ts
  notJson: {
    ja: 'JSONとして読めません。書き出したファイルをそのまま選んでください。',
    en: 'This is not JSON. Choose the file as it was exported.',
  },
  wrongFormat: {
    ja: '手続ファイルの形式（madoguchi.procedure/1）ではありません。',
    en: 'This is not a procedure file (madoguchi.procedure/1).',
  },
  fileTooLarge: { ja: 'ファイルが大きすぎます（{kilobytes}KBまで）。', en: 'The file is too large (at most {kilobytes} KB).' },
  fileMissing: { ja: '取り込むファイルを選んでください。', en: 'Choose a file to import.' },
});
