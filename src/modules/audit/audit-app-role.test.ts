/**
 * Production privileges on PostgreSQL: the application runs as a non-owner, non-superuser role
 * that may only read and append audit rows. PGlite has a single superuser session, so this needs
 * the PostgreSQL server.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'node:test';
import { startTestApp, serverUrl } from '../../../test/helpers.js';
import type { Queryable } from '../../platform/db.js';
import { recordAudit } from './record-audit.js';
import { verifyAuditChain } from './verify-audit-chain.js';

describe('audit privileges for the application role (PostgreSQL only: skipped when DATABASE_URL is absent)', { skip: !serverUrl }, () => {
  it('refuses UPDATE, DELETE, TRUNCATE and trigger bypasses to the app role, also on verification history and alerts, while recordAudit works', async () => {
    const app = await startTestApp();
    const role = `madoguchi_app_t_${crypto.randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      // What production does once, as the owner: the app role gets ordinary DML on every table,
      // then audit_restrict_role (migration 0005) narrows the audit tables to read + append.
      await client.query(`CREATE ROLE ${role} NOLOGIN NOSUPERUSER`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await client.query('SELECT audit_restrict_role($1)', [role]);
      await client.query(`SET ROLE ${role}`);

      const q: Queryable = {
        async query<T>(sql: string, params?: readonly unknown[]) {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
      };
      await client.query('BEGIN');
      const seq = await recordAudit(q, { actor: { type: 'system' }, action: 'test.as-app-role' }, new Date());
      await client.query('COMMIT');
      assert.equal(seq, 1);

      const refused = async (sql: string) => {
        await assert.rejects(client.query(sql), (err: { code?: string }) => err.code === '42501', sql);
      };
      await refused('UPDATE audit_log SET action = $$x$$ WHERE seq = 1');
      await refused('DELETE FROM audit_log WHERE seq = 1');
      await refused('TRUNCATE audit_log');
      await refused('UPDATE audit_checkpoints SET hash = $$x$$');
      await refused('DELETE FROM audit_checkpoints');
      await refused('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await refused('SET session_replication_role = replica');
      await refused('DELETE FROM audit_chain_head');

      // Verification history and security alerts: append-only for the role; alerts can be acknowledged.
      await client.query(
        `INSERT INTO audit_verifications (started_at, finished_at, trigger, is_ok, entries, head_seq, failed_seq, problem)
         VALUES (now(), now(), 'job', false, 0, 1, 1, 'hash_mismatch')`,
      );
      const alert = await client.query<{ id: string }>(
        `INSERT INTO security_events (kind, severity, subject) VALUES ('audit.chain_broken', 'alert', '1') RETURNING id`,
      );
      await refused('DELETE FROM audit_verifications');
      await refused('UPDATE audit_verifications SET is_ok = true');
      await refused('TRUNCATE audit_verifications');
      await refused('DELETE FROM security_events');
      await refused('TRUNCATE security_events');
      await refused(`UPDATE security_events SET severity = 'info'`);
      await refused(`UPDATE security_events SET detail = '{}'`);
      const ack = await client.query('UPDATE security_events SET acknowledged_at = now() WHERE id = $1', [alert.rows[0]!.id]);
      assert.equal(ack.rowCount, 1, 'acknowledging an alert is allowed');
      await client.query('RESET ROLE');
      const kept = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_verifications WHERE NOT is_ok');
      assert.equal(kept.rows[0]!.n, 1, 'the failed verification is still there');
      assert.equal((await verifyAuditChain(app.ctx.db)).isOk, true);
    } finally {
      await client.query('RESET ROLE').catch(() => undefined);
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`).catch(() => undefined);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`).catch(() => undefined);
      await client.query(`REVOKE ALL ON SCHEMA public FROM ${role}`).catch(() => undefined);
      await client.query(`REVOKE ALL ON FUNCTION audit_restrict_role(text) FROM ${role}`).catch(() => undefined);
      await client.end();
      await app.close();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    }
  });
});
