import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { makeDepartment, makeService, person } from './testing.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');

describe('reservations staff API', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  let other: { id: string; departmentId: string };
  let staff: Client;
  let admin: Client;
  let outsider: Client;

  before(async () => {
    app = await startTestApp({ clock });
    const dept = await makeDepartment(app.ctx, 'rsvdept');
    const otherDept = await makeDepartment(app.ctx, 'rsvother');
    svc = await makeService(app.ctx, { departmentId: dept, capacity: 1 });
    other = await makeService(app.ctx, { departmentId: otherDept, capacity: 1 });
    await makeStaff(app, { loginId: 'rsv-staff', dept: 'rsvdept' });
    await makeStaff(app, { loginId: 'rsv-admin', dept: 'rsvdept', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'rsv-outsider', dept: 'rsvother' });
    staff = await logInClient(app, 'rsv-staff');
    admin = await logInClient(app, 'rsv-admin');
    outsider = await logInClient(app, 'rsv-outsider');
  });
  after(async () => app.close());

  const proxy = (c: Client, body: object) =>
    c.call('POST', '/api/v1/staff/reservations', { serviceId: svc.id, ...person(), fields: { topic: 'other' }, ...body });
  const audits = async (action: string) =>
    (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

  it('takes a phone booking, may override the window, never the capacity', async () => {
    const late = await proxy(staff, { start: '2026-11-30T09:30:00+09:00' });
    assert.equal(late.status, 422, 'inside the 60-minute cut-off without override');
    const ok = await proxy(staff, { start: '2026-11-30T09:30:00+09:00', overrideWindow: true });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    const row = await app.ctx.db.query<{ channel: string; created_by_staff_id: string }>(
      'SELECT channel, created_by_staff_id FROM rsv_reservations WHERE id = $1',
      [ok.json.id],
    );
    assert.equal(row.rows[0]!.channel, 'phone');
    assert.ok(row.rows[0]!.created_by_staff_id);
    const full = await proxy(staff, { start: '2026-11-30T09:30:00+09:00', overrideWindow: true });
    assert.equal(full.status, 409);
    const notAdmin = await proxy(staff, { start: '2026-11-30T09:30:00+09:00', overrideWindow: true, overbook: true });
    assert.equal(notAdmin.status, 403);
    const before = await audits('reservation.overbook');
    const over = await proxy(admin, { start: '2026-11-30T09:30:00+09:00', overrideWindow: true, overbook: true });
    assert.equal(over.status, 201);
    assert.equal(over.json.overbooked, true);
    assert.equal(await audits('reservation.overbook'), before + 1);
    const slot = await app.ctx.db.query<{ booked: number; capacity: number; overbooked: number }>(
      'SELECT booked, capacity, overbooked FROM rsv_slots WHERE service_id = $1 AND starts_at = $2',
      [svc.id, new Date('2026-11-30T09:30:00+09:00')],
    );
    assert.deepEqual(slot.rows[0], { booked: 2, capacity: 2, overbooked: 1 });
    const past = await proxy(admin, { start: '2026-11-30T08:30:00+09:00', overrideWindow: true });
    assert.equal(past.status, 422);
  });

  it('lists and shows only its own department, auditing every detail view', async () => {
    await proxy(staff, { start: '2026-12-01T10:00:00+09:00' });
    const foreign = await outsider.call('POST', '/api/v1/staff/reservations', {
      serviceId: other.id,
      start: '2026-12-01T10:00:00+09:00',
      ...person(),
      fields: { topic: 'other' },
    });
    assert.equal(foreign.status, 201);
    const intoOther = await staff.call('POST', '/api/v1/staff/reservations', {
      serviceId: other.id,
      start: '2026-12-01T10:30:00+09:00',
      ...person(),
      fields: { topic: 'other' },
    });
    assert.equal(intoOther.status, 404);
    const list = await staff.call('GET', '/api/v1/staff/reservations?from=2026-11-30&to=2026-12-31');
    assert.equal(list.status, 200);
    assert.ok(list.json.items.length >= 3);
    assert.ok(list.json.items.every((i: { serviceId: string }) => i.serviceId === svc.id));
    const views = await audits('reservation.view');
    const detail = await staff.call('GET', `/api/v1/staff/reservations/${list.json.items[0].id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.json.history[0].status, 'booked');
    assert.equal(await audits('reservation.view'), views + 1);
    const audit = await app.ctx.db.query<{ detail: unknown; record_id: string }>(
      `SELECT detail, record_id FROM audit_log WHERE action = 'reservation.view' ORDER BY seq DESC LIMIT 1`,
    );
    assert.equal(audit.rows[0]!.record_id, list.json.items[0].id);
    assert.ok(!JSON.stringify(audit.rows[0]).includes('試験'));
    assert.equal((await staff.call('GET', `/api/v1/staff/reservations/${foreign.json.id}`)).status, 404);
    assert.equal((await staff.call('POST', `/api/v1/staff/reservations/${foreign.json.id}/status`, { status: 'arrived' })).status, 404);
    assert.equal((await staff.call('DELETE', `/api/v1/staff/reservations/${foreign.json.id}`)).status, 404);
    assert.equal((await staff.call('POST', '/api/v1/staff/reservations/check-in', { number: foreign.json.reservationNumber })).status, 404);
  });

  it('checks in by number and records who changed the status', async () => {
    const tomorrow = await proxy(staff, { start: '2026-12-01T11:00:00+09:00' });
    const early = await staff.call('POST', '/api/v1/staff/reservations/check-in', { number: tomorrow.json.reservationNumber });
    assert.equal(early.status, 409, 'a booking for 12-01 is not checked in on 11-30');
    const b = await proxy(staff, { start: '2026-11-30T11:00:00+09:00' });
    const typed = b.json.reservationNumber.toLowerCase().replace(/^(.{4})/, '$1-');
    const r = await staff.call('POST', '/api/v1/staff/reservations/check-in', { number: typed });
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'arrived');
    const done = await staff.call('POST', `/api/v1/staff/reservations/${b.json.id}/status`, { status: 'done' });
    assert.equal(done.json.status, 'done');
    const d = await staff.call('GET', `/api/v1/staff/reservations/${b.json.id}`);
    assert.equal(d.json.statusChangedBy, 'rsv-staff');
    assert.deepEqual(
      d.json.history.map((h: { status: string }) => h.status),
      ['booked', 'arrived', 'done'],
    );
    const bad = await staff.call('POST', `/api/v1/staff/reservations/${b.json.id}/status`, { status: 'no_show' });
    assert.equal(bad.status, 409);
  });

  it('changes and cancels on behalf of the citizen', async () => {
    const b = await proxy(staff, { start: '2026-12-02T09:00:00+09:00' });
    const ch = await staff.call('PATCH', `/api/v1/staff/reservations/${b.json.id}`, { start: '2026-12-02T09:30:00+09:00' });
    assert.equal(ch.status, 200, JSON.stringify(ch.json));
    const del = await staff.call('DELETE', `/api/v1/staff/reservations/${b.json.id}`);
    assert.equal(del.status, 204);
    assert.ok((await audits('reservation.cancel')) >= 1);
    assert.ok((await audits('reservation.change')) >= 1);
  });

  it('exports CSV in UTF-8 with BOM and Shift_JIS, neutralised, counted and audited', async () => {
    await proxy(staff, { start: '2026-12-03T09:00:00+09:00', name: '𠮷田 〜太郎', fields: { topic: 'other' }, email: null });
    await proxy(staff, { start: '2026-12-03T09:30:00+09:00', name: '=HYPERLINK("http://x")', fields: { topic: 'other' } });
    const before = await audits('reservation.export');
    const utf = await app.server.inject({
      method: 'GET',
      url: '/api/v1/staff/reservations/export?from=2026-12-03&to=2026-12-03&encoding=utf-8',
      headers: { cookie: staff.cookie },
    });
    assert.equal(utf.statusCode, 200);
    assert.match(String(utf.headers['content-type']), /text\/csv/);
    assert.deepEqual([...utf.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = utf.rawPayload.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.match(lines[0]!, /^予約番号,日付,開始時刻,終了時刻,予約窓口/);
    assert.ok(text.includes('𠮷田 〜太郎'));
    assert.ok(text.includes(`"'=HYPERLINK(""http://x"")"`));
    assert.equal(utf.headers['x-unencodable-characters'], '0');
    const sjis = await app.server.inject({
      method: 'GET',
      url: '/api/v1/staff/reservations/export?from=2026-12-03&to=2026-12-03&encoding=shift_jis',
      headers: { cookie: staff.cookie },
    });
    assert.equal(sjis.statusCode, 200);
    assert.equal(sjis.headers['x-unencodable-characters'], '1');
    const decoded = iconv.decode(sjis.rawPayload, 'cp932');
    assert.ok(decoded.includes('〓田 ～太郎'));
    assert.ok(decoded.startsWith('予約番号,'));
    assert.equal(await audits('reservation.export'), before + 2);
    const byDefault = await staff.call('GET', '/api/v1/staff/reservations/export?from=2026-12-03&to=2026-12-03');
    assert.equal(byDefault.headers['content-type'], 'text/csv; charset=Windows-31J', 'Shift_JIS (CP932) by default, like the card site');
    const foreignOnly = await outsider.call('GET', '/api/v1/staff/reservations/export?from=2026-12-03&to=2026-12-03');
    assert.ok(!String(foreignOnly.json ?? '').includes('HYPERLINK'));
  });
});
