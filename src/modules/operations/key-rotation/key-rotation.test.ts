/**
 * The registry of encrypted values and `madoguchi keys rotate`, on one database seeded by the modules'
 * own operations under key A:
 * - every column that holds ciphertext (by name or by what it holds) is in the registry, and every
 *   registry entry's context decrypts what the writing code wrote;
 * - rotating to "B,A" puts every value (text, job payloads, files) under B with the same plaintext,
 *   audited per batch, and says A can go; a second run changes nothing;
 * - a run stopped after one batch (or by an error) continues where it stopped, redoing nothing;
 * - (PostgreSQL) a value the application writes while its batch is being re-encrypted is kept.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/context.js';
import { ENCRYPTED_FIELDS, type EncryptedField } from '../../../platform/encrypted-fields.js';
import { createFieldCrypto } from '../../../platform/field-crypto.js';
import { parseKeyRing } from '../../../platform/secrets.js';
import { valueExpr } from './field-sql.js';
import { describeRetirement } from './key-usage.js';
import { keyRotationCommands } from './keys.cli.js';
import { rotateKeys } from './rotate-keys.js';
import { seedEncryptedValues } from './testing.js';

const key = () => crypto.randomBytes(32).toString('base64');
const KEYS = { A: key(), B: key(), C: key(), D: key() };
type Kid = keyof typeof KEYS;

/** The app's context with another key ring (the first key encrypts): a process restarted with new configuration. */
function withRing(app: TestApp, ...kids: Kid[]): AppContext {
  const encryption = parseKeyRing(kids.map((k) => `${k}:${KEYS[k]}`).join(','), 'MADOGUCHI_ENCRYPTION_KEYS');
  const secrets = { ...app.ctx.secrets, encryption };
  return { ...app.ctx, secrets, crypto: createFieldCrypto(secrets) };
}

type Value = { field: EncryptedField; row: Record<string, unknown>; value: string | Buffer };

async function valuesOf(ctx: AppContext, f: EncryptedField): Promise<Value[]> {
  const cols = [...new Set([...f.key, ...f.contextColumns])].map((c) => `"${c}"`).join(', ');
  const where = f.rowsWhere ? ` AND "${f.rowsWhere.column}" IN (${f.rowsWhere.values.map((v) => `'${v}'`).join(', ')})` : '';
  const r = await ctx.db.query<Record<string, unknown>>(
    `SELECT ${cols}, ${valueExpr(f)} AS value FROM "${f.table}" WHERE ${valueExpr(f)} IS NOT NULL${where} ORDER BY ${f.key.map((k) => `"${k}"`).join(', ')}`,
  );
  return r.rows.map(({ value, ...row }) => ({
    field: f,
    row,
    value: f.form === 'bytes' ? Buffer.from(value as Uint8Array) : String(value),
  }));
}

const rowId = (v: Value) => `${v.field.id}:${v.field.key.map((k) => String(v.row[k])).join(',')}`;

function decrypt(ctx: AppContext, v: Value): string {
  const context = v.field.context(v.row);
  return v.field.form === 'bytes'
    ? ctx.crypto.decryptBytes(v.value as Buffer, context).toString('base64')
    : ctx.crypto.decrypt(v.value as string, context);
}

function kidOf(v: Value): string {
  if (typeof v.value === 'string') return v.value.split('.')[1] ?? '';
  return v.value.subarray(5, 5 + (v.value[4] ?? 0)).toString('ascii');
}

async function allValues(ctx: AppContext): Promise<Value[]> {
  const out: Value[] = [];
  for (const f of ENCRYPTED_FIELDS) out.push(...(await valuesOf(ctx, f)));
  return out;
}

async function plaintexts(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await allValues(ctx)).map((v) => [rowId(v), decrypt(ctx, v)]));
}

