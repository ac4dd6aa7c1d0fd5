import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import type { AppContext } from '../../platform/context.js';
import { generateCardKeyValues, parseCardKeys } from '../../platform/secrets.js';
import { cardCommands } from './card.cli.js';
import type { CardSettings } from './internal/card-settings.js';
import { decryptText } from './internal/card-personal.js';
import { importBookings } from './internal/import-bookings.js';
import { importIssuanceList } from './internal/import-issuance-list.js';
import type { BookingRow } from './internal/match-bookings.js';
import { encodeCsvText, syntheticIssuanceCsv } from './internal/synthetic-list.js';
import { ExchangeFileError, writeExchangeFile, type Manifest } from './shared/exchange-file.js';
import { openBookingRows, sealBookingRows } from './shared/field-seal.js';
import { internetFileRecipient, internetSigningKey } from './shared/zone-keys.js';
import { openCardOffice } from './testing.js';

const row = (reservationId: string, ref: string, email: string | null, memo: string | null): BookingRow => ({
  bookingRef: ref,
  reservationId,
  location: 'honcho',
  locationName: '本庁舎',
  start: '2026-12-01T00:00:00.000Z',
  end: '2026-12-01T00:30:00.000Z',
  status: 'booked',
  email,
  group: [reservationId],
  memo,
});
const ROWS = [
  row('SEA000001', 'C-A1', 'hanako@example.test', '車椅子で伺います'),
  row('SEA000002', 'C-A2', 'taro@example.test', null),
  row('SEA000003', 'C-A3', null, null),
];
const refused = (e: unknown) => e instanceof ExchangeFileError && e.code === 'cannot_decrypt';

describe('booking file: e-mail and memo sealed for the internal zone', () => {
  const values = generateCardKeyValues();
  const keys = parseCardKeys(values);
  const recipient = keys.peerFilePublic!;
  const fileId = crypto.randomUUID();
  const sealed = sealBookingRows(ROWS, recipient, fileId);
  const manifest = { fileId, seal: sealed.seal };

  it('opens what it sealed; absent values stay absent and no sealed value shows the clear text', () => {
    assert.deepEqual(openBookingRows(sealed.rows, manifest, keys.fileKeys), ROWS);
    assert.equal(sealed.rows[2]!.email, null);
    const text = JSON.stringify(sealed);
    for (const clear of ['hanako@example.test', 'taro@example.test', '車椅子']) assert.ok(!text.includes(clear), clear);
    // A fresh ephemeral key per file: the same rows sealed again look different.
    assert.notEqual(sealBookingRows(ROWS, recipient, fileId).rows[0]!.email, sealed.rows[0]!.email);
  });

  it('refuses a file sealed for another key, whether its key id is unknown or the same', () => {
    const other = parseCardKeys(generateCardKeyValues());
    assert.throws(
      () => openBookingRows(sealed.rows, manifest, other.fileKeys),
      (e: unknown) => refused(e) && /does not hold/.test((e as Error).message),
    );
    const sameId = new Map([[recipient.id, [...other.fileKeys.values()][0]!]]);
    assert.throws(
      () => openBookingRows(sealed.rows, manifest, sameId),
      (e: unknown) => refused(e) && /row 0: "email" cannot be decrypted/.test((e as Error).message),
    );
  });

  it('after rotation the internal zone still opens a file sealed for its previous key', () => {
    const next = generateCardKeyValues().MADOGUCHI_CARD_FILE_KEY;
    const rotated = parseCardKeys({ MADOGUCHI_CARD_FILE_KEY: `${next},${values.MADOGUCHI_CARD_FILE_KEY}` });
    assert.equal(rotated.fileKeys.size, 2);
    assert.deepEqual(openBookingRows(sealed.rows, manifest, rotated.fileKeys), ROWS);
  });

  it('refuses a tampered ciphertext, a value moved to another field or file, and a file without the seal', () => {
    const flipped = Buffer.from(sealed.rows[1]!.email!, 'base64');
    flipped[20] = (flipped[20] as number) ^ 1;
    const tampered = sealed.rows.map((r, i) => (i === 1 ? { ...r, email: flipped.toString('base64') } : r));
    assert.throws(
      () => openBookingRows(tampered, manifest, keys.fileKeys),
      (e: unknown) => refused(e) && /row 1: "email"/.test((e as Error).message),
    );
    const moved = sealed.rows.map((r, i) => (i === 0 ? { ...r, memo: r.email } : r));
    assert.throws(() => openBookingRows(moved, manifest, keys.fileKeys), refused);
    assert.throws(() => openBookingRows(sealed.rows, { ...manifest, fileId: crypto.randomUUID() }, keys.fileKeys), refused);
    assert.throws(
      () => openBookingRows(ROWS, { fileId }, keys.fileKeys),
      (e: unknown) => refused(e) && /not encrypted/.test((e as Error).message),
    );
  });

  it("refuses two rows' e-mails swapped (the row is part of the associated data)", () => {
    const [a, b] = sealed.rows;
    const swapped = [{ ...a!, email: b!.email }, { ...b!, email: a!.email }, sealed.rows[2]!];
    assert.throws(
      () => openBookingRows(swapped, manifest, keys.fileKeys),
      (e: unknown) => refused(e) && /row 0: "email"/.test((e as Error).message),
    );
  });
});

