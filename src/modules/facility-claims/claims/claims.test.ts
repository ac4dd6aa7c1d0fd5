/**
 * Claims and forms against a real database: a monthly claim filled from the roster, the counts and the
 * items equals the engine's result and shows the facility's facts; submitting is refused while a check is
 * an error and accepted once the facts are fixed; the state transitions (withdraw, approved → new version,
 * returned keeps the city's comment); 処遇改善 entries typed once and kept; another facility's submission
 * is 404 by API and by page; two concurrent prepares leave one open version (PostgreSQL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { calculateMonthly } from '../pricing/engine.js';
import { loadPriceTable } from '../pricing/price-table.js';
import { ensureSamplePriceTable } from '../pricing/sample-table.js';
import { rosterAsOf } from '../roster/roster-as-of.js';
import { staffingSummary } from '../roster/staffing.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { ChildCount, ItemInEffect, MonthlyClaimContent, ShoguContent } from '../shared/types.js';
import { type FacilityClient, facilityClient, insertTestFacility, insertTestFacilityUser } from '../testing.js';
import { prepareSubmission } from './prepare-submission.js';

const clock = new ManualClock('2026-06-10T10:00:00+09:00');
const MONTH = '2026-06';

/** The June counts, in CHILD_CLASSES order. Required care staff by hand: 6/3 + 12/6 + ⌊15/20⌋₀.₁ + ⌊25/30⌋₀.₁ = 2 + 2 + 0.7 + 0.8 = 5.5 → 6. */
const COUNTS: ChildCount[] = [
  { certClass: 2, ageBand: 'age3', need: 'standard', count: 15 },
  { certClass: 2, ageBand: 'age4plus', need: 'standard', count: 25 },
  { certClass: 3, ageBand: 'age0', need: 'standard', count: 6 },
  { certClass: 3, ageBand: 'age1-2', need: 'standard', count: 12 },
];

