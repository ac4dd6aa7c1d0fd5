/**
 * The e-mails of the citizen flow (confirmation, save-and-resume link), in the language the
 * application or draft was made in.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const mailMessages = defineCatalogue({
  'confirmation.subject': { ja: '【申請受付】{title}（整理番号 {reference}）', en: 'Application received: {title} ({reference})' },
  'confirmation.lead': {
    ja: '電子申請を受け付けました。整理番号はお問い合わせの際に必要です。',
    en: 'We have received your application. Please quote the reference number when you contact us.',
  },
  line: { ja: '{label}：{value}', en: '{label}: {value}' },
  reference: { ja: '整理番号', en: 'Reference number' },
  procedure: { ja: '手続', en: 'Procedure' },
  submittedAt: { ja: '申請日時', en: 'Submitted' },
  fee: { ja: '手数料', en: 'Fee' },
  yen: { ja: '{amount}円', en: '¥{amount}' },
  department: { ja: '担当', en: 'Department' },
  statusLink: {
    ja: '申請の状況確認・補正・取り下げは次のページからできます（このURLは申請者専用です。他の人に教えないでください）：\n{url}',
    en: 'Follow, correct or withdraw your application on this page (this address is for you only; do not share it):\n{url}',
  },
  'next.awaiting_payment': {
    ja: '手数料のお支払いが必要です。上のページの「支払いへ進む」から、{hours}時間以内にお支払いください（クレジットカード・Apple Pay・PayPay）。お支払いを確認してから審査を始めます。',
    en: 'A fee is due. Please pay it within {hours} hours with "Proceed to payment" on the page above (credit card, Apple Pay or PayPay). We start reviewing once it is paid.',
  },
  'next.after_acceptance': {
    ja: '手数料は、担当課が申請を受け付けた後にお支払いいただきます。お支払いの準備ができたらメールでお知らせします。',
    en: 'The fee is paid after the department accepts your application. We will e-mail you when it can be paid.',
  },
  'next.received': {
    ja: '担当課で内容を確認します。結果や補正のお願いはメールでお知らせします。',
    en: 'The department will check your application. We will e-mail you the result, or if anything needs correcting.',
  },
  footer: {
    ja: 'このメールは送信専用です。お心当たりのない場合は、このメールを破棄してください。',
    en: 'This is an automatic message; replies are not read. If you did not apply, please delete this e-mail.',
  },
  'resume.subject': { ja: '【入力の続き】{title}', en: 'Continue your application: {title}' },
  'resume.lead': {
    ja: '入力途中の申請を保存しました。次のリンクから続きを入力できます。',
    en: 'Your answers are saved. Continue your application with this link.',
  },
  'resume.link': { ja: '続きを入力する：\n{url}', en: 'Continue:\n{url}' },
  'resume.expires': {
    ja: 'このリンクは {date} まで有効です。リンクを知っている人は入力内容を見ることができます。他の人に教えないでください。',
    en: 'This link works until {date}. Anyone with the link can see your answers: do not share it.',
  },
});
