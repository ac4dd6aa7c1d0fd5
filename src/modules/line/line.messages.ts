/** Texts of the LINE chatbot, in the language the user chose ("English" / "日本語"); Japanese until they choose. */
import { defineCatalogue } from '../../platform/i18n.js';

export const lineMessages = defineCatalogue({
  greeting: {
    ja:
      '友だち追加ありがとうございます。市役所の窓口予約のご案内です。\n' +
      '下のメニューの「予約する」を押すか、「予約」と送ってください。予約の確認・変更・取消は「確認」、使い方は「ヘルプ」です。\n' +
      'このトークでは氏名や電話番号を送らないでください（予約ページで入力します）。\n' +
      'For English, send "English".',
    en:
      'Thank you for adding us as a friend. This account books appointments at the city office counters.\n' +
      'Press "Book" in the menu below or send "book". To view, change or cancel a booking send "my bookings"; for help send "help".\n' +
      'Please do not send your name or phone number in this chat (you enter them on the booking page).\n' +
      '日本語でのご案内は「日本語」と送ってください。',
  },
  langChosen: {
    ja: 'これから日本語でご案内します。予約は「予約する」、確認・変更・取消は「予約の確認・変更」を押してください。',
    en: 'From now on we answer in English, and bookings you start here are made in English. Press "Book" to book, or "My bookings" to view, change or cancel one.',
  },
  noCounters: {
    ja: '現在、LINEから予約できる窓口はありません。お手数ですが、お電話でお問い合わせください。\n{contact}',
    en: 'No counter can be booked through LINE at the moment. Please call us.\n{contact}',
  },
  chooseDepartment: {
    ja: 'どちらの課の窓口をご予約ですか。下から選んでください。{note}',
    en: 'Which division would you like to book? Choose below.{note}',
  },
  noServicesInDepartment: {
    ja: 'その課には予約できる窓口がありません。もう一度お選びください。',
    en: 'That division has no counter to book. Please choose again.',
  },
  chooseService: {
    ja: '{department}のどの手続き・相談をご予約ですか。{note}',
    en: 'Which procedure or consultation at {department}?{note}',
  },
  serviceClosed: {
    ja: 'その窓口は現在予約を受け付けていません。もう一度お選びください。',
    en: 'That counter is not taking bookings at the moment. Please choose again.',
  },
  myBookings: { ja: 'ご予約の確認・変更・取消はマイページからできます。', en: 'You can view, change or cancel your bookings on My Page.' },
  openMyPage: { ja: 'マイページを開く', en: 'Open My Page' },
  cancel: {
    ja: '予約の取消はマイページの該当する予約から行えます。取消期限を過ぎた場合は担当課へお電話ください。',
    en: 'Cancel a booking from that booking on My Page. After the cancellation deadline, please call the division.',
  },
  cancelAlt: { ja: '予約の取消はマイページから', en: 'Cancel on My Page' },
  help: {
    ja:
      '【使い方】\n1. 「予約する」で課と手続きを選ぶ\n2. 開いた予約ページで日時を選び、必要事項を入力\n3. 予約番号がこのトークに届きます（前日にもお知らせします）\n\n' +
      '確認・変更・取消は「予約の確認・変更」から。氏名などの個人情報はこのトークに送らないでください。\nFor English, send "English".',
    en:
      'How to use this account\n1. Press "Book" and choose the division and the procedure\n2. On the booking page, choose a date and time and fill in the form\n3. Your booking number arrives in this chat (and a reminder the day before)\n\n' +
      'To view, change or cancel, press "My bookings". Please do not send your name or other personal data in this chat.\n日本語でのご案内は「日本語」と送ってください。',
  },
  fallback: {
    ja: 'このトークでは、窓口の予約と、予約の確認・変更・取消ができます。\n手続きについてのご質問は、お手数ですが市役所へお問い合わせください。\n{contact}\n\n予約は「予約する」、確認・変更・取消は「予約の確認・変更」を押してください。',
    en: 'In this chat you can book a counter and view, change or cancel your bookings.\nFor questions about procedures, please contact the city office.\n{contact}\n\nPress "Book" to book, or "My bookings" to view, change or cancel.',
  },
  serviceLink: {
    ja: '「{service}」の予約ページです。日時を選んでご予約ください。',
    en: 'The booking page for "{service}". Choose a date and time to book.',
  },
  openBookingPage: { ja: '予約ページを開く', en: 'Open the booking page' },
  bookingPageAlt: { ja: '{service}の予約ページ', en: 'Booking page: {service}' },
  // quick replies (labels at most 20 characters)
  menuBook: { ja: '予約する', en: 'Book' },
  menuMyBookings: { ja: '予約の確認・変更', en: 'My bookings' },
  menuHelp: { ja: '使い方', en: 'Help' },
  prevLabel: { ja: '◀ 前へ', en: '◀ Back' },
  prevText: { ja: '前へ', en: 'Back' },
  nextLabel: { ja: 'もっと見る ▶', en: 'More ▶' },
  nextText: { ja: 'もっと見る', en: 'More' },
  pageNote: { ja: '（{page}/{pages}ページ）', en: ' (page {page} of {pages})' },
});

/** Texts for staff sending a one-off LINE message (staff-message.ts). */
export const lineStaffMessages = defineCatalogue({
  enterMessage: { ja: 'メッセージを入力してください。', en: 'Enter a message.' },
  messageTooLong: { ja: 'メッセージは{max}文字以内で入力してください。', en: 'Keep the message within {max} characters.' },
  notALineBooking: { ja: 'この予約はLINEからの予約ではありません。', en: 'This booking was not made through LINE.' },
  unfollowed: { ja: 'この方はLINE公式アカウントの友だちではなくなっています。', en: 'This person no longer follows the LINE account.' },
});

/** My Page inside LINE (my-bookings.ts). */
export const lineMyPageMessages = defineCatalogue({
  title: { ja: 'マイページ（LINE）', en: 'My bookings (LINE)' },
  openFromLine: {
    ja: 'LINEアプリのメニュー「予約の確認」から開いてください。',
    en: 'Please open this page from the “My bookings” item of the menu in the LINE app.',
  },
  none: { ja: 'LINEから予約したご予約はありません。', en: 'You have no bookings made through LINE.' },
  when: { ja: '日時', en: 'When' },
  place: { ja: '場所', en: 'Place' },
  number: { ja: '予約番号', en: 'Number' },
  status: { ja: '状態', en: 'Status' },
  manage: { ja: '確認・変更・取消', en: 'View, change or cancel' },
  bookAnother: { ja: '別の窓口を予約する', en: 'Book another counter' },
});
