/**
 * /staff/password (the forced change after a first log-in or a reset, usable before the log-in is
 * complete) and /staff/settings/password (a voluntary change): one screen at two addresses.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { button, csrfInput, errorSummary, notice, textField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { actorForSession } from '../authenticator.js';
import { changePassword } from '../change-password.js';
import { PASSWORD_MIN_LENGTH } from '../password-policy.js';
import { renderStaffPage } from '../staff-shell.js';
import { changePasswordBody } from '../staff.schemas.js';
import { logInMessages } from './log-in.messages.js';
import { nextStep, refusalErrors, sameId } from './staff-pages.view.js';

type View = { action: string; isForced: boolean; csrf: string; errors?: FieldMessage[]; isDone?: boolean };

function render(req: FastifyRequest, lang: Lang, o: View): string {
  const t = logInMessages.in(lang);
  const errors = o.errors ?? [];
  const main = html`<h1 class="page-title">${t('passwordTitle')}</h1>
${o.isForced ? notice({ kind: 'warning', body: t('passwordForced') }) : ''}
${o.isDone ? notice({ kind: 'success', body: t('passwordChanged') }) : ''}
${errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<form method="post" action="${o.action}" novalidate>
  ${csrfInput(o.csrf)}
  ${textField({ lang, id: 'currentPassword', name: 'currentPassword', label: t('currentPassword'), type: 'password', autocomplete: 'current-password', required: true, errors })}
  ${textField({
    lang,
    id: 'newPassword',
    name: 'newPassword',
    label: t('newPassword'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    errors,
    hint: t('newPasswordHint', { min: PASSWORD_MIN_LENGTH }),
  })}
  ${button({ label: t('changePassword') })}
</form>`;
  return renderStaffPage(req, { title: t('passwordTitle'), main });
}

export function registerChangePasswordPage(app: FastifyInstance, ctx: AppContext): void {
  for (const [url, isForced] of [
    ['/staff/password', true],
    ['/staff/settings/password', false],
  ] as const) {
    definePage(app, {
      method: 'GET',
      url,
      summary: isForced ? 'Forced password change after a first log-in or a reset' : 'Change your own password',
      auth: 'staff',
      incompleteLogin: isForced,
      handler({ req, lang, actor, csrf }) {
        if (isForced && actor.mfaPending) return redirect('/staff/mfa');
        if (isForced && !actor.mustChangePassword) return redirect('/staff/settings/password');
        return render(req, lang, { action: url, isForced, csrf });
      },
    });

    definePage(app, {
      method: 'POST',
      url,
      summary: 'Change the password',
      auth: 'staff',
      incompleteLogin: isForced,
      body: changePasswordBody,
      invalid: ({ req, lang, csrf, errors }) => render(req, lang, { action: url, isForced, csrf, errors }),
      async handler({ req, lang, actor, body, csrf }) {
        if (actor.mfaPending) return redirect('/staff/mfa');
        try {
          await changePassword(ctx, actor, body, { clientIp: req.ip, requestId: req.id });
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          return {
            html: render(req, lang, { action: url, isForced, csrf, errors: refusalErrors(err, lang, 'newPassword') }),
            status: err.status,
          };
        }
        const fresh = await actorForSession(ctx, actor.sessionTokenHash);
        if (isForced) return redirect(fresh ? nextStep(fresh) : '/staff/login');
        // The shell (menu, CSRF token of its forms) shows the session as it is now.
        req.staff = fresh ?? actor;
        return render(req, lang, { action: url, isForced: false, csrf: req.staff.csrfToken, isDone: true });
      },
    });
  }
}
