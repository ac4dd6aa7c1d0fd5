/**
 * Every text of the card booking site (internet zone, citizens): log-in, booking, cancelling. One
 * vocabulary: the letter's id is 「ログインID」 everywhere; 「予約番号」 is only a finished booking's own number.
 */
import { defineCatalogue } from '../../../../platform/i18n.js';

export const cardSiteMessages = defineCatalogue({
  siteName: { ja: 'マイナンバーカード受取予約', en: 'My Number card pickup booking' },
  // log-in
  loginTitle: { ja: 'ログイン', en: 'Log in' },
  loginHeading: { ja: 'マイナンバーカード受取の予約', en: 'Book your My Number card pickup' },
  loginIntro: {
    ja: '交付通知書に記載のログインIDとパスワードを入力してください。',
    en: 'Enter the log-in ID and password from your letter.',
  },
  loginId: { ja: 'ログインID', en: 'Log-in ID' },
  loginIdHint: { ja: '例: ABC-123456（ハイフンはなくても構いません）', en: 'e.g. ABC-123456 (hyphen optional)' },
  password: { ja: 'パスワード', en: 'Password' },
  passwordHint: {
    ja: '交付案内に記載のパスワード（記載がない場合は誕生日の月日4桁、例: 0401）',
    en: 'The password in your letter (if none: your birth month and day, e.g. 0401)',
  },
  shippingNo: { ja: '発送番号', en: 'Shipping number' },
  shippingNoHint: { ja: '交付通知書に記載の発送番号（例: S900000000）', en: 'The shipping number on your letter (e.g. S900000000)' },
  loginButton: { ja: 'ログイン', en: 'Log in' },
  loginExpired: {
    ja: '画面の有効期限が切れたか、正しくない画面から送信されました。もう一度ログインしてください。',
    en: 'This page expired or was not sent from this site. Please log in again.',
  },
  wrongCredentials: { ja: 'ログインIDまたはパスワードが正しくありません。', en: 'The log-in ID or password is not correct.' },
  lockedCallCity: {
    ja: 'ログインの失敗が続いたため、このログインIDはロックされています。お手数ですが、交付通知書に記載の窓口にお電話ください（職員がロックを解除するか、電話で予約をお受けします）。',
    en: 'This log-in ID is locked after too many failed log-ins. Please call the office on your letter (staff can unlock it or book for you by phone).',
  },
  needShipping: {
    ja: '現在、不正なログインの試みが多いため、ログインには交付通知書に記載の発送番号も必要です。発送番号を入力してください。',
    en: 'Because of many suspicious log-in attempts, the shipping number printed on your letter is also needed right now. Please enter it.',
  },
  logout: { ja: 'ログアウト', en: 'Log out' },
  // the booking
  bookingNumber: { ja: '予約番号', en: 'Booking number' },
  when: { ja: '日時', en: 'Date and time' },
  place: { ja: '場所', en: 'Place' },
  people: { ja: '人数', en: 'People' },
  peopleValue: { ja: '{n}人（ログインID: {ids}）', en: '{n} (log-in IDs: {ids})' },
  contact: { ja: 'お問い合わせ', en: 'Contact' },
  yourBooking: { ja: '予約内容', en: 'Your booking' },
  booked: {
    ja: '予約を受け付けました。当日は交付通知書（はがき）と本人確認書類をお持ちください。',
    en: 'Your booking is confirmed. Bring the notice (postcard) and your identity documents on the day.',
  },
  cancelling: { ja: '予約の取消', en: 'Cancelling' },
  cancellingIntro: {
    ja: '取り消すと、この予約の全員分が取り消されます。次の画面で内容を確認してから取り消します。',
    en: 'Cancelling cancels the booking for everyone in it. You confirm on the next page.',
  },
  goToCancel: { ja: '予約の取消に進む', en: 'Go to cancelling' },
  // booking steps
  bookTitle: { ja: '受取日時の予約', en: 'Book a pickup time' },
  cancelledNotice: {
    ja: '予約を取り消しました。別の日時で予約し直すことができます。',
    en: 'Your booking is cancelled. You can book another time.',
  },
  loggedInAs: { ja: 'ログインID {id} でログインしています。', en: 'Logged in as {id}.' },
  stepPlace: { ja: '1. 受取場所を選ぶ', en: '1. Choose the pickup place' },
  noPlaces: { ja: '現在、予約を受け付けている受取場所はありません。', en: 'No pickup place takes bookings at the moment.' },
  stepDay: { ja: '2. 日にちを選ぶ（{place}）', en: '2. Choose a day ({place})' },
  noDaysInMonth: { ja: 'この月に予約できる日はありません。', en: 'No days can be booked in this month.' },
  stepTime: { ja: '3. {date} の時間と受け取る人', en: '3. Time on {date} and who collects' },
  backToCalendar: { ja: '← カレンダーに戻る', en: '← Back to the calendar' },
  chooseTimeLegend: { ja: '時間を選ぶ', en: 'Choose a time' },
  noTimes: {
    ja: 'この日に予約できる時間はありません。別の日を選んでください。',
    en: 'No times left on this day. Please choose another day.',
  },
  slotLabel: { ja: '{start}〜{end}（残り{remaining}人）', en: '{start}〜{end}（{remaining} left）' },
  household: { ja: 'ご家族も一緒に受け取る（任意）', en: 'Family members collecting with you (optional)' },
  householdLegend: { ja: 'ご家族のログインIDとパスワード', en: "Family members' log-in IDs and passwords" },
  householdHint: {
    ja: 'ご本人の同意を得て、各人の交付通知書にあるログインIDとパスワードを入力してください。1つの予約で全員が同じ時間に受け取れます（空き人数が足りる時間を選んでください）。',
    en: "With each member's consent, enter the log-in ID and password from their letter. One booking covers everyone at the same time (choose a time with enough places left).",
  },
  memberId: { ja: 'ご家族{n} ログインID', en: 'Member {n} log-in ID' },
  memberPassword: { ja: 'ご家族{n} パスワード', en: 'Member {n} password' },
  consent: { ja: 'ご家族の同意を得ています', en: 'My family members have agreed' },
  email: { ja: 'メールアドレス（任意：予約完了と前日のお知らせ）', en: 'E-mail (optional: confirmation and reminder)' },
  memo: { ja: '連絡事項（任意）', en: 'Message (optional)' },
  bookButton: { ja: '予約する', en: 'Book' },
  privacyLink: { ja: 'この予約で取り扱う個人情報について', en: 'How this booking uses your personal data' },
  // refusals of the booking form
  checkInput: { ja: '入力内容を確認してください', en: 'Please check your answers' },
  needConsent: {
    ja: 'ご家族の分を予約するには、同意の確認にチェックしてください。',
    en: "Tick the box to confirm your family members' consent.",
  },
  memberRefused: { ja: 'ご家族{n}: {message}', en: 'Member {n}: {message}' },
  badEmail: { ja: 'メールアドレスの形式が正しくありません。', en: 'The e-mail address is not valid.' },
  chooseTime: { ja: '時間を選んでください。', en: 'Choose a time.' },
  // cancelling
  cancelTitle: { ja: '予約の取消の確認', en: 'Confirm the cancellation' },
  cancelAll: { ja: 'この予約の{n}人全員（{ids}）の分が取り消されます。', en: 'The booking is cancelled for all {n} people in it ({ids}).' },
  cancelOne: { ja: 'この予約を取り消します。', en: 'This booking will be cancelled.' },
  cancelButton: { ja: '取り消す', en: 'Cancel the booking' },
  cancelBack: { ja: '取り消さずに戻る', en: 'Go back without cancelling' },
  listSeparator: { ja: '、', en: ', ' },
  contactSeparator: { ja: '　', en: ', ' },
});
