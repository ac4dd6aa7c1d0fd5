import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbKind, startTestApp, type TestApp } from '../../../test/helpers.js';
import { recordAudit } from './record-audit.js';
import { verifyAuditChain } from './verify-audit-chain.js';

type Session = { cookie: string; csrf: string };

async function login(app: TestApp, loginId: string): Promise<Session> {
  const r = await app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId, password: 'demo-password-2026' } });
  assert.equal(r.statusCode, 200, `log-in of ${loginId}: ${r.body}`);
  const cookie = ([r.headers['set-cookie']].flat().filter(Boolean) as string[]).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: r.json().csrfToken };
}

describe(`staff audit screen and API (${dbKind})`, () => {
  let app: TestApp;
  let admin: Session;
  let fukushiAdmin: Session;
  let clerk: Session;
  let dept: Record<string, string>;

  before(async () => {
    app = await startTestApp({ demo: true });
    const d = await app.ctx.db.query<{ id: string; code: string }>('SELECT id, code FROM departments');
    dept = Object.fromEntries(d.rows.map((r) => [r.code, r.id]));
    const add = (departmentId: string, label: string, recordId: string, at: string) =>
      app.ctx.db.transaction((tx) =>
        recordAudit(
          tx,
          { actor: { type: 'staff', id: null, label }, action: 'reservation.view', departmentId, recordType: 'reservation', recordId },
          new Date(at),
        ),
      );
    await add(dept.fukushi!, 'clerk-f', 'R-F1', '2026-04-01T01:00:00Z');
    await add(dept.fukushi!, 'clerk-f', '=HYPERLINK("http://x")', '2026-04-02T14:59:00Z'); // 23:59 on 2 April, Japan time
    await add(dept.shimin!, 'clerk-s', 'R-S1', '2026-04-02T15:00:00Z'); // 00:00 on 3 April, Japan time
    admin = await login(app, 'demo-admin');
    fukushiAdmin = await login(app, 'demo-fukushi');
    clerk = await login(app, 'demo-seikatsu');
  });
  after(async () => {
    await app?.close();
  });

  const get = (s: Session, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

  it('refuses ordinary staff with 403 on the API, the export and the page, and audits the refusal', async () => {
    assert.equal((await get(clerk, '/api/v1/staff/audit')).statusCode, 403);
    assert.equal((await get(clerk, '/api/v1/staff/audit/export')).statusCode, 403);
    const page = await app.server.inject({ method: 'GET', url: '/staff/audit', headers: { cookie: clerk.cookie, accept: 'text/html' } });
    assert.equal(page.statusCode, 403);
    const denied = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor_label = 'demo-seikatsu' AND outcome = 'denied' AND action LIKE 'audit.%'`,
    );
    assert.equal(denied.rows[0]!.n, 3);
  });

  it('shows a department administrator only the entries of their departments', async () => {
    const r = await get(fukushiAdmin, '/api/v1/staff/audit?action=reservation.view');
    assert.equal(r.statusCode, 200, r.body);
    const ids = r.json().entries.map((e: { recordId: string }) => e.recordId);
    assert.deepEqual(ids.sort(), ['=HYPERLINK("http://x")', 'R-F1'].sort());
    const foreign = await get(fukushiAdmin, `/api/v1/staff/audit?department=${dept.shimin}`);
    assert.deepEqual(foreign.json().entries, []);
  });

  it('shows a system administrator everything, searchable by person, department, record and Japan-time days', async () => {
    const all = await get(admin, '/api/v1/staff/audit?action=reservation.view');
    assert.equal(all.json().entries.length, 3);
    assert.deepEqual(all.json().entries.map((e: { recordId: string }) => e.recordId)[0], 'R-S1', 'newest first');
    const byActor = await get(admin, '/api/v1/staff/audit?actor=CLERK-S');
    assert.deepEqual(
      byActor.json().entries.map((e: { recordId: string }) => e.recordId),
      ['R-S1'],
    );
    const byDay = await get(admin, '/api/v1/staff/audit?from=2026-04-02&to=2026-04-02&action=reservation.view');
    assert.deepEqual(
      byDay.json().entries.map((e: { recordId: string }) => e.recordId),
      ['=HYPERLINK("http://x")'],
    );
    const byRecord = await get(admin, '/api/v1/staff/audit?recordType=reservation&recordId=R-F1');
    assert.equal(byRecord.json().entries.length, 1);
    const bad = await get(admin, '/api/v1/staff/audit?from=2026-04-05&to=2026-04-01');
    assert.equal(bad.statusCode, 422);
  });

  it('pages the results', async () => {
    const p1 = await get(admin, '/api/v1/staff/audit?page=1');
    assert.equal(p1.json().page, 1);
    const far = await get(admin, '/api/v1/staff/audit?page=500');
    assert.deepEqual([far.json().entries.length, far.json().hasNext], [0, false]);
  });

  it('records each view as audit.view with the filter, never the results', async () => {
    await get(fukushiAdmin, '/api/v1/staff/audit?recordId=R-F1');
    const v = await app.ctx.db.query<{ detail: { filter: Record<string, string> } }>(
      `SELECT detail FROM audit_log WHERE action = 'audit.view' AND actor_label = 'demo-fukushi' ORDER BY seq DESC LIMIT 1`,
    );
    assert.deepEqual(v.rows[0]!.detail.filter, { recordId: 'R-F1' });
  });

  it('exports the search as CSV with a BOM and neutralised formulas, scoped and audited', async () => {
    const r = await get(fukushiAdmin, '/api/v1/staff/audit/export?action=reservation.view');
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    assert.match(String(r.headers['content-disposition']), /attachment/);
    assert.ok(r.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 3, 'header and the two fukushi rows');
    assert.ok(
      lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`)),
      lines.join('\n'),
    );
    assert.ok(!r.body.includes('R-S1'));
    const e = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.export' AND actor_label = 'demo-fukushi' AND outcome = 'success'`,
    );
    assert.equal(e.rows[0]!.n, 1);
    const jsonl = await get(admin, '/api/v1/staff/audit/export?format=jsonl&action=reservation.view');
    assert.equal(jsonl.body.trim().split('\n').length, 3);
  });

  it('renders the page with the verification status; only a system administrator may verify now', async () => {
    const before = await app.server.inject({
      method: 'GET',
      url: '/staff/audit?lang=en',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /Not verified yet/);
    assert.match(before.body, /\/api\/v1\/staff\/audit\/export\?format=csv/);
    const denied = await app.server.inject({
      method: 'POST',
      url: '/staff/audit/verify',
      headers: { cookie: fukushiAdmin.cookie, accept: 'text/html' },
      payload: { _csrf: fukushiAdmin.csrf },
    });
    assert.equal(denied.statusCode, 403);
    const noCsrf = await app.server.inject({
      method: 'POST',
      url: '/staff/audit/verify',
      headers: { cookie: admin.cookie, accept: 'text/html' },
      payload: {},
    });
    assert.equal(noCsrf.statusCode, 403);
    const run = await app.server.inject({
      method: 'POST',
      url: '/staff/audit/verify',
      headers: { cookie: admin.cookie, accept: 'text/html' },
      payload: { _csrf: admin.csrf },
    });
    assert.equal(run.statusCode, 303);
    const after = await app.server.inject({
      method: 'GET',
      url: '/staff/audit?lang=en',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    assert.match(after.body, /The chain verified/);
    const status = await get(fukushiAdmin, '/api/v1/staff/audit/verification');
    assert.equal(status.json().latest.isOk, true);
    assert.equal((await verifyAuditChain(app.ctx.db)).isOk, true);
  });
});
