import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type DbSnapshot, snapshotDb } from '../../../test/db-snapshot.js';
import { dbKind, startTestApp, type TestApp } from '../../../test/helpers.js';
import { rowHash } from './audit-chain.js';
import { readCheckpointFile } from './audit-checkpoint.js';
import { appendEntries, runAuditCommand, tamper } from './audit-test-support.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// One app for the file; every test starts from its fresh database again (test/db-snapshot.ts checks the rewind).
let app: TestApp;
let fresh: DbSnapshot;
before(async () => {
  app = await startTestApp();
  fresh = await snapshotDb(app.ctx.db);
});
after(() => app.close());

describe(`audit verify catches tampering (${dbKind})`, () => {
  beforeEach(async () => {
    await fresh.restore();
    await appendEntries(app.ctx, 12);
  });

  const verifyCli = (options: Record<string, string> = {}, args: string[] = []) => runAuditCommand(app.ctx, 'audit verify', options, args);

  it('passes an untouched chain against a checkpoint file, with exit code 0 and the count', async () => {
    const file = path.join(tmp, `cp-${crypto.randomUUID()}.json`);
    assert.equal((await runAuditCommand(app.ctx, 'audit checkpoint', { out: file })).code, 0);
    const r = await verifyCli({ checkpoint: file });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Audit chain verified: 12 entries checked.*agrees with the external checkpoint of entry 12/);
  });

  it('says loudly, with exit code 3, that a chain checked without an external checkpoint is not verified', async () => {
    const r = await verifyCli();
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /^WARNING: no audit checkpoint from outside the database was compared \(AUDIT_CHECKPOINT_DIR is not set/);
    assert.match(r.out, /Audit chain NOT VERIFIED against an external checkpoint: 12 entries are consistent/);
    assert.doesNotMatch(r.out, /Audit chain verified/);
  });

  it('names an edited entry (UPDATE under session_replication_role = replica)', async () => {
    await tamper(app.ctx, `UPDATE audit_log SET actor_label = 'someone-else' WHERE seq = 5`);
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 5 \(hash_mismatch\)/);
  });

  it('names an edited entry (UPDATE with the triggers disabled)', async () => {
    await tamper(app.ctx, `UPDATE audit_log SET detail = '{"n": 99}' WHERE seq = 7`, [], 'disable');
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 7 \(hash_mismatch\)/);
  });

  it('names an edited entry whose hash was recomputed, at the next link', async () => {
    const row = (await app.ctx.db.query<{ prev_hash: string }>('SELECT prev_hash FROM audit_log WHERE seq = 4')).rows[0]!;
    const forged = await app.ctx.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE seq = 4');
    const f = forged.rows[0]!;
    const hash = rowHash(row.prev_hash, {
      seq: 4,
      occurredAt: f.occurred_at as Date,
      actorType: 'staff',
      actorId: f.actor_id as string,
      actorLabel: 'forger',
      departmentId: null,
      action: f.action as string,
      outcome: 'success',
      recordType: 'reservation',
      recordId: f.record_id as string,
      clientIp: null,
      requestId: null,
      detail: f.detail as Record<string, unknown>,
    });
    await tamper(app.ctx, `UPDATE audit_log SET actor_label = 'forger', hash = $1 WHERE seq = 4`, [hash]);
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 5 \(prev_hash_mismatch\)/);
  });

  it('names a deleted middle entry', async () => {
    await tamper(app.ctx, 'DELETE FROM audit_log WHERE seq = 6');
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 6 \(seq_gap\).*entry 6 is missing/);
  });

  it('names a deleted last entry through the chain head', async () => {
    await tamper(app.ctx, 'DELETE FROM audit_log WHERE seq = 12');
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 12 \(head_mismatch\)/);
  });

  it('names a forged entry appended after the head', async () => {
    const last = (await app.ctx.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 12')).rows[0]!;
    const occurredAt = new Date('2026-04-02T00:00:00Z');
    const hash = rowHash(last.hash, {
      seq: 13,
      occurredAt,
      actorType: 'staff',
      actorId: null,
      actorLabel: 'forger',
      departmentId: null,
      action: 'reservation.view',
      outcome: 'success',
      recordType: null,
      recordId: null,
      clientIp: null,
      requestId: null,
      detail: {},
    });
    await tamper(
      app.ctx,
      `INSERT INTO audit_log (seq, occurred_at, actor_type, actor_label, action, prev_hash, hash) VALUES (13, $1, 'staff', 'forger', 'reservation.view', $2, $3)`,
      [occurredAt, last.hash, hash],
    );
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 13 \(beyond_head\)/);
  });

  it('names a forged entry inserted in the middle (later entries renumbered)', async () => {
    await tamper(app.ctx, 'UPDATE audit_log SET seq = seq + 100 WHERE seq > 8');
    await tamper(app.ctx, 'UPDATE audit_log SET seq = seq - 99 WHERE seq > 100');
    const prev = (await app.ctx.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 8')).rows[0]!;
    const occurredAt = new Date('2026-04-01T00:00:08.500Z');
    const hash = rowHash(prev.hash, {
      seq: 9,
      occurredAt,
      actorType: 'staff',
      actorId: null,
      actorLabel: 'forger',
      departmentId: null,
      action: 'reservation.view',
      outcome: 'success',
      recordType: null,
      recordId: null,
      clientIp: null,
      requestId: null,
      detail: {},
    });
    await tamper(
      app.ctx,
      `INSERT INTO audit_log (seq, occurred_at, actor_type, actor_label, action, prev_hash, hash) VALUES (9, $1, 'staff', 'forger', 'reservation.view', $2, $3)`,
      [occurredAt, prev.hash, hash],
    );
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 10 \(prev_hash_mismatch\)/);
  });

  it('names the first of two entries whose contents were swapped', async () => {
    await tamper(
      app.ctx,
      `UPDATE audit_log a SET action = b.action, record_id = b.record_id, detail = b.detail, actor_label = b.actor_label
       FROM audit_log b WHERE (a.seq, b.seq) IN ((3, 9), (9, 3))`,
    );
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 3 \(hash_mismatch\)/);
  });

  it('catches a consistent rewrite of the whole table only with an earlier checkpoint file', async () => {
    const file = path.join(tmp, `cp-${crypto.randomUUID()}.json`);
    assert.equal((await runAuditCommand(app.ctx, 'audit checkpoint', { out: file })).code, 0);
    assert.equal(readCheckpointFile(file).seq, 12);
    // The rewrite: every entry recomputed, head moved, stored checkpoints removed.
    const rows = (await app.ctx.db.query<Record<string, unknown>>('SELECT * FROM audit_log ORDER BY seq')).rows;
    let prev = '0'.repeat(64);
    await app.ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      for (const f of rows) {
        const row = {
          seq: f.seq as number,
          occurredAt: f.occurred_at as Date,
          actorType: f.actor_type as string,
          actorId: f.actor_id as string | null,
          actorLabel: f.seq === 2 ? 'scapegoat' : (f.actor_label as string | null),
          departmentId: null,
          action: f.action as string,
          outcome: f.outcome as string,
          recordType: f.record_type as string | null,
          recordId: f.record_id as string | null,
          clientIp: null,
          requestId: null,
          detail: f.detail as Record<string, unknown>,
        };
        const hash = rowHash(prev, row);
        await tx.query('UPDATE audit_log SET actor_label = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [
          row.seq,
          row.actorLabel,
          prev,
          hash,
        ]);
        prev = hash;
      }
      await tx.query('UPDATE audit_chain_head SET hash = $1', [prev]);
      await tx.query('DELETE FROM audit_checkpoints');
    });
    const without = await verifyCli();
    assert.equal(without.code, 3, 'a consistent rewrite passes the chain check alone, but is not reported as verified');
    const r = await verifyCli({ checkpoint: file });
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 12 \(checkpoint_mismatch\)/);
  });

  it('catches a chain cut shorter than a checkpoint file', async () => {
    const file = path.join(tmp, `cp-${crypto.randomUUID()}.json`);
    assert.equal((await runAuditCommand(app.ctx, 'audit checkpoint', { out: file })).code, 0);
    const h10 = (await app.ctx.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 10')).rows[0]!;
    await app.ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query('DELETE FROM audit_log WHERE seq > 10');
      await tx.query('UPDATE audit_chain_head SET seq = 10, hash = $1', [h10.hash]);
      await tx.query('DELETE FROM audit_checkpoints');
    });
    assert.equal((await verifyCli()).code, 3);
    const r = await verifyCli({ checkpoint: file });
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 11 \(checkpoint_beyond_end\).*entries 11 to 12 were lost \(deleted\) since that checkpoint/);
  });

  it('refuses a checkpoint file with a forged signature, also with the public key from a file', async () => {
    const file = path.join(tmp, `cp-${crypto.randomUUID()}.json`);
    assert.equal((await runAuditCommand(app.ctx, 'audit checkpoint', { out: file })).code, 0);
    const pem = await runAuditCommand(app.ctx, 'audit public-key');
    const keyFile = path.join(tmp, `key-${crypto.randomUUID()}.pem`);
    fs.writeFileSync(keyFile, `${pem.out}\n`);
    assert.equal((await verifyCli({ checkpoint: file, 'public-key': keyFile })).code, 0);

    // Forger: a checkpoint of a different hash signed with a key of their own.
    const cp = readCheckpointFile(file);
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const forged = { ...cp, hash: 'a'.repeat(64) };
    const { signature: _drop, ...statement } = forged;
    const body = `madoguchi-audit-checkpoint\n${JSON.stringify(Object.fromEntries(Object.entries(statement).sort(([a], [b]) => a.localeCompare(b))))}`;
    forged.signature = crypto.sign(null, Buffer.from(body), privateKey).toString('base64');
    const forgedFile = path.join(tmp, `forged-${crypto.randomUUID()}.json`);
    fs.writeFileSync(forgedFile, JSON.stringify(forged));
    for (const opts of [{ checkpoint: forgedFile }, { checkpoint: forgedFile, 'public-key': keyFile }] as Record<string, string>[]) {
      const r = await verifyCli(opts);
      assert.equal(r.code, 1);
      assert.match(r.err, /BROKEN at entry 12 \(checkpoint_signature\)/);
    }
    // Altered field under the genuine signature.
    const altered = { ...cp, seq: 11 };
    const alteredFile = path.join(tmp, `altered-${crypto.randomUUID()}.json`);
    fs.writeFileSync(alteredFile, JSON.stringify(altered));
    const r = await verifyCli({ checkpoint: file }, [alteredFile]);
    assert.equal(r.code, 1);
    assert.match(r.err, /\(checkpoint_signature\)/);
  });

  it('catches a forged row in the stored checkpoints table', async () => {
    await tamper(app.ctx, `INSERT INTO audit_checkpoints (seq, hash, created_at, key_id, signature) VALUES (3, $1, now(), $2, 'AAAA')`, [
      'b'.repeat(64),
      app.ctx.secrets.auditSigning.id,
    ]);
    const r = await verifyCli();
    assert.equal(r.code, 1);
    assert.match(r.err, /BROKEN at entry 3 \(checkpoint_signature\)/);
  });
});

