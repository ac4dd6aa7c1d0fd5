/**
 * Test support of the facility log-in (tests only): an SMTP server that keeps each message's raw bytes
 * (the app sends to it through SMTP_URL, as in production), read back with mailparser so headers,
 * Content-Type and charset can be checked; and the JSON calls of the log-in.
 */
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../../../../test/helpers.js';
import type { JobWorker } from '../../../platform/jobs.js';

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
