/** The status notice to the citizen (e-mail and LINE), in the application's language. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const noticeMessages = defineCatalogue({
  subject: { ja: '【電子申請】申請の状況のお知らせ（整理番号 {reference}）', en: 'Your application {reference}: status update' },
  'lead.awaiting_payment': {
    ja: 'ご申請を受け付けました。手数料のお支払いをお願いします。',
    en: 'Your application has been accepted. Please pay the fee.',
  },
  'lead.received': { ja: '補正後の申請を受け付けました。', en: 'We have received your corrected application.' },
  'lead.in_review': { ja: 'ご申請の審査を始めました。', en: 'We have started reviewing your application.' },
  'lead.correction_requested': {
    ja: '申請内容の補正（修正）をお願いします。下記の項目を状況ページから修正して、再度送信してください。',
    en: 'Please correct your application: change the fields below on the status page and send it again.',
  },
  'lead.paid': { ja: 'お支払いを確認しました。', en: 'We have received your payment.' },
  'lead.completed': { ja: 'ご申請の手続が完了しました。', en: 'Your application has been completed.' },
  'lead.rejected': { ja: 'ご申請はお受けできませんでした。', en: 'Your application could not be accepted.' },
  'lead.withdrawn': { ja: 'ご申請は取り下げられました。', en: 'Your application has been withdrawn.' },
  'lead.expired': {
    ja: 'お支払いの期限が過ぎたため、ご申請は無効になりました。',
    en: 'The payment deadline has passed, so your application has lapsed.',
  },
  line: { ja: '{label}: {value}', en: '{label}: {value}' },
  procedure: { ja: '手続', en: 'Procedure' },
  reference: { ja: '整理番号', en: 'Reference number' },
  status: { ja: '状態', en: 'Status' },
  comment: { ja: '担当課からのコメント', en: 'Message from the office' },
  fields: { ja: '補正する項目', en: 'Fields to correct' },
  amount: { ja: 'お支払い金額', en: 'Amount due' },
  yen: { ja: '{amount}円', en: '¥{amount}' },
  payHow: {
    ja: '状況ページの「支払いへ進む」からお支払いください（クレジットカード、Apple Pay、PayPay）。',
    en: 'Pay from the status page with “Proceed to payment” (credit card, Apple Pay, PayPay).',
  },
  statusPage: { ja: '状況ページ: {url}', en: 'Status page: {url}' },
  statusPageHint: {
    ja: '状況ページは、申請完了時にお送りしたメールのリンクから開けます。',
    en: 'Open the status page with the link in the e-mail we sent when you applied.',
  },
  lineDetail: {
    ja: '詳しくは、メールまたは状況ページをご覧ください。',
    en: 'See the e-mail or the status page for details.',
  },
  footer: {
    ja: 'このメールは送信専用です。お問い合わせは担当課へお願いします。',
    en: 'This address does not take replies. Please contact the office in charge.',
  },
});
