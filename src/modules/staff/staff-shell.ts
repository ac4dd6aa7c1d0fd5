/**
 * The staff page frame: navigation (each app's own, filled by its modules), department switcher and user
 * menu, on top of the shared layout. Server-rendered; works without JavaScript.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import type { Text } from '../../http/i18n.js';
import { html, raw, type SafeHtml } from '../../web/html.js';
import { staffShell, userMenu, type StaffShellOptions } from '../../web/components/index.js';
import { staffShellMessages } from './staff-shell.messages.js';

export type StaffNavItem = {
  key: string;
  href: string;
  label: Text;
  /** Shown only when this returns true (default: every signed-in person). */
  visible?(actor: StaffActor): boolean;
  /** Position in the menu, lowest first (ties keep the order of registration). Default 100. */
  order?: number;
};

/**
 * The staff navigation of one app. Each module adds the entries for the pages it serves from its
 * `register(app, ctx)`, so a process shows only links it answers (an internal-zone process loads no
 * reservations module and so has no 予約 entry). Two apps in one process (tests) never share entries.
 */
export class StaffNav {
  private readonly items: StaffNavItem[] = [];

  /** Adds (or replaces, by key, keeping its place) an entry. */
  add(item: StaffNavItem): void {
    const i = this.items.findIndex((n) => n.key === item.key);
    if (i >= 0) this.items[i] = item;
    else this.items.push(item);
  }

  /** The entries this person may see, in menu order. */
  visibleTo(actor: StaffActor): StaffNavItem[] {
    return this.items
      .map((item, i) => ({ item, i }))
      .filter(({ item }) => !item.visible || item.visible(actor))
      .sort((a, b) => (a.item.order ?? 100) - (b.item.order ?? 100) || a.i - b.i)
      .map(({ item }) => item);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's staff navigation (see `registerStaffNav`); absent in an app without staff pages. */
    staffNav?: StaffNav;
  }
}

/**
 * Adds (or replaces, by key) an entry of this app's staff navigation. Call it from the module's
 * `register(app, ctx)` with the app it was given (the root instance, so every page sees the entry).
 */
export function registerStaffNav(app: FastifyInstance, item: StaffNavItem): void {
  if (!app.staffNav) app.decorate('staffNav', new StaffNav());
  app.staffNav!.add(item);
}

/** The entries of the navigation of the app serving this request that the person may see. */
export function staffNavFor(req: FastifyRequest, actor: StaffActor): StaffNavItem[] {
  return req.server.staffNav?.visibleTo(actor) ?? [];
}

/** Hidden `_csrf` input carrying the session's CSRF token, for HTML forms. */
export function csrfField(req: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${req.staff?.csrfToken ?? ''}">`;
}

const ROLE_KEYS = {
  'sys-admin': 'role.sys-admin',
  'dept-admin': 'role.dept-admin',
  staff: 'role.staff',
  payment_admin: 'role.payment_admin',
} as const;

export function roleName(role: string, lang: 'ja' | 'en'): string {
  return Object.hasOwn(ROLE_KEYS, role) ? staffShellMessages.t(lang, ROLE_KEYS[role as keyof typeof ROLE_KEYS]) : role;
}

/** The header parts of the staff shell for this request: menu, department, user menu. */
function staffHeader(req: FastifyRequest, active: string | undefined): Pick<StaffShellOptions, 'nav' | 'context' | 'userMenu'> {
  const actor = req.staff;
  const t = staffShellMessages.in(req.lang);
  if (!actor || actor.mustChangePassword || actor.mfaPending || actor.mfaSetupRequired) {
    return actor
      ? {
          userMenu: html`<form class="inline-form" method="post" action="/staff/logout">${csrfField(req)}<button type="submit" class="button--secondary button--small">${t('logOut')}</button></form>`,
        }
      : {};
  }
  const items = staffNavFor(req, actor);
  const switcher =
    actor.memberships.length > 1
      ? html`<form class="inline-form" method="post" action="/staff/department">
  ${csrfField(req)}
  <input type="hidden" name="back" value="${req.url.split('?')[0]}">
  <label for="staff-dept-switch">${t('department')}</label>
  <select id="staff-dept-switch" name="departmentId">
    ${actor.memberships.map(
      (m) =>
        html`<option value="${m.departmentId}"${raw(m.departmentId === actor.currentDepartmentId ? ' selected' : '')}>${m.departmentName}</option>`,
    )}
  </select>
  <button type="submit" class="button--secondary button--small">${t('switchDepartment')}</button>
</form>`
      : html`<span class="muted">${actor.memberships[0]?.departmentName ?? ''}</span>`;
  return {
    nav: {
      label: t('staffMenu'),
      items: items.map((n) => ({ href: n.href, label: n.label[req.lang], isCurrent: n.key === active })),
    },
    context: switcher,
    userMenu: userMenu({
      name: actor.displayName,
      items: [
        html`<a href="/staff/settings/mfa">${t('mfaSettings')}</a>`,
        html`<a href="/staff/settings/password">${t('changePassword')}</a>`,
        html`<form class="inline-form" method="post" action="/staff/logout">${csrfField(req)}<button type="submit" class="link-button">${t('logOut')}</button></form>`,
      ],
    }),
  };
}

/** Renders a complete staff page (the HTML string) in the staff shell. */
export function renderStaffPage(req: FastifyRequest, o: { title: string; main: SafeHtml; active?: string }): string {
  return staffShell({
    lang: req.lang,
    title: o.title,
    main: o.main,
    ...staffHeader(req, o.active),
    siteName: staffShellMessages.t(req.lang, 'siteName'),
    path: req.url,
  }).toString();
}
