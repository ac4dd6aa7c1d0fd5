/**
 * Outgoing e-mail over SMTP (nodemailer), configured by SMTP_URL. Outside production, with no
 * SMTP_URL, mail goes to an in-process SMTP stand-in that records it (demo mailbox, tests).
 * Callers send from jobs and pass the job id as the Message-ID, so a retried send is recognisable.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import { startSmtpStandin, type SmtpStandin } from './smtp-standin.js';

export type MailAttachment = { filename: string; content: Buffer; contentType: string; cid?: string };
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Without angle brackets, e.g. "job-42@madoguchi". */
  messageId: string;
};
export type Mailer = { send(message: MailMessage): Promise<void> };

let standin: Promise<SmtpStandin> | undefined;

/** The process's SMTP stand-in (started on first use). Only outside production. */
export function smtpStandin(): Promise<SmtpStandin> {
  standin ??= startSmtpStandin();
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
        messageId: `<${m.messageId}>`,
        attachments: m.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid })),
      });
    },
  };
}
