/** Rendering shared by the account screens (list, one account, review). */
import type { Role, StaffActor } from '../../../http/actor.js';
import type { Lang } from '../../../platform/i18n.js';
import { notice, type SelectOption } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import type { Account } from '../accounts.js';
import { roleName } from '../staff-shell.js';
import { isSystemAdmin } from '../staff.policy.js';
import { accountMessages } from './accounts.messages.js';

export const isFuture = (iso: string | null, now: Date): boolean => iso !== null && new Date(iso) > now;

const ROLES: Role[] = ['sys-admin', 'dept-admin', 'staff', 'payment_admin'];

/**
 * The roles offered in a form: a department administrator is never offered sys-admin or payment_admin
 * (the operation refuses them anyway); payment_admin is refused outside its department by the operation.
 */
export function roleOptions(actor: StaffActor, lang: Lang): SelectOption[] {
  return ROLES.filter((r) => isSystemAdmin(actor) || (r !== 'sys-admin' && r !== 'payment_admin')).map((r) => ({
    value: r,
    label: roleName(r, lang),
  }));
}

/** A link to the account, or the bare login id with the reason when the viewer may not manage it. */
export function accountLink(lang: Lang, a: Account): SafeHtml {
  if (a.canManage) return html`<a href="/staff/accounts/${a.id}">${a.loginId}</a>`;
  return html`${a.loginId}<br><span class="hint">${accountMessages.t(lang, 'managedElsewhere')}</span>`;
}

export function lockBadges(lang: Lang, a: Account, now: Date): SafeHtml {
  const t = accountMessages.in(lang);
  return html`${isFuture(a.lockedUntil, now) ? html` <span class="badge">${t('locked')}</span>` : ''}${
    isFuture(a.mfaLockedUntil, now) ? html` <span class="badge">${t('mfaLocked')}</span>` : ''
  }`;
}

/** The initial password, shown once after creating an account or resetting its password. */
export function shownOnce(lang: Lang, loginId: string, password: string): SafeHtml {
  return notice({
    kind: 'success',
    body: html`<p>${accountMessages.t(lang, 'shownOnce', { loginId })}</p>
<p><code class="initial-password">${password}</code></p>`,
  });
}
