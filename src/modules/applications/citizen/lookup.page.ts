/**
 * `/applications` — open an application by typing its 整理番号 and the secret from the mail (for a
 * browser without the link). The POST only sends the browser to the status page, whose look-up is
 * the throttled one; nothing is stored.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, textField } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { normaliseReferenceNumber } from '../submissions/reference-number.js';
import { applyMessages } from './apply.messages.js';
import { lookupBody } from './apply.schemas.js';
import { applyPage } from './apply.view.js';

export function registerLookupPages(app: FastifyInstance, _ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/applications',
    summary: 'Open an application by its reference number and the secret from the confirmation mail',
    auth: 'public',
    handler({ req, lang, csrf }) {
      const t = applyMessages.in(lang);
      const main = html`<h1>${t('lookupTitle')}</h1><p>${t('lookupIntro')}</p>
<form method="post" action="/applications/lookup">
  ${csrfInput(csrf)}
  ${textField({ name: 'referenceNumber', label: t('referenceLabel'), lang, required: true, autocomplete: 'off' })}
  ${textField({ name: 'secret', label: t('secretLabel'), lang, required: true, autocomplete: 'off' })}
  ${button({ label: t('lookupButton') })}
</form>`;
      return applyPage(req, t('lookupTitle'), main);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/applications/lookup',
    summary: 'Go to the status page of the typed reference number and secret',
    auth: 'public',
    csrf: 'form',
    body: lookupBody,
    handler({ body }) {
      const ref = normaliseReferenceNumber(body.referenceNumber) ?? 'unknown';
      return redirect(`/applications/${encodeURIComponent(ref)}?t=${encodeURIComponent(body.secret.trim())}`);
    },
  });
}
