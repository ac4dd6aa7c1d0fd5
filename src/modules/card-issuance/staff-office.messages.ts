/**
 * Texts of staff-office.ts, shared by both zones' staff pages: which card office or booking site a
 * staff request works on, and the upload limit of their file imports.
 */
import { defineCatalogue } from '../../platform/i18n.js';

export const staffOfficeMessages = defineCatalogue({
  noCardOffice: { ja: 'あなたの所属にはカード交付窓口がありません。', en: 'None of your departments runs a card issuance office.' },
  noBookingSite: {
    ja: 'あなたの所属は予約サイトを運用していません。まず `madoguchi card import-bundle` で庁内からのファイルを取り込むと、受取場所を追加できます。',
    en: 'None of your departments runs the booking site. Import a bundle from the internal zone first (`madoguchi card import-bundle`), then add pickup places here.',
  },
  fileTooLarge: {
    ja: 'ファイルが大きすぎます。このファイルの上限は{megabytes}MBです。何も取り込んでいません。',
    en: 'The file is too large. The limit for this file is {megabytes} MB. Nothing was imported.',
  },
});
