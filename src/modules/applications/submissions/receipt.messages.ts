/** The receipt PDF (申請控え), in the application's language. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const receiptMessages = defineCatalogue({
  title: { ja: '申請控え', en: 'Application copy' },
  reference: { ja: '整理番号', en: 'Reference number' },
  procedure: { ja: '手続', en: 'Procedure' },
  submittedAt: { ja: '申請日時', en: 'Submitted' },
  status: { ja: '状況（発行時点）', en: 'Status (when printed)' },
  fee: { ja: '手数料', en: 'Fee' },
  answers: { ja: '申請内容', en: 'Answers' },
  yen: { ja: '{amount}円', en: '¥{amount}' },
  feePerUnit: { ja: '{price}円 × {quantity}{unit} = {amount}円', en: '¥{price} × {quantity} {unit} = ¥{amount}' },
  attached: { ja: '添付ファイル：{name}', en: 'Attached file: {name}' },
  qrCaption: {
    ja: '状況確認ページ：{url}\nページを開くには、確認メールに記載の確認用の番号が必要です（この控えには印刷していません）。',
    en: 'Status page: {url}\nOpening it needs the secret from the confirmation e-mail (not printed on this copy).',
  },
  notice: {
    ja: 'この控えは申請者ご本人の記録用です。個人情報を含むため、取り扱いにご注意ください。',
    en: 'This copy is your own record. It holds personal data: keep it safe.',
  },
});
