/** The card office's contact as letters, pages and mails print it (card-office.ts: contactParts, contactLine). */
import { defineCatalogue } from '../../../platform/i18n.js';

export const officeContactMessages = defineCatalogue({
  phone: { ja: '電話 {phone}', en: 'Tel. {phone}' },
  hours: { ja: '受付時間 {hours}', en: 'Hours: {hours}' },
  /** The one contact line of a mail: {parts} is the office, phone and hours joined by partSeparator. */
  line: { ja: 'お問い合わせ: {parts}', en: 'Contact: {parts}' },
  partSeparator: { ja: '　', en: ', ' },
});
