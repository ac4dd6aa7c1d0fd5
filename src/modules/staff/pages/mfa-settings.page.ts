/**
 * /staff/settings/mfa — set up the authenticator app (QR code, key, first code) and receive the
 * recovery codes once; if it is already on, say since when. Usable before the log-in is complete
 * (when the account must set up a second factor), but only after the password steps.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { button, csrfInput, errorSummary, linkButton, notice, textField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { beginMfaSetup, confirmMfaSetup } from '../mfa.js';
import { renderStaffPage } from '../staff-shell.js';
import { findStaffById } from '../staff.repository.js';
import { isMfaRequired } from '../staff.policy.js';
import { mfaCodeBody } from '../staff.schemas.js';
import { homeMessages } from './home.messages.js';
import { formatDateTime, nextStep, refusalErrors, sameId } from './staff-pages.view.js';

async function setupPage(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: StaffActor,
  csrf: string,
  errors: FieldMessage[] = [],
): Promise<string> {
  const t = homeMessages.in(lang);
  const s = await beginMfaSetup(ctx, actor);
  const main = html`<h1 class="page-title">${t('mfaSetupTitle')}</h1>
${isMfaRequired(ctx.config, actor.memberships) ? notice({ kind: 'warning', body: t('mfaRequired') }) : ''}
${errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<ol>
  <li>${t('stepScan')}</li>
  <li>${t('stepType')}</li>
  <li>${t('stepCode')}</li>
</ol>
<figure class="card"><img src="data:image/svg+xml;base64,${Buffer.from(s.qrSvg).toString('base64')}" width="220" height="220" alt="${t('qrAlt')}">
<figcaption>${t('manualKey')}: <code>${s.secret.replace(/(.{4})/g, '$1 ').trim()}</code></figcaption></figure>
<form method="post" action="/staff/settings/mfa" novalidate>
  ${csrfInput(csrf)}
  ${textField({ lang, id: 'code', name: 'code', label: t('code'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors })}
  ${button({ label: t('turnOn') })}
</form>`;
  return renderStaffPage(req, { title: t('mfaTitle'), main });
}

/** The password steps come first. */
const isTooEarly = (actor: StaffActor) => actor.mfaPending || actor.mustChangePassword;

export function registerMfaSettingsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/settings/mfa',
    summary: 'Two-factor settings: set up the authenticator app, or see since when it is on',
    auth: 'staff',
    incompleteLogin: true,
    async handler({ req, lang, actor, csrf }) {
      if (isTooEarly(actor)) return redirect(nextStep(actor));
      const t = homeMessages.in(lang);
      const staff = await findStaffById(ctx.db, actor.id);
      if (!staff?.totp_enabled_at) return setupPage(ctx, req, lang, actor, csrf);
      const main = html`<h1 class="page-title">${t('mfaTitle')}</h1>
${notice({ kind: 'success', role: 'none', body: t('mfaOnSince', { since: formatDateTime(staff.totp_enabled_at, lang) }) })}`;
      return renderStaffPage(req, { title: t('mfaTitle'), main });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/settings/mfa',
    summary: 'Turn on the second factor with a first code; show the recovery codes once',
    auth: 'staff',
    incompleteLogin: true,
    body: mfaCodeBody,
    async invalid({ req, lang, actor, csrf, errors }) {
      if (isTooEarly(actor)) return redirect(nextStep(actor));
      return setupPage(ctx, req, lang, actor, csrf, errors);
    },
    async handler({ req, lang, actor, body, csrf }) {
      if (isTooEarly(actor)) return redirect(nextStep(actor));
      const t = homeMessages.in(lang);
      let codes: string[];
      try {
        codes = await confirmMfaSetup(ctx, actor, body.code, { clientIp: req.ip, requestId: req.id });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        return { html: await setupPage(ctx, req, lang, actor, csrf, refusalErrors(err, lang, 'code')), status: err.status };
      }
      const main = html`<h1 class="page-title">${t('mfaTitle')}</h1>
${notice({ kind: 'success', body: t('mfaTurnedOn') })}
<h2>${t('recoveryCodes')}</h2>
<p>${t('recoveryIntro')}</p>
<ul class="recovery-codes">${codes.map((c) => html`<li><code>${c}</code></li>`)}</ul>
<p>${linkButton({ href: '/staff', label: t('goHome') })}</p>`;
      return renderStaffPage(req, { title: t('mfaTitle'), main });
    },
  });
}
