/**
 * /staff/account-review — アカウント棚卸し: each department the administrator manages with its members,
 * their last log-in, password age and second factor, and a button disabling an account no longer
 * needed. reviewAccounts records the viewing in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { csrfInput, dataTable } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { reviewAccounts } from '../review-accounts.js';
import { renderStaffPage, roleName } from '../staff-shell.js';
import { isAnyAdmin } from '../staff.policy.js';
import { accountMessages } from './accounts.messages.js';
import { accountLink } from './accounts.view.js';
import { formatDateTime } from './staff-pages.view.js';

const DAY_MS = 86_400_000;

export function registerAccountReviewPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/account-review',
    summary: 'Account review by department (audited)',
    auth: 'staff',
    allow: (actor) => isAnyAdmin(actor),
    deny: 403,
    async handler({ req, lang, actor, csrf }) {
      const t = accountMessages.in(lang);
      const review = await reviewAccounts(ctx, req, actor);
      const now = ctx.clock.now();
      const days = (iso: string) => Math.floor((now.getTime() - new Date(iso).getTime()) / DAY_MS);
      const main = html`<h1 class="page-title">${t('reviewTitle')}</h1>
<p>${t('reviewIntro')}</p>
${review.departments.map(
  ({ department: d, members }) => html`<section aria-labelledby="dept-${d.code}"><h2 id="dept-${d.code}">${d.name}</h2>
${dataTable({
  lang,
  caption: d.name,
  hideCaption: true,
  id: `review-${d.code}`,
  emptyText: t('noMembers'),
  columns: [
    { key: 'loginId', label: t('loginId') },
    { key: 'name', label: t('name') },
    { key: 'role', label: t('role') },
    { key: 'lastLogIn', label: t('lastLogIn') },
    { key: 'passwordAge', label: t('passwordAge'), numeric: true },
    { key: 'mfa', label: t('twoFactorShort') },
    { key: 'action', label: t('action') },
  ],
  rows: members.map(({ account: a, role }) => ({
    loginId: accountLink(lang, a),
    name: a.displayName,
    role: roleName(role, lang),
    lastLogIn: a.lastLoginAt ? formatDateTime(a.lastLoginAt, lang) : t('never'),
    passwordAge: days(a.passwordChangedAt),
    mfa: a.mfaEnabled ? t('on') : t('off'),
    action: a.isDisabled
      ? t('disabled')
      : a.id === actor.id || !a.canManage
        ? ''
        : // Named with the login id: a screen reader lists many 無効にする buttons.
          html`<form class="inline-form" method="post" action="/staff/accounts/${a.id}/disable">${csrfInput(csrf)}<input type="hidden" name="back" value="/staff/account-review"><button type="submit" class="button button--danger button--small" aria-label="${t('disableWho', { loginId: a.loginId })}">${t('disable')}</button></form>`,
  })),
})}</section>`,
)}`;
      return renderStaffPage(req, { title: t('reviewTitle'), main, active: 'account-review' });
    },
  });
}
