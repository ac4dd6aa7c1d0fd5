/** Day and date names of platform/japan-time.ts, in both languages (month names: English only, Japanese writes the number). */
import { defineCatalogue } from './i18n.js';

export const japanTimeMessages = defineCatalogue({
  /** {month}: the number in Japanese, the short name in English. */
  dateLong: { ja: '{year}年{month}月{day}日（{weekday}）', en: '{weekday} {day} {month} {year}' },
  sun: { ja: '日', en: 'Sun' },
  mon: { ja: '月', en: 'Mon' },
  tue: { ja: '火', en: 'Tue' },
  wed: { ja: '水', en: 'Wed' },
  thu: { ja: '木', en: 'Thu' },
  fri: { ja: '金', en: 'Fri' },
  sat: { ja: '土', en: 'Sat' },
});
