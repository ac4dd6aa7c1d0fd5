/**
 * The alerts page on a real database: a security administrator sees every alert (open first) and
 * acknowledges and closes them, audited; a department administrator only the alerts about their own
 * staff (another department's answer 404); ordinary staff 403; a form without the CSRF token 403; a note
 * too long shown beside its field. And the internal card zone's detectors mail nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../../../platform/clock.js';
import { startTestApp, type TestApp } from '../../../../../test/helpers.js';
import { recordSecurityEvent } from '../../../security/index.js';
import { logInClient, makeStaff, type Client } from '../../../staff/test-support.js';
import { evaluateDetectors } from '../evaluate-detectors.js';
import { queueAlertMails } from '../queue-alert-mails.js';

describe('alerts page', () => {
  const clock = new ManualClock('2026-04-03T01:00:00Z');
  let app: TestApp;
  let admin: Client;
  let kikakuAdmin: Client;
  let zaimuAdmin: Client;
  let plain: Client;
  let exporterId: string;
  const ids: Record<string, number> = {};

  const form = (c: Client, url: string, fields: Record<string, string>, withCsrf = true) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: c.csrf } : {}) }).toString(),
    });
  const page = (c: Client) => app.server.inject({ method: 'GET', url: '/staff/alerts', headers: { cookie: c.cookie } });
  const audited = async (action: string) =>
    (
      await app.ctx.db.query<{ actor_id: string; record_id: string; detail: Record<string, unknown> }>(
        'SELECT actor_id, record_id, detail FROM audit_log WHERE action = $1 ORDER BY seq',
        [action],
      )
    ).rows;

  before(async () => {
    app = await startTestApp({ clock, env: { SECURITY_ALERT_MAIL_TO: 'security@city.example.lg.jp' } });
    await makeStaff(app, { loginId: 'sec-admin', dept: 'joho', role: 'sys-admin' });
    exporterId = await makeStaff(app, { loginId: 'exporter', dept: 'kikaku' });
    await makeStaff(app, { loginId: 'kikaku-admin', dept: 'kikaku', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'zaimu-admin', dept: 'zaimu', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'plain', dept: 'kikaku' });
    const clients = await Promise.all(['sec-admin', 'kikaku-admin', 'zaimu-admin', 'plain'].map((id) => logInClient(app, id)));
    [admin, kikakuAdmin, zaimuAdmin, plain] = clients as [Client, Client, Client, Client];
    const now = clock.now();
    await app.ctx.db.query(
      `INSERT INTO alerts (detector, key, key_kind, status, count, first_seen_at, last_seen_at, opened_at, updated_at, acknowledged_at)
       VALUES ('export_volume', $1, 'staff', 'open', 25, $2, $2, $2, $2, NULL),
              ('staff_login_failures', '198.51.100.9', 'client', 'acknowledged', 40, $2, $2, $2, $2, $2),
              ('server_errors', 'global', 'global', 'open', 30, $2, $2, $2, $2, NULL)`,
      [exporterId, now],
    );
    for (const r of (await app.ctx.db.query<{ id: string; detector: string }>('SELECT id, detector FROM alerts')).rows)
      ids[r.detector] = Number(r.id);
  });
  after(() => app.close());

  it('lists every alert for a security administrator, open ones first, and links the security events', async () => {
    const r = await page(admin);
    assert.equal(r.statusCode, 200);
    const active = r.body.slice(r.body.indexOf('id="alerts-active"'), r.body.indexOf('id="alerts-closed"'));
    const order = ['export_volume', 'server_errors', 'staff_login_failures'].map((d) => active.indexOf(`id="alert-${ids[d]}"`));
    assert.ok(order.every((i) => i > 0));
    assert.ok(order[2]! > order[0]! && order[2]! > order[1]!, 'the acknowledged alert comes after the open ones');
    assert.match(active, /一人の職員による大量のデータ出力/);
    assert.match(active, /接続元 198\.51\.100\.9/);
    assert.match(r.body, /href="\/staff\/security-events"/);
    assert.match(r.body, /href="\/staff\/alerts"/, 'the menu entry');
  });

  it('refuses ordinary staff with 403, and shows them no menu entry', async () => {
    assert.equal((await page(plain)).statusCode, 403);
    assert.equal((await form(plain, `/staff/alerts/${ids.server_errors}/acknowledge`, {})).statusCode, 403);
    const home = await app.server.inject({ method: 'GET', url: '/staff', headers: { cookie: plain.cookie } });
    assert.doesNotMatch(home.body, /href="\/staff\/alerts"/);
  });

  it('shows a department administrator only the alerts about their own staff; another department gets 404', async () => {
    const mine = await page(kikakuAdmin);
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, new RegExp(`id="alert-${ids.export_volume}"`));
    assert.doesNotMatch(mine.body, new RegExp(`id="alert-${ids.server_errors}"`));
    assert.doesNotMatch(mine.body, /href="\/staff\/security-events"/);
    const other = await page(zaimuAdmin);
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(other.body, /id="alert-\d+"/);
    assert.equal((await form(zaimuAdmin, `/staff/alerts/${ids.export_volume}/acknowledge`, {})).statusCode, 404);
    assert.equal((await form(kikakuAdmin, `/staff/alerts/${ids.server_errors}/close`, {})).statusCode, 404);
    assert.deepEqual(await audited('alert.acknowledged'), []);
  });

  it('refuses a form without the CSRF token', async () => {
    assert.equal((await form(admin, `/staff/alerts/${ids.server_errors}/acknowledge`, {}, false)).statusCode, 403);
    assert.equal((await form(admin, `/staff/alerts/${ids.server_errors}/close`, { note: 'x' }, false)).statusCode, 403);
    const row = await app.ctx.db.query<{ status: string }>('SELECT status FROM alerts WHERE id = $1', [ids.server_errors]);
    assert.equal(row.rows[0]?.status, 'open');
  });

  it('acknowledges (audited once) and closes with a note (audited without its text)', async () => {
    const ack = await form(kikakuAdmin, `/staff/alerts/${ids.export_volume}/acknowledge`, {});
    assert.equal(ack.statusCode, 303);
    assert.match(String(ack.headers.location), /^\/staff\/alerts\?done=acknowledged&id=\d+/);
    assert.equal((await form(kikakuAdmin, `/staff/alerts/${ids.export_volume}/acknowledge`, {})).statusCode, 303);
    const acks = await audited('alert.acknowledged');
    assert.equal(acks.length, 1);
    assert.equal(acks[0]?.record_id, String(ids.export_volume));

    const long = await form(admin, `/staff/alerts/${ids.server_errors}/close`, { note: 'あ'.repeat(501) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /メモは500文字以内で入力してください/);
    assert.match(long.body, /aria-invalid="true"/);

    const note = '<b>proxy restarted</b> after the database failover';
    const closed = await form(admin, `/staff/alerts/${ids.server_errors}/close`, { note });
    assert.equal(closed.statusCode, 303);
    const after = await app.server.inject({ method: 'GET', url: String(closed.headers.location), headers: { cookie: admin.cookie } });
    assert.match(after.body, /警報 \d+ を終了しました/);
    const closedTable = after.body.slice(after.body.indexOf('id="alerts-closed"'));
    assert.ok(closedTable.includes('&lt;b&gt;proxy restarted&lt;/b&gt;'), 'the note, escaped');
    const closes = await audited('alert.closed');
    assert.equal(closes.length, 1);
    assert.deepEqual(closes[0]?.detail, { detector: 'server_errors', previousStatus: 'open', hasNote: true });
    assert.ok(!JSON.stringify(closes).includes('proxy restarted'));
    assert.equal((await form(admin, `/staff/alerts/${ids.server_errors}/close`, {})).statusCode, 409);
    assert.equal((await form(admin, `/staff/alerts/${ids.server_errors}/acknowledge`, {})).statusCode, 409);
  });

  it('writes no alert mail in the internal card zone: the alerts are on the page only', async () => {
    await recordSecurityEvent(app.ctx.db, { kind: 'audit.chain_broken', severity: 'alert' }, clock.now());
    clock.advance(60_000);
    const internal = { ...app.ctx, config: { ...app.ctx.config, cardZone: 'internal' as const } };
    const mails = await app.ctx.db.transaction(async (tx) => {
      const r = await evaluateDetectors(internal, tx, clock.now());
      assert.deepEqual(
        r.opened.map((a) => a.detector),
        ['audit_chain_broken'],
      );
      return queueAlertMails(internal, tx, r.opened, clock.now());
    });
    assert.deepEqual(mails, { immediate: 0, digest: 0 });
    assert.equal((await app.ctx.db.query('SELECT 1 FROM alert_mails')).rowCount, 0);
    assert.equal((await app.ctx.db.query('SELECT 1 FROM jobs WHERE queue = $1', ['operations.alert-mail'])).rowCount, 0);
  });
});
