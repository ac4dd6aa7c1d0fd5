/**
 * Demo-only pages, registered only when MADOGUCHI_ENV=demo (see modulesFor): the demo mailbox at
 * /demo/mailbox shows the mail the in-process SMTP stand-in received, with signed My Page links in
 * it, so it answers only a browser on this machine (a loopback client with no proxy in between).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { formatJstTimestamp } from '../../platform/japan-time.js';
import { startedSmtpStandin } from '../../platform/mailer.js';
import type { Module } from '../../platform/module.js';
import { html } from '../../web/html.js';
import { layout } from '../../web/layout.js';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** True for a request from this machine: its socket and the address fastify derived are loopback, and nothing forwarded it. */
export function isLocalRequest(req: FastifyRequest): boolean {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(req.ip) && LOOPBACK.test(req.socket.remoteAddress ?? '');
}

const when = formatJstTimestamp;

function registerMailbox(app: FastifyInstance): void {
  app.get('/demo/mailbox', async (req, reply) => {
    const lang = req.lang;
    if (!isLocalRequest(req))
      throw new AppError('demo_local_only', 403, {
        ja: 'デモ用メールボックスは、デモを動かしているコンピューター（localhost）からのみ開けます。',
        en: 'The demo mailbox opens only on the computer running the demo (localhost).',
      });
    const standin = await startedSmtpStandin();
    const messages = [...(standin?.messages ?? [])].reverse().slice(0, 50);
    const title = lang === 'ja' ? 'デモ用メールボックス' : 'Demo mailbox';
    const main = html`<h1 class="page-title">${title}</h1>
<p class="notice notice--warning">${lang === 'ja' ? 'デモ環境でのみ表示されます。送信されたメールは外部に出ず、ここに届きます。' : 'Demo only: mail never leaves this machine and arrives here.'}</p>
${messages.length ? '' : html`<p>${lang === 'ja' ? 'まだメールはありません（送信は数秒後に行われます）。' : 'No mail yet (sending happens within seconds).'}</p>`}
${messages.map(
  (m) => html`<article class="card mail">
  <h2>${m.subject}</h2>
  <p class="muted">To: ${m.to.join(', ')} · ${when(m.receivedAt)} · Message-ID: <code>${m.messageId}</code></p>
  <pre class="mail-body">${m.text}</pre>
  ${m.attachments.filter((a) => a.contentType === 'image/png').map((a) => html`<img class="qr" src="data:image/png;base64,${a.content.toString('base64')}" width="160" height="160" alt="${lang === 'ja' ? '予約番号のQRコード' : 'QR code of the reservation number'}">`)}
</article>`,
)}`;
    return reply.type('text/html; charset=utf-8').send(layout({ lang, title, main, path: req.url }).toString());
  });
}

export const demoModule: Module = {
  name: 'demo',
  register: (app: FastifyInstance, _ctx: AppContext) => registerMailbox(app),
};
