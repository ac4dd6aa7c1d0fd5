/**
 * The letter (交付案内) printed for each card by print-letters.ts: what the citizen reads on paper.
 *
 * The letter is printed in Japanese only — it goes out with the Japanese notice (交付通知書) and
 * the office prints one letter per card without knowing the citizen's language — so no English
 * letter is offered: the renderer uses `letterMessages.in('ja')`. The English texts are there for
 * staff and developers reading this file (and for an English letter, should one be offered later).
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const letterMessages = defineCatalogue({
  documentTitle: { ja: '交付案内', en: 'Card pickup letter' },
  postalCode: { ja: '〒{code}', en: 'Postcode {code}' },
  addressee: { ja: '{name}　様', en: '{name}' },
  qrCaption: { ja: '予約サイト', en: 'Booking site' },
  heading: { ja: 'マイナンバーカード交付予約のご案内', en: 'Booking the pickup of your My Number Card' },
  intro: {
    ja: 'マイナンバーカードの準備ができました。受け取りの予約を、下記の予約サイトから行ってください。ご家族の分もまとめて予約できます（各人のログインIDとパスワードが必要です）。',
    en: "Your My Number Card is ready. Please book its pickup on the booking site below. You can book for your family at the same time (each person's log-in ID and password are needed).",
  },
  loginId: { ja: 'ログインID', en: 'Log-in ID' },
  password: { ja: 'パスワード', en: 'Password' },
  birthdayPassword: {
    ja: '誕生日4桁（生まれた月日を半角数字4桁で。例：4月1日生まれの方は 0401）',
    en: 'Your birthday as 4 digits (month and day; e.g. 0401 if you were born on 1 April)',
  },
  bookingSite: { ja: '予約サイト', en: 'Booking site' },
  deadline: { ja: '受取期限：{date}まで', en: 'Pick up by: {date}' },
  byPhone: {
    ja: '電話で予約される場合は、ログインIDと発送番号（{shippingNo}）をお伝えください。',
    en: 'To book by telephone, give your log-in ID and the shipping number ({shippingNo}).',
  },
  bring: {
    ja: '受け取りの際は、同封の交付通知書と本人確認書類をお持ちください。期限までに受け取れない場合は、下記までご連絡ください。',
    en: 'When you come, bring the enclosed notice and proof of identity. If you cannot come by the deadline, please contact us below.',
  },
  contactPhone: { ja: '電話 {phone}', en: 'Tel. {phone}' },
  contactHours: { ja: '受付時間 {hours}', en: 'Hours {hours}' },
  /** Joins the contact's parts on one line. */
  contactSeparator: { ja: '　', en: ' / ' },
  contact: { ja: 'お問い合わせ：{contact}', en: 'Contact: {contact}' },
});
