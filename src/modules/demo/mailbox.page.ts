/**
 * GET /demo/mailbox — the mail the in-process SMTP stand-in received, newest first, with the signed
 * My Page links in it. So it answers only a browser on this machine (a loopback client with no proxy
 * in between); anyone else gets 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { definePage } from '../../http/page-route.js';
import { formatJstTimestamp } from '../../platform/japan-time.js';
import { startedSmtpStandin } from '../../platform/mailer.js';
import { citizenShell, notice } from '../../web/components/index.js';
import { html } from '../../web/html.js';
import { demoMessages } from './demo.messages.js';
import { mayOpenDemoMailbox } from './demo.policy.js';

export function registerMailboxPage(app: FastifyInstance): void {
  definePage(app, {
    method: 'GET',
    url: '/demo/mailbox',
    summary: 'Demo only: the mail the SMTP stand-in received (loopback clients only)',
    auth: 'public',
    async handler({ req, lang }) {
      if (!mayOpenDemoMailbox(req)) throw new AppError('demo_local_only', 403, demoMessages.text('localOnly'));
      const t = demoMessages.in(lang);
      const standin = await startedSmtpStandin();
      const messages = [...(standin?.messages ?? [])].reverse().slice(0, 50);
      const title = t('mailboxTitle');
      const main = html`<h1 class="page-title">${title}</h1>
${notice({ kind: 'warning', body: t('mailboxNotice') })}
${messages.length ? '' : html`<p>${t('noMail')}</p>`}
${messages.map(
  (m) => html`<article class="card mail">
  <h2>${m.subject}</h2>
  <p class="muted">To: ${m.to.join(', ')} · ${formatJstTimestamp(m.receivedAt)} · Message-ID: <code>${m.messageId}</code></p>
  <pre class="mail-body">${m.text}</pre>
  ${m.attachments
    .filter((a) => a.contentType === 'image/png')
    .map(
      (a) =>
        html`<img class="qr" src="data:image/png;base64,${a.content.toString('base64')}" width="160" height="160" alt="${t('qrAlt')}">`,
    )}
</article>`,
)}`;
      return citizenShell({ lang, title, main, siteName: t('siteName'), path: req.url });
    },
  });
}
