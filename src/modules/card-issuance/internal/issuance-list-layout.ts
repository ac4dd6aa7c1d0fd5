/**
 * The issuance-list (交付対象者一覧) layout and the validation of one row. Pure.
 *
 * Default layout (pinned): CSV with a header row holding at least
 *   製造管理番号, 申請書ID, 発送番号, 氏名, フリガナ, 生年月日, 性別, 郵便番号, 住所
 * in any order (other columns are ignored). Birth dates as YYYY-MM-DD, YYYY/M/D (as Excel writes them) or YYYYMMDD; sex as
 * 1/2/9 (J-LIS codes) or 男/女. The J-LIS layout is not public and cities receive variants, so a
 * department can map each field to another header (card_int_settings.column_mapping).
 */
import type { Text } from '../../../http/i18n.js';
import { cardImportMessages, issuanceRowMessages } from './card-imports.messages.js';
import { isValidReservationId, normaliseKana, normaliseNumber, normaliseReservationId, parseBirthDate } from '../shared/normalise.js';

export const ISSUANCE_FIELDS = [
  'controlNo',
  'applicationId',
  'shippingNo',
  'name',
  'kana',
  'birthDate',
  'sex',
  'postalCode',
  'address',
] as const;
export type IssuanceField = (typeof ISSUANCE_FIELDS)[number];

// The issuance list's fixed Japanese column headers: a file format (J-LIS, Excel), not UI text, the same in both languages.
export const DEFAULT_HEADERS: Record<IssuanceField, string> = {
  controlNo: '製造管理番号', // i18n-exempt: file-format column header
  applicationId: '申請書ID', // i18n-exempt: file-format column header
  shippingNo: '発送番号', // i18n-exempt: file-format column header
  name: '氏名', // i18n-exempt: file-format column header
  kana: 'フリガナ', // i18n-exempt: file-format column header
  birthDate: '生年月日', // i18n-exempt: file-format column header
  sex: '性別', // i18n-exempt: file-format column header
  postalCode: '郵便番号', // i18n-exempt: file-format column header
  address: '住所', // i18n-exempt: file-format column header
};

export type ColumnMapping = Partial<Record<IssuanceField, string>>;

export type LineError = { line: number; field?: string; message: Text };

/** A validated row: normalised values ready to encrypt and index. */
export type IssuanceRow = {
  line: number;
  controlNo: string;
  applicationId: string;
  shippingNo: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: '1' | '2' | '9';
  postalCode: string;
  address: string;
};

/** Resolves the column index of each field from the header row; lists missing columns. */
export function resolveColumns(
  header: string[],
  mapping: ColumnMapping = {},
): { columns: Record<IssuanceField, number>; missing: string[] } {
  const clean = header.map((h) =>
    h
      .normalize('NFKC')
      .replace(/^\ufeff/, '')
      .trim(),
  );
  const columns = {} as Record<IssuanceField, number>;
  const missing: string[] = [];
  for (const f of ISSUANCE_FIELDS) {
    const want = (mapping[f] ?? DEFAULT_HEADERS[f]).normalize('NFKC').trim();
    const i = clean.indexOf(want);
    if (i < 0) missing.push(mapping[f] ?? DEFAULT_HEADERS[f]);
    else columns[f] = i;
  }
  return { columns, missing };
}

const SEX: Record<string, IssuanceRow['sex']> = { '1': '1', '2': '2', '9': '9', 男: '1', 女: '2', 男性: '1', 女性: '2' };
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const KATAKANA = /^[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe]+$/;

const e = (line: number, field: IssuanceField, key: keyof typeof issuanceRowMessages.messages): LineError => ({
  line,
  field: DEFAULT_HEADERS[field],
  message: issuanceRowMessages.text(key, { column: DEFAULT_HEADERS[field] }),
});

/** Validates one record (already decoded); returns the normalised row or the problems of that line. */
export function validateRow(
  record: string[],
  line: number,
  columns: Record<IssuanceField, number>,
  options: { idPattern: string; today: string },
): { row?: IssuanceRow; errors: LineError[] } {
  const errors: LineError[] = [];
  const get = (f: IssuanceField) => (record[columns[f]] ?? '').trim();
  if (record.some((v) => v.includes('\ufffd'))) errors.push({ line, message: cardImportMessages.text('badEncoding') });
  const controlNo = normaliseReservationId(get('controlNo'));
  if (!controlNo) errors.push(e(line, 'controlNo', 'missing'));
  else if (!isValidReservationId(controlNo, options.idPattern)) errors.push(e(line, 'controlNo', 'badFormat'));
  const applicationId = normaliseNumber(get('applicationId'));
  if (!/^[0-9A-Z]{1,40}$/.test(applicationId)) errors.push(e(line, 'applicationId', 'alphanumeric40'));
  const shippingNo = normaliseNumber(get('shippingNo'));
  if (!/^[0-9A-Z]{1,40}$/.test(shippingNo)) errors.push(e(line, 'shippingNo', 'alphanumeric40'));
  // Printed exactly as the city holds it: NFKC would turn 塚 (U+FA10) and 神 (U+FA19) into other
  // characters and ① into 1. Search keys normalise on their own (card-personal.ts).
  const name = get('name');
  if (!name || name.length > 100 || CONTROL.test(name)) errors.push(e(line, 'name', 'length100'));
  // Kept for display with single spaces; searched through normaliseKana (no spaces) in the blind index.
  const kana = normaliseKana(get('kana').replace(/\s+/g, '\u0001'))
    .replace(/\u0001/g, ' ')
    .trim();
  const kanaKey = normaliseKana(kana);
  if (!kanaKey || kana.length > 100 || !KATAKANA.test(kanaKey)) errors.push(e(line, 'kana', 'katakana'));
  const birthDate = parseBirthDate(get('birthDate'));
  if (!birthDate) errors.push(e(line, 'birthDate', 'badDate'));
  else if (birthDate > options.today) errors.push(e(line, 'birthDate', 'future'));
  const sex = SEX[get('sex').normalize('NFKC')];
  if (!sex) errors.push(e(line, 'sex', 'sex'));
  const postalRaw = get('postalCode').normalize('NFKC').replace(/[-\s]/g, '');
  if (postalRaw && !/^\d{7}$/.test(postalRaw)) errors.push(e(line, 'postalCode', 'postalCode'));
  const address = get('address');
  if (!address || address.length > 200 || CONTROL.test(address)) errors.push(e(line, 'address', 'length200'));
  if (errors.length) return { errors };
  return {
    errors,
    row: {
      line,
      controlNo,
      applicationId,
      shippingNo,
      name,
      kana,
      birthDate: birthDate as string,
      sex: sex as IssuanceRow['sex'],
      postalCode: postalRaw,
      address,
    },
  };
}
