/** Texts of the staff shell's header (menu, department switcher, user menu) and the role names. */
import { defineCatalogue } from '../../platform/i18n.js';

export const staffShellMessages = defineCatalogue({
  siteName: { ja: 'まどぐち 職員', en: 'madoguchi staff' },
  staffMenu: { ja: '職員メニュー', en: 'Staff menu' },
  department: { ja: '所属', en: 'Department' },
  switchDepartment: { ja: '切替', en: 'Switch' },
  mfaSettings: { ja: '二要素認証の設定', en: 'Two-factor settings' },
  changePassword: { ja: 'パスワード変更', en: 'Change password' },
  logOut: { ja: 'ログアウト', en: 'Log out' },
  'role.sys-admin': { ja: 'システム管理者', en: 'System administrator' },
  'role.dept-admin': { ja: '所属管理者', en: 'Department administrator' },
  'role.staff': { ja: '職員', en: 'Staff' },
  'role.payment_admin': { ja: '決済管理者', en: 'Payment administrator' },
});
