/** The booking site's e-mails (completion, reminder, cancellation), in the language the booking was made in. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const cardMailMessages = defineCatalogue({
  completionSubject: { ja: 'マイナンバーカード受取の予約を受け付けました', en: 'Your My Number card pickup is booked' },
  completionLead: { ja: 'マイナンバーカード受取の予約を受け付けました。', en: 'Your booking to collect your My Number card is confirmed.' },
  reminderSubject: { ja: '【明日】マイナンバーカード受取のご予約', en: '[Tomorrow] Your My Number card pickup' },
  reminderLead: { ja: 'マイナンバーカード受取のご予約は明日です。', en: 'Your booking to collect your My Number card is tomorrow.' },
  cancellationSubject: { ja: 'マイナンバーカード受取の予約を取り消しました', en: 'Your My Number card pickup booking is cancelled' },
  cancellationLead: {
    ja: 'マイナンバーカード受取の予約を取り消しました。別の日時で予約し直すことができます。',
    en: 'Your booking to collect your My Number card is cancelled. You can book another time.',
  },
  bookingNumber: { ja: '予約番号: {ref}', en: 'Booking number: {ref}' },
  when: { ja: '日時: {when}', en: 'Date and time: {when}' },
  place: { ja: '場所: {place}', en: 'Place: {place}' },
  people: { ja: '人数: {n}人', en: 'People: {n}' },
  bring: {
    ja: '交付通知書と本人確認書類をお持ちください。予約の確認・取消は、交付通知書のログインIDとパスワードで予約サイトにログインして行えます。',
    en: 'Bring the notice (postcard) and your identity documents. To see or cancel the booking, log in to the booking site with the log-in ID and password on your notice.',
  },
  rebook: {
    ja: '予約し直すときは、交付通知書のログインIDとパスワードで予約サイトにログインしてください。',
    en: 'To book again, log in to the booking site with the log-in ID and password on your notice.',
  },
  sendOnly: {
    ja: '※このメールは送信専用です。お心当たりのない場合は破棄してください。',
    en: 'This address does not take replies. If you did not expect this e-mail, please delete it.',
  },
});