describe('facility claims and forms', () => {
  let app: TestApp;
  let facilityA: { id: string; code: string };
  let a: FacilityClient;
  let b: FacilityClient;
  let unqualified: string;

  const addStaff = async (
    facilityId: string,
    o: { name: string; role: string; employment?: string; hours?: number; quals?: string[]; hiredOn?: string },
  ): Promise<string> => {
    const { crypto, db } = app.ctx;
    const employment = o.employment ?? 'full-time';
    const hours = o.hours ?? 40;
    const hiredOn = o.hiredOn ?? '2020-04-01';
    const r = await db.query<{ id: string }>(
      `INSERT INTO fc_staff (facility_id, name_enc, birth_date_enc, address_enc, qualifications, role, employment, weekly_hours, hired_on, prior_experience_months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 24) RETURNING id`,
      [
        facilityId,
        crypto.encrypt(o.name, FC_CRYPTO.staffName),
        crypto.encrypt('1990-01-01', FC_CRYPTO.staffBirthDate),
        crypto.encrypt('千葉県市川市1-1', FC_CRYPTO.staffAddress),
        o.quals ?? ['hoikushi'],
        o.role,
        employment,
        hours,
        hiredOn,
      ],
    );
    const id = r.rows[0]!.id;
    await db.query(
      `INSERT INTO fc_staff_history (staff_id, kind, effective_on, role, employment, weekly_hours) VALUES ($1, 'hire', $2, $3, $4, $5)`,
      [id, hiredOn, o.role, employment, hours],
    );
    return id;
  };

  const addCounts = async (facilityId: string, month: string, counts: ChildCount[], status: string) => {
    const imp = await app.ctx.db.query<{ id: string }>(
      `INSERT INTO fc_count_imports (month, file_sha256, encoding, line_count, facility_count) VALUES ($1, md5(random()::text), 'utf-8', $2, 1) RETURNING id`,
      [`${month}-01`, counts.length],
    );
    const importId = imp.rows[0]!.id;
    for (const c of counts)
      await app.ctx.db.query(
        'INSERT INTO fc_child_counts (facility_id, month, cert_class, age_band, need, count, import_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [facilityId, `${month}-01`, c.certClass, c.ageBand, c.need, c.count, importId],
      );
    await app.ctx.db.query('INSERT INTO fc_count_reviews (facility_id, month, import_id, status) VALUES ($1, $2, $3, $4)', [
      facilityId,
      `${month}-01`,
      importId,
      status,
    ]);
  };

  const addItem = (facilityId: string, code: string, effectiveFrom: string, claimed: boolean, value: Record<string, unknown> = {}) =>
    app.ctx.db.query(
      'INSERT INTO fc_items (facility_id, fiscal_year, item_code, effective_from, claimed, value) VALUES ($1, 2026, $2, $3, $4, $5)',
      [facilityId, code, effectiveFrom, claimed, JSON.stringify(value)],
    );

  const form = (client: FacilityClient, url: string, fields: Record<string, string>, csrf = true) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(csrf ? { _csrf: client.csrf } : {}), ...fields }).toString(),
    });
  const page = (client: FacilityClient, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: client.cookie } });

  before(async () => {
    app = await startTestApp({ clock });
    facilityA = await insertTestFacility(app.ctx, { name: '市川みらい保育園', type: 'hoikusho', regionPercent: 16, capacity23: 90 });
    const facilityB = await insertTestFacility(app.ctx, { name: '別施設こども園' });
    a = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: facilityA.id }));
    b = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: facilityB.id }));
    await ensureSamplePriceTable(app.ctx, 2026);
    // care staff: chief + 4 teachers full-time (5) + a part-timer of 20 h without 保育士 (0.5) = 5.5 < 6 required
    await addStaff(facilityA.id, { name: '園長 一郎', role: 'director', hiredOn: '2010-04-01' });
    await addStaff(facilityA.id, { name: '主任 花子', role: 'chief', hiredOn: '2012-04-01' });
    for (const n of ['一', '二', '三', '四']) await addStaff(facilityA.id, { name: `保育 ${n}子`, role: 'nursery-teacher' });
    unqualified = await addStaff(facilityA.id, {
      name: '補充 未資格',
      role: 'nursery-teacher',
      employment: 'part-time',
      hours: 20,
      quals: [],
    });
    await addStaff(facilityA.id, { name: '事務 太郎', role: 'clerk', quals: [] });
    await addCounts(facilityA.id, MONTH, COUNTS, 'pending');
    await addItem(facilityA.id, 'shukan-senin', '2026-04-01', true);
    await addItem(facilityA.id, 'jimu-yatoiage', '2026-04-01', true);
    await addItem(facilityA.id, 'eiyo-kanri', '2026-04-01', true, { kind: 'employed' }); // no nutritionist on the roster
  });
  after(async () => {
    await app?.close();
  });

  let monthlyId: string;

  it('fills the monthly claim from the roster, counts and items: the engine’s result and the facility’s facts', async () => {
    const r = await a.call('POST', `/api/v1/facility/claims/monthly-claim/${MONTH}/prepare`);
    assert.equal(r.status, 200, r.body);
    monthlyId = r.json.id;
    assert.equal(r.json.version, 1);
    assert.equal(r.json.status, 'draft');

    const got = await a.call('GET', `/api/v1/facility/submissions/${monthlyId}`);
    assert.equal(got.status, 200, got.body);
    const content = got.json.content as MonthlyClaimContent;
    assert.equal(content.facility.name, '市川みらい保育園');
    assert.deepEqual(content.counts, COUNTS);
    assert.equal(content.requiredCareFte, 6);
    assert.equal(content.staffing.headcount, 8);
    assert.equal(content.staffing.careFte, 5.5);
    assert.equal(content.staffing.qualifiedCareFte, 5);
    assert.deepEqual(
      content.items.map((i) => [i.code, i.claimed]),
      [
        ['shukan-senin', true],
        ['jimu-yatoiage', true],
        ['eiyo-kanri', true],
      ],
    );
    // the engine, fed independently with the same facts, gives the same calculation
    const table = await loadPriceTable(app.ctx.db, 2026);
    assert.ok(table?.isSample);
    const roster = await rosterAsOf(app.ctx.db, facilityA.id, `${MONTH}-01`);
    const items: ItemInEffect[] = [
      { code: 'shukan-senin', claimed: true, effectiveFrom: '2026-04-01', value: {} },
      { code: 'jimu-yatoiage', claimed: true, effectiveFrom: '2026-04-01', value: {} },
      { code: 'eiyo-kanri', claimed: true, effectiveFrom: '2026-04-01', value: { kind: 'employed' } },
    ];
    const expected = calculateMonthly(table!, {
      month: MONTH,
      fiscalYear: 2026,
      facility: { type: 'hoikusho', regionPercent: 16, capacity1: 0, capacity23: 90 },
      counts: COUNTS,
      items,
      staffing: staffingSummary(roster, `${MONTH}-01`),
    });
    assert.deepEqual(content.calculation, expected);
    assert.ok(expected.total > 0);
    assert.equal(got.json.totalAmount, expected.total);
    assert.equal(got.json.summary.children, 58);

    // the screen shows the facts and the total
    const html = (await page(a, `/facility/claims/monthly/${MONTH}`)).body;
    assert.match(html, /市川みらい保育園/);
    assert.match(html, new RegExp(expected.total.toLocaleString('ja-JP')));
    assert.match(html, /主幹教諭等専任加算/);
  });

  it('refuses to submit while a check is an error, naming the fields; accepts once the facts are fixed', async () => {
    const r = await a.call('POST', `/api/v1/facility/submissions/${monthlyId}/submit`);
    assert.equal(r.status, 422, r.body);
    const refused = (r.json.errors as { field: string }[]).map((f) => f.field).sort();
    assert.deepEqual(refused, ['items.eiyo-kanri', `staff.${unqualified}.qualifications`, 'staffing', 'staffing'].sort());
    assert.equal((await a.call('GET', `/api/v1/facility/submissions/${monthlyId}`)).json.status, 'draft');

    // the page shows the same refusal field by field, with a link to where the fact is changed
    const refusedPage = await form(a, `/facility/claims/monthly/${MONTH}`, { action: 'submit' });
    assert.equal(refusedPage.statusCode, 422);
    assert.match(refusedPage.body, /error-summary/);
    assert.match(refusedPage.body, new RegExp(`/facility/staff/${unqualified}`));
    // without the CSRF token the form is refused
    assert.equal((await form(a, `/facility/claims/monthly/${MONTH}`, { action: 'submit' }, false)).statusCode, 403);

    // fix the facts where they live: the part-timer's 保育士, a sixth full-time teacher, the nutrition item withdrawn
    await app.ctx.db.query(`UPDATE fc_staff SET qualifications = '{hoikushi}' WHERE id = $1`, [unqualified]);
    await addStaff(facilityA.id, { name: '保育 五子', role: 'nursery-teacher' });
    await addItem(facilityA.id, 'eiyo-kanri', '2026-05-01', false);
    const ok = await a.call('POST', `/api/v1/facility/submissions/${monthlyId}/submit`);
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.json.status, 'submitted');
    const after = await a.call('GET', `/api/v1/facility/submissions/${monthlyId}`);
    const c = after.json.content as MonthlyClaimContent;
    assert.equal(c.staffing.careFte, 6.5);
    assert.equal(c.staffing.qualifiedCareFte, 6.5);
    // warnings remain and do not block: the counts not yet confirmed, the sample price table
    assert.deepEqual(c.checks.map((x) => `${x.severity}:${x.field}`).sort(), ['warning:counts', 'warning:priceTable']);
    assert.deepEqual(
      after.json.events.map((e: { action: string }) => e.action),
      ['created', 'updated', 'submitted'], // 'updated': the refused submit on the page saved the draft first
    );
    const audits = await app.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE record_id = $1 ORDER BY seq`, [
      monthlyId,
    ]);
    assert.ok(audits.rows.some((x) => x.action === 'facility.submission.submit'));
  });

  it('leaves a submitted version as it was submitted: prepare is refused and the screen shows the stored version', async () => {
    await app.ctx.db.query(`UPDATE fc_count_reviews SET status = 'queried' WHERE facility_id = $1`, [facilityA.id]);
    const r = await a.call('POST', `/api/v1/facility/claims/monthly-claim/2026-06/prepare`);
    assert.equal(r.status, 409, 'the submitted version is not refreshed');
    assert.equal(r.json.code, 'submission_state');
    const view = await page(a, `/facility/claims/monthly/${MONTH}`);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /提出・承認された時点の内容/);
    assert.doesNotMatch(view.body, /照会中です/, 'the stored checks, not the ones of the data now');
    await app.ctx.db.query(`UPDATE fc_count_reviews SET status = 'confirmed' WHERE facility_id = $1`, [facilityA.id]);
  });

  it('moves through the states: withdraw, submit, approved is locked, a new version, returned keeps the comment', async () => {
    assert.equal((await a.call('POST', `/api/v1/facility/submissions/${monthlyId}/submit`)).status, 409);
    const w = await a.call('POST', `/api/v1/facility/submissions/${monthlyId}/withdraw`);
    assert.equal(w.status, 200, w.body);
    assert.equal(w.json.status, 'draft');
    assert.equal((await a.call('POST', `/api/v1/facility/submissions/${monthlyId}/withdraw`)).status, 409);
    assert.equal((await a.call('POST', `/api/v1/facility/submissions/${monthlyId}/submit`)).status, 200);
    // the city approves (review part); then nothing can be prepared over it, only a new version started
    await app.ctx.db.query(`UPDATE fc_submissions SET status = 'approved', decided_at = now() WHERE id = $1`, [monthlyId]);
    const refused = await a.call('POST', `/api/v1/facility/claims/monthly-claim/${MONTH}/prepare`);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.code, 'submission_state');
    const started = await form(a, `/facility/claims/monthly/${MONTH}`, { action: 'new-version' });
    assert.equal(started.statusCode, 303);
    assert.equal((await form(a, `/facility/claims/monthly/${MONTH}`, { action: 'new-version' })).statusCode, 409);
    const list = await a.call('GET', '/api/v1/facility/claims?fiscalYear=2026');
    const june = list.json.items.find((i: { form: string; period: string }) => i.form === 'monthly-claim' && i.period === MONTH);
    assert.equal(june.submission.version, 2);
    assert.equal(june.submission.status, 'draft');
    assert.equal(list.json.items.length, 17);
    // version 2 is submitted and returned with a comment; a prepare refreshes it and it stays returned
    const v2 = june.submission.id as string;
    assert.equal((await a.call('POST', `/api/v1/facility/submissions/${v2}/submit`)).status, 200);
    await app.ctx.db.query(`UPDATE fc_submissions SET status = 'returned' WHERE id = $1`, [v2]);
    await app.ctx.db.query(
      `INSERT INTO fc_submission_events (submission_id, action, actor_type, comment) VALUES ($1, 'returned', 'staff', $2)`,
      [v2, '加算の開始日を確認してください<b>'],
    );
    const again = await a.call('POST', `/api/v1/facility/claims/monthly-claim/${MONTH}/prepare`);
    assert.equal(again.status, 200, again.body);
    assert.equal(again.json.id, v2);
    assert.equal(again.json.status, 'returned');
    const shown = await page(a, `/facility/claims/monthly/${MONTH}`);
    assert.match(shown.body, /加算の開始日を確認してください&lt;b&gt;/);
    const history = await page(a, `/facility/submissions/${v2}`);
    assert.equal(history.statusCode, 200);
    assert.match(history.body, /加算の開始日を確認してください&lt;b&gt;/);
    assert.equal((await a.call('POST', `/api/v1/facility/submissions/${v2}/submit`)).status, 200);
  });

  it('answers 404 to another facility for every route of a submission, API and page', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/facility/submissions/${monthlyId}`],
      ['POST', `/api/v1/facility/submissions/${monthlyId}/submit`],
      ['POST', `/api/v1/facility/submissions/${monthlyId}/withdraw`],
    ] as const)
      assert.equal((await b.call(method, url)).status, 404, `${method} ${url}`);
    assert.equal((await b.call('POST', `/api/v1/facility/submissions/${monthlyId}/shogu-entries`, { entries: [] })).status, 404);
    assert.equal((await page(b, `/facility/submissions/${monthlyId}`)).statusCode, 404);
    assert.equal((await form(b, `/facility/submissions/${monthlyId}/withdraw`, {})).statusCode, 404);
    const listB = await b.call('GET', '/api/v1/facility/claims?fiscalYear=2026');
    assert.ok(listB.json.items.every((i: { submission: unknown }) => i.submission === null));
    // without a session: 401
    const anon = await app.server.inject({ method: 'GET', url: `/api/v1/facility/submissions/${monthlyId}` });
    assert.equal(anon.statusCode, 401);
  });

  it('処遇改善: the improvements typed once are kept in the draft, checked against the addition, and a report needs its plan', async () => {
    await addItem(facilityA.id, 'shogu', '2026-04-01', true, { kubun1Rate: 12, kubun2Rate: 7, kubun3: { personsA: 1, personsB: 0 } });
    const p = await a.call('POST', '/api/v1/facility/claims/shogu-plan/2026/prepare');
    assert.equal(p.status, 200, p.body);
    const planId = p.json.id as string;
    const first = (await a.call('GET', `/api/v1/facility/submissions/${planId}`)).json.content as ShoguContent;
    assert.equal(first.staff.length, 9);
    assert.ok(first.totals.additionYearly > 0, 'the sample table prices 処遇改善');
    assert.equal(first.kubun3.personsA, 0);
    assert.ok(first.checks.some((c) => c.field === 'totals.basePayShare' && c.severity === 'error'));
    assert.ok(
      first.checks.some((c) => c.field === 'kubun3'),
      'the item says one A person, none is marked',
    );

    // each person gets an equal share of the addition (rounded up), the chief is group A
    const chief = first.staff.find((s) => s.role === 'chief')!;
    const each = Math.ceil(first.totals.additionYearly / first.staff.length) + 1000;
    const entries = first.staff.map((s) => ({
      staffId: s.staffId,
      improvementYearly: each,
      kubun3Group: s.staffId === chief.staffId ? 'A' : null,
    }));
    const saved = await a.call('POST', `/api/v1/facility/submissions/${planId}/shogu-entries`, { entries });
    assert.equal(saved.status, 200, saved.body);
    const second = (await a.call('GET', `/api/v1/facility/submissions/${planId}`)).json.content as ShoguContent;
    assert.equal(second.kubun3.personsA, 1);
    assert.ok(second.totals.additionYearly > first.totals.additionYearly, '区分③ A adds to the addition');
    assert.equal(second.totals.improvementYearly, each * 9);
    const expectedShare = Math.round(((each * 9) / (second.kubun2.yearlyAmount + second.kubun3.yearlyAmount)) * 1000) / 1000;
    assert.equal(second.totals.basePayShare, expectedShare);
    // the typed amounts survive a refresh (prepare again) and show on the page
    assert.equal((await a.call('POST', '/api/v1/facility/claims/shogu-plan/2026/prepare')).status, 200);
    const kept = (await a.call('GET', `/api/v1/facility/submissions/${planId}`)).json.content as ShoguContent;
    assert.deepEqual(
      kept.staff.map((s) => s.improvementYearly),
      second.staff.map(() => each),
    );
    const shoguPage = await page(a, '/facility/claims/shogu/2026/plan');
    assert.equal(shoguPage.statusCode, 200);
    assert.match(shoguPage.body, new RegExp(`value="${each}"`));

    // a letter typed in an amount is refused on the page with the field, everything typed shown again
    const bad = await form(a, '/facility/claims/shogu/2026/plan', {
      action: 'save',
      [`improvement.${chief.staffId}`]: '12万',
      [`group.${chief.staffId}`]: 'A',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="12万"/);
    assert.match(bad.body, new RegExp(`field-staff-${chief.staffId}-improvement`));
    // a person of another facility cannot be named
    const other = await a.call('POST', `/api/v1/facility/submissions/${planId}/shogu-entries`, {
      entries: [{ staffId: '00000000-0000-4000-8000-000000000000', improvementYearly: 1, kubun3Group: null }],
    });
    assert.equal(other.status, 422);

    // the report before the plan is filed: refused on 'plan'
    const rep = await a.call('POST', '/api/v1/facility/claims/shogu-report/2026/prepare');
    assert.equal(rep.status, 200);
    assert.ok(rep.json.checks.some((c: { field: string; severity: string }) => c.field === 'plan' && c.severity === 'error'));
    assert.equal((await a.call('POST', `/api/v1/facility/submissions/${planId}/submit`)).status, 200);
    const rep2 = await a.call('POST', '/api/v1/facility/claims/shogu-report/2026/prepare');
    assert.ok(!rep2.json.checks.some((c: { field: string }) => c.field === 'plan'));
  });

  it('addition applications list the items of their level with whether the roster meets them', async () => {
    const r = await a.call('POST', '/api/v1/facility/claims/addition-national/2026/prepare');
    assert.equal(r.status, 200, r.body);
    const content = (await a.call('GET', `/api/v1/facility/submissions/${r.json.id}`)).json.content;
    assert.deepEqual(
      content.additions.map((x: { code: string; conditionsMet: boolean }) => [x.code, x.conditionsMet]),
      [
        ['shukan-senin', true],
        ['jimu-yatoiage', true],
        ['eiyo-kanri', true], // not claimed since May: nothing to meet
        ['shogu', true],
      ],
    );
    const city = await page(a, '/facility/claims/additions/2026/city');
    assert.equal(city.statusCode, 200);
    const list = await page(a, '/facility/claims?fiscalYear=2026');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /運営費請求書|2026年6月/);
  });

  it('two prepares at the same moment leave one open version', postgresRace, async () => {
    const who = {
      facilityId: facilityA.id,
      userId: (await app.ctx.db.query<{ id: string }>('SELECT id FROM fc_users WHERE facility_id = $1', [facilityA.id])).rows[0]!.id,
    };
    const audit = { actor: { type: 'facility' as const, id: who.userId, label: 'race' } };
    const results = await Promise.allSettled([
      prepareSubmission(app.ctx, who, audit, 'monthly-claim', '2026-07'),
      prepareSubmission(app.ctx, who, audit, 'monthly-claim', '2026-07'),
      prepareSubmission(app.ctx, who, audit, 'monthly-claim', '2026-07'),
    ]);
    assert.ok(
      results.every((x) => x.status === 'fulfilled'),
      JSON.stringify(results.map((x) => x.status === 'rejected' && String(x.reason))),
    );
    const open = await app.ctx.db.query(
      `SELECT id FROM fc_submissions WHERE facility_id = $1 AND form = 'monthly-claim' AND period = '2026-07'`,
      [facilityA.id],
    );
    assert.equal(open.rows.length, 1);
  });
});
