/** Texts of the staff module shared by its API schemas and its screens (both languages). */
import { defineCatalogue } from '../../platform/i18n.js';

export const staffMessages = defineCatalogue({
  navHome: { ja: 'ホーム', en: 'Home' },
  navAccounts: { ja: 'アカウント', en: 'Accounts' },
  navAccountReview: { ja: 'アカウント棚卸し', en: 'Account review' },
  navSecurityEvents: { ja: 'セキュリティイベント', en: 'Security events' },
  navDepartments: { ja: '所属', en: 'Departments' },
  enterLoginId: { ja: 'ログインIDを入力してください。', en: 'Enter your login ID.' },
  enterPassword: { ja: 'パスワードを入力してください。', en: 'Enter your password.' },
  loginIdRule: {
    ja: 'ログインIDは英小文字・数字・「.」「_」「-」の2〜64文字で入力してください。',
    en: 'Use 2–64 lower-case letters, digits, ".", "_" or "-".',
  },
  enterName: { ja: '氏名を入力してください。', en: 'Enter a name.' },
  chooseDepartment: { ja: '所属を選んでください。', en: 'Choose a department.' },
});
