/**
 * The rich menu's texts (rich-menu.ts). LINE has one default menu per channel, so it is deployed in
 * Japanese, matching the words drawn in rich-menu.png; the English is kept for a per-language menu.
 */
import { defineCatalogue } from '../../platform/i18n.js';

export const richMenuMessages = defineCatalogue({
  chatBar: { ja: 'メニュー', en: 'Menu' },
  book: { ja: '予約する', en: 'Book' },
  myBookings: { ja: '予約の確認・変更', en: 'My bookings' },
  /** What the person is shown to have said when they tap it (the conversation answers it). */
  myBookingsSaid: { ja: '予約の確認', en: 'My bookings' },
  help: { ja: '使い方', en: 'How to use' },
});
