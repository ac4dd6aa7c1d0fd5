/**
 * The staff page frame: navigation (extensible by other modules), department switcher and user
 * menu, on top of the shared layout. Server-rendered; works without JavaScript.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import type { Text } from '../../http/i18n.js';
import { html, raw, type SafeHtml } from '../../web/html.js';
import { layout } from '../../web/layout.js';
import { isAnyAdmin, isSystemAdmin } from './staff.policy.js';

export type StaffNavItem = {
  key: string;
  href: string;
  label: Text;
  /** Shown only when this returns true (default: every signed-in person). */
  visible?(actor: StaffActor): boolean;
};

const nav: StaffNavItem[] = [];

/** Adds (or replaces, by key) an entry of the staff navigation. Entries keep their first position. */
export function registerStaffNav(item: StaffNavItem): void {
  const i = nav.findIndex((n) => n.key === item.key);
  if (i >= 0) nav[i] = item;
  else nav.push(item);
}

registerStaffNav({ key: 'home', href: '/staff', label: { ja: 'ホーム', en: 'Home' } });
registerStaffNav({ key: 'reservations', href: '/staff/reservations', label: { ja: '予約', en: 'Reservations' } });
registerStaffNav({ key: 'accounts', href: '/staff/accounts', label: { ja: 'アカウント', en: 'Accounts' }, visible: isAnyAdmin });
registerStaffNav({
  key: 'account-review',
  href: '/staff/account-review',
  label: { ja: 'アカウント棚卸し', en: 'Account review' },
  visible: isAnyAdmin,
});
registerStaffNav({ key: 'audit', href: '/staff/audit', label: { ja: '監査ログ', en: 'Audit log' }, visible: isAnyAdmin });
registerStaffNav({
  key: 'security-events',
  href: '/staff/security-events',
  label: { ja: 'セキュリティイベント', en: 'Security events' },
  visible: isSystemAdmin,
});
registerStaffNav({
  key: 'departments',
  href: '/staff/departments',
  label: { ja: '所属', en: 'Departments' },
  visible: isSystemAdmin,
});

/** Hidden `_csrf` input carrying the session's CSRF token, for HTML forms. */
export function csrfField(req: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${req.staff?.csrfToken ?? ''}">`;
}

const roleNames: Record<string, Text> = {
  'sys-admin': { ja: 'システム管理者', en: 'System administrator' },
  'dept-admin': { ja: '所属管理者', en: 'Department administrator' },
  staff: { ja: '職員', en: 'Staff' },
};

export function roleName(role: string, lang: 'ja' | 'en'): string {
  return roleNames[role]?.[lang] ?? role;
}

function staffHeader(req: FastifyRequest, active: string | undefined): SafeHtml {
  const actor = req.staff;
  const lang = req.lang;
  if (!actor || actor.mustChangePassword || actor.mfaPending || actor.mfaSetupRequired) {
    return actor
      ? html`<form class="inline-form" method="post" action="/staff/logout">${csrfField(req)}<button type="submit" class="button--secondary button--small">${lang === 'ja' ? 'ログアウト' : 'Log out'}</button></form>`
      : html``;
  }
  const items = nav.filter((n) => !n.visible || n.visible(actor));
  const switcher =
    actor.memberships.length > 1
      ? html`<form class="inline-form" method="post" action="/staff/department">
  ${csrfField(req)}
  <input type="hidden" name="back" value="${req.url.split('?')[0]}">
  <label for="staff-dept-switch">${lang === 'ja' ? '所属' : 'Department'}</label>
  <select id="staff-dept-switch" name="departmentId">
    ${actor.memberships.map(
      (m) => html`<option value="${m.departmentId}"${raw(m.departmentId === actor.currentDepartmentId ? ' selected' : '')}>${m.departmentName}</option>`,
    )}
  </select>
  <button type="submit" class="button--secondary button--small">${lang === 'ja' ? '切替' : 'Switch'}</button>
</form>`
      : html`<span class="muted">${actor.memberships[0]?.departmentName ?? ''}</span>`;
  return html`<nav aria-label="${lang === 'ja' ? '職員メニュー' : 'Staff menu'}">
  <ul class="nav">
    ${items.map(
      (n) => html`<li><a href="${n.href}"${raw(n.key === active ? ' aria-current="page"' : '')}>${n.label[lang]}</a></li>`,
    )}
  </ul>
</nav>
${switcher}
<details class="user-menu">
  <summary>${actor.displayName}</summary>
  <ul class="nav">
    <li><a href="/staff/settings/mfa">${lang === 'ja' ? '二要素認証の設定' : 'Two-factor settings'}</a></li>
    <li><a href="/staff/settings/password">${lang === 'ja' ? 'パスワード変更' : 'Change password'}</a></li>
    <li><form class="inline-form" method="post" action="/staff/logout">${csrfField(req)}<button type="submit" class="link-button">${lang === 'ja' ? 'ログアウト' : 'Log out'}</button></form></li>
  </ul>
</details>`;
}

/** Renders a complete staff page (the HTML string) in the staff shell. */
export function renderStaffPage(req: FastifyRequest, o: { title: string; main: SafeHtml; active?: string }): string {
  return layout({
    lang: req.lang,
    title: o.title,
    main: o.main,
    header: staffHeader(req, o.active),
    siteName: req.lang === 'ja' ? 'まどぐち 職員' : 'madoguchi staff',
    path: req.url,
  }).toString();
}
