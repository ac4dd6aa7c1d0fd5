/**
 * Test support of the facility log-in (tests only): an SMTP server that keeps each message's raw bytes
 * (the app sends to it through SMTP_URL, as in production), read back with mailparser so headers,
 * Content-Type and charset can be checked; and the JSON calls of the log-in.
 */
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { allJobs } from '../../../bootstrap.js';
import type { Clock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { ensureDepartment } from '../../staff/test-support.js';
import { insertTestFacility, insertTestFacilityUser, type TestFacilityUser } from '../testing.js';

export type RawMail = { to: string[]; raw: Buffer };
export type MailCapture = { url: string; messages: RawMail[]; close(): Promise<void> };

export async function startMailCapture(): Promise<MailCapture> {
  const messages: RawMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.unref();
      const a = server.server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The mails sent to `email` so far, parsed (strictly: the raw message, not a stand-in's summary). */
export async function mailsTo(capture: MailCapture, email: string): Promise<ParsedMail[]> {
  return Promise.all(capture.messages.filter((m) => m.to.includes(email)).map((m) => simpleParser(m.raw)));
}

/** The code in a parsed code mail (the Japanese line 確認コード: NNNNNN). */
export function codeIn(mail: ParsedMail): string {
  const code = /確認コード: (\d{6})\n/.exec(mail.text ?? '')?.[1];
  if (!code) throw new Error(`no code in the mail: ${mail.text}`);
  return code;
}

// biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON answers field by field
export type Answer = { status: number; json: any; headers: Record<string, unknown>; cookies: { name: string; value: string }[] };

export function jsonCall(app: TestApp) {
  return async (method: string, url: string, body?: unknown, o: { ip?: string; cookie?: string; csrf?: string } = {}): Promise<Answer> => {
    const r = await app.server.inject({
      method: method as 'POST',
      url,
      remoteAddress: o.ip ?? '192.0.2.1',
      headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.csrf ? { 'x-csrf-token': o.csrf } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    let json: unknown;
    try {
      json = r.json();
    } catch {
      json = undefined;
    }
    return { status: r.statusCode, json, headers: r.headers as Record<string, unknown>, cookies: r.cookies };
  };
}

/** Runs the queued jobs (the code mails) and returns the newest code mailed to `email`. */
export async function latestCode(worker: JobWorker, capture: MailCapture, email: string): Promise<string> {
  await worker.drain();
  const mails = await mailsTo(capture, email);
  const last = mails.at(-1);
  if (!last) throw new Error(`no mail to ${email}`);
  return codeIn(last);
}

/** One app for a test file: the capture as its SMTP server, a worker for the code mails, and the log-in's calls. */
export async function startPortalHarness(clock: Clock) {
  const capture = await startMailCapture();
  const app = await startTestApp({ clock, env: { SMTP_URL: capture.url, MAIL_FROM: '市川市 保育施設課 <hoiku@city.example.lg.jp>' } });
  const worker = new JobWorker(app.ctx, allJobs());
  const call = jsonCall(app);
  const reviewDeptId = await ensureDepartment(app, app.ctx.config.facility.reviewDepartmentCode);
  let ipN = 0;
  const h = {
    app,
    capture,
    worker,
    call,
    reviewDeptId,
    /** A client address of its own for each use (throttle counters are per address). */
    newIp: () => `198.51.100.${++ipN}`,
    async newUser(o: { name?: string; email?: string } = {}): Promise<TestFacilityUser & { facilityCode: string }> {
      const f = await insertTestFacility(app.ctx, { name: o.name });
      const u = await insertTestFacilityUser(app.ctx, { facilityId: f.id, email: o.email });
      return { ...u, facilityCode: f.code };
    },
    passwordStep: (u: Pick<TestFacilityUser, 'loginId' | 'password'>, ip: string, password = u.password) =>
      call('POST', '/api/v1/facility/session', { loginId: u.loginId, password }, { ip }),
    codeStep: (challengeId: string, code: string, ip: string) =>
      call('POST', '/api/v1/facility/session/otp', { challengeId, code }, { ip }),
    sessionCookie(r: { cookies: { name: string; value: string }[] }): string {
      const c = r.cookies.find((x) => x.name === 'madoguchi_facility');
      return c ? `madoguchi_facility=${c.value}` : '';
    },
    /** A session opened through both steps. */
    async loggedIn(u: TestFacilityUser): Promise<{ cookie: string; csrf: string; ip: string }> {
      const ip = h.newIp();
      const r = await h.passwordStep(u, ip);
      const code = await latestCode(worker, capture, u.email);
      const s = await h.codeStep(r.json.challengeId, code, ip);
      if (s.status !== 200) throw new Error(`log-in failed: ${s.status}`);
      return { cookie: h.sessionCookie(s), csrf: s.json.csrfToken as string, ip };
    },
    auditOf: async (action: string, userId: string) =>
      (
        await app.ctx.db.query<{ outcome: string; department_id: string | null; detail: Record<string, unknown>; actor_type: string }>(
          'SELECT outcome, department_id, detail, actor_type FROM audit_log WHERE action = $1 AND record_id = $2 ORDER BY seq',
          [action, userId],
        )
      ).rows,
    securityEvents: async (kind: string, subject: string) =>
      (await app.ctx.db.query('SELECT detail FROM security_events WHERE kind = $1 AND subject = $2', [kind, subject])).rows,
    async close() {
      await app.close();
      await capture.close();
    },
  };
  return h;
}

/** A six-digit code other than `code`. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
