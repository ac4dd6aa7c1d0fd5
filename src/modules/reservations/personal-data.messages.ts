/** Texts of the reservations module's privacy register entries (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const reservationsPersonalDataMessages = defineCatalogue({
  myPageScope: { ja: '予約のマイページ（メールで届くログイン用リンク）', en: 'My Page for bookings (sign-in links by e-mail)' },
  'name.label': { ja: '予約者の氏名', en: 'Name of the person booking' },
  'phone.label': { ja: '予約者の電話番号', en: 'Phone number of the person booking' },
  'email.label': { ja: '予約者のメールアドレス', en: 'E-mail address of the person booking' },
  'lineUserId.label': { ja: 'LINEで予約した人のLINEユーザーID', en: 'LINE user id of a booking made through LINE' },
  'answers.label': {
    ja: '予約フォームの回答（サービスごとの質問への回答をまとめて暗号化したもの。各質問は別の項目として記載）',
    en: "Answers to the booking form (the service's own questions, encrypted together; each question is listed as its own item)",
  },
  'accessToken.label': { ja: '予約の確認・変更用リンクの秘密のトークン（ハッシュ値）', en: "Secret token of a booking's own link (hash)" },
  'idempotency.label': {
    ja: '同じ予約の再送に同じ結果を返すための控え（最初の応答とリクエストのハッシュ値）',
    en: 'Copy kept to answer a repeated booking request the same way (the first answer, and a hash of the request)',
  },
  'cancelReason.label': { ja: '予約の取消理由（職員が入力）', en: 'Reason for a cancellation (typed by staff)' },
  'myPageAddress.label': {
    ja: 'マイページのログイン用リンクを申し込んだメールアドレス（ハッシュ値）',
    en: 'E-mail address a My Page sign-in link was asked for (hash)',
  },
  'myPageToken.label': {
    ja: 'マイページのログイン用リンクとセッションのトークン（ハッシュ値）',
    en: 'Tokens of My Page sign-in links and sessions (hashes)',
  },
  'purpose.booking': {
    ja: '窓口・相談の予約を受け付け、当日に本人を確認し、必要なときに連絡するため',
    en: 'To take the booking, recognise the person on the day, and contact them when needed',
  },
  'purpose.email': {
    ja: '予約の受付・変更・取消・前日のお知らせと、マイページのログイン用リンクを送るため',
    en: 'To send the confirmation, change, cancellation and reminder notices, and My Page sign-in links',
  },
  'purpose.line': {
    ja: 'LINEで予約した人に、予約の通知と職員からの連絡をLINEで送るため',
    en: 'To send the notices, and messages from staff, by LINE to people who booked through LINE',
  },
  'purpose.answers': {
    ja: 'サービスが予約時に尋ねる内容（来庁の目的など）を、担当課が準備に使うため',
    en: 'So the department can prepare the appointment with what the service asks (the reason for the visit, …)',
  },
  'purpose.definedField': {
    ja: '「{service}」の予約フォームの質問への回答を、担当課が準備に使うため',
    en: 'So the department can prepare the appointment: an answer to a question of the booking form of "{service}"',
  },
  'purpose.accessToken': {
    ja: '予約した本人だけが、予約の確認・変更・取消のリンクを開けるようにするため',
    en: "So that only the person who booked can open their booking's link to check, change or cancel it",
  },
  'purpose.idempotency': {
    ja: '通信の再送で同じ予約が二重に作られないようにするため',
    en: 'So that a resent request does not book twice',
  },
  'purpose.cancelReason': {
    ja: '取り消した理由を記録し、本人への取消のお知らせに記載するため',
    en: 'To record why a booking was cancelled, and to tell the person in the cancellation notice',
  },
  'purpose.myPage': {
    ja: 'メールアドレスを持つ本人であることを確かめ、そのアドレスで予約した一覧をマイページに表示するため',
    en: 'To prove control of an address and list the bookings made with it on My Page',
  },
  'readers.self': {
    ja: '予約した本人（マイページ、予約のリンク）',
    en: 'The person who booked (My Page, the booking link)',
  },
  'mail.receives': {
    ja: 'メールアドレスと通知の本文（予約番号・サービス名・日時・場所・取消理由・マイページのリンク。氏名と電話番号は含みません）',
    en: 'The address and the notice text (booking number, service, time, place, cancellation reason, My Page link; never the name or phone)',
  },
  'line.receives': {
    ja: 'LINEユーザーIDと通知の本文（予約番号・サービス名・日時・場所・取消理由・マイページのボタン。氏名と電話番号は含みません）、職員からの個別メッセージ',
    en: "The LINE user id and the notice text (booking number, service, time, place, cancellation reason, My Page button; never the name or phone), and staff's one-off messages",
  },
  'cancelReason.mailReceives': {
    ja: 'メールアドレスと、取消理由を含む取消のお知らせ',
    en: 'The address and the cancellation notice quoting the reason',
  },
  'cancelReason.lineReceives': {
    ja: 'LINEユーザーIDと、取消理由を含む取消のお知らせ',
    en: 'The LINE user id and the cancellation notice quoting the reason',
  },
  'retention.booking': {
    ja: '予約日からサービスごとに定めた日数（保存期間）が過ぎると消去。予約の行は統計のため個人情報なしで残ります',
    en: 'Erased once the days set per service (its retention) have passed since the appointment; the booking row stays, without personal data, for statistics',
  },
  'retention.bookingDays': {
    ja: '予約日から{days}日が過ぎると消去。予約の行は統計のため個人情報なしで残ります',
    en: 'Erased {days} days after the appointment; the booking row stays, without personal data, for statistics',
  },
  'retention.idempotency': { ja: '1日後に消去', en: 'Erased after a day' },
  'retention.myPage': {
    ja: 'リンクは30分、セッションは期限まで有効。期限切れから1日たったものは毎時の処理（と次のリンク・セッションを作るとき）に削除',
    en: 'Links are valid for 30 minutes, sessions until they expire; rows expired for over a day are deleted by the hourly sweep (and when the next link or session is made)',
  },
});
