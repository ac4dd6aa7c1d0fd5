/**
 * The roster against a real database: the pinned API (401 without a session, 403 without the CSRF
 * header, 404 for another facility's staff by API and by page), field errors in Japanese, encryption at
 * rest, the audit records, the history as of dates (rosterAsOf) and the printed lines, and the portal's
 * screens with everything typed kept on error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { type FacilityClient, facilityClient, insertTestFacility, insertTestFacilityUser } from '../testing.js';
import { rosterAsOf } from './roster-as-of.js';
import { staffLinesForForms } from './staff-lines.js';
import { staffingSummary } from './staffing.js';

const clock = new ManualClock('2026-04-10T10:00:00+09:00');

const hanako = {
  name: '保育 花子',
  nameKana: 'ホイク ハナコ',
  birthDate: '1990-05-01',
  address: '千葉県市川市八幡9-8-7 メゾン名簿101',
  hiredOn: '2019-04-01',
  role: 'nursery-teacher',
  employment: 'full-time',
  qualification: 'hoikushi',
  qualificationNumber: '１２－０９８７６５',
  priorExperienceMonths: 24,
};

describe('facility roster', () => {
  let app: TestApp;
  let facilityA: { id: string };
  let facilityB: { id: string };
  let a: FacilityClient;
  let b: FacilityClient;
  let userA: string;
  let hanakoId: string;

  const form = (client: FacilityClient, url: string, fields: Record<string, string | string[]>, csrf = true) => {
    const body = new URLSearchParams();
    if (csrf) body.append('_csrf', client.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: body.toString(),
    });
  };
  const page = (client: FacilityClient, url: string) =>
    app.server.inject({ method: 'GET', url, headers: { cookie: client.cookie, accept: 'text/html' } });
  const audits = async (action: string, recordId?: string) =>
    (
      await app.ctx.db.query<{ actor_type: string; actor_id: string; record_id: string | null; detail: Record<string, unknown> }>(
        `SELECT actor_type, actor_id, record_id, detail FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR record_id = $2) ORDER BY seq`,
        [action, recordId ?? null],
      )
    ).rows;

  before(async () => {
    app = await startTestApp({ clock });
    facilityA = await insertTestFacility(app.ctx);
    facilityB = await insertTestFacility(app.ctx);
    const ua = await insertTestFacilityUser(app.ctx, { facilityId: facilityA.id });
    userA = ua.id;
    a = await facilityClient(app, ua);
    b = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: facilityB.id }));
  });
  after(() => app?.close());

  it('refuses without a session (401) and a write without the X-CSRF-Token header (403)', async () => {
    const anon = await app.server.inject({ method: 'GET', url: '/api/v1/facility/staff' });
    assert.equal(anon.statusCode, 401);
    const anonPost = await app.server.inject({ method: 'POST', url: '/api/v1/facility/staff', payload: hanako });
    assert.equal(anonPost.statusCode, 401);
    const noCsrf = await a.call('POST', '/api/v1/facility/staff', hanako, { csrf: false });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.code, 'csrf_failed');
    assert.equal(Number((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_staff')).rows[0]?.n), 0);
  });

  it('adds a person, lists them with computed experience, and keeps personal fields encrypted at rest', async () => {
    const created = await a.call('POST', '/api/v1/facility/staff', hanako);
    assert.equal(created.status, 201, created.body);
    hanakoId = created.json.id;
    const list = await a.call('GET', '/api/v1/facility/staff');
    assert.equal(list.status, 200, list.body);
    assert.equal(list.json.asOf, '2026-04-10');
    const item = list.json.items.find((i: { id: string }) => i.id === hanakoId);
    // 2019-04-01 → 2026-04-10 = 84 whole months, + 24 prior = 108 months = 9 years
    assert.deepEqual(
      {
        name: item.name,
        role: item.role,
        employment: item.employment,
        weeklyHours: item.weeklyHours,
        hiredOn: item.hiredOn,
        experienceYears: item.experienceYears,
        experienceMonths: item.experienceMonths,
        qualifications: item.qualifications,
        warnings: item.warnings,
      },
      {
        name: '保育 花子',
        role: 'nursery-teacher',
        employment: 'full-time',
        weeklyHours: 40,
        hiredOn: '2019-04-01',
        experienceYears: 9,
        experienceMonths: 108,
        qualifications: ['hoikushi'],
        warnings: [],
      },
    );
    const detail = await a.call('GET', `/api/v1/facility/staff/${hanakoId}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.json.qualificationNumber, '12-098765', 'the number is stored normalised from full-width');
    assert.equal(detail.json.address, hanako.address);
    assert.deepEqual(
      detail.json.history.map((h: { kind: string; effectiveOn: string; role: string }) => [h.kind, h.effectiveOn, h.role]),
      [['hire', '2019-04-01', 'nursery-teacher']],
    );

    const raw = await app.ctx.db.query<Record<string, unknown>>('SELECT * FROM fc_staff WHERE id = $1', [hanakoId]);
    const text = JSON.stringify(raw.rows[0]);
    for (const secret of ['保育 花子', 'ホイク', '1990-05-01', 'メゾン名簿', '098765'])
      assert.ok(!text.includes(secret), `fc_staff holds "${secret}" in plain text`);
    assert.equal(raw.rows[0]?.role, 'nursery-teacher', 'the figures’ columns stay plain');
    assert.equal(app.ctx.crypto.decrypt(String(raw.rows[0]?.name_enc), 'fc_staff.name'), '保育 花子');
    assert.throws(() => app.ctx.crypto.decrypt(String(raw.rows[0]?.name_enc), 'fc_staff.address'), 'bound to its column');

    const [create] = await audits('facility.staff.create', hanakoId);
    assert.equal(create?.actor_type, 'facility');
    assert.equal(create?.actor_id, userA);
    assert.ok(!JSON.stringify(create?.detail).includes('花子'));
    assert.equal((await audits('facility.staff.list')).at(-1)?.detail.count, 1);
    assert.equal((await audits('facility.staff.view', hanakoId)).length, 1);
  });

  it('answers field errors in Japanese for a refused entry, and writes nothing', async () => {
    const bad = await a.call('POST', '/api/v1/facility/staff', {
      ...hanako,
      birthDate: '2012-01-01', // 14 on the hire date below
      hiredOn: '2026-04-01',
      employment: 'part-time',
      weeklyHours: 40,
      qualificationNumber: '',
    });
    assert.equal(bad.status, 422, bad.body);
    const byField = Object.fromEntries(bad.json.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    assert.match(byField.birthDate, /15歳未満/);
    assert.match(byField.weeklyHours, /40時間未満/);
    assert.match(byField.qualificationNumber, /保育士登録番号を入力/);
    const noDate = await a.call('POST', '/api/v1/facility/staff', { ...hanako, birthDate: '1990-02-30', name: '' });
    assert.equal(noDate.status, 422);
    const fields = noDate.json.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['birthDate', 'name']);
    assert.equal(Number((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_staff')).rows[0]?.n), 1);
  });

  it("answers 404 for another facility's staff by API and by page, as for an unknown id, and notes the probe", async () => {
    for (const [method, url, body] of [
      ['GET', `/api/v1/facility/staff/${hanakoId}`, undefined],
      ['PATCH', `/api/v1/facility/staff/${hanakoId}`, { name: '乗っ取り' }],
      ['POST', `/api/v1/facility/staff/${hanakoId}/events`, { kind: 'retire', effectiveOn: '2026-04-10' }],
      ['GET', '/api/v1/facility/staff/00000000-0000-4000-8000-000000000000', undefined],
      ['GET', '/api/v1/facility/staff/not-a-uuid', undefined],
    ] as const) {
      const r = await b.call(method, url, body);
      assert.equal(r.status, 404, `${method} ${url}`);
    }
    const listB = await b.call('GET', '/api/v1/facility/staff');
    assert.deepEqual(listB.json.items, []);
    assert.equal((await page(b, `/facility/staff/${hanakoId}`)).statusCode, 404);
    assert.equal((await form(b, `/facility/staff/${hanakoId}`, { name: '乗っ取り' })).statusCode, 404);
    assert.equal((await form(b, `/facility/staff/${hanakoId}/events`, { kind: 'retire', effectiveOn: '2026-04-10' })).statusCode, 404);
    const name = await app.ctx.db.query<{ name_enc: string; left_on: string | null }>(
      'SELECT name_enc, left_on FROM fc_staff WHERE id = $1',
      [hanakoId],
    );
    assert.equal(app.ctx.crypto.decrypt(name.rows[0]!.name_enc, 'fc_staff.name'), '保育 花子');
    assert.equal(name.rows[0]!.left_on, null);
    const probes = await app.ctx.db.query(
      `SELECT 1 FROM security_events WHERE kind = 'facility.cross_facility' AND detail->>'recordId' = $1`,
      [hanakoId],
    );
    assert.equal(probes.rowCount, 6, 'each probe of a real id of another facility (3 API, 3 page) is a security event');
  });

  it('records role changes and leave by date: rosterAsOf, staffingSummary and the printed lines follow the history', async () => {
    const part = await a.call('POST', '/api/v1/facility/staff', {
      name: '非常 勤子',
      birthDate: '1985-10-10',
      address: '千葉県市川市南八幡1-2-3',
      hiredOn: '2024-10-01',
      role: 'assistant',
      employment: 'part-time',
      weeklyHours: 30,
    });
    assert.equal(part.status, 201, part.body);
    const ev = (id: string, body: Record<string, unknown>) => a.call('POST', `/api/v1/facility/staff/${id}/events`, body);
    assert.equal((await ev(hanakoId, { kind: 'role-change', effectiveOn: '2022-04-01', role: 'sub-chief' })).status, 201);
    assert.equal((await ev(hanakoId, { kind: 'leave-start', effectiveOn: '2025-06-01', note: '育児休業 メモ秘密' })).status, 201);
    assert.equal((await ev(hanakoId, { kind: 'leave-end', effectiveOn: '2026-04-01' })).status, 201);
    // a future role change: recorded, not yet the current role
    assert.equal((await ev(hanakoId, { kind: 'role-change', effectiveOn: '2026-10-01', role: 'chief' })).status, 201);
    const early = await ev(hanakoId, { kind: 'leave-start', effectiveOn: '2026-05-01' });
    assert.equal(early.status, 422, 'a change dated before the latest record is refused');
    assert.match(early.json.errors[0].message, /最後の記録（2026-10-01）より前/);

    const current = await app.ctx.db.query<{ role: string }>('SELECT role FROM fc_staff WHERE id = $1', [hanakoId]);
    assert.equal(current.rows[0]?.role, 'sub-chief');
    const note = await app.ctx.db.query<{ note_enc: string }>(
      `SELECT note_enc FROM fc_staff_history WHERE staff_id = $1 AND kind = 'leave-start'`,
      [hanakoId],
    );
    assert.ok(!note.rows[0]!.note_enc.includes('メモ秘密'));

    const on = async (date: string) =>
      (await rosterAsOf(app.ctx.db, facilityA.id, date)).map((m) => [
        m.id === hanakoId ? 'hanako' : 'part',
        m.role,
        m.onLeave,
        m.experienceYears,
        m.fte,
      ]);
    assert.deepEqual(await on('2019-03-31'), []);
    assert.deepEqual(await on('2022-03-31'), [['hanako', 'nursery-teacher', false, 4, 1]]); // 35 + 24 = 59 months
    assert.deepEqual(await on('2024-10-01'), [
      ['hanako', 'sub-chief', false, 7, 1], // 66 + 24 = 90 months
      ['part', 'assistant', false, 0, 0.75],
    ]);
    assert.deepEqual(await on('2025-12-01'), [
      ['hanako', 'sub-chief', true, 8, 1], // on leave; 80 + 24 = 104 months
      ['part', 'assistant', false, 1, 0.75],
    ]);
    assert.deepEqual(await on('2026-10-01'), [
      ['hanako', 'chief', false, 9, 1],
      ['part', 'assistant', false, 2, 0.75],
    ]);
    const onLeave = staffingSummary(await rosterAsOf(app.ctx.db, facilityA.id, '2025-12-01'), '2025-12-01');
    // hanako on leave: care FTE 0 (the assistant is not a care role); average over the assistant alone: 14 months → 1.1
    assert.deepEqual(
      { headcount: onLeave.headcount, careFte: onLeave.careFte, avg: onLeave.averageExperienceYears },
      { headcount: 2, careFte: 0, avg: 1.1 },
    );
    const lines = await staffLinesForForms(app.ctx, facilityA.id, '2026-04-10');
    assert.deepEqual(
      lines.map((l) => [l.name, l.role, l.experienceYears]),
      [
        ['保育 花子', 'sub-chief', 9],
        ['非常 勤子', 'assistant', 1],
      ],
    );

    assert.equal((await ev(part.json.id, { kind: 'retire', effectiveOn: '2026-03-31' })).status, 201);
    const after = await ev(part.json.id, { kind: 'role-change', effectiveOn: '2026-04-01', role: 'cook' });
    assert.equal(after.status, 422);
    assert.match(after.json.errors[0].message, /退職日（2026-03-31）より後/);
    assert.deepEqual(
      (await rosterAsOf(app.ctx.db, facilityA.id, '2026-04-01')).map((m) => m.id),
      [hanakoId],
    );
    const left = await app.ctx.db.query<{ left_on: string }>('SELECT left_on::text AS left_on FROM fc_staff WHERE id = $1', [part.json.id]);
    assert.equal(left.rows[0]?.left_on, '2026-03-31');
    assert.equal((await audits('facility.staff.history', hanakoId)).length, 4);
  });

  it('corrects personal fields by PATCH (audited with field names only); a hire date after a recorded change is refused', async () => {
    const ok = await a.call('PATCH', `/api/v1/facility/staff/${hanakoId}`, {
      address: '千葉県市川市新田5-5-5',
      qualifications: ['hoikushi', 'kyoyu'],
    });
    assert.equal(ok.status, 200, ok.body);
    const d = await a.call('GET', `/api/v1/facility/staff/${hanakoId}`);
    assert.equal(d.json.address, '千葉県市川市新田5-5-5');
    assert.deepEqual(d.json.qualifications, ['hoikushi', 'kyoyu']);
    const [update] = await audits('facility.staff.update', hanakoId);
    assert.deepEqual(update?.detail, { fields: ['address', 'qualifications'] });
    const late = await a.call('PATCH', `/api/v1/facility/staff/${hanakoId}`, { hiredOn: '2022-05-01' });
    assert.equal(late.status, 422);
    assert.equal(late.json.errors[0].field, 'hiredOn');
    assert.match(late.json.errors[0].message, /2022-04-01/);
  });

  it('shows the list with the computed figures and a warning for a nursery teacher without the licence', async () => {
    const unlicensed = await a.call('POST', '/api/v1/facility/staff', {
      name: '無資格 太郎',
      birthDate: '2000-01-01',
      address: '千葉県市川市大和田1-1',
      hiredOn: '2025-04-01',
      role: 'nursery-teacher',
      employment: 'full-time',
    });
    assert.equal(unlicensed.status, 201);
    const r = await page(a, '/facility/staff');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /職員配置の状況（2026-04-10（令和8年4月10日）時点）/);
    // today: hanako (sub-chief, 1) + 太郎 (nursery teacher, 1) care; qualified: hanako only
    assert.match(r.body, /<dt>保育に従事する職員（常勤換算）<\/dt><dd>2\.00人<\/dd>/);
    assert.match(r.body, /<dt>うち保育士・幼稚園教諭の資格を持つ職員（常勤換算）<\/dt><dd>1\.00人<\/dd>/);
    // average: hanako 108 + 太郎 12 = 120 months / 2 / 12 = 5.0
    assert.match(r.body, /<dt>平均経験年数<\/dt><dd>5\.0年/);
    assert.match(r.body, /職種が保育士ですが、保育士の資格が登録されていません。/);
    assert.match(r.body, /非常 勤子/);
    const past = await page(a, '/facility/staff?asOf=2025-12-01');
    // 2025-12-01: hanako on leave (counted, not in care FTE nor the average); 太郎 8 months, 勤子 14 → 22 / 2 / 12 = 0.91… → 0.9
    assert.match(past.body, /<dt>職員数<\/dt><dd>3人<\/dd>/);
    assert.match(past.body, /<dt>保育に従事する職員（常勤換算）<\/dt><dd>1\.00人<\/dd>/);
    assert.match(past.body, /<dt>平均経験年数<\/dt><dd>0\.9年/);
    const badDate = await page(a, '/facility/staff?asOf=2025-13-01');
    assert.equal(badDate.statusCode, 422);
    assert.match(badDate.body, /日付を正しく入力してください/);
    assert.match(badDate.body, /value="2025-13-01"/);
  });

  it('registers by the portal form, keeping everything typed and naming each problem in Japanese', async () => {
    const typed = {
      name: '入力 保持',
      nameKana: 'ニュウリョク',
      birthDate: '2030-01-01',
      address: '千葉県市川市<b>タグ</b>',
      hiredOn: '2026-04-01',
      role: 'kodomoen-teacher',
      employment: 'part-time',
      weeklyHours: '４５',
      qualifications: ['hoikushi', 'kyoyu'],
      qualificationNumber: '',
      priorExperienceYears: '3',
    };
    const refused = await form(a, '/facility/staff/new', typed);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /生年月日が未来の日付になっています。/);
    assert.match(refused.body, /非常勤の週の勤務時間は40時間未満/);
    assert.match(refused.body, /保育士登録番号を入力してください。/);
    assert.match(refused.body, /value="入力 保持"/);
    assert.match(refused.body, /value="2030-01-01"/);
    assert.match(refused.body, /千葉県市川市&lt;b&gt;タグ&lt;\/b&gt;/);
    assert.match(refused.body, /<option value="kodomoen-teacher" selected>/);
    assert.match(refused.body, /value="kyoyu" checked/);
    assert.equal((await form(a, '/facility/staff/new', typed, false)).statusCode, 403);
    const foreignToken = await app.server.inject({
      method: 'POST',
      url: '/facility/staff/new',
      headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({
        ...typed,
        birthDate: '1998-07-07',
        weeklyHours: '30',
        qualificationNumber: '12-1',
        _csrf: b.csrf,
        qualifications: 'kyoyu',
      }).toString(),
    });
    assert.equal(foreignToken.statusCode, 403, 'another session’s token is refused');

    const done = await form(a, '/facility/staff/new', {
      ...typed,
      birthDate: '1998-07-07',
      weeklyHours: '３０',
      qualificationNumber: '１２－１２３４５６',
    });
    assert.equal(done.statusCode, 303, done.body);
    const location = String(done.headers.location);
    assert.match(location, /^\/facility\/staff\/[0-9a-f-]{36}\?done=created$/);
    const shown = await page(a, location);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /職員を登録しました。/);
    assert.match(shown.body, /1998-07-07（平成10年7月7日）/);
    assert.match(shown.body, /12-123456/);
    // prior 36 months + 0 months served = 3 years 0 months
    assert.match(shown.body, /3年0か月/);

    const id = location.split('/')[3]!.split('?')[0]!;
    const badEvent = await form(a, `/facility/staff/${id}/events`, { kind: 'leave-end', effectiveOn: '2026-04-05', note: '復職メモ' });
    assert.equal(badEvent.statusCode, 422);
    assert.match(badEvent.body, /休職の開始が記録されていないため、復職は記録できません。/);
    assert.match(badEvent.body, /復職メモ/);
    const event = await form(a, `/facility/staff/${id}/events`, {
      kind: 'employment-change',
      effectiveOn: '2026-04-05',
      employment: 'full-time',
    });
    assert.equal(event.statusCode, 303, event.body);
    const edit = await form(a, `/facility/staff/${id}`, {
      name: '入力 訂正',
      nameKana: '',
      birthDate: '1998-07-07',
      address: '千葉県市川市本八幡',
      hiredOn: '2026-04-01',
      qualifications: 'kyoyu',
      qualificationNumber: '',
      priorExperienceYears: '3',
      priorExperienceMonths: '6',
    });
    assert.equal(edit.statusCode, 303, edit.body);
    const d = await a.call('GET', `/api/v1/facility/staff/${id}`);
    assert.deepEqual(
      [
        d.json.name,
        d.json.nameKana,
        d.json.qualifications,
        d.json.qualificationNumber,
        d.json.priorExperienceMonths,
        d.json.employment,
        d.json.weeklyHours,
      ],
      ['入力 訂正', null, ['kyoyu'], null, 42, 'full-time', 40],
    );
  });

  it('records one of eight retirements sent at once (the person’s row is locked while the history is checked)', postgresRace, async () => {
    const p = await a.call('POST', '/api/v1/facility/staff', {
      name: '同時 退職',
      birthDate: '1970-01-01',
      address: '千葉県市川市',
      hiredOn: '2000-04-01',
      role: 'cook',
      employment: 'full-time',
    });
    const both = await Promise.all(
      ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'].map((d) =>
        a.call('POST', `/api/v1/facility/staff/${p.json.id}/events`, { kind: 'retire', effectiveOn: d }),
      ),
    );
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 422, 422, 422, 422, 422, 422, 422]);
    const n = await app.ctx.db.query(`SELECT 1 FROM fc_staff_history WHERE staff_id = $1 AND kind = 'retire'`, [p.json.id]);
    assert.equal(n.rowCount, 1);
  });
});
