/**
 * A local SMTP server that records what it receives (the `smtp-server` package), for the demo and
 * tests: no mail leaves the machine. The demo shows the recorded messages at /demo/mailbox.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export type RecordedMail = {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; cid: string | null; content: Buffer }[];
  receivedAt: Date;
};

export type SmtpStandin = { url: string; port: number; messages: RecordedMail[]; close(): Promise<void> };

export async function startSmtpStandin(options: { port?: number; keep?: number } = {}): Promise<SmtpStandin> {
  const messages: RecordedMail[] = [];
  const keep = options.keep ?? 500;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'madoguchi SMTP stand-in',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            messageId: parsed.messageId ?? '',
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              cid: a.cid ?? null,
              content: a.content,
            })),
            receivedAt: new Date(),
          });
          if (messages.length > keep) messages.splice(0, messages.length - keep);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      // the stand-in must never keep a process alive on its own
      server.server.unref();
      const addr = server.server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
