/** Every text of the citizen booking screens (service list → calendar → times → details → check → booked). */
import { defineCatalogue } from '../../../platform/i18n.js';

export const bookingMessages = defineCatalogue({
  // service list (/)
  homeTitle: { ja: '窓口・相談の予約', en: 'Book a counter or consultation' },
  homeShortTitle: { ja: '窓口・相談の予約', en: 'Bookings' },
  homeIntro: {
    ja: '市役所の窓口や相談の予約ができます。予約の確認・変更・取消は「マイページ」からできます。',
    en: 'Book a visit to a city hall counter or a consultation. See, change or cancel a booking on My Page.',
  },
  homeMyPage: { ja: 'マイページ（予約の確認・変更・取消）', en: 'My Page (see, change, cancel)' },
  kindConsultation: { ja: '相談', en: 'Consultation' },
  kindCounter: { ja: '窓口', en: 'Counter' },
  bookService: { ja: '{name}を予約する', en: 'Book: {name}' },
  noServices: { ja: '現在、予約を受け付けている窓口はありません。', en: 'No services are open for booking.' },
  demoMailboxBefore: {
    ja: 'デモ環境です。送信されたメール（予約完了・リマインドなど）は ',
    en: 'Demo: e-mails sent (confirmations, reminders) arrive at ',
  },
  demoMailboxLink: { ja: 'デモ用メールボックス', en: 'the demo mailbox' },
  demoMailboxAfter: { ja: ' で確認できます。', en: '.' },

  // calendar and times
  allServices: { ja: '← 窓口の一覧', en: '← All services' },
  backToCalendar: { ja: '← カレンダーに戻る', en: '← Back to the calendar' },
  chooseTime: { ja: '時間を選んでください', en: 'choose a time' },

  // details form
  chooseAnotherTimeLink: { ja: '← 時間を選び直す', en: '← Choose another time' },
  formHeading: { ja: 'お客様の情報を入力してください', en: 'Your details' },
  formTitle: { ja: '予約の入力', en: 'Your details' },
  privacyNote: {
    ja: 'ご入力いただいた情報は、この予約の受付と連絡にのみ使い、予約日から一定期間後に消去します。',
    en: 'We use your details only for this booking and erase them some time after its date.',
  },
  privacyLink: { ja: 'この予約で取り扱う個人情報について', en: 'How this booking uses your personal data' },
  review: { ja: '入力内容を確認する', en: 'Review' },
  prefillOffer: {
    ja: '前回のご予約の連絡先（氏名・電話番号・メールアドレス）を入力する',
    en: 'Fill in the contact details of your last booking (name, phone, e-mail)',
  },
  timeClosed: {
    ja: 'この時間は予約を受け付けていません。別の時間を選んでください。',
    en: 'This time can no longer be booked. Please choose another.',
  },
  timeClosedField: {
    ja: 'この時間は予約を受け付けていません。時間を選び直してください。',
    en: 'This time can no longer be booked.',
  },

  // check your booking
  checkTitle: { ja: '予約内容の確認', en: 'Check your booking' },
  service: { ja: '予約内容', en: 'Service' },
  when: { ja: '日時', en: 'When' },
  book: { ja: 'この内容で予約する', en: 'Book' },
  correct: { ja: '入力内容を修正する', en: 'Correct your answers' },

  // choose another time, keeping the answers
  otherTimeHeading: { ja: '別の時間を選んでください', en: 'Choose another time' },
  otherTimeTitle: { ja: '別の時間を選ぶ', en: 'Choose another time' },
  answersKept: { ja: '入力した内容はそのまま引き継ぎます。', en: 'Your answers are kept.' },
  otherDays: { ja: 'ほかの日', en: 'Other days' },

  // booking refused
  notBooked: { ja: '予約できませんでした。', en: 'Not booked.' },
  justFull: { ja: '申し訳ありません。選択した時間は満員になりました。', en: 'Sorry, that time has just been fully booked.' },
});
