/**
 * /staff/accounts/:id — one account: its state and locks, its name, its departments and roles, and
 * the administrator's actions, each a form posting to /staff/accounts/:id/<action> that shows the
 * account again with what was done. Every operation checks that the actor may manage the account
 * (404 otherwise) and records the change in the audit log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect, type PageResult } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import {
  button,
  csrfInput,
  errorSummary,
  notice,
  postButtonForm,
  selectField,
  summaryList,
  textField,
  type FieldMessage,
} from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import * as accounts from '../accounts.js';
import { manageableDepartments } from '../review-accounts.js';
import { renderStaffPage, roleName } from '../staff-shell.js';
import { grantableRoles, isAnyAdmin } from '../staff.policy.js';
import { grantBody, idParams, updateAccountBody } from '../staff.schemas.js';
import { accountMessages } from './accounts.messages.js';
import { isFuture, roleOptions, shownOnce } from './accounts.view.js';
import { formatDateTime, refusalErrors, sameId } from './staff-pages.view.js';

type View = { csrf: string; notice?: SafeHtml; errors?: FieldMessage[]; raw?: Record<string, string> };

/** 状態: enabled or disabled, and each lock with its end. */
function statusOf(lang: Lang, a: accounts.Account, now: Date): SafeHtml {
  const t = accountMessages.in(lang);
  const locks: SafeHtml[] = [];
  if (isFuture(a.lockedUntil, now))
    locks.push(html`<li>${t('lockedUntil', { until: formatDateTime(a.lockedUntil as string, lang) })}</li>`);
  if (isFuture(a.mfaLockedUntil, now))
    locks.push(html`<li>${t('mfaLockedUntil', { until: formatDateTime(a.mfaLockedUntil as string, lang) })}</li>`);
  const state = a.isDisabled ? t('disabled') : locks.length ? t('activeLocked') : t('active');
  return html`<span id="account-status">${state}</span>${locks.length ? html`<ul class="account-locks">${locks}</ul>` : ''}`;
}

async function render(ctx: AppContext, req: FastifyRequest, lang: Lang, actor: StaffActor, id: string, o: View): Promise<string> {
  const t = accountMessages.in(lang);
  const a = await accounts.getAccount(ctx, actor, id);
  const depts = (await manageableDepartments(ctx, actor)).filter((d) => grantableRoles(actor, d.id).length);
  const now = ctx.clock.now();
  const errors = o.errors ?? [];
  const title = t('accountTitle', { loginId: a.loginId });
  const post = (
    action: string,
    label: string,
    kind: 'secondary' | 'danger' = 'secondary',
    hidden?: Record<string, string>,
    small = false,
  ) => postButtonForm({ action: `/staff/accounts/${a.id}/${action}`, csrf: o.csrf, label, kind, hidden, small });
  const main = html`<h1 class="page-title">${title}</h1>
${o.notice ?? ''}
${errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<div class="card">${summaryList({
    items: [
      { term: t('name'), value: a.displayName },
      { term: t('status'), value: statusOf(lang, a, now) },
      { term: t('lastLogIn'), value: a.lastLoginAt ? formatDateTime(a.lastLoginAt, lang) : t('never') },
      { term: t('passwordChanged'), value: formatDateTime(a.passwordChangedAt, lang) },
      { term: t('twoFactor'), value: a.mfaEnabled ? t('on') : t('off') },
    ],
  })}</div>
<h2>${t('changeName')}</h2>
<form method="post" action="/staff/accounts/${a.id}/name">${csrfInput(o.csrf)}
${textField({ lang, id: 'displayName', name: 'displayName', label: t('name'), value: o.raw?.displayName ?? a.displayName, required: true, errors })}
${button({ label: t('save') })}</form>
<h2>${t('departmentsAndRoles')}</h2>
<ul>${a.memberships.map(
    (m) => html`<li>${m.departmentName}: ${roleName(m.role, lang)}
${grantableRoles(actor, m.departmentId).includes(m.role) ? post('revoke', t('revoke'), 'secondary', { departmentId: m.departmentId }, true) : ''}</li>`,
  )}</ul>
${
  depts.length
    ? html`<form method="post" action="/staff/accounts/${a.id}/grant" class="filters">${csrfInput(o.csrf)}
${selectField({ lang, id: 'grant-dept', name: 'departmentId', label: t('department'), markOptional: false, options: depts.map((d) => ({ value: d.id, label: d.name })) })}
${selectField({ lang, id: 'grant-role', name: 'role', errorKey: 'grant-role', label: t('role'), markOptional: false, value: o.raw?.role ?? 'staff', errors, options: roleOptions(actor, lang) })}
${button({ label: t('grant') })}</form>`
    : ''
}
<h2>${t('actions')}</h2>
<p>${isFuture(a.lockedUntil, now) || isFuture(a.mfaLockedUntil, now) ? post('unlock', t('unlock')) : ''}
${a.isDisabled ? post('enable', t('enable')) : post('disable', t('disable'), 'danger')}
${post('reset-password', t('resetPassword'))}
${a.mfaEnabled ? post('reset-mfa', t('resetMfa')) : ''}</p>`;
  return renderStaffPage(req, { title, main, active: 'accounts' });
}

