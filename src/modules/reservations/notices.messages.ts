/** Texts of the booking notices (e-mail and LINE), in the language the booking was made in. */
import { defineCatalogue } from '../../platform/i18n.js';

export const noticeMessages = defineCatalogue({
  // e-mail subjects; {number} is the display number (Q689-YYZA)
  'subject.confirmation': { ja: '【予約完了】ご予約を受け付けました（{number}）', en: 'Booking confirmed ({number})' },
  'subject.reminder': {
    ja: '【リマインド】ご予約の日が近づいています（{number}）',
    en: 'Reminder: your appointment is coming up ({number})',
  },
  'subject.change': { ja: '【予約変更】ご予約の内容を変更しました（{number}）', en: 'Booking changed ({number})' },
  'subject.cancel': { ja: '【予約取消】ご予約を取り消しました（{number}）', en: 'Booking cancelled ({number})' },
  'subject.closure': {
    ja: '【臨時休業】ご予約の日は窓口がお休みです（{number}）',
    en: 'The office is closed on the day of your booking ({number})',
  },

  // the first paragraph of an e-mail
  'lead.confirmation': {
    ja: '次の内容でご予約を受け付けました。当日は予約番号（またはこのメールのQRコード）を窓口でお示しください。',
    en: 'Your booking is confirmed. On the day, please show the booking number (or the QR code in this e-mail) at the counter.',
  },
  'lead.reminder': {
    ja: 'ご予約の日が近づいています。次の内容をご確認ください。',
    en: 'Your appointment is coming up. Please check the details below.',
  },
  'lead.change': { ja: 'ご予約の内容を次のとおり変更しました。', en: 'Your booking has been changed as follows.' },
  'lead.cancel': { ja: '次のご予約を取り消しました。', en: 'The following booking has been cancelled.' },
  'lead.closure': {
    ja: '次のご予約の日は、窓口が臨時休業となりました。ご予約はまだ取り消されていません。お手数ですが、マイページから別の日時に変更するか、取り消してください。',
    en: 'The office is closed on the day of the booking below. Your booking has not been cancelled: please change it to another day or cancel it on My Page.',
  },

  // short titles (LINE card header, alt text)
  'title.confirmation': { ja: 'ご予約を受け付けました', en: 'Booking confirmed' },
  'title.change': { ja: 'ご予約を変更しました', en: 'Booking changed' },
  'title.cancel': { ja: 'ご予約を取り消しました', en: 'Booking cancelled' },
  'title.reminder': { ja: 'ご予約の日が近づいています', en: 'Your appointment is coming up' },
  'title.closure': { ja: 'ご予約の日は窓口が臨時休業です', en: 'The office is closed on your booking day' },

  // field labels (e-mail lines "label: value", LINE rows)
  number: { ja: '予約番号', en: 'Booking number' },
  service: { ja: '予約内容', en: 'Service' },
  serviceShort: { ja: '内容', en: 'Service' },
  when: { ja: '日時', en: 'Date and time' },
  place: { ja: '場所', en: 'Place' },
  reason: { ja: '取消の理由', en: 'Reason for cancellation' },
  message: { ja: 'お知らせ', en: 'Message from the office' },
  contact: { ja: 'お問い合わせ', en: 'Contact' },
  line: { ja: '{label}: {value}', en: '{label}: {value}' },
  myPageManage: { ja: '予約の確認・変更・取消（マイページ）: {url}', en: 'View, change or cancel your booking (My Page): {url}' },
  myPageChange: { ja: '予約の変更・取消（マイページ）: {url}', en: 'Change or cancel your booking (My Page): {url}' },
  footer: {
    ja: '※このメールは送信専用です。お心当たりのない場合は破棄してください。',
    en: 'This is an automatic message; replies are not read. If you did not make this booking, please ignore it.',
  },

  // LINE
  altText: { ja: '{title}（予約番号 {number}）{service} {when}', en: '{title} (booking {number}) {service} {when}' },
  closureNotCancelled: {
    ja: 'ご予約はまだ取り消されていません。マイページから別の日時に変更するか、取り消してください。',
    en: 'Your booking has not been cancelled. Please change it to another day or cancel it on My Page.',
  },
  buttonManage: { ja: 'マイページで確認・変更', en: 'View or change' },
  buttonChange: { ja: 'マイページで変更・取消', en: 'Change or cancel' },
});