const auditCount = async (ctx: AppContext, action: string) =>
  (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

describe('encrypted values: the registry and key rotation', () => {
  let app: TestApp;
  let original: Map<string, string>;
  const clock = new ManualClock('2026-11-24T01:00:00Z');

  before(async () => {
    app = await startTestApp({ clock, env: { MADOGUCHI_ENCRYPTION_KEYS: `A:${KEYS.A}` } });
    await seedEncryptedValues(app);
  });
  after(() => app?.close());

  it('lists every column that holds ciphertext: by its name (_enc, _encrypted) or by the values found in it', async () => {
    const registered = new Set(ENCRYPTED_FIELDS.map((f) => `${f.table}.${f.column}`));
    const registeredProps = new Set(ENCRYPTED_FIELDS.filter((f) => f.jsonProperty).map((f) => `${f.table}.${f.column}.${f.jsonProperty}`));
    const cols = await app.ctx.db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = current_schema() ORDER BY 1, 2`,
    );
    assert.ok(cols.rows.length > 300, `the schema was read (${cols.rows.length} columns)`);
    const missing: string[] = [];
    let scanned = 0;
    for (const c of cols.rows) {
      const name = `${c.table_name}.${c.column_name}`;
      const col = `"${c.table_name}"."${c.column_name}"`;
      if (/_(enc|encrypted)$/.test(c.column_name) && !registered.has(name)) missing.push(`${name} (by its name)`);
      if (c.data_type === 'text' || c.data_type === 'character varying') {
        scanned++;
        const r = await app.ctx.db.query(`SELECT 1 FROM "${c.table_name}" WHERE ${col} ~ '^v[12]\\.[A-Za-z0-9_-]+\\.' LIMIT 1`);
        if (r.rows.length && !registered.has(name)) missing.push(`${name} (holds v1 or v2 values)`);
      } else if (c.data_type === 'bytea') {
        scanned++;
        const r = await app.ctx.db.query(
          `SELECT 1 FROM "${c.table_name}" WHERE substring(${col} from 1 for 4) = '\\x4d474231'::bytea LIMIT 1`,
        );
        if (r.rows.length && !registered.has(name)) missing.push(`${name} (holds MGB1 envelopes)`);
      } else if (c.data_type === 'jsonb' || c.data_type === 'json') {
        scanned++;
        const j = `${col}::jsonb`;
        const props = await app.ctx.db.query<{ key: string }>(
          `SELECT DISTINCT e.key FROM "${c.table_name}", jsonb_each(${j}) e
            WHERE jsonb_typeof(${j}) = 'object' AND jsonb_typeof(e.value) = 'string' AND (e.value #>> '{}') ~ '^v[12]\\.[A-Za-z0-9_-]+\\.'`,
        );
        for (const p of props.rows) if (!registeredProps.has(`${name}.${p.key}`)) missing.push(`${name}.${p.key} (holds v1 or v2 values)`);
        const nested = await app.ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE ${col}::text ~ '"v[12]\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.' AND NOT EXISTS (
             SELECT 1 FROM jsonb_each(CASE WHEN jsonb_typeof(${j}) = 'object' THEN ${j} ELSE '{}'::jsonb END) e
              WHERE jsonb_typeof(e.value) = 'string' AND (e.value #>> '{}') ~ '^v[12]\\.')`,
        );
        if (nested.rows[0]!.n) missing.push(`${name} (holds v1 or v2 values below its top level, which the registry cannot name)`);
      }
    }
    assert.ok(scanned > 100, `${scanned} columns scanned`);
    assert.deepEqual(missing, [], 'add these to src/platform/encrypted-fields.ts');
    // and every entry names a real column of the right type
    const types = new Map(cols.rows.map((c) => [`${c.table_name}.${c.column_name}`, c.data_type]));
    for (const f of ENCRYPTED_FIELDS)
      assert.equal(types.get(`${f.table}.${f.column}`), f.form === 'bytes' ? 'bytea' : f.jsonProperty ? 'jsonb' : 'text', f.id);
  });

  it('has values written by the modules in every registered field, all under the configured key, decrypting with the registry contexts', async () => {
    const ctx = withRing(app, 'A');
    for (const f of ENCRYPTED_FIELDS) {
      const values = await valuesOf(ctx, f);
      assert.ok(values.length > 0, `${f.id}: the seed wrote no value (add one to key-rotation/testing.ts)`);
      for (const v of values) {
        assert.equal(kidOf(v), 'A', `${rowId(v)} is under key A`);
        if (f.form === 'text') assert.match(v.value as string, /^v[12]\.A\./);
        else assert.ok((v.value as Buffer).subarray(0, 4).equals(Buffer.from('MGB1')), `${rowId(v)} is a binary envelope`);
        assert.doesNotThrow(() => decrypt(ctx, v), `${rowId(v)} decrypts with the registry's context`);
      }
    }
    // the check is not vacuous: another field's context does not open a value
    const [email] = await valuesOf(ctx, ENCRYPTED_FIELDS.find((f) => f.id === 'rsv_reservations.email_enc')!);
    assert.throws(() => ctx.crypto.decrypt(email!.value as string, 'reservations.phone'));
    original = await plaintexts(ctx);
    assert.equal(original.get(rowId(email!)), 'kr-booking@example.jp');
  });

  it('keys status changes nothing and counts every value under A', async () => {
    const lines: string[] = [];
    const status = keyRotationCommands.find((c) => c.name === 'keys status')!;
    await status.run(
      withRing(app, 'B', 'A'),
      { options: {}, args: [] },
      { out: (l) => lines.push(l), err: (l) => lines.push(l), readStdin: async () => '' },
    );
    const out = lines.join('\n');
    assert.match(out, /Current key .*: B/);
    assert.match(out, /rsv_reservations\.name_enc\s+A: 1/);
    assert.match(out, /value\(s\) remain under key A/);
    assert.equal((await allValues(app.ctx)).filter((v) => kidOf(v) !== 'A').length, 0);
  });

  let total = 0;
  it('rotates every value to B in audited batches, with the same plaintext, and says A can be removed', async () => {
    const ctx = withRing(app, 'B', 'A');
    const before = await allValues(ctx);
    total = before.length;
    const lines: string[] = [];
    const r = await rotateKeys(ctx, { batchSize: 3, progress: (l) => lines.push(l) });
    assert.equal(r.reencrypted, total);
    assert.equal(r.failures.length, 0);
    assert.equal(r.changedMeanwhile, 0);
    assert.deepEqual(r.usage.oldKeyValues, {});
    assert.deepEqual(r.usage.retirableKeys, ['A']);
    assert.match(describeRetirement(r.usage).join('\n'), /No value under key A remains: it can be removed from MADOGUCHI_ENCRYPTION_KEYS/);
    assert.ok(
      lines.some((l) => /^app_files\.content_enc: 1 re-encrypted/.test(l)),
      lines.join('\n'),
    );
    // every value under B, readable with B alone, same plaintext
    const onlyB = withRing(app, 'B');
    const after = await allValues(onlyB);
    assert.equal(after.length, total);
    for (const v of after) assert.equal(kidOf(v), 'B', rowId(v));
    assert.deepEqual(await plaintexts(onlyB), original);
    // audit: one start, one entry per batch with its counts, one completion; system actor, the key as record
    assert.equal(await auditCount(app.ctx, 'keys.rotation_started'), 1);
    assert.equal(await auditCount(app.ctx, 'keys.rotation_batch'), r.batches);
    assert.equal(await auditCount(app.ctx, 'keys.rotation_completed'), 1);
    const batch = await app.ctx.db.query<{ actor_type: string; record_type: string; record_id: string; detail: Record<string, unknown> }>(
      "SELECT actor_type, record_type, record_id, detail FROM audit_log WHERE action = 'keys.rotation_batch' AND detail->>'field' = 'fc_submissions.content_enc'",
    );
    assert.equal(batch.rows.length, 1);
    assert.deepEqual(
      { ...batch.rows[0], detail: batch.rows[0]!.detail },
      {
        actor_type: 'system',
        record_type: 'encryption_key',
        record_id: 'B',
        detail: { field: 'fc_submissions.content_enc', reencrypted: 3, changedMeanwhile: 0, failed: 0, fromKeys: { A: 3 } },
      },
    );
  });

  it('still refuses any other change of an approved or superseded submission', async () => {
    const approved = "SELECT id FROM fc_submissions WHERE status = 'approved'";
    await assert.rejects(app.ctx.db.query(`UPDATE fc_submissions SET content_enc = 'x' WHERE id = (${approved})`), /locked/);
    await assert.rejects(
      app.ctx.db.transaction(async (tx) => {
        await tx.query("SELECT set_config('madoguchi.reencrypting', 'on', true)");
        await tx.query(`UPDATE fc_submissions SET total_amount = 1 WHERE id = (${approved})`);
      }),
      /locked/,
    );
    await assert.rejects(app.ctx.db.query("UPDATE fc_submissions SET summary = '{}' WHERE status = 'superseded'"), /final/);
  });

  it('does nothing on a second run: no value, no audit entry changes', async () => {
    const ctx = withRing(app, 'B', 'A');
    const before = (await allValues(ctx)).map((v) => [rowId(v), v.value]);
    const audits = (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    const r = await rotateKeys(ctx);
    assert.equal(r.isNothingToDo, true);
    assert.equal(r.batches, 0);
    assert.deepEqual(
      (await allValues(ctx)).map((v) => [rowId(v), v.value]),
      before,
    );
    assert.equal((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n, audits);
  });

  it('continues a stopped run where it stopped (after --max-batches, and after an error), redoing nothing', async () => {
    const ctx = withRing(app, 'C', 'B');
    const underC = async () => (await allValues(ctx)).filter((v) => kidOf(v) === 'C').length;
    const first = await rotateKeys(ctx, { batchSize: 2, maxBatches: 1 });
    assert.equal(first.isStoppedEarly, true);
    assert.equal(first.batches, 1);
    assert.ok(first.reencrypted >= 1);
    assert.equal(await underC(), first.reencrypted);
    assert.equal(first.usage.oldKeyValues.B, total - first.reencrypted);
    assert.deepEqual(first.usage.retirableKeys, []);
    assert.match(describeRetirement(first.usage).join('\n'), new RegExp(`${total - first.reencrypted} value\\(s\\) remain under key B`));
    // an error inside the third batch of the next run: its two committed batches stay, the failing one rolls back
    const read: number[] = [];
    await assert.rejects(
      rotateKeys(ctx, {
        batchSize: 2,
        afterRead: async (_field, rows) => {
          read.push(rows);
          if (read.length === 3) throw new Error('stopped by the test');
        },
      }),
      /stopped by the test/,
    );
    const committed = first.reencrypted + read[0]! + read[1]!;
    assert.equal(await underC(), committed);
    const rest = await rotateKeys(ctx, { batchSize: 50 });
    assert.equal(rest.reencrypted, total - committed, 'the last run re-encrypts only what was left');
    assert.deepEqual(rest.usage.oldKeyValues, {});
    assert.deepEqual(rest.usage.retirableKeys, ['B']);
    assert.equal(await underC(), total);
    assert.deepEqual(await plaintexts(withRing(app, 'C')), original);
    assert.equal(await auditCount(app.ctx, 'keys.rotation_completed'), 2, 'the stopped runs did not claim completion');
  });

  it('refuses to start while values are under a key the configuration lacks, changing nothing', async () => {
    const audits = (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    await assert.rejects(
      rotateKeys(withRing(app, 'D')),
      new RegExp(`key C \\(${total}\\), which MADOGUCHI_ENCRYPTION_KEYS does not have: add it after D`),
    );
    assert.equal((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n, audits);
    assert.equal((await allValues(app.ctx)).filter((v) => kidOf(v) !== 'C').length, 0);
  });

  it('names a value it cannot decrypt and keeps its key from being retired', async () => {
    const ctx = withRing(app, 'D', 'C');
    const [note] = await valuesOf(ctx, ENCRYPTED_FIELDS.find((f) => f.id === 'app_notes.body_enc')!);
    // the first character of the ciphertext part carries six whole bits (the last one may carry only padding)
    const parts = (note!.value as string).split('.');
    parts[5] = `${parts[5]!.startsWith('A') ? 'B' : 'A'}${parts[5]!.slice(1)}`;
    const altered = parts.join('.');
    await app.ctx.db.query('UPDATE app_notes SET body_enc = $2 WHERE id = $1', [note!.row.id, altered]);
    const r = await rotateKeys(ctx);
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0]!.field, 'app_notes.body_enc');
    assert.deepEqual(r.failures[0]!.key, [String(note!.row.id)]);
    assert.deepEqual(r.usage.oldKeyValues, { C: 1 });
    assert.deepEqual(r.usage.retirableKeys, []);
    assert.match(describeRetirement(r.usage).join('\n'), /1 value\(s\) remain under key C \(app_notes\.body_enc 1\)/);
    await app.ctx.db.query('UPDATE app_notes SET body_enc = $2 WHERE id = $1', [note!.row.id, note!.value]);
    const again = await rotateKeys(ctx);
    assert.equal(again.reencrypted, 1);
    assert.deepEqual(again.usage.retirableKeys, ['C']);
  });

  it('keeps a value the application writes while its batch is being re-encrypted', postgresRace, async () => {
    const ctx = withRing(app, 'A', 'D');
    const field = ENCRYPTED_FIELDS.find((f) => f.id === 'rsv_reservations.name_enc')!;
    const [booking] = await valuesOf(ctx, field);
    const id = String(booking!.row.id);
    const r = await rotateKeys(ctx, {
      fields: [field],
      afterRead: async () => {
        // another process (already on the new key ring) changes the name between the rotation's read and write
        await ctx.db.query('UPDATE rsv_reservations SET name_enc = $2 WHERE id = $1', [
          id,
          ctx.crypto.encrypt('改名 花子', 'reservations.name'),
        ]);
      },
    });
    assert.equal(r.changedMeanwhile, 1);
    const [now] = await valuesOf(ctx, field);
    assert.equal(decrypt(ctx, now!), '改名 花子', 'the concurrent change was not overwritten with the old name');
  });
});