type DoneKey = 'nameChanged' | 'roleGranted' | 'roleRevoked' | 'accountDisabled' | 'accountEnabled' | 'unlocked' | 'mfaReset';
const done = (lang: Lang, key: DoneKey) => notice({ kind: 'success', body: accountMessages.t(lang, key) });
const meta = (req: FastifyRequest) => ({ clientIp: req.ip, requestId: req.id });
const departmentBody = z.object({ departmentId: z.uuid() });
const backBody = z.object({ back: z.string().max(100).optional() });

export function registerAccountPage(app: FastifyInstance, ctx: AppContext): void {
  const base = { auth: 'staff', params: idParams, allow: (actor: StaffActor) => isAnyAdmin(actor), deny: 403 } as const;

  definePage(app, {
    ...base,
    method: 'GET',
    url: '/staff/accounts/:id',
    summary: 'One account and the administrator’s actions',
    handler: ({ req, lang, actor, params, csrf }) => render(ctx, req, lang, actor, params.id, { csrf }),
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/accounts/:id/name',
    summary: 'Change the display name',
    body: updateAccountBody,
    invalid: ({ req, lang, actor, params, csrf, raw, errors }) => render(ctx, req, lang, actor, params.id, { csrf, raw, errors }),
    async handler({ req, lang, actor, params, body, csrf }) {
      await accounts.updateDisplayName(ctx, actor, params.id, body.displayName, meta(req));
      return render(ctx, req, lang, actor, params.id, { csrf, notice: done(lang, 'nameChanged') });
    },
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/accounts/:id/grant',
    summary: 'Grant or change a role in a department',
    body: grantBody.extend(departmentBody.shape),
    async handler({ req, lang, actor, params, body, csrf }): Promise<PageResult> {
      try {
        await accounts.grantMembership(ctx, actor, params.id, body.departmentId, body.role, meta(req));
      } catch (err) {
        // a refused role (payment_admin outside its department) is shown at the role field, not as an error page
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        const errors = refusalErrors(err, lang, 'grant-role').map((e) => (e.field === 'role' ? { ...e, field: 'grant-role' } : e));
        return { html: await render(ctx, req, lang, actor, params.id, { csrf, errors, raw: { role: body.role } }), status: 422 };
      }
      return render(ctx, req, lang, actor, params.id, { csrf, notice: done(lang, 'roleGranted') });
    },
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/accounts/:id/revoke',
    summary: 'Revoke a membership (back to the list when the account is no longer yours to see)',
    body: departmentBody,
    async handler({ req, lang, actor, params, body, csrf }): Promise<PageResult> {
      const left = await accounts.revokeMembership(ctx, actor, params.id, body.departmentId, meta(req));
      if (!left) return redirect('/staff/accounts');
      return render(ctx, req, lang, actor, params.id, { csrf, notice: done(lang, 'roleRevoked') });
    },
  });

  for (const [action, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    definePage(app, {
      ...base,
      method: 'POST',
      url: `/staff/accounts/:id/${action}`,
      summary: isDisabled ? 'Disable an account (ends its sessions)' : 'Enable an account',
      body: backBody,
      async handler({ req, lang, actor, params, body, csrf }): Promise<PageResult> {
        await accounts.setDisabled(ctx, actor, params.id, isDisabled, meta(req));
        if (body.back === '/staff/account-review') return redirect('/staff/account-review');
        return render(ctx, req, lang, actor, params.id, { csrf, notice: done(lang, isDisabled ? 'accountDisabled' : 'accountEnabled') });
      },
    });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/accounts/:id/reset-password',
    summary: 'Reset the password; the new one is shown once',
    async handler({ req, lang, actor, params, csrf }) {
      const r = await accounts.resetPassword(ctx, actor, params.id, undefined, meta(req));
      return render(ctx, req, lang, actor, params.id, { csrf, notice: shownOnce(lang, r.account.loginId, r.initialPassword) });
    },
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/accounts/:id/unlock',
    summary: 'Clear the password and second-factor lockouts',
    async handler({ req, lang, actor, params, csrf }) {
      await accounts.unlockAccount(ctx, actor, params.id, meta(req));
      return render(ctx, req, lang, actor, params.id, { csrf, notice: done(lang, 'unlocked') });
    },
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/accounts/:id/reset-mfa',
    summary: 'Turn off the second factor (the person sets it up again)',
    async handler({ req, lang, actor, params, csrf }) {
      await accounts.resetMfa(ctx, actor, params.id, meta(req));
      return render(ctx, req, lang, actor, params.id, { csrf, notice: done(lang, 'mfaReset') });
    },
  });
}
