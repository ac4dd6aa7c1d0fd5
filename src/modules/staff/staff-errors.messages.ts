/**
 * The staff module's refusals (both languages): what the log-in, account, department, password and
 * two-factor operations and the session guard answer with. Carried as `Text` by AppError/FieldError
 * (`staffErrors.text('key')`) and translated at the edge.
 */
import { defineCatalogue } from '../../platform/i18n.js';

export const staffErrors = defineCatalogue({
  // session steps (authenticator, staff-session)
  mfaRequired: { ja: '二要素認証の確認コードを入力してください。', en: 'Enter your two-factor verification code.' },
  passwordChangeRequired: { ja: 'パスワードを変更してください。', en: 'You must change your password first.' },
  mfaSetupRequired: { ja: '二要素認証を設定してください。', en: 'You must set up two-factor authentication first.' },
  // log-in
  networkNotAllowed: {
    ja: 'このネットワークからは職員ログインできません。庁内ネットワークから接続してください。',
    en: 'Staff log-in is not allowed from this network. Connect from the office network.',
  },
  accountLocked: {
    ja: 'ログインの失敗が続いたため、このアカウントを{until}まで（あと約{minutes}分）ロックしています。時間をおいて再度お試しいただくか、急ぎの場合は管理者にロックの解除を依頼してください。',
    en: 'Too many failed log-ins: this account is locked until {until} (about {minutes} more minutes). Try again then, or ask an administrator to unlock it.',
  },
  mfaLocked: {
    ja: '確認コードの誤りが続いたため、二要素認証を{until}まで（あと約{minutes}分）ロックしています。時間をおいて再度お試しいただくか、急ぎの場合は管理者にロックの解除を依頼してください。',
    en: 'Too many wrong codes: two-factor authentication is locked until {until} (about {minutes} more minutes). Try again then, or ask an administrator to unlock it.',
  },
  // accounts
  mayNotGrantRole: { ja: 'この役割を付与する権限がありません。', en: 'You may not grant this role.' },
  paymentAdminDepartmentOnly: {
    ja: '決済管理者の役割は、決済管理を担当する課（課コード {code}）の所属にのみ付与できます。',
    en: 'The payment administrator role can only be granted in the department that administers payments (department code {code}).',
  },
  loginIdInUse: { ja: 'このログインIDはすでに使われています。', en: 'This login ID is already in use.' },
  cannotRevokeOwnAdmin: { ja: '自分のシステム管理者権限は外せません。', en: 'You cannot revoke your own system administrator role.' },
  cannotDisableSelf: { ja: '自分のアカウントは無効にできません。', en: 'You cannot disable your own account.' },
  notLocked: { ja: 'このアカウントはロックされていません。', en: 'This account is not locked.' },
  nameTooLong: { ja: '氏名は100文字以内で入力してください。', en: 'Enter at most 100 characters.' },
  // departments
  departmentCodeRule: {
    ja: 'コードは英小文字・数字・「_」「-」の1〜40文字で入力してください。',
    en: 'Use 1–40 lower-case letters, digits, "_" or "-".',
  },
  departmentNameRule: { ja: '名称は1〜100文字で入力してください。', en: 'Enter a name of 1–100 characters.' },
  departmentCodeInUse: { ja: 'このコードはすでに使われています。', en: 'This code is already in use.' },
  // password change
  currentPasswordWrong: { ja: '現在のパスワードが正しくありません。', en: 'The current password is not correct.' },
  samePassword: { ja: '現在と同じパスワードは使えません。', en: 'The new password must differ from the current one.' },
  passwordChangedConcurrently: {
    ja: 'パスワードが同時に変更されました。もう一度お試しください。',
    en: 'The password was changed at the same time. Try again.',
  },
  // password policy
  passwordTooShort: { ja: 'パスワードは{min}文字以上にしてください。', en: 'The password must have at least {min} characters.' },
  passwordTooLong: { ja: 'パスワードは{max}文字以内にしてください。', en: 'The password must have at most {max} characters.' },
  passwordCommon: {
    ja: 'よく使われていて推測されやすいパスワードです。別のものにしてください。',
    en: 'This password is commonly used and easy to guess. Choose another.',
  },
  passwordRepetitive: {
    ja: '同じ文字の繰り返しや連続した文字だけのパスワードは使えません。',
    en: 'A password made only of repeated or sequential characters cannot be used.',
  },
  passwordFromIdentity: {
    ja: 'ログインIDや氏名をもとにしたパスワードは使えません。',
    en: 'A password based on your login ID or name cannot be used.',
  },
  // two-factor
  codeWrong: { ja: '確認コードが正しくありません。', en: 'The verification code is not correct.' },
  mfaAlreadyEnabled: { ja: '二要素認証はすでに有効です。', en: 'Two-factor authentication is already on.' },
  mfaSetupNotStarted: { ja: '設定をやり直してください。', en: 'Please start the set-up again.' },
  mfaNotEnabled: { ja: '二要素認証は設定されていません。', en: 'Two-factor authentication is not set up.' },
});
