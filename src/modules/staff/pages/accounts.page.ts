/**
 * /staff/accounts — the accounts an administrator manages (sortable, paged) and the form creating one
 * (the API's createAccountBody validates both). Department administrators see their departments'
 * members; who may do what is staff.policy.ts, asked here and again by the operations.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import {
  button,
  csrfInput,
  dataTable,
  errorSummary,
  selectField,
  textField,
  type FieldMessage,
  type SortDir,
} from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { createAccount, listAccounts, type Account } from '../accounts.js';
import { manageableDepartments } from '../review-accounts.js';
import { renderStaffPage, roleName } from '../staff-shell.js';
import { isAnyAdmin, isSystemAdmin } from '../staff.policy.js';
import { createAccountBody } from '../staff.schemas.js';
import { accountMessages } from './accounts.messages.js';
import { accountLink, lockBadges, roleOptions, shownOnce } from './accounts.view.js';
import { refusalErrors, sameId } from './staff-pages.view.js';

const PAGE_SIZE = 50;
const SORT_KEYS = ['loginId', 'displayName'] as const;
type SortKey = (typeof SORT_KEYS)[number];

const listQuery = z.object({
  sort: z.enum(SORT_KEYS).default('loginId'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
type ListQuery = z.output<typeof listQuery>;

type View = { query: ListQuery; csrf: string; raw?: Record<string, string>; errors?: FieldMessage[]; created?: SafeHtml };

function sorted(list: Account[], q: ListQuery, lang: Lang): Account[] {
  const sign = q.dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => sign * a[q.sort].localeCompare(b[q.sort], lang));
}

const hrefFor = (sort: SortKey, dir: SortDir, page = 1) => `/staff/accounts?${new URLSearchParams({ sort, dir, page: String(page) })}`;

async function render(ctx: AppContext, req: FastifyRequest, lang: Lang, actor: StaffActor, o: View): Promise<string> {
  const t = accountMessages.in(lang);
  const all = sorted(await listAccounts(ctx, actor), o.query, lang);
  const shown = all.slice((o.query.page - 1) * PAGE_SIZE, o.query.page * PAGE_SIZE);
  const depts = await manageableDepartments(ctx, actor);
  const errors = o.errors ?? [];
  const raw = o.raw ?? {};
  const now = ctx.clock.now();
  const main = html`<h1 class="page-title">${t('accountsTitle')}</h1>
${o.created ?? ''}
${dataTable({
  lang,
  caption: isSystemAdmin(actor) ? t('allAccounts') : t('myAccounts'),
  columns: [
    { key: 'loginId', label: t('loginId'), sortable: true },
    { key: 'displayName', label: t('name'), sortable: true },
    { key: 'memberships', label: t('departmentsAndRoles') },
    { key: 'status', label: t('status') },
  ],
  rows: shown.map((a) => ({
    loginId: accountLink(lang, a),
    displayName: a.displayName,
    memberships: html`${a.memberships.map((m) => html`${t('membership', { department: m.departmentName, role: roleName(m.role, lang) })}<br>`)}`,
    status: html`${a.isDisabled ? html`<span class="badge">${t('disabled')}</span>` : t('active')}${lockBadges(lang, a, now)}`,
  })),
  sort: { key: o.query.sort, dir: o.query.dir },
  hrefForSort: (key, dir) => hrefFor(key as SortKey, dir),
  paging: {
    page: o.query.page,
    hasNext: all.length > o.query.page * PAGE_SIZE,
    hrefFor: (page) => hrefFor(o.query.sort, o.query.dir, page),
  },
})}
<h2 id="create-h">${t('createTitle')}</h2>
${errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<form method="post" action="/staff/accounts" aria-labelledby="create-h" novalidate>
  ${csrfInput(o.csrf)}
  ${textField({ lang, id: 'loginId', name: 'loginId', label: t('loginId'), value: raw.loginId, required: true, errors, hint: t('loginIdHint') })}
  ${textField({ lang, id: 'displayName', name: 'displayName', label: t('name'), value: raw.displayName, required: true, errors })}
  ${selectField({ lang, id: 'departmentId', name: 'departmentId', label: t('department'), value: raw.departmentId, errors, markOptional: false, options: depts.map((d) => ({ value: d.id, label: d.name })) })}
  ${selectField({ lang, id: 'role', name: 'role', label: t('role'), value: raw.role ?? 'staff', errors, markOptional: false, options: roleOptions(actor, lang) })}
  ${textField({ lang, id: 'password', name: 'password', label: t('initialPassword'), type: 'password', autocomplete: 'new-password', value: '', errors, markOptional: false })}
  ${button({ label: t('create') })}
</form>`;
  return renderStaffPage(req, { title: t('accountsTitle'), main, active: 'accounts' });
}

/** Which field an operation's refusal without field errors belongs to. */
const fieldOfRefusal = (status: number) => (status === 403 ? 'role' : status === 404 ? 'departmentId' : 'loginId');

export function registerAccountsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/accounts',
    summary: 'Accounts you manage, and the form to create one',
    auth: 'staff',
    allow: (actor) => isAnyAdmin(actor),
    deny: 403,
    query: listQuery,
    handler: ({ req, lang, actor, query, csrf }) => render(ctx, req, lang, actor, { query, csrf }),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/accounts',
    summary: 'Create an account; its initial password is shown once',
    auth: 'staff',
    allow: (actor) => isAnyAdmin(actor),
    deny: 403,
    body: createAccountBody,
    invalid: ({ req, lang, actor, raw, errors, csrf }) => render(ctx, req, lang, actor, { query: listQuery.parse({}), csrf, raw, errors }),
    async handler({ req, lang, actor, body, csrf }) {
      const query = listQuery.parse({});
      try {
        const r = await createAccount(ctx, actor, body, { clientIp: req.ip, requestId: req.id });
        return render(ctx, req, lang, actor, { query, csrf, created: shownOnce(lang, r.account.loginId, r.initialPassword) });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const raw = { loginId: body.loginId, displayName: body.displayName, departmentId: body.departmentId, role: body.role };
        return {
          html: await render(ctx, req, lang, actor, { query, csrf, raw, errors: refusalErrors(err, lang, fieldOfRefusal(err.status)) }),
          status: err.status,
        };
      }
    },
  });
}
