/**
 * Card lifecycle on a manual clock: the daily job makes overdue cards uncollected exactly after their
 * deadline (booked cards untouched), cards due for destruction wait for a staff confirmation (CSRF
 * form, audited, department-scoped, by the office's department administrator only: the card policy),
 * and personal data is erased after the retention period.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { allJobs } from '../../bootstrap.js';
import { ManualClock } from '../../platform/clock.js';
import { enqueue, JobWorker } from '../../platform/jobs.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { addCardNote, changeCardState } from './internal/card-progress.js';
import { decryptPersonal } from './internal/card-personal.js';
import { getCardSettings, upsertCardSettings, type CardSettings } from './internal/card-settings.js';
import { setCardLifecycle } from './internal/card-lifecycle-settings.js';
import { importIssuanceList } from './internal/import-issuance-list.js';
import { searchCards } from './internal/search-cards.js';
import { encodeCsvText, syntheticIssuanceCsv } from './internal/synthetic-list.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };

describe('card lifecycle: uncollected, destruction, erasure', () => {
  const clock = new ManualClock('2026-01-05T10:00:00+09:00');
  let app: TestApp;
  let worker: JobWorker;
  let shimin: CardSettings;
  let koseki: CardSettings;
  let a: Client; // department administrator of 市民課 (card office)
  let s: Client; // staff (not administrator) of 市民課
  let b: Client; // department administrator of 戸籍課 (another card office)
  let c: Client; // staff of 福祉課 (no card office)
  const id: Record<string, string> = {};
  let staffId = '';

  const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    app.ctx.db.query<T>(sql, params).then((r) => r.rows);
  const stateOf = async (n: string) =>
    (await q<{ state: string }>('SELECT state FROM card_int_cards WHERE control_no = $1', [n]))[0]!.state;
  const states = async (prefix: string) =>
    Object.fromEntries(
      (
        await q<{ control_no: string; state: string }>('SELECT control_no, state FROM card_int_cards WHERE control_no LIKE $1 ORDER BY 1', [
          `${prefix}%`,
        ])
      ).map((r) => [r.control_no, r.state]),
    );
  const runs = () =>
    q<{ department_id: string; detail: Record<string, number>; actor_type: string }>(
      "SELECT department_id, detail, actor_type FROM audit_log WHERE action = 'card.lifecycle.run' ORDER BY seq",
    );
  const at = async (when: string) => {
    clock.set(when);
    await app.ctx.db.transaction((tx) => enqueue(tx, 'card.lifecycle', {}, { runAt: clock.now() }));
    await worker.drain();
  };
  const move = async (n: string, to: Parameters<typeof changeCardState>[3], when: string) => {
    clock.set(when);
    assert.equal(await changeCardState(app.ctx, shimin.departmentId, id[n]!, to, { actor: sys }), true, `${n} → ${to}`);
  };
  const form = (s: Client, url: string, fields: [string, string][], csrf = true) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([...(csrf ? [['_csrf', s.csrf] as [string, string]] : []), ...fields]).toString(),
    });
  const get = (s: Client, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

  // Sessions expire while the clock jumps by weeks: log in again at the current time.
  const logIn = async () => {
    [a, s, b, c] = [
      await logInClient(app, 'lc-shimin'),
      await logInClient(app, 'lc-shimin-staff'),
      await logInClient(app, 'lc-koseki'),
      await logInClient(app, 'lc-fukushi'),
    ];
  };

  before(async () => {
    app = await startTestApp({ clock });
    worker = new JobWorker(app.ctx, allJobs());
    staffId = await makeStaff(app, { loginId: 'lc-shimin', dept: 'shimin', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'lc-shimin-staff', dept: 'shimin' });
    await makeStaff(app, { loginId: 'lc-koseki', dept: 'koseki', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'lc-fukushi', dept: 'fukushi' });
    for (const [code, prefix, rows, policy] of [
      ['shimin', 'LCA', 8, 'random'],
      ['koseki', 'LCB', 2, 'birthday'],
    ] as const) {
      const dept = (await q<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code]))[0]!.id;
      await upsertCardSettings(
        app.ctx.db,
        { departmentId: dept, idPattern: '^[0-9A-Z]{3}[0-9]{6}$', passwordPolicy: policy, bookingUrl: '', columnMapping: {} },
        clock.now(),
      );
      const settings = (await getCardSettings(app.ctx.db, dept))!;
      const bytes = encodeCsvText(syntheticIssuanceCsv({ rows, seed: rows, idPrefix: prefix }), 'utf-8');
      const r = await importIssuanceList(app.ctx, {
        settings,
        fileName: `${prefix}.csv`,
        open: () => Readable.from([bytes]),
        encoding: 'utf-8',
        actor: sys,
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      if (code === 'shimin') shimin = settings;
      else koseki = settings;
    }
    for (const r of await q<{ id: string; control_no: string }>('SELECT id, control_no FROM card_int_cards'))
      id[r.control_no.slice(0, 3) + r.control_no.slice(-1)] = r.id;

    // Notices on 2026-01-10 (deadline 90 days later, 2026-04-10 10:00 JST). LCA2's notice comes back;
    // LCA3 is booked; LCA4 is issued; LCA5 is re-noticed on 2026-02-01 (60 days: 2026-04-02). LCA7 and
    // LCA8 never get a notice.
    for (const n of ['LCA1', 'LCA2', 'LCA3', 'LCA4', 'LCA5', 'LCA6']) await move(n, 'letter_sent', '2026-01-10T10:00:00+09:00');
    await move('LCA2', 'returned', '2026-01-15T10:00:00+09:00');
    await move('LCA5', 'returned', '2026-01-15T10:00:00+09:00');
    await move('LCA3', 'booked', '2026-01-20T10:00:00+09:00');
    await move('LCA4', 'issued', '2026-02-01T10:00:00+09:00');
    await move('LCA5', 'letter_sent', '2026-02-01T10:00:00+09:00');
    await addCardNote(app.ctx, shimin.departmentId, id.LCA4!, '本人から電話あり', staffId, { actor: sys });
  });
  after(() => app.close());

  it('is one of the module’s jobs, recurring daily', () => {
    assert.equal(allJobs().find((j) => j.queue === 'card.lifecycle')?.everySeconds, 86_400);
  });

  it('makes cards uncollected exactly after their deadline, never booked ones, once', async () => {
    await at('2026-04-02T09:59:59+09:00');
    assert.equal(await stateOf('LCA000005'), 'letter_sent', 'one second before the re-notice deadline');
    await at('2026-04-10T09:59:59+09:00');
    assert.deepEqual(await states('LCA'), {
      LCA000001: 'letter_sent',
      LCA000002: 'returned',
      LCA000003: 'booked',
      LCA000004: 'issued',
      LCA000005: 'uncollected',
      LCA000006: 'letter_sent',
      LCA000007: 'received',
      LCA000008: 'received',
    });
    await at('2026-04-10T10:00:01+09:00');
    assert.deepEqual(await states('LCA'), {
      LCA000001: 'uncollected',
      LCA000002: 'uncollected',
      LCA000003: 'booked',
      LCA000004: 'issued',
      LCA000005: 'uncollected',
      LCA000006: 'uncollected',
      LCA000007: 'received',
      LCA000008: 'received',
    });
    const log = await q<{ control_no: string; from_state: string; changed_at: Date }>(
      `SELECT c.control_no, l.from_state, l.changed_at FROM card_int_state_log l JOIN card_int_cards c ON c.id = l.card_id
       WHERE l.to_state = 'uncollected' AND l.source = 'lifecycle' ORDER BY 1`,
    );
    assert.deepEqual(
      log.map((r) => [r.control_no, r.from_state]),
      [
        ['LCA000001', 'letter_sent'],
        ['LCA000002', 'returned'],
        ['LCA000005', 'letter_sent'],
        ['LCA000006', 'letter_sent'],
      ],
    );
    assert.equal(log[0]!.changed_at.toISOString(), '2026-04-10T01:00:01.000Z');
    const mine = (await runs()).filter((r) => r.department_id === shimin.departmentId);
    assert.deepEqual(
      mine.map((r) => r.detail.uncollected),
      [0, 1, 3],
    );
    assert.ok(mine.every((r) => r.actor_type === 'system'));
    assert.ok(
      (await runs()).some((r) => r.department_id === koseki.departmentId),
      'one record per office and run',
    );
    // The same day again: nothing more.
    await at('2026-04-10T12:00:00+09:00');
    assert.equal((await runs()).filter((r) => r.department_id === shimin.departmentId).at(-1)!.detail.uncollected, 0);
    assert.equal((await q('SELECT 1 FROM card_int_state_log WHERE source = $1', ['lifecycle'])).length, 4);
  });

  it('edits the destruction and retention periods on the deadlines page (validated, audited)', async () => {
    await logIn();
    const page = await get(a, '/staff/card/deadlines');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="destroyAfterDays"[^>]*value="90"/);
    assert.match(page.body, /name="personalRetentionDays"[^>]*value="1825"/);
    const bad = await form(a, '/staff/card/lifecycle', [
      ['destroyAfterDays', '-1'],
      ['destroyMinDaysAfterReceipt', '0'],
      ['personalRetentionDays', '10'],
    ]);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="field-destroyAfterDays-error"/);
    assert.match(bad.body, /id="field-personalRetentionDays-error"/);
    assert.match(bad.body, /name="personalRetentionDays"[^>]*value="10"/, 'what was typed is shown again');
    const ok = await form(a, '/staff/card/lifecycle', [
      ['destroyAfterDays', '30'],
      ['destroyMinDaysAfterReceipt', '0'],
      ['personalRetentionDays', '1825'],
    ]);
    assert.equal(ok.statusCode, 200, ok.body);
    const s = await q<{ d: number; m: number; r: number }>(
      'SELECT destroy_after_days AS d, destroy_min_days_after_receipt AS m, personal_retention_days AS r FROM card_int_settings WHERE department_id = $1',
      [shimin.departmentId],
    );
    assert.deepEqual(s, [{ d: 30, m: 0, r: 1825 }]);
    assert.equal((await q("SELECT 1 FROM audit_log WHERE action = 'card.lifecycle.update'")).length, 1);
    assert.equal(
      (
        await form(c, '/staff/card/lifecycle', [
          ['destroyAfterDays', '1'],
          ['destroyMinDaysAfterReceipt', '0'],
          ['personalRetentionDays', '30'],
        ])
      ).statusCode,
      404,
    );
    assert.equal(
      (
        await form(
          a,
          '/staff/card/lifecycle',
          [
            ['destroyAfterDays', '1'],
            ['destroyMinDaysAfterReceipt', '0'],
            ['personalRetentionDays', '30'],
          ],
          false,
        )
      ).statusCode,
      403,
    );
  });

  it('shows the periods to the office’s staff without a form and refuses their change with 403', async () => {
    await logIn();
    const page = await get(s, '/staff/card/deadlines');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /action="\/staff\/card\/lifecycle"/, 'no form the person cannot use');
    assert.doesNotMatch(page.body, /name="personalRetentionDays"/);
    assert.match(page.body, /1825日/, 'the retention period is still shown');
    assert.match(page.body, /name="noticeDeadlineDays"/, 'pickup deadlines stay everyday work');
    const refused = await form(s, '/staff/card/lifecycle', [
      ['destroyAfterDays', '1'],
      ['destroyMinDaysAfterReceipt', '0'],
      ['personalRetentionDays', '30'],
    ]);
    assert.equal(refused.statusCode, 403);
    const r = await q<{ r: number; d: number }>(
      'SELECT personal_retention_days AS r, destroy_after_days AS d FROM card_int_settings WHERE department_id = $1',
      [shimin.departmentId],
    );
    assert.deepEqual(r, [{ r: 1825, d: 30 }], 'nothing changed');
    assert.equal((await q("SELECT 1 FROM audit_log WHERE action = 'card.lifecycle.update'")).length, 1);
  });

  it('lists cards due for destruction from their date on; the job never destroys', async () => {
    const due = async (when: string) => {
      clock.set(when);
      await logIn();
      const r = await get(a, '/staff/card/destruction');
      assert.equal(r.statusCode, 200);
      return [...r.body.matchAll(/<label for="destroy-\d+">([^<]+)<\/label>/g)].map((m) => m[1]);
    };
    // 30 days after becoming uncollected: LCA5 on 2026-05-10 09:59:59, the others at 10:00:01.
    assert.deepEqual(await due('2026-05-10T09:59:58+09:00'), []);
    assert.deepEqual(await due('2026-05-10T10:00:00+09:00'), ['LCA-000005']);
    // At least 130 days after arrival (2026-01-05): nothing before 2026-05-15 10:00.
    await setCardLifecycle(
      app.ctx.db,
      shimin.departmentId,
      { destroyAfterDays: 30, destroyMinDaysAfterReceipt: 130, personalRetentionDays: 1825 },
      clock.now(),
    );
    assert.deepEqual(await due('2026-05-15T09:59:59+09:00'), []);
    assert.deepEqual(await due('2026-05-15T10:00:00+09:00'), ['LCA-000001', 'LCA-000002', 'LCA-000005', 'LCA-000006']);
    const dash = await get(a, '/staff/card');
    assert.match(dash.body, /廃棄予定のカード（4件）/);
    await at('2026-05-20T10:00:00+09:00');
    assert.equal((await runs()).filter((r) => r.department_id === shimin.departmentId).at(-1)!.detail.dueForDestruction, 4);
    assert.equal((await q("SELECT 1 FROM card_int_cards WHERE state = 'destroyed'")).length, 0, 'nothing destroyed without a confirmation');
    assert.ok((await q("SELECT 1 FROM audit_log WHERE action = 'card.destruction.list'")).length >= 4);
  });

  it('destroys only on a confirmation by the office’s own department administrator (CSRF, audited)', async () => {
    const ids = (...ns: string[]) => ns.map((n) => ['cardId', id[n]!] as [string, string]);
    await logIn();
    const destroyed = async () => (await q<{ n: number }>("SELECT count(*)::int AS n FROM card_int_cards WHERE state = 'destroyed'"))[0]!.n;
    // No tick in the confirmation box, no card selected, no CSRF token: nothing happens.
    assert.equal((await form(a, '/staff/card/destruction', ids('LCA1', 'LCA2'))).statusCode, 422);
    assert.equal((await form(a, '/staff/card/destruction', [['confirm', 'yes']])).statusCode, 422);
    assert.equal((await form(a, '/staff/card/destruction', [...ids('LCA1'), ['confirm', 'yes']], false)).statusCode, 403);
    // Another department: no card office → 404; its own card office → the foreign cards are not touched.
    assert.equal((await form(c, '/staff/card/destruction', [...ids('LCA1'), ['confirm', 'yes']])).statusCode, 404);
    assert.equal((await get(c, '/staff/card/destruction')).statusCode, 404);
    // The office's staff without the administrator role: sees the list, has nothing to tick, is refused.
    const list = await get(s, '/staff/card/destruction');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /LCA-000001/);
    assert.doesNotMatch(list.body, /name="cardId"|action="\/staff\/card\/destruction"/);
    assert.equal((await form(s, '/staff/card/destruction', [...ids('LCA1', 'LCA2'), ['confirm', 'yes']])).statusCode, 403);
    assert.equal(await destroyed(), 0);
    const foreign = await form(b, '/staff/card/destruction', [...ids('LCA1', 'LCA2'), ['confirm', 'yes']]);
    assert.equal(foreign.statusCode, 200);
    assert.match(foreign.body, /0件を廃棄済みにしました。2件は/);
    assert.doesNotMatch((await get(b, '/staff/card/destruction')).body, /LCA-/, 'the other office lists only its own cards');
    assert.equal(await destroyed(), 0);
    // The office's department administrator: LCA1 and LCA2 (LCA3 is booked, not due: skipped).
    const a0 = (await q("SELECT 1 FROM audit_log WHERE action = 'card.destruction.confirm'")).length;
    const ok = await form(a, '/staff/card/destruction', [...ids('LCA1', 'LCA2', 'LCA3'), ['confirm', 'yes']]);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(ok.body, /2件を廃棄済みにしました。1件は/);
    assert.deepEqual(await states('LCA'), {
      LCA000001: 'destroyed',
      LCA000002: 'destroyed',
      LCA000003: 'booked',
      LCA000004: 'issued',
      LCA000005: 'uncollected',
      LCA000006: 'uncollected',
      LCA000007: 'received',
      LCA000008: 'received',
    });
    const d = await q<{ destroyed_at: Date }>('SELECT destroyed_at FROM card_int_cards WHERE id = $1', [id.LCA1]);
    assert.equal(d[0]!.destroyed_at.toISOString(), clock.now().toISOString());
    const audits = await q<{
      detail: { destroyed: number; skipped: number; cardIds: string[] };
      actor_type: string;
      department_id: string;
    }>("SELECT detail, actor_type, department_id FROM audit_log WHERE action = 'card.destruction.confirm' ORDER BY seq");
    assert.equal(audits.length, a0 + 1);
    assert.deepEqual(
      { ...audits.at(-1)!.detail, cardIds: [...audits.at(-1)!.detail.cardIds].sort() },
      { destroyed: 2, skipped: 1, cardIds: [id.LCA1, id.LCA2].sort() },
    );
    assert.equal(audits.at(-1)!.actor_type, 'staff');
    assert.equal((await q("SELECT 1 FROM card_int_state_log WHERE to_state = 'destroyed' AND from_state = 'uncollected'")).length, 2);
    // Twice is harmless.
    assert.match((await form(a, '/staff/card/destruction', [...ids('LCA1'), ['confirm', 'yes']])).body, /0件を廃棄済みにしました/);
    assert.equal(await destroyed(), 2);
  });

  it('erases personal data after the retention period, keeping number, state and dates', async () => {
    const erased = async () =>
      (await q<{ control_no: string }>('SELECT control_no FROM card_int_cards WHERE personal_erased_at IS NOT NULL ORDER BY 1')).map(
        (r) => r.control_no,
      );
    await addCardNote(app.ctx, shimin.departmentId, id.LCA1!, '廃棄時のメモ', staffId, { actor: sys });
    await setCardLifecycle(
      app.ctx.db,
      shimin.departmentId,
      { destroyAfterDays: 30, destroyMinDaysAfterReceipt: 130, personalRetentionDays: 30 },
      clock.now(),
    );
    // LCA4 was issued on 2026-02-01 (long ago); LCA1 and LCA2 were destroyed on 2026-05-20 10:00.
    await at('2026-06-19T09:59:59+09:00');
    assert.deepEqual(await erased(), ['LCA000004']);
    await at('2026-06-19T10:00:01+09:00');
    assert.deepEqual(await erased(), ['LCA000001', 'LCA000002', 'LCA000004']);
    assert.deepEqual(
      (await runs())
        .filter((r) => r.department_id === shimin.departmentId)
        .slice(-2)
        .map((r) => r.detail.erased),
      [1, 2],
    );

    const rows = await q<Record<string, unknown>>('SELECT * FROM card_int_cards WHERE id = ANY($1::uuid[])', [[id.LCA1, id.LCA4]]);
    for (const r of rows) {
      for (const col of [
        'kana_bidx',
        'birth_bidx',
        'address_bidx',
        'application_bidx',
        'password_enc',
        'verifier',
        'booking_email_enc',
        'booking_memo_enc',
        'booking_group',
      ])
        assert.equal(r[col], null, col);
      assert.deepEqual(decryptPersonal(app.ctx.crypto, r.personal_enc as string), {
        name: '',
        kana: '',
        birthDate: '',
        sex: '9',
        postalCode: '',
        address: '',
        applicationId: '',
      });
      assert.match(r.control_no as string, /^LCA00000[14]$/);
      assert.ok(r.received_at instanceof Date && r.letter_sent_at instanceof Date);
    }
    assert.equal(
      (await q('SELECT 1 FROM card_int_notes WHERE card_id = ANY($1::uuid[])', [[id.LCA1, id.LCA4]])).length,
      0,
      'staff notes go too',
    );
    // Still there: the card counts, searchable by number only, and its detail page says why it is empty.
    assert.equal(
      (await q("SELECT 1 FROM card_int_cards WHERE department_id = $1 AND state = 'destroyed'", [shimin.departmentId])).length,
      2,
    );
    const found = await searchCards(app.ctx, shimin.departmentId, { number: 'LCA000004' }, { actor: sys });
    assert.ok(Array.isArray(found) && found.length === 1 && found[0]!.name === '');
    await logIn();
    const detail = await get(a, `/staff/card/cards/${id.LCA4}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /個人情報を消去しました/);
    // Cards still in use keep everything.
    const live = await q<{ personal_enc: string; password_enc: string | null }>(
      'SELECT personal_enc, password_enc FROM card_int_cards WHERE id = $1',
      [id.LCA5],
    );
    assert.notEqual(decryptPersonal(app.ctx.crypto, live[0]!.personal_enc).name, '');
    assert.ok(live[0]!.password_enc);
  });

  it('refuses in the database to erase a card that is still in use', async () => {
    await assert.rejects(
      q(
        'UPDATE card_int_cards SET personal_erased_at = now(), kana_bidx = NULL, birth_bidx = NULL, address_bidx = NULL, application_bidx = NULL, password_enc = NULL WHERE id = $1',
        [id.LCA5],
      ),
      /card_int_cards_erased/,
    );
    await assert.rejects(q('UPDATE card_int_cards SET kana_bidx = NULL WHERE id = $1', [id.LCA5]), /card_int_cards_indexed/);
  });
});
