import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { smtpStandin } from '../../../platform/mailer.js';
import { jobs as citizenJobs } from '../citizen/register.js';
import { makeProcedure, sampleAnswers, sampleDefinition } from './testing.js';

const clock = new ManualClock('2026-12-01T10:00:00+09:00');

describe('applications API (citizen)', () => {
  let app: TestApp;
  let procedureId: string;
  const submit = (payload: object) => app.server.inject({ method: 'POST', url: '/api/v1/applications', payload });
  const read = (ref: string, token: string) =>
    app.server.inject({ method: 'GET', url: `/api/v1/applications/${ref}`, headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    app = await startTestApp({ clock });
    ({ procedureId } = await makeProcedure(app.ctx));
  });
  after(() => app.close());

  it('submits: 201 with a 整理番号, a token, awaiting_payment and the fee of 300 × 2 pending', async () => {
    const r = await submit({ procedureId, answers: sampleAnswers() });
    assert.equal(r.statusCode, 201, r.body);
    const b = r.json();
    assert.match(b.referenceNumber, /^[2-9A-HJKMNP-Z]{10}$/);
    assert.ok(b.accessToken.length >= 16);
    assert.equal(b.status, 'awaiting_payment');
    assert.deepEqual(b.payment, { status: 'pending', amount: 600 });
    const row = await app.ctx.db.query<{ answers_enc: string; access_token_hash: string; fee_quantity: number }>(
      'SELECT answers_enc, access_token_hash, fee_quantity FROM app_applications WHERE reference_number = $1',
      [b.referenceNumber],
    );
    // encrypted answers, only a hash of the token
    assert.ok(!row.rows[0]?.answers_enc.includes('花子'));
    assert.notEqual(row.rows[0]?.access_token_hash, b.accessToken);
    assert.equal(Number(row.rows[0]?.fee_quantity), 2);
  });

  it('reads with the Bearer token: status, payment, answers normalised, history', async () => {
    const b = (await submit({ procedureId, answers: sampleAnswers() })).json();
    const r = await read(b.referenceNumber, b.accessToken);
    assert.equal(r.statusCode, 200, r.body);
    const v = r.json();
    assert.equal(v.status, 'awaiting_payment');
    assert.equal(v.payment.status, 'pending');
    assert.equal(v.answers.name_kana, 'マドグチ\u3000ハナコ');
    assert.deepEqual(
      v.history.map((h: { status: string }) => h.status),
      ['awaiting_payment'],
    );
  });

  it('answers 404 alike for a wrong token and a wrong number', async () => {
    const b = (await submit({ procedureId, answers: sampleAnswers() })).json();
    const wrongToken = await read(b.referenceNumber, 'AAAAAAAAAAAAAAAAAAAAAA');
    const wrongNumber = await read('ABCDEFGHJK', b.accessToken);
    assert.equal(wrongToken.statusCode, 404);
    assert.equal(wrongNumber.statusCode, 404);
    assert.equal(wrongToken.json().detail, wrongNumber.json().detail);
    const none = await app.server.inject({ method: 'GET', url: `/api/v1/applications/${b.referenceNumber}` });
    assert.equal(none.statusCode, 404);
  });

  it('refuses answers with 422 and errors per field (answers.<key>), and stores nothing', async () => {
    const before = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_applications');
    const r = await submit({ procedureId, answers: { ...sampleAnswers(), email: 'not-an-address', purpose: 'other', copies: '0' } });
    assert.equal(r.statusCode, 422);
    assert.match(String(r.headers['content-type']), /problem\+json/);
    const fields = r
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    assert.deepEqual(fields, ['answers.copies', 'answers.email', 'answers.purpose_other']);
    const after = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_applications');
    assert.equal(after.rows[0]?.n, before.rows[0]?.n);
  });

  it('surfaces a My Number typed into a procedure not collecting it as a field error', async () => {
    // 123456789018: a valid check digit
    const r = await submit({ procedureId, answers: { ...sampleAnswers(), note: '番号は 1234 5678 9018 です' } });
    assert.equal(r.statusCode, 422, r.body);
    assert.deepEqual(
      r.json().errors.map((e: { field: string }) => e.field),
      ['answers.note'],
    );
  });

  it('refuses an unknown procedure (422) and a closed one (409 procedure_closed)', async () => {
    const unknown = await submit({ procedureId: '00000000-0000-4000-8000-000000000000', answers: sampleAnswers() });
    assert.equal(unknown.statusCode, 422);
    const closed = await makeProcedure(app.ctx, sampleDefinition({ closesAt: '2026-11-30T17:00:00+09:00' }));
    const r = await submit({ procedureId: closed.procedureId, answers: sampleAnswers() });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().code, 'procedure_closed');
    const later = await makeProcedure(app.ctx, sampleDefinition({ opensAt: '2026-12-10T09:00:00+09:00' }));
    assert.equal((await submit({ procedureId: later.procedureId, answers: sampleAnswers() })).json().code, 'procedure_closed');
  });

  it('takes no more applications than the capacity (409 procedure_full); a withdrawal frees the seat', async () => {
    const p = await makeProcedure(app.ctx, sampleDefinition({ capacity: 2, fee: null }));
    const a = await submit({ procedureId: p.procedureId, answers: sampleAnswers() });
    assert.equal(a.statusCode, 201);
    assert.equal(a.json().status, 'received');
    assert.equal(a.json().payment, null);
    assert.equal((await submit({ procedureId: p.procedureId, answers: sampleAnswers() })).statusCode, 201);
    const full = await submit({ procedureId: p.procedureId, answers: sampleAnswers() });
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().code, 'procedure_full');
    const w = await app.server.inject({
      method: 'POST',
      url: `/api/v1/applications/${a.json().referenceNumber}/withdraw`,
      headers: { authorization: `Bearer ${a.json().accessToken}` },
    });
    assert.equal(w.statusCode, 200, w.body);
    assert.equal(w.json().status, 'withdrawn');
    assert.equal((await submit({ procedureId: p.procedureId, answers: sampleAnswers() })).statusCode, 201);
  });

  it('never exceeds the capacity under concurrent submissions', postgresRace, async () => {
    const p = await makeProcedure(app.ctx, sampleDefinition({ capacity: 3, fee: null }));
    const all = await Promise.all(Array.from({ length: 10 }, () => submit({ procedureId: p.procedureId, answers: sampleAnswers() })));
    assert.equal(all.filter((r) => r.statusCode === 201).length, 3);
    assert.equal(all.filter((r) => r.statusCode === 409).length, 7);
  });

  it('lets the applicant change only the fields named in a correction request; the history keeps every step', async () => {
    const p = await makeProcedure(app.ctx, sampleDefinition({ fee: null }));
    const b = (await submit({ procedureId: p.procedureId, answers: sampleAnswers() })).json();
    const auth = { authorization: `Bearer ${b.accessToken}` };
    const correct = (answers: object) =>
      app.server.inject({
        method: 'POST',
        url: `/api/v1/applications/${b.referenceNumber}/correction`,
        headers: auth,
        payload: { answers },
      });
    // not asked for yet
    assert.equal((await correct({ name: '別人' })).statusCode, 409);
    // staff ask for the name (what the inbox does)
    await app.ctx.db.query(
      `UPDATE app_applications SET status = 'correction_requested', correction_fields = '{name}' WHERE reference_number = $1`,
      [b.referenceNumber],
    );
    assert.equal((await correct({ name: '' })).statusCode, 422);
    const r = await correct({ name: '窓口 太郎', email: 'attacker@example.jp', copies: '9' });
    assert.equal(r.statusCode, 200, r.body);
    const v = r.json();
    assert.equal(v.status, 'received');
    assert.equal(v.answers.name, '窓口 太郎');
    assert.equal(v.answers.email, 'hanako@example.jp');
    assert.equal(v.answers.copies, '2');
    assert.deepEqual(v.correctionFields, []);
    assert.deepEqual(
      v.history.map((h: { status: string }) => h.status),
      ['received', 'received'],
    );
    assert.equal((await correct({ name: 'again' })).statusCode, 409);
  });

  it('mails the confirmation once, in the application language, with the status link and the fee, without answers', async () => {
    const standin = await smtpStandin();
    const b = (await submit({ procedureId, answers: { ...sampleAnswers(), email: 'confirm@example.jp' } })).json();
    const worker = new JobWorker(app.ctx, citizenJobs);
    await worker.drain();
    await worker.drain();
    const mine = standin.messages.filter((m) => m.to.includes('confirm@example.jp'));
    assert.equal(mine.length, 1);
    const mail = mine[0]!;
    const shown = `${b.referenceNumber.slice(0, 5)}-${b.referenceNumber.slice(5)}`;
    assert.ok(mail.subject.includes(shown), mail.subject);
    assert.ok(mail.subject.includes('住民票の写しの郵送請求'));
    assert.ok(mail.text.includes(`/applications/${b.referenceNumber}?t=${b.accessToken}`), mail.text);
    assert.ok(mail.text.includes('600円'), mail.text);
    assert.ok(mail.text.includes('令和8年12月1日 10:00'), mail.text);
    assert.ok(!mail.text.includes('花子') && !mail.text.includes('ハナコ'));
    assert.match(mail.messageId, /^<application-confirmation-\d+-[a-z0-9]+\./);
  });

  it('throttles guessing of tokens per number', async () => {
    const b = (await submit({ procedureId, answers: sampleAnswers() })).json();
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await read(b.referenceNumber, `WRONGTOKEN${String(i).padStart(12, '0')}`)).statusCode;
    assert.equal(last, 429);
    // even the right token waits until the window ends
    assert.equal((await read(b.referenceNumber, b.accessToken)).statusCode, 429);
  });
});
