/**
 * Card rows from validated issuance rows, ready for COPY: each row's personal data as one envelope
 * (one data key per batch, FieldCrypto.encryptMany), its four blind indexes and, under the random
 * policy, its encrypted password, in binary COPY format. The same code runs on the main thread and
 * in the encryption workers (encrypt-pool.ts), so the output is decrypted and searched as usual.
 */
import crypto from 'node:crypto';
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import { randomPassword, type PasswordPolicy } from '../shared/password.js';
import type { Column } from './bulk-write.js';
import { writeOrderedCardId } from './card-ids.js';
import { cardIndex, encryptPersonalMany, encryptText } from './card-personal.js';
import { BinaryRowWriter, timestamptzBytes, uuidBytes, type CopyBinary } from './copy-binary.js';
import type { IssuanceRow } from './issuance-list-layout.js';

/** What every card row of one import shares. */
export type CardRowConstants = {
  departmentId: string;
  importId: string;
  receivedAt: string;
  passwordPolicy: PasswordPolicy;
  idTimeMs: number;
};
/** Validated rows; `firstSeq` numbers the first one among all rows of the import (for its id). */
export type CardBatch = { rows: IssuanceRow[]; firstSeq: number };
/** Card rows in binary COPY format, in the order of CARD_COLUMNS. */
export type CardRows = CopyBinary;

export const CARD_COLUMNS: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'department_id', type: 'uuid' },
  { name: 'import_id', type: 'uuid' },
  { name: 'line_no', type: 'int' },
  { name: 'control_no', type: 'text' },
  { name: 'shipping_no', type: 'text' },
  { name: 'personal_enc', type: 'text' },
  { name: 'kana_bidx', type: 'text' },
  { name: 'birth_bidx', type: 'text' },
  { name: 'address_bidx', type: 'text' },
  { name: 'application_bidx', type: 'text' },
  { name: 'received_at', type: 'timestamptz' },
  { name: 'state_changed_at', type: 'timestamptz' },
  { name: 'password_policy', type: 'text' },
  { name: 'password_enc', type: 'text' },
];

/** What every batch of one import needs, prepared once per thread. */
export type CardRowMaker = {
  crypto: FieldCrypto;
  constants: CardRowConstants;
  department: Buffer;
  importId: Buffer;
  receivedAt: Buffer;
  /**
   * Birth dates have a few tens of thousands of possible values, so their blind indexes repeat; the
   * cache lives as long as one import and holds at most one entry per day since 1880.
   */
  births: Map<string, string>;
};

export function cardRowMaker(c: FieldCrypto, k: CardRowConstants): CardRowMaker {
  return {
    crypto: c,
    constants: k,
    department: uuidBytes(k.departmentId),
    importId: uuidBytes(k.importId),
    receivedAt: timestamptzBytes(new Date(k.receivedAt)),
    births: new Map(),
  };
}

export function cardRows(m: CardRowMaker, batch: CardBatch): CardRows {
  const { crypto: c, constants: k, births } = m;
  const n = batch.rows.length;
  const random = crypto.randomBytes(6 * n);
  const personal = encryptPersonalMany(c, batch.rows);
  const out = new BinaryRowWriter(n * (k.passwordPolicy === 'random' ? 900 : 760));
  // Members of a household usually follow one another with the same address: its index is reused.
  let lastAddress: string | undefined;
  let addressIndex = '';
  for (let i = 0; i < n; i++) {
    const r = batch.rows[i] as IssuanceRow;
    let birth = births.get(r.birthDate);
    if (birth === undefined) {
      birth = cardIndex.birth(c, r.birthDate);
      births.set(r.birthDate, birth);
    }
    if (r.address !== lastAddress) {
      lastAddress = r.address;
      addressIndex = cardIndex.address(c, r.address);
    }
    // In the order of CARD_COLUMNS.
    out.row(CARD_COLUMNS.length);
    const id = out.reserve(16);
    writeOrderedCardId(k.idTimeMs, batch.firstSeq + i, random, 6 * i, id.buf, id.at);
    out.bytes(m.department);
    out.bytes(m.importId);
    out.int(r.line);
    out.text(r.controlNo);
    out.text(r.shippingNo);
    out.ascii(personal[i] as string);
    out.ascii(cardIndex.kana(c, r.kana));
    out.ascii(birth);
    out.ascii(addressIndex);
    out.ascii(cardIndex.application(c, r.applicationId));
    out.bytes(m.receivedAt);
    out.bytes(m.receivedAt);
    out.ascii(k.passwordPolicy);
    out.ascii(k.passwordPolicy === 'random' ? encryptText(c, randomPassword(), 'password') : null);
  }
  return out.finish();
}

const FIELDS = ['controlNo', 'applicationId', 'shippingNo', 'name', 'kana', 'birthDate', 'sex', 'postalCode', 'address'] as const;

/**
 * Rows for a worker as one string, tab between fields, newline after a row: several times cheaper
 * than structured cloning or JSON of objects. Validated values hold no control characters; if one
 * ever did, unpackRows would count the wrong number of fields and refuse the batch.
 */
export function packRows(rows: readonly IssuanceRow[]): string {
  let s = '';
  for (const r of rows)
    s += `${r.line}\t${r.controlNo}\t${r.applicationId}\t${r.shippingNo}\t${r.name}\t${r.kana}\t${r.birthDate}\t${r.sex}\t${r.postalCode}\t${r.address}\n`;
  return s;
}

export function unpackRows(packed: string): IssuanceRow[] {
  const rows: IssuanceRow[] = [];
  const lines = packed.split('\n');
  lines.pop();
  for (const l of lines) {
    const f = l.split('\t');
    if (f.length !== FIELDS.length + 1) throw new Error(`A packed row has ${f.length} fields, expected ${FIELDS.length + 1}.`);
    rows.push({
      line: Number(f[0]),
      controlNo: f[1] as string,
      applicationId: f[2] as string,
      shippingNo: f[3] as string,
      name: f[4] as string,
      kana: f[5] as string,
      birthDate: f[6] as string,
      sex: f[7] as IssuanceRow['sex'],
      postalCode: f[8] as string,
      address: f[9] as string,
    });
  }
  return rows;
}
