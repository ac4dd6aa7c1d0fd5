/**
 * Status notices to the citizen, read back as the citizen gets them: the e-mail through the SMTP
 * stand-in (mailparser) in the application's language, naming the fields to correct and carrying
 * staff's comment and the status page without its token; and, for an application linked to LINE, a
 * push through the LINE stand-in that carries the status but not the comment, sent once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { startLineStandin, type LineStandin } from '../../../line-standin/standin.js';
import { newUserId } from '../../../line-standin/standin-state.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../../platform/mailer.js';
import { allJobs } from '../../../bootstrap.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { inboxDefinition, insertApplication, makeInboxProcedure } from './testing.js';

const SECRET = 'inbox-line-channel-secret-0123456789';
const TOKEN = 'inbox-line-access-token';
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe('status notices to the citizen', () => {
  const clock = new ManualClock('2026-12-01T00:00:00Z');
  let app: TestApp;
  let standin: LineStandin;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let staff: Client;
  let departmentId: string;
  let procedureId: string;
  let feeProcedureId: string;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN, now: () => clock.now().getTime() });
    standin = s.standin;
    closeStandin = s.close;
    app = await startTestApp({
      listen: true,
      clock,
      env: { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: s.url, LINE_API_DATA_BASE_URL: s.url },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    worker = new JobWorker(app.ctx, allJobs());
    departmentId = await ensureDepartment(app, 'inbox-notice');
    await makeStaff(app, { loginId: 'inbox-notice-staff', dept: 'inbox-notice' });
    staff = await logInClient(app, 'inbox-notice-staff');
    procedureId = await makeInboxProcedure(app.ctx, departmentId);
    feeProcedureId = await makeInboxProcedure(
      app.ctx,
      departmentId,
      inboxDefinition({ fee: { kind: 'fixed', amount: 1200, timing: 'after_acceptance' } }),
    );
  });
  after(async () => {
    await app.close();
    await closeStandin();
    await stopSmtpStandin();
  });

  const mailsTo = async (email: string) => (await smtpStandin()).messages.filter((m) => m.to.includes(email));

  it('mails a correction request with the fields to correct, the comment and the status page (no token), and pushes it to LINE without the comment', async () => {
    const userId = newUserId();
    await standin.act(userId, { type: 'follow' });
    await worker.drain();
    const a = await insertApplication(app.ctx, {
      procedureId,
      departmentId,
      answers: { name: '通知 花子', email: 'notice-ja@example.jp', copies: '1' },
      lineUserId: userId,
    });
    const r = await staff.call('POST', `/api/v1/staff/applications/${a.id}/status`, {
      status: 'correction_requested',
      correctionFields: ['copies', 'memo'],
      comment: '通数の記入が漏れています（内線 1234）',
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    await worker.drain();
    await worker.drain(); // a second run finds nothing left to send
    const mails = await mailsTo('notice-ja@example.jp');
    assert.equal(mails.length, 1);
    const [mail] = mails;
    assert.equal(mail!.subject, `【電子申請】申請の状況のお知らせ（整理番号 ${a.referenceNumber}）`);
    assert.ok(mail!.text.includes('補正する項目: 通数、メモ'), mail!.text);
    assert.ok(mail!.text.includes('通数の記入が漏れています（内線 1234）'), mail!.text);
    assert.ok(mail!.text.includes('状態: 補正依頼中'), mail!.text);
    assert.ok(mail!.text.includes(`${app.ctx.config.publicBaseUrl}/applications/${a.referenceNumber}\n`), mail!.text);
    assert.ok(!/[?&]t=/.test(mail!.text), 'no secret token in the notice');
    const pushes = standin.sentTo(userId).filter((x) => x.via === 'push' && x.delivered);
    assert.equal(pushes.length, 1, 'one push');
    const pushed = JSON.stringify(pushes[0]!.messages);
    assert.ok(pushed.includes('補正依頼中') && pushed.includes('通数、メモ'), pushed);
    assert.ok(!pushed.includes('内線'), 'the staff comment stays off LINE');
  });

  it('writes the notice of an English application in English, and says what is due when the fee is asked for', async () => {
    const a = await insertApplication(app.ctx, {
      procedureId: feeProcedureId,
      departmentId,
      answers: { name: 'Jane Doe', email: 'notice-en@example.jp', copies: '1' },
      lang: 'en',
      status: 'in_review',
      feeAmount: 1200,
    });
    const r = await staff.call('POST', `/api/v1/staff/applications/${a.id}/status`, { status: 'awaiting_payment', comment: 'Accepted.' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    await worker.drain();
    const [mail] = await mailsTo('notice-en@example.jp');
    assert.ok(mail, 'mailed');
    assert.equal(mail.subject, `Your application ${a.referenceNumber}: status update`);
    assert.ok(!JAPANESE.test(mail.subject + mail.text), mail.text);
    assert.ok(mail.text.includes('Status: Awaiting payment'), mail.text);
    assert.ok(mail.text.includes('Amount due: ¥1,200'), mail.text);
    assert.ok(mail.text.includes('Accepted.'), mail.text);
    assert.ok(mail.text.includes(`/applications/${a.referenceNumber}?lang=en`), mail.text);
  });

  it('sends nothing for an application erased before its notice went out', async () => {
    const a = await insertApplication(app.ctx, {
      procedureId,
      departmentId,
      answers: { name: '消去', email: 'notice-gone@example.jp', copies: '1' },
    });
    await staff.call('POST', `/api/v1/staff/applications/${a.id}/status`, { status: 'in_review' });
    await app.ctx.db.query('DELETE FROM app_applications WHERE id = $1', [a.id]);
    await worker.drain();
    assert.equal((await mailsTo('notice-gone@example.jp')).length, 0);
    const dead = await app.ctx.db.query(`SELECT 1 FROM jobs WHERE queue = 'applications.status-notice' AND state <> 'done'`);
    assert.equal(dead.rows.length, 0, 'the job completed');
  });
});
