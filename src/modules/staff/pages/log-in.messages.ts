/** Texts of the log-in screens: password, second factor, password change. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const logInMessages = defineCatalogue({
  logInTitle: { ja: '職員ログイン', en: 'Staff log-in' },
  loginId: { ja: 'ログインID', en: 'Login ID' },
  password: { ja: 'パスワード', en: 'Password' },
  logIn: { ja: 'ログイン', en: 'Log in' },
  checkForm: { ja: '入力内容を確認してください', en: 'Please check the form' },
  mfaTitle: { ja: '二要素認証', en: 'Two-factor authentication' },
  mfaIntro: {
    ja: '認証アプリに表示されている6桁の確認コード、または回復コードを入力してください。',
    en: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
  },
  code: { ja: '確認コード', en: 'Verification code' },
  verify: { ja: '確認', en: 'Verify' },
  passwordTitle: { ja: 'パスワードの変更', en: 'Change your password' },
  passwordForced: {
    ja: '初回ログインまたはパスワードの再設定後は、ご自身でパスワードを変更してください。',
    en: 'After a first log-in or a reset, you must choose your own password.',
  },
  passwordChanged: { ja: 'パスワードを変更しました。', en: 'Your password has been changed.' },
  currentPassword: { ja: '現在のパスワード', en: 'Current password' },
  newPassword: { ja: '新しいパスワード', en: 'New password' },
  newPasswordHint: {
    ja: '{min}文字以上。記号や数字を混ぜる必要はありません。長い文（パスフレーズ）がおすすめです。よく使われるパスワードは使えません。',
    en: 'At least {min} characters. No need to mix symbols or digits; a long phrase is best. Common passwords are refused.',
  },
  changePassword: { ja: '変更する', en: 'Change password' },
});
