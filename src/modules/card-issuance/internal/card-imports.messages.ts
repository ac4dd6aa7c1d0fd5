/**
 * Why a file the card office imports was refused, line by line: the issuance list (交付対象者一覧,
 * import-issuance-list.ts and the row checks of issuance-list-layout.ts), the result files of the
 * pre-issuance setup and of issuing (import-progress-results.ts) and the booking file from the
 * booking site (import-bookings.ts). The reports carry these as `Text` (`cardImportMessages.text(…)`)
 * and the screen, the downloaded report or the CLI picks the language.
 *
 * The column names quoted in them (製造管理番号, 処理日, …) are the files' own Japanese headers, the
 * same in both languages.
 */
import { defineCatalogue, type Lang, type Text } from '../../../platform/i18n.js';

export const cardImportMessages = defineCatalogue({
  // The report (formatErrorReport)
  reportLine: { ja: '{line}行目: {message}', en: 'line {line}: {message}' },
  reportMore: { ja: '…ほか{count}件', en: '… and {count} more' },

  // Issuance list: the file as a whole
  missingColumns: {
    ja: '見出し行に必要な列がありません: {columns}（文字コードの指定が違う場合もこの表示になります）',
    en: 'The header row lacks required columns: {columns} (a wrong encoding also shows this)',
  },
  /** Joins the column names of missingColumns. */
  columnSeparator: { ja: '、', en: ', ' },
  notCsv: { ja: 'CSVとして読み取れません: {reason}', en: 'The file cannot be read as CSV: {reason}' },
  emptyFile: { ja: 'ファイルが空です。', en: 'The file is empty.' },
  duplicateInFile: { ja: '製造管理番号が{first}行目と重複しています。', en: 'Manufacturing control number repeats line {first}.' },
  alreadyHeld: {
    ja: 'この製造管理番号のカードは既に取り込まれています。',
    en: 'A card with this manufacturing control number was already imported.',
  },
  concurrentCollision: {
    ja: '同時に取り込まれた別のファイルと製造管理番号が重複しました。何も取り込んでいません。',
    en: 'A control number collided with another import running at the same time. Nothing was imported.',
  },
  listAlreadyImported: {
    ja: 'このファイルは既に取り込まれています（同じ内容のファイルの再取込）。',
    en: 'This file has already been imported (same content).',
  },

  // Issuance list: one row (issuance-list-layout.ts)
  badEncoding: {
    ja: '文字コードが正しくない文字があります（指定した文字コードと実際のファイルが違う可能性があります）。',
    en: 'Characters that are not valid in the chosen encoding (is the encoding right?).',
  },

  // Result files (setup done, issued)
  resultAlreadyImported: { ja: 'このファイルは既に取り込まれています。', en: 'This file was already imported.' },
  resultNotCsv: { ja: 'CSVとして読み取れません: {reason}', en: 'Not readable as CSV: {reason}' },
  resultNoControlColumn: { ja: '見出し行に「製造管理番号」がありません。', en: 'The header lacks 製造管理番号.' },
  resultBadControlNo: { ja: '製造管理番号の形式が正しくありません。', en: 'Malformed control number.' },
  resultBadDate: { ja: '処理日が正しくありません。', en: 'Invalid processing date.' },
  resultRepeated: { ja: '同じ製造管理番号が重複しています。', en: 'Repeated control number.' },
  resultNoCard: { ja: 'この製造管理番号のカードはありません。', en: 'No card with this control number.' },
  /** {state} is the card's state in the message's language (card-states.messages.ts). */
  resultCannotMove: { ja: '現在の状態（{state}）からは変更できません。', en: 'Cannot move from its state ({state}).' },

  // Booking file from the booking site
  badBookingRow: {
    ja: '予約データの行 {row} の形式が正しくありません。何も変更していません。',
    en: 'Booking row {row} is malformed. Nothing was changed.',
  },
  otherDepartment: {
    ja: 'このファイルは別の所属（{department}）のものです。何も変更していません。',
    en: 'This file belongs to another department ({department}). Nothing was changed.',
  },
});

/**
 * The problems of one issuance-list cell, each starting with the column's (Japanese) header:
 * `issuanceRowMessages.text(key, { column })`.
 */
export const issuanceRowMessages = defineCatalogue({
  missing: { ja: '{column}: 入力がありません。', en: '{column}: missing.' },
  badFormat: { ja: '{column}: 形式が正しくありません。', en: '{column}: does not have the expected format.' },
  alphanumeric40: { ja: '{column}: 英数字40桁以内で入力してください。', en: '{column}: must be up to 40 letters or digits.' },
  length100: { ja: '{column}: 1〜100文字で入力してください。', en: '{column}: must be 1 to 100 characters.' },
  katakana: { ja: '{column}: カタカナで入力してください。', en: '{column}: must be katakana.' },
  badDate: {
    ja: '{column}: 日付（2026-11-03、2026/11/3 または 20261103）として正しくありません。',
    en: '{column}: is not a valid date (2026-11-03, 2026/11/3 or 20261103).',
  },
  future: { ja: '{column}: 未来の日付です。', en: '{column}: is in the future.' },
  sex: { ja: '{column}: 1（男）、2（女）、9 のいずれかにしてください。', en: '{column}: must be 1, 2 or 9.' },
  postalCode: { ja: '{column}: 7桁の数字にしてください。', en: '{column}: must be 7 digits.' },
  length200: { ja: '{column}: 1〜200文字で入力してください。', en: '{column}: must be 1 to 200 characters.' },
});

/** A text built per language (e.g. with a state name or a list joined in that language). */
export const eachLang = (f: (lang: Lang) => string): Text => ({ ja: f('ja'), en: f('en') });
