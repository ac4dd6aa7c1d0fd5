/** Texts of the card issuance module's entries in the privacy register (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const cardPersonalDataMessages = defineCatalogue({
  'scope.internal': {
    ja: 'マイナンバーカード交付管理（内部系）',
    en: 'My Number card issuance management (internal zone)',
  },
  'scope.internet': {
    ja: 'マイナンバーカード受取予約サイト（インターネット系）',
    en: 'My Number card pickup booking site (internet zone)',
  },

  // internal zone
  'name.label': { ja: '氏名', en: 'Name' },
  'kana.label': { ja: '氏名（カナ）', en: 'Name in kana' },
  'birthSex.label': { ja: '生年月日・性別', en: 'Birth date and sex' },
  'address.label': { ja: '郵便番号・住所', en: 'Postal code and address' },
  'applicationId.label': { ja: '申請書ID', en: 'Application id (申請書ID)' },
  'cardNumbers.label': {
    ja: '製造管理番号（予約ID）・発送番号・予約番号',
    en: 'Control number (booking-site id), shipping number, booking number',
  },
  'password.label': {
    ja: '予約サイトのパスワード（ランダム方式の場合のみ暗号化して保存）と照合値',
    en: 'Booking-site password (kept encrypted under the random policy only) and its verifier',
  },
  'bookingEmail.label': {
    ja: '予約時のメールアドレス（予約ファイルから）',
    en: 'E-mail address given when booking (from the booking file)',
  },
  'bookingMemo.label': { ja: '予約時のメモ（予約ファイルから）', en: 'Memo given when booking (from the booking file)' },
  'household.label': {
    ja: '一緒に予約した世帯のカードの製造管理番号',
    en: 'Control numbers of the household cards booked together',
  },
  'note.label': { ja: 'カードへの職員メモ', en: "Staff's notes on a card" },

  // internet zone
  'netCardNumbers.label': {
    ja: '製造管理番号（予約ID）・発送番号（ログインに入力されたIDを含む）',
    en: 'Control number (booking-site id) and shipping number (including ids typed at log-in)',
  },
  'netVerifier.label': {
    ja: 'パスワードの照合値（argon2id。パスワードそのものは持たない）',
    en: 'Password verifier (argon2id; never the password)',
  },
  'netSession.label': {
    ja: 'ログイン中のセッション（トークンのハッシュとCSRFトークン）',
    en: 'Log-in session (token hash and CSRF token)',
  },
  'netBookingRef.label': { ja: '予約番号', en: 'Booking number' },
  'netEmail.label': { ja: '予約完了・リマインドメールの宛先（任意）', en: 'Address for the booking and reminder e-mails (optional)' },
  'netMemo.label': { ja: '予約時のメモ（任意）', en: 'Memo given when booking (optional)' },

  'purpose.issue': {
    ja: 'マイナンバーカードの交付（交付通知書・案内の送付、来庁時の本人確認、進捗管理）',
    en: 'Issuing My Number cards (notices and letters, identity checks at the counter, tracking progress)',
  },
  'purpose.search': {
    ja: 'カードの交付と、職員による完全一致検索（ハッシュ索引で）',
    en: 'Issuing cards, and staff finding a card by exact search (through the keyed hash index)',
  },
  'purpose.numbers': {
    ja: 'カードの特定、受取予約サイトでのログイン、内部系と予約サイトの照合',
    en: 'Identifying a card, logging in to the booking site, matching bookings between the two zones',
  },
  'purpose.password': {
    ja: '受取予約サイトへのログイン（案内に印字し、照合値だけを予約サイトへ渡す）',
    en: 'Logging in to the booking site (printed on the letter; only the verifier goes to the booking site)',
  },
  'purpose.booking': {
    ja: '受取予約の連絡と窓口での対応',
    en: 'Contacting the person about their pickup booking and serving them at the counter',
  },
  'purpose.household': {
    ja: '世帯でまとめて受け取る予約の照合',
    en: 'Matching a household booked together',
  },
  'purpose.note': { ja: '交付事務の記録', en: 'Keeping a record of the issuance work' },
  'purpose.session': { ja: 'ログイン状態の維持となりすまし防止', en: 'Keeping the log-in and preventing forged requests' },
  'purpose.mail': {
    ja: '予約完了・前日リマインド・取消のメール送信',
    en: 'Sending the booking, reminder and cancellation e-mails',
  },

  'retention.internal': {
    ja: '交付または廃棄から、所属ごとの保存日数（personal_retention_days、既定1825日＝5年：市の文書管理規程で要確認）を過ぎると毎日の処理で消去（索引・パスワード・予約の連絡先・メモも）。',
    en: "Erased by the daily run once the office's retention days (personal_retention_days, default 1,825 days = 5 years, to be confirmed under the city's records rules) have passed after the card was issued or destroyed (indexes, password, booking contact and notes too).",
  },
  'retention.numbers': {
    ja: '製造管理番号・発送番号は統計のため個人情報の消去後も残る（氏名等と結び付かない）。',
    en: 'Control and shipping numbers stay for statistics after the personal data is erased (no longer linked to a name).',
  },
  'retention.internet': {
    ja: '自動削除なし：カードが交付・廃棄されても行は残り、次の交付データで無効になるだけ（市の規程に従い手作業で削除）。',
    en: "No automatic deletion: a card's rows stay (only marked inactive by the next bundle) after it was issued or destroyed; delete by hand under the city's rules.",
  },
  'retention.session': {
    ja: 'ログアウトで削除。期限切れから1日たったセッションは毎時の処理で削除。',
    en: 'Deleted at log-out; an expired session is deleted by the hourly sweep a day after it expired.',
  },
  'retention.booking': {
    ja: '自動削除なし（予約・取消後も残る。市の規程に従い手作業で削除）。',
    en: "No automatic deletion (kept after the booking or its cancellation; delete by hand under the city's rules).",
  },

  'others.internal': {
    ja: '本人（交付案内の郵送）',
    en: 'The person (the letter posted to them)',
  },
  'others.bookingStaff': {
    ja: '予約サイトの職員画面・CSVには表示しない',
    en: "Not shown on the booking site's staff screens or CSV",
  },

  'recipient.letter': {
    ja: '交付案内（郵送）に印字：氏名・郵便番号・住所・製造管理番号・発送番号・パスワード（ランダム方式）',
    en: 'Printed on the posted letter: name, postal code, address, control number, shipping number, password (random policy)',
  },
  'recipient.internalFile': {
    ja: '予約ファイル（署名付き。メールアドレスとメモは内部系の鍵で封印）：製造管理番号・予約番号・場所・日時・メールアドレス・世帯・メモ',
    en: "The signed booking file (e-mail and memo sealed for the internal zone's key): control numbers, booking number, place, time, e-mail, household, memo",
  },
  'recipient.mail': {
    ja: 'メールアドレスと本文（予約番号・受取場所・日時・窓口の連絡先）',
    en: "The address and the text (booking number, pickup place, time, the office's contact)",
  },
  'recipient.mailRef': { ja: 'メール本文中の予約番号', en: 'The booking number in the text of the e-mails' },
});
