/**
 * Outgoing e-mail over SMTP (nodemailer), configured by SMTP_URL. Outside production, with no
 * SMTP_URL, mail goes to an in-process SMTP stand-in that records it (demo mailbox, tests).
 * Callers send from jobs and pass a reference such as the job id (`messageId`); the Message-ID is that
 * reference plus a random part at the installation's mail domain, so it is unique across installations
 * and databases (job ids restart with every new database) and has a real domain on the right.
 */
import crypto from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';
// Type only: the stand-in and its packages (smtp-server, mailparser) are development dependencies,
// loaded on first use outside production, so a production install (npm ci --omit=dev) never needs them.
import type { SmtpStandin } from './smtp-standin.js';

export type MailAttachment = { filename: string; content: Buffer; contentType: string; cid?: string };
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /**
   * The sender's reference, e.g. "notice-42" (anything after an @ is ignored): it starts the Message-ID's
   * left-hand side so a message can be traced to its job; the rest is random.
   */
  messageId: string;
};
export type Mailer = { send(message: MailMessage): Promise<void> };

let standin: Promise<SmtpStandin> | undefined;

/** The process's SMTP stand-in (started on first use). Only outside production. */
export function smtpStandin(): Promise<SmtpStandin> {
  standin ??= import('./smtp-standin.js').then(({ startSmtpStandin }) => startSmtpStandin(), standinUnavailable);
  return standin;
}

/** The stand-in if one was started in this process (for the demo mailbox and tests). */
export async function startedSmtpStandin(): Promise<SmtpStandin | undefined> {
  return standin ? await standin : undefined;
}

export async function stopSmtpStandin(): Promise<void> {
  const s = standin;
  standin = undefined;
  if (s) await (await s).close();
}

function standinUnavailable(err: unknown): never {
  const missing = (err as NodeJS.ErrnoException | undefined)?.code === 'ERR_MODULE_NOT_FOUND';
  throw new Error(
    missing
      ? 'The SMTP stand-in needs the development dependencies (smtp-server, mailparser): run `npm install`, or set SMTP_URL.'
      : `The SMTP stand-in could not be loaded: ${String(err)}`,
    { cause: err },
  );
}

const transports = new Map<string, Transporter>();

async function transportFor(config: Config): Promise<Transporter> {
  let url = config.smtp.url;
  if (!url) {
    if (config.env === 'production') throw new Error('SMTP_URL is not configured: e-mail cannot be sent');
    url = (await smtpStandin()).url;
  }
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * `<reference.hash@domain>`: the same reference gives the same Message-ID (a job's rerun after a lost commit
 * sends its mail again under the same Message-ID, which mail programs show once), and the hash keeps it
 * globally unique (RFC 5322 §3.6.4) with the installation's domain. Callers pass a reference that names one
 * message: a job's retryKey, or a booking id with the kind of notice.
 */
export function newMessageId(reference: string, domain: string): string {
  const ref = (reference.split('@')[0] ?? '')
    .replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  const hash = crypto.createHash('sha256').update(`${domain}\0${reference}`).digest('base64url').slice(0, 22).replace(/[-_]/g, 'x');
  return `<${ref ? `${ref}.` : ''}${hash}@${domain}>`;
}

export function createMailer(config: Config): Mailer {
  return {
    async send(m) {
      const transport = await transportFor(config);
      await transport.sendMail({
        from: config.smtp.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: newMessageId(m.messageId, config.smtp.messageIdDomain),
        attachments: m.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid })),
      });
    },
  };
}
