/**
 * GET /line/liff and /line/liff/* — the LIFF entry page (see liff.ts for LINE's redirect flow): its
 * script gets the user's ID token from the LIFF SDK, posts it to /line/liff/session and continues to
 * the target written in data-target. Only this page may load the LIFF SDK (its own CSP).
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { lineShell } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { ENTRY, entryTarget, liffCsp, liffSdkUrl } from '../liff.js';
import { liffMessages } from './liff.messages.js';

export function registerLiffEntryPage(app: FastifyInstance, ctx: AppContext): void {
  // The primary redirect lands on /line/liff, the secondary one on /line/liff/<path>.
  for (const url of [ENTRY, `${ENTRY}/*`])
    definePage(app, {
      method: 'GET',
      url,
      summary: 'LIFF entry: sign in with the LINE ID token, then continue to the target path',
      auth: 'public',
      handler({ req, reply, lang }) {
        const t = liffMessages.in(lang);
        const sdkUrl = ctx.config.line.liffId ? liffSdkUrl(ctx) : undefined;
        const main = html`<h1 class="page-title">${t('entryTitle')}</h1>
<div id="liff-entry" data-liff-id="${ctx.config.line.liffId ?? ''}" data-target="${entryTarget(req.url)}">
  <p role="status" id="liff-status">${t('wait')}</p>
  <p class="notice notice--error" id="liff-error" hidden>${t('failed')}</p>
</div>
<noscript><p class="notice notice--warning">${t('needsScript')} <a href="/">${t('home')}</a></p></noscript>`;
        if (sdkUrl) reply.header('Content-Security-Policy', liffCsp(sdkUrl));
        return lineShell({ lang, title: 'LINE', main, path: ENTRY, scriptUrls: [...(sdkUrl ? [sdkUrl] : []), '/line/liff.js'] });
      },
    });
}
