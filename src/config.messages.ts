/**
 * Default values of settings that people read. LINE_CONTACT_TEXT is one text in one language (the
 * city writes it); when it is not set, the Japanese default below is used.
 */
import { defineCatalogue } from './platform/i18n.js';

export const configMessages = defineCatalogue({
  /** Demo only: a made-up number, so the demo's LINE bot and notices say whom to ask. */
  demoLineContact: {
    ja: 'まどぐち市役所 代表電話 0000-00-0000（平日 8:30〜17:15）',
    en: 'Madoguchi City Hall 0000-00-0000 (weekdays 8:30-17:15)',
  },
  lineContact: { ja: '市役所の代表電話へお問い合わせください。', en: "Please call the city hall's main number." },
});
