/** Refusals of the application operations (submit, read, withdraw, correction, drafts), both languages. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const submissionMessages = defineCatalogue({
  procedureUnknown: { ja: 'この手続は見つかりません。', en: 'This procedure does not exist.' },
  notOpenYet: { ja: 'この手続の受付はまだ始まっていません。', en: 'This procedure is not taking applications yet.' },
  closed: { ja: 'この手続の受付は終了しました。', en: 'This procedure is no longer taking applications.' },
  full: { ja: 'この手続は定員に達したため、受付を終了しました。', en: 'This procedure has reached its capacity.' },
  lookupFailed: {
    ja: '整理番号または確認用の番号が正しくありません。',
    en: 'The reference number or its secret is not correct.',
  },
  notWithdrawable: { ja: 'この申請は取り下げできない状態です。', en: 'This application can no longer be withdrawn.' },
  notCorrectable: { ja: 'この申請は補正を求められていません。', en: 'No correction has been asked for this application.' },
  fileNotYours: {
    ja: 'このファイルは見つかりません。もう一度添付してください。',
    en: 'This file was not found. Please attach it again.',
  },
  emailRequired: { ja: 'メールアドレスを入力してください。', en: 'Enter your e-mail address.' },
  emailInvalid: {
    ja: 'メールアドレスの形式が正しくありません（例：name@example.jp）。',
    en: 'Enter an e-mail address like name@example.com.',
  },
  draftExpired: {
    ja: '入力途中の内容が見つからないか、保存期限が過ぎました。最初から入力してください。',
    en: 'The saved answers were not found or have expired. Please start again.',
  },
  feeMissing: {
    ja: 'この手続は手数料の設定が不完全なため、受け付けられません。',
    en: 'This procedure cannot take applications: its fee is not set up correctly.',
  },
});
