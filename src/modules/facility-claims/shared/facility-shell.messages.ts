/** Texts of the facility portal's frame. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const facilityShellMessages = defineCatalogue({
  siteName: { ja: 'まどぐち 保育施設ポータル', en: 'madoguchi childcare facility portal' },
  menu: { ja: '施設メニュー', en: 'Facility menu' },
  'nav.home': { ja: 'ホーム', en: 'Home' },
  'nav.roster': { ja: '職員名簿', en: 'Staff roster' },
  'nav.counts': { ja: '利用子ども数', en: 'Child counts' },
  'nav.items': { ja: '加算の申請事項', en: 'Application items' },
  'nav.claims': { ja: '請求・申請書類', en: 'Claims and forms' },
  logOut: { ja: 'ログアウト', en: 'Log out' },
});
