/** Texts of the facility log-in (password, e-mailed code), the portal home, the account page and the code e-mail. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const portalAuthMessages = defineCatalogue({
  // ---- log-in, step 1
  loginTitle: { ja: '保育施設ポータル ログイン', en: 'Childcare facility portal: log in' },
  loginIntro: {
    ja: '市から通知されたログインIDとパスワードを入力してください。次に、登録されているメールアドレスに確認コードを送ります。',
    en: 'Enter the log-in ID and password the city gave you. A confirmation code is then sent to your registered e-mail address.',
  },
  loginId: { ja: 'ログインID', en: 'Log-in ID' },
  password: { ja: 'パスワード', en: 'Password' },
  logIn: { ja: '次へ（確認コードを送る）', en: 'Next (send the code)' },
  checkForm: { ja: '入力内容を確認してください', en: 'Check what you entered' },
  loginIdRequired: { ja: 'ログインIDを入力してください。', en: 'Enter your log-in ID.' },
  passwordRequired: { ja: 'パスワードを入力してください。', en: 'Enter your password.' },
  wrongCredentials: {
    ja: 'ログインIDまたはパスワードが違います。続けて間違えると、しばらくログインできなくなります。',
    en: 'The log-in ID or password is wrong. After repeated mistakes, log-in is blocked for a while.',
  },
  throttled: {
    ja: '失敗が続いたため、しばらくログインできません。{seconds}秒ほど待ってからやり直してください。',
    en: 'Too many failed attempts. Wait about {seconds} seconds and try again.',
  },
  tooManyCodes: {
    ja: '確認コードの送信が続いたため、しばらく送れません。{seconds}秒ほど待ってから、届いているメールの確認コードを使うか、やり直してください。',
    en: 'Too many codes were sent. Wait about {seconds} seconds, or use the code in the last e-mail you received.',
  },
  formExpired: {
    ja: '画面を開いてから時間がたったため、送信できませんでした。もう一度入力してください。',
    en: 'The page was open too long to be sent. Please enter it again.',
  },
  // ---- log-in, step 2
  codeTitle: { ja: '確認コードの入力', en: 'Enter the confirmation code' },
  codeIntro: {
    ja: '登録されているメールアドレスに6桁の確認コードを送りました。10分以内に入力してください。メールが届かない場合は、迷惑メールのフォルダも確認してください。',
    en: 'A 6-digit confirmation code was sent to your registered e-mail address. Enter it within 10 minutes. If it does not arrive, check your spam folder.',
  },
  code: { ja: '確認コード（6桁）', en: 'Confirmation code (6 digits)' },
  codeHint: { ja: 'メールに書かれた6桁の数字', en: 'The 6 digits in the e-mail' },
  codeShape: { ja: '確認コードはメールに書かれた6桁の数字で入力してください。', en: 'Enter the 6 digits from the e-mail.' },
  confirmCode: { ja: 'ログイン', en: 'Log in' },
  codeWrong: {
    ja: '確認コードが違います。あと{left}回まで入力できます。',
    en: 'The code is wrong. You can try {left} more times.',
  },
  codeClosed: {
    ja: 'この確認コードは使えません（有効期限切れ、使用済み、または5回間違えたため）。もう一度ログインIDとパスワードからやり直してください。',
    en: 'This code can no longer be used (expired, already used or five wrong tries). Start again with your log-in ID and password.',
  },
  noChallenge: {
    ja: '確認コードの入力期限が過ぎたか、ログインが始まっていません。ログインIDとパスワードから始めてください。',
    en: 'The code has expired or no log-in was started. Start with your log-in ID and password.',
  },
  startAgain: { ja: 'ログインをやり直す', en: 'Start the log-in again' },
  // ---- home
  homeTitle: { ja: 'ホーム', en: 'Home' },
  facilityCode: { ja: '施設コード', en: 'Facility code' },
  facilityName: { ja: '施設名', en: 'Facility' },
  facilityType: { ja: '施設の種類', en: 'Type' },
  operatorName: { ja: '設置者', en: 'Operator' },
  you: { ja: 'ログインID', en: 'Log-in ID' },
  previousLogin: { ja: '前回のログイン', en: 'Previous log-in' },
  previousLoginValue: { ja: '{when}（接続元 {address}）', en: '{when} (from {address})' },
  firstLogin: { ja: '今回が初めてのログインです', en: 'This is your first log-in' },
  previousLoginHint: {
    ja: '前回のログインに覚えがない場合は、パスワードを変更し、市の保育施設課に連絡してください。',
    en: 'If you do not recognise the previous log-in, change your password and tell the city’s childcare facility division.',
  },
  sections: { ja: 'メニュー', en: 'Sections' },
  'section.roster': { ja: '職員名簿', en: 'Staff roster' },
  'section.roster.hint': {
    ja: '職員の資格・勤務・経験年数を一度だけ入力します。',
    en: 'Enter your staff once: qualifications, hours, experience.',
  },
  'section.counts': { ja: '利用子ども数', en: 'Child counts' },
  'section.counts.hint': { ja: '市が取り込んだ月ごとの人数を確認します。', en: 'Confirm the monthly counts the city imported.' },
  'section.items': { ja: '加算の申請事項', en: 'Application items' },
  'section.items.hint': { ja: '年度ごとに申請する加算と必要な値。', en: 'The additions you claim each fiscal year.' },
  'section.claims': { ja: '請求・申請書類', en: 'Claims and forms' },
  'section.claims.hint': {
    ja: '月々の請求書と年次の申請書を作成・提出します。',
    en: 'Prepare and submit the monthly claim and yearly forms.',
  },
  account: { ja: 'パスワードの変更・登録情報', en: 'Password and account' },
  // ---- account
  accountTitle: { ja: 'パスワードの変更・登録情報', en: 'Password and account' },
  registeredEmail: { ja: '登録メールアドレス', en: 'Registered e-mail address' },
  emailByCity: {
    ja: 'メールアドレスは、施設からの届出にもとづいて市の保育施設課が登録します。この画面では変更できません。変更が必要なときは、保育施設課に届け出てください。',
    en: 'The e-mail address is registered by the city’s childcare facility division from your facility’s notification. It cannot be changed here: send the division a notification of the change.',
  },
  changePassword: { ja: 'パスワードの変更', en: 'Change the password' },
  currentPassword: { ja: '現在のパスワード', en: 'Current password' },
  newPassword: { ja: '新しいパスワード', en: 'New password' },
  newPasswordHint: {
    ja: '{min}文字以上。推測されにくい言葉を組み合わせてください（記号や数字の必須はありません）。',
    en: 'At least {min} characters. Combine words that are hard to guess (no symbols or digits required).',
  },
  changePasswordButton: { ja: 'パスワードを変更する', en: 'Change the password' },
  passwordChanged: {
    ja: 'パスワードを変更しました。ほかの端末のログインは終了しました。',
    en: 'Your password was changed. Your other log-ins were ended.',
  },
  currentPasswordWrong: { ja: '現在のパスワードが違います。', en: 'The current password is wrong.' },
  passwordSame: { ja: '現在と違うパスワードにしてください。', en: 'Choose a password different from the current one.' },
  passwordChangedConcurrently: {
    ja: 'パスワードが同時に変更されました。もう一度やり直してください。',
    en: 'The password was changed at the same time elsewhere. Try again.',
  },
  emailRefused: {
    ja: 'メールアドレスは施設側では変更できません。市の保育施設課が届出にもとづいて登録します。',
    en: 'The e-mail address cannot be changed by the facility. The city’s childcare facility division registers it from your notification.',
  },
  // ---- the code e-mail: always both languages, Japanese first (catalogue's ja), then English (its en)
  'mail.subject': { ja: '【保育施設ポータル】ログイン確認コード', en: 'Childcare facility portal: log-in code' },
  'mail.body': {
    ja: '{facility} 様\n\n保育施設ポータルへのログインの確認コードは次のとおりです。\n\n  確認コード: {code}\n\nこのコードの有効期限は10分（{until}まで）です。1回だけ使えます。\nコードは誰にも教えないでください。市の職員が電話やメールでコードを尋ねることはありません。\n\nログインした覚えがない場合は、このメールを破棄し、市の保育施設課に連絡してください。\nパスワードが他人に知られているおそれがあります。',
    en: 'To: {facility}\n\nYour confirmation code for logging in to the childcare facility portal:\n\n  Code: {code}\n\nIt is valid for 10 minutes (until {until}) and can be used once.\nDo not tell anyone the code. City staff never ask for it by phone or e-mail.\n\nIf you did not try to log in, delete this e-mail and tell the city’s childcare facility division:\nsomeone else may know your password.',
  },
  'mail.footer': {
    ja: 'このメールは送信専用です。返信しないでください。',
    en: 'This address does not receive replies.',
  },
});