describe('booking file on removable media: written sealed, imported by the internal zone', () => {
  let app: TestApp;
  let settings: CardSettings;
  const sys = { type: 'system' as const, id: 'test', label: 'test' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-booking-file-'));
  let sequence = 0;

  /** Exactly what the booking site's export does after reading its bookings: seal, then sign. */
  function bookingFile(ctx: AppContext, rows: BookingRow[]) {
    const fileId = crypto.randomUUID();
    const s = sealBookingRows(rows, internetFileRecipient(ctx), fileId);
    const input = {
      kind: 'card-bookings' as const,
      fileId,
      sequence: ++sequence,
      createdAt: new Date().toISOString(),
      department: 'shimin',
      seal: s.seal,
    };
    return { text: writeExchangeFile({ ...input, parts: { bookings: s.rows } }, internetSigningKey(ctx)).text, input, rows: s.rows };
  }
  /** A holder of the booking site's signing key re-signs altered rows: only the seal can notice. */
  const resign = (ctx: AppContext, input: Omit<Manifest, 'parts' | 'counts'>, rows: BookingRow[]) =>
    writeExchangeFile({ ...input, parts: { bookings: rows } }, internetSigningKey(ctx)).text;
  async function cli(name: string, args: string[], file?: string) {
    const out: string[] = [];
    const err: string[] = [];
    const cmd = cardCommands.find((c) => c.name === name)!;
    const code = await cmd.run(
      app.ctx,
      { args, options: file ? { out: file, department: 'shimin' } : { department: 'shimin' } },
      {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        readStdin: async () => '',
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const state = async () =>
    (
      await app.ctx.db.query<{ control_no: string; state: string; booking_email_enc: string | null; booking_memo_enc: string | null }>(
        "SELECT control_no, state, booking_email_enc, booking_memo_enc FROM card_int_cards WHERE control_no LIKE 'SEA%' ORDER BY control_no",
      )
    ).rows;
  const imports = async () =>
    Number((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_int_booking_imports')).rows[0]!.n);

  before(async () => {
    app = await startTestApp();
    settings = await openCardOffice(app.ctx, { now: new Date() });
    const csv = encodeCsvText(syntheticIssuanceCsv({ rows: 4, seed: 5, idPrefix: 'SEA' }), 'utf-8');
    const r = await importIssuanceList(app.ctx, {
      settings,
      fileName: 'sea.csv',
      open: () => Readable.from([csv]),
      encoding: 'utf-8',
      actor: sys,
    });
    assert.equal(r.ok, true);
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('refuses swapped or altered e-mails even when re-signed, with a clear message, and changes nothing', async () => {
    const f = bookingFile(app.ctx, ROWS);
    const [a, b, c] = f.rows;
    const before = await state();
    const swapped = path.join(dir, 'swapped.json');
    fs.writeFileSync(swapped, resign(app.ctx, f.input, [{ ...a!, email: b!.email }, { ...b!, email: a!.email }, c!]));
    const r = await cli('card import-bookings', [swapped]);
    assert.equal(r.code, 1);
    assert.match(r.err, /Booking row 0: "email" cannot be decrypted .* Nothing was changed\./);
    assert.match(r.err, /復号できません/);
    const flipped = Buffer.from(a!.memo!, 'base64');
    flipped[13] = (flipped[13] as number) ^ 0x80;
    const altered = resign(app.ctx, { ...f.input, sequence: ++sequence }, [{ ...a!, memo: flipped.toString('base64') }, b!, c!]);
    await assert.rejects(importBookings(app.ctx, { settings, text: altered, actor: sys }), refused);
    // Altered without re-signing, the signature already refuses it.
    await assert.rejects(importBookings(app.ctx, { settings, text: f.text.replace(a!.email!, b!.email!), actor: sys }), ExchangeFileError);
    assert.deepEqual(await state(), before);
    assert.equal(await imports(), 0);
  });

  it('writes no e-mail or memo in clear to the file; the internal zone imports and keeps them encrypted', async () => {
    const file = path.join(dir, 'bookings.json');
    fs.writeFileSync(file, bookingFile(app.ctx, ROWS).text, { flag: 'wx', mode: 0o600 });
    const onDisk = fs.readFileSync(file);
    for (const clear of ['hanako@example.test', 'taro@example.test', '車椅子で伺います'])
      assert.equal(onDisk.includes(Buffer.from(clear, 'utf8')), false, `${clear} is on the disk in clear`);
    const r = await cli('card import-bookings', [file]);
    assert.equal(r.code, undefined, r.err);
    assert.match(r.out, /3 rows; 3 booked/);
    const cards = await state();
    assert.deepEqual(
      cards.map((x) => x.state),
      ['booked', 'booked', 'booked', 'received'],
    );
    assert.equal(decryptText(app.ctx.crypto, cards[0]!.booking_email_enc!, 'booking_email'), 'hanako@example.test');
    assert.equal(decryptText(app.ctx.crypto, cards[0]!.booking_memo_enc!, 'booking_memo'), '車椅子で伺います');
    assert.equal(decryptText(app.ctx.crypto, cards[1]!.booking_email_enc!, 'booking_email'), 'taro@example.test');
    assert.equal(cards[2]!.booking_email_enc, null);
  });
});
