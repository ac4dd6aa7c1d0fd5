/** Texts of the citizen's My Page screens (list, log-in, mailed links, a booking, change, edit, cancel). */
import { defineCatalogue } from '../../../platform/i18n.js';

export const myPageMessages = defineCatalogue({
  title: { ja: 'マイページ', en: 'My Page' },
  loginHeading: { ja: 'マイページ（予約の確認・変更・取消）', en: 'My Page' },
  closedNotice: { ja: 'マイページを閉じました。', en: 'My Page has been closed.' },

  // log-in forms
  oneHeading: { ja: '予約番号と電話番号で開く', en: 'Open one booking with its number and phone' },
  oneIntro: {
    ja: '予約番号と、その予約のときに入力した電話番号を入力してください。その1件の予約が開きます。',
    en: 'Enter the reservation number and the phone number given for that booking. That one booking opens.',
  },
  number: { ja: '予約番号', en: 'Reservation number' },
  numberHint: { ja: '例: ABCD-2345（8文字）', en: 'e.g. ABCD-2345 (8 characters)' },
  phone: { ja: '電話番号', en: 'Phone number' },
  showBooking: { ja: '予約を表示する', en: 'Show my booking' },
  wrongNumberOrPhone: { ja: '予約番号または電話番号が正しくありません。', en: 'The number or phone number is not correct.' },
  emailHeading: { ja: 'メールアドレスで予約の一覧を開く', en: 'See all your bookings by e-mail' },
  emailIntro: {
    ja: '予約のときに入力したメールアドレスに、予約の一覧を開くリンクをお送りします（{minutes}分間、1回だけ使えます）。予約完了メールのリンクからも、その予約を開けます。',
    en: 'We e-mail a link (valid for {minutes} minutes, once) that lists the bookings made with that address. The link in a confirmation e-mail also opens its booking.',
  },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  sendLink: { ja: 'リンクを送る', en: 'Send me the link' },

  // a booking this browser may not open
  notOpenTitle: {
    ja: 'この画面は、予約をした端末で一定時間だけ表示できます。',
    en: 'This page can be shown only for a while, on the device that made the booking.',
  },
  notOpenNotCancelled: {
    ja: 'ご予約は取り消されていません。次のどちらかの方法で開いてください。',
    en: 'Your booking has not been cancelled. Open it in one of these ways:',
  },
  notOpenByMail: { ja: '予約完了メールの「マイページ」のリンクを開く', en: 'the My Page link in the confirmation e-mail' },
  notOpenByForm: { ja: '下の欄に予約番号と電話番号を入力する', en: 'the reservation number and phone number below' },

  // the list
  listByEmail: {
    ja: 'メールアドレスで確認したご予約と、この端末で開いたご予約です。',
    en: 'Bookings made with your e-mail address, and those opened on this device.',
  },
  listByDevice: {
    ja: 'この端末で開いたご予約です。ほかのご予約は、予約番号と電話番号、またはメールのリンクで開けます。',
    en: 'Bookings opened on this device. Open others with their number and phone, or by e-mail.',
  },
  numberShort: { ja: '予約番号', en: 'Number' },
  noBookings: { ja: '表示できる予約はありません。', en: 'No bookings to show.' },
  newBooking: { ja: '新しく予約する', en: 'Make a new booking' },
  openAnother: { ja: 'ほかの予約を開く', en: 'Open another booking' },
  close: { ja: 'マイページを閉じる', en: 'Close My Page' },

  // mailed links
  checkMailHeading: { ja: 'メールをご確認ください', en: 'Please check your e-mail' },
  checkMailTitle: { ja: 'メールをご確認ください', en: 'Check your e-mail' },
  checkMailSent: {
    ja: '入力されたメールアドレスでのご予約があれば、マイページを開くリンクをお送りしました。リンクは{minutes}分間、1回だけ使えます。',
    en: 'If there are bookings with this address, we have sent a link to open My Page. It works once, within {minutes} minutes.',
  },
  checkMailNone: {
    ja: 'メールが届かない場合は、予約番号と電話番号で1件ずつ開けます。',
    en: 'No e-mail? Open each booking with its number and phone.',
  },
  toMyPage: { ja: 'マイページへ', en: 'My Page' },
  openHeading: { ja: 'マイページを開く', en: 'Open My Page' },
  showBookings: { ja: 'ご予約の一覧を表示する', en: 'Show my bookings' },
  linkUnusable: {
    ja: 'このリンクは使えません（使用済みか、期限切れです）。もう一度リンクをお送りください。',
    en: 'This link cannot be used (already used or expired). Please ask for a new one.',
  },

  // a booking
  cancelledHeading: { ja: '取り消したご予約', en: 'Cancelled booking' },
  bookedHeading: { ja: '予約が完了しました', en: 'You are booked' },
  bookedNote: {
    ja: '予約番号を控えてください。当日は窓口で予約番号またはQRコードをお示しください。',
    en: 'Please note your number and show it (or the QR code) at the counter.',
  },
  mailSent: { ja: ' 確認メールをお送りしました。', en: ' We have sent a confirmation e-mail.' },
  yourBooking: { ja: 'ご予約の内容', en: 'Your booking' },
  cancelledNotice: { ja: '予約を取り消しました。', en: 'Your booking has been cancelled.' },
  cancelledWarning: {
    ja: 'この予約は取り消されています。この予約番号では受付できません。',
    en: 'This booking has been cancelled. Its number cannot be used at the counter.',
  },
  changedNotice: { ja: '予約を変更しました。', en: 'Your booking has been changed.' },
  numberCancelled: { ja: '予約番号（取消済み）', en: 'Reservation number (cancelled)' },
  qrAlt: { ja: '予約番号 {number} のQRコード', en: 'QR code of {number}' },
  status: { ja: '状態', en: 'Status' },
  service: { ja: '予約内容', en: 'Service' },
  when: { ja: '日時', en: 'When' },
  place: { ja: '場所', en: 'Place' },
  changeTime: { ja: '日時を変更する', en: 'Change the date or time' },
  changeDetails: { ja: '入力内容を変更する', en: 'Change your details' },
  cancelBooking: { ja: '予約を取り消す', en: 'Cancel the booking' },
  changesClosed: {
    ja: '変更・取消の受付は開始の{minutes}分前までです。お急ぎの場合は担当窓口へお電話ください。',
    en: 'Changes close {minutes} minutes before the start. Please call the office.',
  },
  toMyPageTop: { ja: 'マイページのトップへ', en: 'My Page' },

  // change of date and time
  back: { ja: '← 予約の内容に戻る', en: '← Back' },
  changeHeading: { ja: '日時の変更', en: 'Change the date or time' },
  changeTitle: { ja: '日時の変更', en: 'Change' },
  now: { ja: '現在の予約', en: 'Now' },
  backToCalendar: { ja: '← カレンダーに戻る', en: '← Back to the calendar' },
  chooseNewTime: { ja: '新しい時間を選んでください。', en: 'Choose the new time.' },
  confirmHeading: { ja: '変更内容の確認', en: 'Confirm the change' },
  confirmTitle: { ja: '変更内容の確認', en: 'Confirm' },
  from: { ja: '変更前', en: 'From' },
  to: { ja: '変更後', en: 'To' },
  changeSubmit: { ja: 'この日時に変更する', en: 'Change' },
  keep: { ja: '変更しない', en: 'Keep the booking as it is' },
  notChanged: { ja: '変更できませんでした', en: 'Not changed' },
  justFull: { ja: '申し訳ありません。選択した時間は満員になりました。', en: 'Sorry, that time is now full.' },
  backToBooking: { ja: '予約の内容に戻る', en: 'Back to the booking' },

  // edit
  editHeading: { ja: '入力内容の変更', en: 'Change your details' },
  save: { ja: '変更する', en: 'Save' },

  // cancel
  cancelTitle: { ja: '予約の取消', en: 'Cancel' },
  cancelHeading: { ja: '予約を取り消しますか？', en: 'Cancel this booking?' },
  cancelSubmit: { ja: '取り消す', en: 'Cancel the booking' },
  keepBooking: { ja: '取り消さずに戻る', en: 'Keep the booking' },
});
