/**
 * Card issuance staff side over HTTP (demo seed): the booking-site CSV export (encodings, formula
 * neutralisation, 〓 count, audit), an audit row for each search and view of personal data, and
 * department isolation (demo-fukushi runs no card office: 404 on every card staff page and action).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../helpers.js';
import { getCardSettings } from '../../src/modules/card-issuance/internal/card-settings.js';
import { exportBundle } from '../../src/modules/card-issuance/internal/export-bundle.js';
import { importBundle } from '../../src/modules/card-issuance/internet/import-bundle.js';
import { bookCardSlot } from '../../src/modules/card-issuance/internet/card-bookings.js';
import { listLocations } from '../../src/modules/card-issuance/internet/locations.js';
import { getAvailability } from '../../src/modules/reservations/index.js';
import { BOOKINGS_CSV_HEADER } from '../../src/modules/card-issuance/internet/bookings-csv.js';
import { importIssuanceList } from '../../src/modules/card-issuance/internal/import-issuance-list.js';
import { Readable } from 'node:stream';

type Session = { cookie: string; csrf: string };
const sys = { type: 'system' as const, id: 'test', label: 'test' };

async function login(app: TestApp, loginId: string): Promise<Session> {
  const r = await app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId, password: 'demo-password-2026' } });
  assert.equal(r.statusCode, 200, `log-in of ${loginId}: ${r.body}`);
  const cookie = ([r.headers['set-cookie']].flat().filter(Boolean) as string[]).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: r.json().csrfToken };
}

describe('card issuance: staff CSV export, audit of personal-data reads, department isolation', () => {
  let app: TestApp;
  let shimin: Session;
  let fukushi: Session;
  let deptId = '';
  let cardId = '';
  let range = { from: '', to: '' };
  const get = (s: Session, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const post = (s: Session, url: string, payload: Record<string, string> = {}) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf, ...payload }).toString(),
    });
  const auditCount = async (action: string) =>
    Number((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n);

  before(async () => {
    app = await startTestApp({ demo: true });
    shimin = await login(app, 'demo-shimin');
    fukushi = await login(app, 'demo-fukushi');
    deptId = (await app.ctx.db.query<{ id: string }>("SELECT id FROM departments WHERE code = 'shimin'")).rows[0]!.id;
    cardId = (await app.ctx.db.query<{ id: string }>('SELECT id FROM card_int_cards ORDER BY control_no LIMIT 1')).rows[0]!.id;
    // Move the demo cards to the booking site (unless the demo already did) and book two of them.
    if ((await app.ctx.db.query('SELECT 1 FROM card_net_cards LIMIT 1')).rows.length === 0) {
      const settings = (await getCardSettings(app.ctx.db, deptId))!;
      await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    }
    const free = await app.ctx.db.query<{ reservation_id: string }>(
      `SELECT c.reservation_id FROM card_net_cards c WHERE c.is_active AND NOT EXISTS
         (SELECT 1 FROM card_net_booking_members m WHERE m.reservation_id = c.reservation_id AND m.is_active) ORDER BY 1 LIMIT 3`,
    );
    const honcho = (await listLocations(app.ctx.db, null)).find((l) => l.code === 'honcho')!;
    const jstDay = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    const now = app.ctx.clock.now();
    const open = await getAvailability(app.ctx, honcho.serviceId, {
      from: jstDay(now),
      to: jstDay(new Date(now.getTime() + 20 * 86_400_000)),
      now,
    });
    const slots = {
      rows: (open?.slots ?? [])
        .filter((x) => x.remaining >= 3)
        .slice(0, 2)
        .map((x) => ({ starts_at: x.start })),
    };
    assert.equal(slots.rows.length, 2, 'the demo has open slots');
    const [a, b, c] = free.rows.map((r) => r.reservation_id);
    await bookCardSlot(app.ctx, {
      location: 'honcho',
      start: slots.rows[0]!.starts_at,
      reservationIds: [a!, b!],
      memo: '=HYPERLINK("http://x.test")〜𠮷',
      actor: { type: 'citizen' },
    });
    await bookCardSlot(app.ctx, {
      location: 'honcho',
      start: slots.rows[1]!.starts_at,
      reservationIds: [c!],
      memo: 'ベビーカー, "2台"',
      actor: { type: 'citizen' },
    });
    const jst = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    range = { from: jst(slots.rows[0]!.starts_at), to: jst(slots.rows[1]!.starts_at) };
  });
  after(() => app.close());

  it('exports bookings as Shift_JIS CSV: Japanese header, formulas neutralised, 〓 counted, audited', async () => {
    const before = await auditCount('card.bookings.export_csv');
    const r = await get(shimin, `/staff/card-site/bookings.csv?from=${range.from}&to=${range.to}&encoding=shift_jis`);
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    assert.match(String(r.headers['content-disposition']), /attachment; filename="card-bookings-/);
    assert.equal(r.headers['x-unencodable-characters'], '1', '𠮷 is not in CP932');
    const text = iconv.decode(r.rawPayload, 'cp932');
    const lines = text.split('\r\n');
    assert.equal(lines[0], BOOKINGS_CSV_HEADER.join(','));
    assert.ok(text.includes(`"'=HYPERLINK(""http://x.test"")～〓"`), text);
    assert.ok(text.includes('"ベビーカー, ""2台"""'), text);
    assert.ok(!text.includes('テスト'), 'no names on the booking site');
    assert.ok(lines.length >= 4);
    assert.equal(await auditCount('card.bookings.export_csv'), before + 1);
    const row = (
      await app.ctx.db.query<{ detail: Record<string, unknown>; department_id: string }>(
        "SELECT detail, department_id FROM audit_log WHERE action = 'card.bookings.export_csv' ORDER BY seq DESC LIMIT 1",
      )
    ).rows[0]!;
    assert.equal(row.department_id, deptId);
    assert.equal(row.detail.unencodable, 1);
    assert.ok(!JSON.stringify(row.detail).includes('HYPERLINK'), 'no memo text in the audit row');
  });

  it('exports UTF-8 with a BOM (no replacement) and refuses a bad range', async () => {
    const r = await get(shimin, `/staff/card-site/bookings.csv?from=${range.from}&to=${range.to}&encoding=utf-8`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual([...r.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(r.headers['x-unencodable-characters'], '0');
    assert.ok(r.rawPayload.toString('utf8').includes('𠮷'));
    const bad = await get(shimin, `/staff/card-site/bookings.csv?from=${range.to}&to=2020-01-01&encoding=utf-8`);
    assert.equal(bad.statusCode, 422);
    const page = await get(shimin, '/staff/card-site');
    assert.match(page.body, /action="\/staff\/card-site\/bookings.csv"/);
  });

  it('writes one audit row per search and per view of a card holding personal data', async () => {
    const s0 = await auditCount('card.search');
    const control = (await app.ctx.db.query<{ control_no: string }>('SELECT control_no FROM card_int_cards WHERE id = $1', [cardId]))
      .rows[0]!.control_no;
    assert.equal((await get(shimin, `/staff/card/search?number=${control}`)).statusCode, 200);
    assert.equal((await get(shimin, '/staff/card/search?number=ZZZ999999')).statusCode, 200);
    assert.equal(await auditCount('card.search'), s0 + 2, 'a search with no hit is logged too');
    const v0 = await auditCount('card.view');
    const d = await get(shimin, `/staff/card/cards/${cardId}`);
    assert.equal(d.statusCode, 200);
    assert.equal(await auditCount('card.view'), v0 + 1);
    const last = (
      await app.ctx.db.query<{ record_id: string; detail: Record<string, unknown> }>(
        "SELECT record_id, detail FROM audit_log WHERE action = 'card.view' ORDER BY seq DESC LIMIT 1",
      )
    ).rows[0]!;
    assert.equal(last.record_id, cardId);
    const searchDetail = (
      await app.ctx.db.query<{ detail: Record<string, unknown> }>(
        "SELECT detail FROM audit_log WHERE action = 'card.search' ORDER BY seq DESC LIMIT 1",
      )
    ).rows[0]!.detail;
    assert.ok(!JSON.stringify(searchDetail).includes('ZZZ999999'), 'search terms are not written to the audit log');
  });

  it('staff of another department get 404 on every card staff page and action, and nothing changes', async () => {
    const n0 = await auditCount('card.view');
    const bookings0 = (await app.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM card_net_bookings WHERE status = 'booked'"))
      .rows[0]!.n;
    const booking = (await app.ctx.db.query<{ id: string }>("SELECT id FROM card_net_bookings WHERE status = 'booked' LIMIT 1")).rows[0]!
      .id;
    const gets = [
      '/staff/card',
      '/staff/card/search?number=DMO000001',
      `/staff/card/cards/${cardId}`,
      '/staff/card-site',
      `/staff/card-site/bookings.csv?from=${range.from}&to=${range.to}&encoding=utf-8`,
    ];
    for (const url of gets) assert.equal((await get(fukushi, url)).statusCode, 404, url);
    const posts: [string, Record<string, string>][] = [
      [`/staff/card/cards/${cardId}/state`, { state: 'issued' }],
      [`/staff/card/cards/${cardId}/notes`, { note: 'x' }],
      ['/staff/card/letters', {}],
      ['/staff/card/bundle', {}],
      ['/staff/card-site/export', {}],
      [`/staff/card-site/bookings/${booking}/cancel`, {}],
      ['/staff/card-site/locations/honcho', { counters: '9', peoplePerCounter: '9' }],
      ['/staff/card-site/slots', { from: '2027-01-01', to: '2027-01-02' }],
    ];
    for (const [url, body] of posts) assert.equal((await post(fukushi, url, body)).statusCode, 404, url);
    assert.equal(await auditCount('card.view'), n0);
    assert.equal(
      (await app.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM card_net_bookings WHERE status = 'booked'")).rows[0]!.n,
      bookings0,
    );
    assert.equal(
      (await app.ctx.db.query<{ state: string }>('SELECT state FROM card_int_cards WHERE id = $1', [cardId])).rows[0]!.state !== 'issued',
      true,
    );
    // The control: the same requests work for the card office's own staff.
    assert.equal((await get(shimin, '/staff/card-site')).statusCode, 200);
  });
  it('edits the pickup deadlines (audited, validated) and shows the overdue list; other departments get 404', async () => {
    const page = await get(shimin, '/staff/card/deadlines');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="noticeDeadlineDays"[^>]*value="90"/);
    const a0 = await auditCount('card.deadlines.update');
    const l0 = await auditCount('card.overdue.list');
    const r = await post(shimin, '/staff/card/deadlines', { noticeDeadlineDays: '95', renoticeDeadlineDays: '45' });
    assert.equal(r.statusCode, 200, r.body);
    const s = (
      await app.ctx.db.query<{ notice_deadline_days: number; renotice_deadline_days: number }>(
        'SELECT notice_deadline_days, renotice_deadline_days FROM card_int_settings WHERE department_id = $1',
        [deptId],
      )
    ).rows[0]!;
    assert.deepEqual([s.notice_deadline_days, s.renotice_deadline_days], [95, 45]);
    assert.equal(await auditCount('card.deadlines.update'), a0 + 1);
    assert.equal(await auditCount('card.overdue.list'), l0 + 1);
    assert.equal((await post(shimin, '/staff/card/deadlines', { noticeDeadlineDays: '0', renoticeDeadlineDays: '45' })).statusCode, 422);
    assert.equal((await get(fukushi, '/staff/card/deadlines')).statusCode, 404);
    assert.equal((await post(fukushi, '/staff/card/deadlines', { noticeDeadlineDays: '10', renoticeDeadlineDays: '10' })).statusCode, 404);
    assert.equal(
      (await app.ctx.db.query<{ n: number }>('SELECT notice_deadline_days AS n FROM card_int_settings WHERE department_id = $1', [deptId]))
        .rows[0]!.n,
      95,
    );
  });
  it('edits the issuance-list column mapping (validated, audited) and the import follows it', async () => {
    const page = await get(shimin, '/staff/card/mapping');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="controlNo"/);
    const a0 = await auditCount('card.mapping.update');
    const dup = await post(shimin, '/staff/card/mapping', { name: '住所' });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /同じ見出し/);
    const ok = await post(shimin, '/staff/card/mapping', { controlNo: ' 管理番号 ', kana: 'ｼﾒｲｶﾅ', address: '住所' });
    assert.equal(ok.statusCode, 200, ok.body);
    const settings = (await getCardSettings(app.ctx.db, deptId))!;
    assert.deepEqual(settings.columnMapping, { controlNo: '管理番号', kana: 'シメイカナ' }, 'trimmed, NFKC, defaults not stored');
    assert.equal(await auditCount('card.mapping.update'), a0 + 1);
    const csv =
      '管理番号,申請書ID,発送番号,氏名,シメイカナ,生年月日,性別,郵便番号,住所\nMAP000001,A1,S1,見本 花子,ミホン ハナコ,1990-05-06,2,9990001,架空県見本市1\n';
    const r = await importIssuanceList(app.ctx, {
      settings,
      fileName: 'm.csv',
      open: () => Readable.from([Buffer.from(csv)]),
      encoding: 'utf-8',
      actor: sys,
    });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal((await get(fukushi, '/staff/card/mapping')).statusCode, 404);
    assert.equal((await post(fukushi, '/staff/card/mapping', { controlNo: 'x' })).statusCode, 404);
    assert.equal((await post(shimin, '/staff/card/mapping', {})).statusCode, 200);
    assert.deepEqual((await getCardSettings(app.ctx.db, deptId))!.columnMapping, {});
  });
});
