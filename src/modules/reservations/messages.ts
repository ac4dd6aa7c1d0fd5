/** Messages of the reservations module that several operations share. */
import { errors, type FieldError } from '../../http/errors.js';
import { defineCatalogue, type Lang, type Text } from '../../platform/i18n.js';
import type { WindowProblem } from './rules.js';

export const reservationMessages = defineCatalogue({
  notASlot: {
    ja: '選択した日時は予約を受け付けていません（休日・閉庁日または受付時間外です）。',
    en: 'Bookings are not taken at this date and time (closed day or outside opening hours).',
  },
  past: { ja: '過去の日時は予約できません。', en: 'You cannot book a time in the past.' },
  tooLate: {
    ja: 'この日時の受付は終了しました（開始の{minutes}分前まで）。',
    en: 'Bookings for this time have closed ({minutes} minutes before the start).',
  },
  tooLateChange: {
    ja: '開始の{minutes}分前を過ぎたため、変更・取消はできません。窓口へお電話ください。',
    en: 'Changes and cancellations close {minutes} minutes before the start. Please call the office.',
  },
  notOpenYet: {
    ja: 'この日時の予約受付はまだ始まっていません（{days}日先まで予約できます）。',
    en: 'Bookings for this date have not opened yet (up to {days} days ahead).',
  },
  slotFull: {
    ja: '選択した時間は満員になりました。別の時間を選んでください。',
    en: 'That time is now fully booked. Please choose another time.',
  },
  serviceUnknown: { ja: 'この予約窓口は見つかりません。', en: 'This service does not exist.' },
  notBooked: { ja: 'この予約は変更・取消できない状態です。', en: 'This booking can no longer be changed or cancelled.' },
  idempotencyMismatch: {
    ja: '同じ Idempotency-Key が別の内容の申込みに使われました。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  idempotencyKeyFormat: {
    ja: 'Idempotency-Key は8〜200文字の英数記号で指定してください。',
    en: 'Idempotency-Key must be 8–200 printable ASCII characters.',
  },
  // the API's date range (api.routes.ts) and date fields (reservations.schemas.ts)
  dateNotReal: { ja: '存在しない日付です。', en: 'Not a valid date.' },
  dateRangeTooLong: { ja: '開始日から{days}日以内の日付を指定してください。', en: 'Use a date within {days} days after "from".' },
  dateFormat: { ja: '日付は YYYY-MM-DD の形式で指定してください。', en: 'Use a date like 2026-12-01.' },
  // staff forms (reservations.schemas.ts)
  backNotValid: { ja: '戻り先が正しくありません。', en: 'The return address is not valid.' },
  reasonTooLong: { ja: '理由は500文字以内で入力してください。', en: 'Keep the reason to 500 characters.' },
  // refusals
  navLabel: { ja: '予約', en: 'Reservations' },
  noClosure: { ja: 'この日は臨時休業として登録されていません。', en: 'This day is not registered as a closure.' },
  lookupFailed: { ja: '予約番号または確認情報が正しくありません。', en: 'The reservation number or the second detail is not correct.' },
  overbookAdminOnly: {
    ja: '定員を超える予約（オーバーブッキング）は所属管理者のみが行えます。',
    en: 'Only a department administrator may overbook.',
  },
  manageServicesAdminOnly: {
    ja: '予約窓口の設定を変更できるのは所属管理者のみです。',
    en: 'Only a department administrator may manage services.',
  },
  // status changes and check-in (set-status.ts); {from}, {to}, {when} are written in the message's language
  statusOfCancelled: {
    ja: 'この予約は取り消されています。状態を変えることはできません。',
    en: 'This booking has been cancelled; its status cannot change.',
  },
  statusTransition: { ja: '状態を「{from}」から「{to}」に変えることはできません。', en: 'The status cannot change from {from} to {to}.' },
  checkInOtherDay: {
    ja: '予約番号 {number} は{when}のご予約です。受付は予約の当日だけできます。',
    en: '{number} is booked for {when}. Check-in is possible only on that day.',
  },
  checkInNumberRequired: { ja: '予約番号（8文字）を入力してください。', en: 'Enter the 8-character reservation number.' },
  checkInNotFound: { ja: '予約番号 {number} の予約は見つかりません。番号をお確かめください。', en: 'No booking with the number {number}.' },
  checkInCancelled: {
    ja: '予約番号 {number}（{when}）は取り消された予約です。受付できません。',
    en: '{number} ({when}) was cancelled and cannot be checked in.',
  },
  // what a person enters for a booking (validate-input.ts)
  required: { ja: '入力してください。', en: 'This is required.' },
  notValid: { ja: '形式が正しくありません。', en: 'Not valid.' },
  enterName: { ja: 'お名前を入力してください。', en: 'Enter your name.' },
  tooLong: { ja: '{max}文字以内で入力してください。', en: 'Enter at most {max} characters.' },
  enterPhone: { ja: '電話番号を入力してください。', en: 'Enter your phone number.' },
  phoneFormat: { ja: '電話番号は「090-1234-5678」のように入力してください。', en: 'Enter a Japanese phone number such as 090-1234-5678.' },
  emailFormatExample: {
    ja: 'メールアドレスの形式で入力してください（例: taro@example.jp）。',
    en: 'Enter an e-mail address, e.g. taro@example.jp.',
  },
  enterEmail: { ja: 'メールアドレスを入力してください。', en: 'Enter your e-mail address.' },
  fieldNotAccepted: { ja: 'この項目は受け付けていません。', en: 'This field is not accepted.' },
  chooseOne: { ja: '選んでください。', en: 'Choose one.' },
  chooseOption: { ja: '選択肢から選んでください。', en: 'Choose one of the options.' },
  emailFormat: { ja: 'メールアドレスの形式で入力してください。', en: 'Enter an e-mail address.' },
  phoneFormatShort: { ja: '電話番号の形式で入力してください。', en: 'Enter a phone number.' },
  // the My Page sign-in link mail (my-page-link.ts), in the language the person asked in
  myLinkSubject: { ja: '【マイページ】ご予約の一覧を開くリンク', en: '[My Page] Your link to your bookings' },
  myLinkBody: {
    ja: 'マイページを開くためのリンクをお送りします。このメールアドレスでされたご予約の一覧が表示されます。\n\nマイページを開く: {url}\n\n※リンクは{minutes}分間、1回だけ使えます。お心当たりのない場合は、このメールを破棄してください。\n※このメールは送信専用です。',
    en: 'Here is your link to My Page: it lists the bookings made with this e-mail address.\n\nOpen My Page: {url}\n\nThe link works once, for {minutes} minutes. If you did not ask for it, please delete this mail.\nThis address does not receive replies.',
  },
});

/** A text whose parts are written per language (a time, a label): each language rendered by `f`. */
export function perLang(f: (lang: Lang) => string): Text {
  return { ja: f('ja'), en: f('en') };
}

/** The messages as `{ ja, en }` texts, for errors that are translated at the edge (`m.notBooked`). */
export const m = reservationMessages.messages;

export function windowError(problem: WindowProblem, o: { minutes: number; days: number; mode: 'book' | 'change' }): never {
  const text =
    problem === 'past'
      ? reservationMessages.text('past')
      : problem === 'not_open_yet'
        ? reservationMessages.text('notOpenYet', { days: o.days })
        : reservationMessages.text(o.mode === 'book' ? 'tooLate' : 'tooLateChange', { minutes: o.minutes });
  const fe: FieldError[] = [{ field: 'start', message: text }];
  throw errors.validation(fe);
}

export const slotFullError = () => errors.conflict('slot_full', reservationMessages.text('slotFull'));
