/** Texts of the staff module's privacy register entries (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const staffPersonalDataMessages = defineCatalogue({
  scope: { ja: '職員アカウント', en: 'Staff accounts' },
  'displayName.label': { ja: '職員の表示名', en: "Staff member's display name" },
  'displayName.purpose': {
    ja: '画面と操作記録で、誰が操作しているかを示すため',
    en: 'To show who is signed in and who did what on the staff screens',
  },
  'loginId.label': { ja: '職員のログインID', en: "Staff member's log-in ID" },
  'loginId.purpose': {
    ja: '職員のログインと、操作記録・予約の履歴で操作した職員を示すため',
    en: 'To sign staff in, and to name the staff member in the audit log and in booking histories',
  },
  'password.label': { ja: 'パスワード（ハッシュ値）', en: 'Password (hash)' },
  'password.purpose': { ja: '職員の本人確認（ログイン）のため', en: 'To verify a staff member at log-in' },
  'totp.label': { ja: '二要素認証の秘密鍵', en: 'Second-factor (TOTP) secret' },
  'totp.purpose': {
    ja: '二要素認証（ワンタイムパスワード）で職員を確認するため',
    en: 'To verify the one-time codes of the second factor',
  },
  'recoveryCodes.label': { ja: '二要素認証の回復コード（ハッシュ値）', en: 'Second-factor recovery codes (hashes)' },
  'recoveryCodes.purpose': {
    ja: '認証アプリを失ったときに一度だけログインできるようにするため',
    en: 'To let a staff member sign in once after losing the authenticator app',
  },
  'loginAddress.label': { ja: '前回・前々回のログイン元IPアドレス', en: 'Client address of the last two log-ins' },
  'loginAddress.purpose': {
    ja: '不正利用が疑われるアカウントを調べるため（画面には表示しません）',
    en: 'To investigate an account that may have been misused (shown on no screen)',
  },
  'memberships.label': { ja: '所属課と役割', en: 'Departments and roles' },
  'memberships.purpose': {
    ja: '職員が見てよい課のデータと、できる操作を決めるため（アクセス制御）',
    en: "To decide which departments' data a staff member may see and what they may do (access control)",
  },
  'sessionToken.label': { ja: 'ログインセッションの識別子（ハッシュ値）とCSRFトークン', en: 'Session token (hash) and CSRF token' },
  'sessionToken.purpose': {
    ja: 'ログイン中の職員を識別し、なりすまし送信を防ぐため',
    en: 'To recognise a signed-in staff member and refuse forged form posts',
  },
  'sessionDevice.label': { ja: 'ログイン中の端末のIPアドレスとブラウザー情報', en: 'Client address and browser of a session' },
  'sessionDevice.purpose': {
    ja: '不正利用が疑われるセッションを調べるため（画面には表示しません）',
    en: 'To investigate a session that may have been misused (shown on no screen)',
  },
  'readers.selfAndHistory': {
    ja: '職員本人。ログインIDは、その職員が操作した予約・申請の履歴を見る同じ課の職員にも表示されます',
    en: 'The staff member themself; the log-in ID also appears to colleagues in the histories of bookings and applications they handled',
  },
  'retention.account': {
    ja: 'アカウントがある間（無効化したアカウントも操作記録の参照のため残します）',
    en: 'While the account exists (disabled accounts are kept: the audit log refers to them)',
  },
  'retention.password': {
    ja: 'パスワードを変更するまで（古いハッシュ値は上書きされます）',
    en: 'Until the password is changed (the old hash is overwritten)',
  },
  'retention.totp': {
    ja: '二要素認証を解除・再設定するまで',
    en: 'Until the second factor is reset or set up again',
  },
  'retention.recoveryCodes': {
    ja: '回復コードを作り直すか、二要素認証を解除するまで（使用済みのコードも印を付けて残ります）',
    en: 'Until new codes are made or the second factor is reset (used codes stay, marked used)',
  },
  'retention.loginAddress': {
    ja: '次の次のログインまで（新しいログインのたびに上書きされます）',
    en: 'Until overwritten by the next log-ins',
  },
  'retention.memberships': {
    ja: '所属を外すまで',
    en: 'Until the membership is removed',
  },
  'retention.session': {
    ja: 'ログアウト、パスワード変更、期限切れの後に同じCookieで再びアクセスしたときに削除。期限切れから1日たったセッションは毎時の処理で削除',
    en: 'Deleted at log-out, at a password change, or when its cookie is presented after expiry; an expired session is deleted by the hourly sweep a day after it expired',
  },
});
