/**
 * The names of Japan's national holidays: the Japanese name is the statutory one (祝日法), the English
 * the Cabinet Office's usual translation. Keys are used by holidays.ts.
 */
import { defineCatalogue } from '../../platform/i18n.js';

export const holidayNames = defineCatalogue({
  newYearsDay: { ja: '元日', en: "New Year's Day" },
  comingOfAgeDay: { ja: '成人の日', en: 'Coming of Age Day' },
  nationalFoundationDay: { ja: '建国記念の日', en: 'National Foundation Day' },
  emperorsBirthday: { ja: '天皇誕生日', en: "Emperor's Birthday" },
  vernalEquinoxDay: { ja: '春分の日', en: 'Vernal Equinox Day' },
  showaDay: { ja: '昭和の日', en: 'Showa Day' },
  constitutionMemorialDay: { ja: '憲法記念日', en: 'Constitution Memorial Day' },
  greeneryDay: { ja: 'みどりの日', en: 'Greenery Day' },
  childrensDay: { ja: 'こどもの日', en: "Children's Day" },
  marineDay: { ja: '海の日', en: 'Marine Day' },
  sportsDay: { ja: 'スポーツの日', en: 'Sports Day' },
  mountainDay: { ja: '山の日', en: 'Mountain Day' },
  respectForTheAgedDay: { ja: '敬老の日', en: 'Respect for the Aged Day' },
  autumnalEquinoxDay: { ja: '秋分の日', en: 'Autumnal Equinox Day' },
  cultureDay: { ja: '文化の日', en: 'Culture Day' },
  labourThanksgivingDay: { ja: '勤労感謝の日', en: 'Labour Thanksgiving Day' },
  citizensHoliday: { ja: '国民の休日', en: "Citizens' Holiday" },
  substituteHoliday: { ja: '振替休日', en: 'Substitute Holiday' },
});
