/**
 * Texts of the procedure builder (staff screens) and of the procedure operations' refusals. Staff
 * read them; both languages.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const procedureMessages = defineCatalogue({
  navLabel: { ja: '手続の管理', en: 'Procedures' },
  // ---- refusals of the operations
  archived: { ja: 'この手続は廃止済みのため変更できません。', en: 'This procedure is archived and cannot be changed.' },
  nothingToPublish: {
    ja: '公開する下書きがありません。先に内容を編集してください。',
    en: 'There is no draft to publish. Edit the procedure first.',
  },
  feeNeedsProvider: {
    ja: '決済サービスが設定されていないため、手数料のある手続は公開できません（PAYMENT_PROVIDER）。手数料をなしにするか、システム管理者に決済の設定を依頼してください。',
    en: 'No payment provider is configured (PAYMENT_PROVIDER), so a procedure with a fee cannot be published. Remove the fee or ask the system administrator to set up payments.',
  },
  noSuchVersion: { ja: 'その版はありません。', en: 'There is no such version.' },
  noSuchField: { ja: 'その項目はありません。', en: 'There is no such field.' },
  noSuchStep: { ja: 'そのステップはありません。', en: 'There is no such step.' },
  lastStep: { ja: 'ステップは1つ以上必要です。', en: 'A procedure needs at least one step.' },
  lastField: {
    ja: 'ステップには項目が1つ以上必要です。ステップごと削除するか、先に別の項目を追加してください。',
    en: 'A step needs at least one field. Remove the whole step, or add another field first.',
  },
  notAdmin: { ja: '手続を管理できるのは所属の管理者です。', en: 'Only department administrators manage procedures.' },
  // ---- what a new procedure starts with
  defaultStepTitle: { ja: '申請者の情報', en: 'About you' },
  defaultNameLabel: { ja: '氏名', en: 'Full name' },
  defaultEmailLabel: { ja: 'メールアドレス', en: 'E-mail address' },
  defaultEmailHelp: {
    ja: '受付のお知らせや手続の状況をこのアドレスにお送りします。',
    en: 'We send the confirmation and news of your application to this address.',
  },
  newStepTitle: { ja: 'ステップ{number}', en: 'Step {number}' },
});