describe(`audit chain verification mechanics (${dbKind})`, () => {
  beforeEach(() => fresh.restore());

  it('walks in small batches and resumes from a trusted checkpoint', async () => {
    await appendEntries(app.ctx, 25);
    const full = await verifyAuditChain(app.ctx.db, { batchSize: 4 });
    assert.equal(full.isOk, true);
    assert.equal(full.entries, 25);
    const h20 = (await app.ctx.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 20')).rows[0]!;
    const tail = await verifyAuditChain(app.ctx.db, { since: { seq: 20, hash: h20.hash }, batchSize: 2 });
    assert.deepEqual([tail.isOk, tail.entries, tail.lastSeq], [true, 5, 25]);
    const wrong = await verifyAuditChain(app.ctx.db, { since: { seq: 20, hash: 'c'.repeat(64) } });
    assert.equal(wrong.problem?.kind, 'prev_hash_mismatch');
    assert.equal(wrong.problem?.seq, 21);
  });

  it('verifies an empty log', async () => {
    const file = path.join(tmp, `cp-${crypto.randomUUID()}.json`);
    assert.equal((await runAuditCommand(app.ctx, 'audit checkpoint', { out: file })).code, 0);
    const r = await runAuditCommand(app.ctx, 'audit verify', { checkpoint: file });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /0 entries checked/);
  });
});
