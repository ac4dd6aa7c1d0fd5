/** Account administration pages: /staff/accounts, /staff/accounts/:id, /staff/departments, /staff/account-review. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type Role, type StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { auditContextOf, recordAudit } from '../../audit/index.js';
import * as accounts from '../accounts.js';
import { createDepartment } from '../departments.js';
import { csrfField, roleName } from '../staff-shell.js';
import { listDepartments, type DepartmentRow } from '../staff.repository.js';
import { administeredDepartmentIds, grantableRoles, isAnyAdmin, isSystemAdmin } from '../staff.policy.js';
import { errorSummary, field, fieldErrorsOf, formatDateTime, isAppError, sendPage, t, type FieldErrors } from './ui.js';

const staffPage = { config: { auth: 'staff' as const } };
type Form = Record<string, string | undefined>;
const meta = (req: FastifyRequest) => ({ clientIp: req.ip, requestId: req.id });
const ROLES: Role[] = ['sys-admin', 'dept-admin', 'staff'];

async function adminActor(req: FastifyRequest): Promise<StaffActor> {
  const actor = await authenticate('staff', req);
  if (!isAnyAdmin(actor)) throw errors.forbidden();
  return actor;
}

async function manageableDepartments(ctx: AppContext, actor: StaffActor): Promise<DepartmentRow[]> {
  const all = await listDepartments(ctx.db);
  const mine = administeredDepartmentIds(actor);
  return mine === null ? all : all.filter((d) => mine.includes(d.id));
}

function select(id: string, name: string, label: string, options: { value: string; label: string }[], selected?: string): SafeHtml {
  return html`<div class="form-field"><label for="${id}">${label}</label><select id="${id}" name="${name}">${options.map(
    (o) => html`<option value="${o.value}"${raw(o.value === selected ? ' selected' : '')}>${o.label}</option>`,
  )}</select></div>`;
}

function shownOnce(req: FastifyRequest, loginId: string, password: string): SafeHtml {
  return html`<div class="notice notice--success" role="status">
<p>${t(req, `${loginId} の初期パスワードです。この画面でしか表示しません。本人に安全な方法で伝えてください（初回ログイン時に変更が必要です）。`, `Initial password for ${loginId}. It is shown only now: hand it over safely (it must be changed at first log-in).`)}</p>
<p><code class="initial-password">${password}</code></p></div>`;
}

const isFuture = (iso: string | null, now: Date) => iso !== null && new Date(iso) > now;

function lockBadges(req: FastifyRequest, a: accounts.Account, now: Date): SafeHtml {
  return html`${isFuture(a.lockedUntil, now) ? html` <span class="badge">${t(req, 'ロック中', 'Locked')}</span>` : ''}${isFuture(a.mfaLockedUntil, now) ? html` <span class="badge">${t(req, '二要素ロック中', 'Two-factor locked')}</span>` : ''}`;
}

/** A link to the account, or the bare login id with the reason when the viewer may not manage it. */
function accountLink(req: FastifyRequest, a: accounts.Account): SafeHtml {
  if (a.canManage) return html`<a href="/staff/accounts/${a.id}">${a.loginId}</a>`;
  return html`${a.loginId}<br><span class="hint">${t(req, '他の所属の権限もあるため、システム管理者が管理します', 'Also holds rights elsewhere: managed by a system administrator')}</span>`;
}

/** 状態 of the account page: enabled or disabled, and each lock with its end. */
function statusOf(req: FastifyRequest, a: accounts.Account, now: Date): SafeHtml {
  const locks: SafeHtml[] = [];
  if (isFuture(a.lockedUntil, now))
    locks.push(html`<li>${t(req, `ログインの失敗が続いたためロック中（${formatDateTime(a.lockedUntil, 'ja')}まで）`, `Locked after failed log-ins (until ${formatDateTime(a.lockedUntil, 'en')})`)}</li>`);
  if (isFuture(a.mfaLockedUntil, now))
    locks.push(html`<li>${t(req, `確認コードの誤りが続いたため二要素認証をロック中（${formatDateTime(a.mfaLockedUntil, 'ja')}まで）`, `Two-factor locked after wrong codes (until ${formatDateTime(a.mfaLockedUntil, 'en')})`)}</li>`);
  const state = a.isDisabled ? t(req, '無効', 'Disabled') : locks.length ? t(req, '有効（ロック中）', 'Active (locked)') : t(req, '有効', 'Active');
  return html`<span id="account-status">${state}</span>${locks.length ? html`<ul class="account-locks">${locks}</ul>` : ''}`;
}

export function registerAccountPages(app: FastifyInstance, ctx: AppContext): void {
  const listPage = async (req: FastifyRequest, reply: FastifyReply, actor: StaffActor, o: { errors?: FieldErrors; form?: Form; created?: SafeHtml; status?: number } = {}) => {
    const list = await accounts.listAccounts(ctx, actor);
    const depts = await manageableDepartments(ctx, actor);
    const errs = o.errors ?? {};
    const roles = ROLES.filter((r) => isSystemAdmin(actor) || r !== 'sys-admin');
    const title = t(req, 'アカウント管理', 'Accounts');
    return sendPage(req, reply, {
      title,
      active: 'accounts',
      status: o.status,
      main: html`<h1 class="page-title">${title}</h1>
${o.created ?? ''}
<div class="table-wrap"><table>
<caption>${isSystemAdmin(actor) ? t(req, 'すべてのアカウント', 'All accounts') : t(req, '管理する所属のアカウント', 'Accounts in the departments you administer')}</caption>
<thead><tr><th scope="col">${t(req, 'ログインID', 'Login ID')}</th><th scope="col">${t(req, '氏名', 'Name')}</th><th scope="col">${t(req, '所属と役割', 'Departments and roles')}</th><th scope="col">${t(req, '状態', 'Status')}</th></tr></thead>
<tbody>${list.map(
        (a) => html`<tr><td>${accountLink(req, a)}</td><td>${a.displayName}</td>
<td>${a.memberships.map((m) => html`${m.departmentName}（${roleName(m.role, req.lang)}）<br>`)}</td>
<td>${a.isDisabled ? html`<span class="badge">${t(req, '無効', 'Disabled')}</span>` : t(req, '有効', 'Active')}${lockBadges(req, a, ctx.clock.now())}</td></tr>`,
      )}</tbody></table></div>
<h2 id="create-h">${t(req, 'アカウントの作成', 'Create an account')}</h2>
${errorSummary(req, errs)}
<form method="post" action="/staff/accounts" aria-labelledby="create-h" novalidate>
  ${csrfField(req)}
  ${field({ id: 'loginId', name: 'loginId', label: t(req, 'ログインID', 'Login ID'), value: o.form?.loginId, required: true, errors: errs.loginId, hint: t(req, '英小文字・数字・「.」「_」「-」', 'lower-case letters, digits, ".", "_", "-"'), lang: req.lang })}
  ${field({ id: 'displayName', name: 'displayName', label: t(req, '氏名', 'Name'), value: o.form?.displayName, required: true, errors: errs.displayName, lang: req.lang })}
  ${select('departmentId', 'departmentId', t(req, '所属', 'Department'), depts.map((d) => ({ value: d.id, label: d.name })), o.form?.departmentId)}
  ${select('role', 'role', t(req, '役割', 'Role'), roles.map((r) => ({ value: r, label: roleName(r, req.lang) })), o.form?.role ?? 'staff')}
  ${field({ id: 'password', name: 'password', label: t(req, '初期パスワード（空欄なら自動生成）', 'Initial password (blank: generated)'), type: 'password', autocomplete: 'new-password', value: '', errors: errs.password, lang: req.lang })}
  <button type="submit">${t(req, '作成する', 'Create')}</button>
</form>`,
    });
  };

  app.get('/staff/accounts', staffPage, async (req, reply) => listPage(req, reply, await adminActor(req)));

  app.post('/staff/accounts', staffPage, async (req, reply) => {
    const actor = await adminActor(req);
    const f = (req.body ?? {}) as Form;
    try {
      const role = String(f.role ?? 'staff') as Role;
      if (!ROLES.includes(role)) throw errors.validation([{ field: 'role', message: { ja: '役割を選んでください。', en: 'Choose a role.' } }]);
      const displayName = String(f.displayName ?? '').trim();
      if (!displayName || displayName.length > 100) throw errors.validation([{ field: 'displayName', message: { ja: '氏名を100文字以内で入力してください。', en: 'Enter a name of at most 100 characters.' } }]);
      const r = await accounts.createAccount(ctx, actor, { loginId: String(f.loginId ?? ''), displayName, departmentId: String(f.departmentId ?? ''), role, password: f.password || undefined }, meta(req));
      return listPage(req, reply, actor, { created: shownOnce(req, r.account.loginId, r.initialPassword) });
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      return listPage(req, reply, actor, { errors: fieldErrorsOf(err, req.lang, 'loginId'), form: f, status: err.status });
    }
  });

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, actor: StaffActor, id: string, notice?: SafeHtml) => {
    const a = await accounts.getAccount(ctx, actor, id);
    const depts = (await manageableDepartments(ctx, actor)).filter((d) => grantableRoles(actor, d.id).length);
    const roles = ROLES.filter((r) => isSystemAdmin(actor) || r !== 'sys-admin');
    const title = `${t(req, 'アカウント', 'Account')}: ${a.loginId}`;
    const post = (path: string, label: string, cls = 'button--secondary') =>
      html`<form class="inline-form" method="post" action="/staff/accounts/${a.id}/${path}">${csrfField(req)}<button type="submit" class="${cls}">${label}</button></form>`;
    return sendPage(req, reply, {
      title,
      active: 'accounts',
      main: html`<h1 class="page-title">${title}</h1>
${notice ?? ''}
<div class="card"><dl>
<dt>${t(req, '氏名', 'Name')}</dt><dd>${a.displayName}</dd>
<dt>${t(req, '状態', 'Status')}</dt><dd>${statusOf(req, a, ctx.clock.now())}</dd>
<dt>${t(req, '前回のログイン', 'Last log-in')}</dt><dd>${formatDateTime(a.lastLoginAt, req.lang)}</dd>
<dt>${t(req, 'パスワード変更日', 'Password changed')}</dt><dd>${formatDateTime(a.passwordChangedAt, req.lang)}</dd>
<dt>${t(req, '二要素認証', 'Two-factor')}</dt><dd>${a.mfaEnabled ? t(req, '有効', 'On') : t(req, '未設定', 'Off')}</dd>
</dl></div>
<h2>${t(req, '氏名の変更', 'Change name')}</h2>
<form method="post" action="/staff/accounts/${a.id}/name">${csrfField(req)}
${field({ id: 'displayName', name: 'displayName', label: t(req, '氏名', 'Name'), value: a.displayName, required: true, lang: req.lang })}
<button type="submit">${t(req, '保存', 'Save')}</button></form>
<h2>${t(req, '所属と役割', 'Departments and roles')}</h2>
<ul>${a.memberships.map(
        (m) => html`<li>${m.departmentName}: ${roleName(m.role, req.lang)}
${grantableRoles(actor, m.departmentId).includes(m.role) ? html`<form class="inline-form" method="post" action="/staff/accounts/${a.id}/revoke">${csrfField(req)}<input type="hidden" name="departmentId" value="${m.departmentId}"><button type="submit" class="button--secondary button--small">${t(req, '外す', 'Revoke')}</button></form>` : ''}</li>`,
      )}</ul>
${depts.length ? html`<form method="post" action="/staff/accounts/${a.id}/grant" class="filters">${csrfField(req)}
${select('grant-dept', 'departmentId', t(req, '所属', 'Department'), depts.map((d) => ({ value: d.id, label: d.name })))}
${select('grant-role', 'role', t(req, '役割', 'Role'), roles.map((r) => ({ value: r, label: roleName(r, req.lang) })), 'staff')}
<button type="submit">${t(req, '付与する', 'Grant')}</button></form>` : ''}
<h2>${t(req, '操作', 'Actions')}</h2>
<p>${isFuture(a.lockedUntil, ctx.clock.now()) || isFuture(a.mfaLockedUntil, ctx.clock.now()) ? post('unlock', t(req, 'ロックを解除する', 'Unlock')) : ''}
${a.isDisabled ? post('enable', t(req, '有効にする', 'Enable')) : post('disable', t(req, '無効にする', 'Disable'), 'button--danger')}
${post('reset-password', t(req, 'パスワードを再設定', 'Reset password'))}
${a.mfaEnabled ? post('reset-mfa', t(req, '二要素認証をリセット', 'Reset two-factor')) : ''}</p>`,
    });
  };

  app.get('/staff/accounts/:id', staffPage, async (req, reply) => detailPage(req, reply, await adminActor(req), (req.params as { id: string }).id));

  app.post('/staff/accounts/:id/:action', staffPage, async (req, reply) => {
    const actor = await adminActor(req);
    const { id, action } = req.params as { id: string; action: string };
    const f = (req.body ?? {}) as Form;
    const ok = (ja: string, en: string) => html`<div class="notice notice--success" role="status"><p>${t(req, ja, en)}</p></div>`;
    switch (action) {
      case 'name':
        await accounts.updateDisplayName(ctx, actor, id, String(f.displayName ?? '').slice(0, 100) || '-', meta(req));
        return detailPage(req, reply, actor, id, ok('氏名を変更しました。', 'Name changed.'));
      case 'grant':
        await accounts.grantMembership(ctx, actor, id, String(f.departmentId ?? ''), String(f.role ?? 'staff') as Role, meta(req));
        return detailPage(req, reply, actor, id, ok('役割を付与しました。', 'Role granted.'));
      case 'revoke': {
        const left = await accounts.revokeMembership(ctx, actor, id, String(f.departmentId ?? ''), meta(req));
        if (!left) return reply.redirect('/staff/accounts', 303);
        return detailPage(req, reply, actor, id, ok('役割を外しました。', 'Role revoked.'));
      }
      case 'disable':
      case 'enable':
        await accounts.setDisabled(ctx, actor, id, action === 'disable', meta(req));
        if (f.back === '/staff/account-review') return reply.redirect('/staff/account-review', 303);
        return detailPage(req, reply, actor, id, ok(action === 'disable' ? 'アカウントを無効にしました。' : 'アカウントを有効にしました。', action === 'disable' ? 'Account disabled.' : 'Account enabled.'));
      case 'reset-password': {
        const r = await accounts.resetPassword(ctx, actor, id, undefined, meta(req));
        return detailPage(req, reply, actor, id, shownOnce(req, r.account.loginId, r.initialPassword));
      }
      case 'unlock':
        await accounts.unlockAccount(ctx, actor, id, meta(req));
        return detailPage(req, reply, actor, id, ok('ロックを解除しました。', 'Account unlocked.'));
      case 'reset-mfa':
        await accounts.resetMfa(ctx, actor, id, meta(req));
        return detailPage(req, reply, actor, id, ok('二要素認証をリセットしました。', 'Two-factor authentication reset.'));
      default:
        throw errors.notFound();
    }
  });

  const departmentsPage = async (req: FastifyRequest, reply: FastifyReply, o: { errors?: FieldErrors; form?: Form; status?: number } = {}) => {
    const list = await listDepartments(ctx.db);
    const errs = o.errors ?? {};
    const title = t(req, '所属（課）', 'Departments');
    return sendPage(req, reply, {
      title,
      active: 'departments',
      status: o.status,
      main: html`<h1 class="page-title">${title}</h1>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(req, 'コード', 'Code')}</th><th scope="col">${t(req, '名称', 'Name')}</th></tr></thead>
<tbody>${list.map((d) => html`<tr><td>${d.code}</td><td>${d.name}</td></tr>`)}</tbody></table></div>
<h2 id="dept-create-h">${t(req, '所属の追加', 'Add a department')}</h2>
${errorSummary(req, errs)}
<form method="post" action="/staff/departments" aria-labelledby="dept-create-h" novalidate>${csrfField(req)}
${field({ id: 'code', name: 'code', label: t(req, 'コード', 'Code'), value: o.form?.code, required: true, errors: errs.code, lang: req.lang })}
${field({ id: 'name', name: 'name', label: t(req, '名称', 'Name'), value: o.form?.name, required: true, errors: errs.name, lang: req.lang })}
<button type="submit">${t(req, '追加する', 'Add')}</button></form>`,
    });
  };

  app.get('/staff/departments', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req);
    if (!isSystemAdmin(actor)) throw errors.forbidden();
    return departmentsPage(req, reply);
  });

  app.post('/staff/departments', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req);
    if (!isSystemAdmin(actor)) throw errors.forbidden();
    const f = (req.body ?? {}) as Form;
    try {
      await createDepartment(ctx, { code: String(f.code ?? ''), name: String(f.name ?? '') }, auditContextOf(req));
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      return departmentsPage(req, reply, { errors: fieldErrorsOf(err, req.lang, 'code'), form: f, status: err.status });
    }
    return reply.redirect('/staff/departments', 303);
  });

  app.get('/staff/account-review', staffPage, async (req, reply) => {
    const actor = await adminActor(req);
    const depts = await manageableDepartments(ctx, actor);
    const list = await accounts.listAccounts(ctx, actor);
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, { ...auditContextOf(req), action: 'staff.account_review_viewed', detail: { departmentIds: depts.map((d) => d.id) } }, now);
    });
    const days = (iso: string) => Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
    const title = t(req, 'アカウント棚卸し', 'Account review');
    return sendPage(req, reply, {
      title,
      active: 'account-review',
      main: html`<h1 class="page-title">${title}</h1>
<p>${t(req, '人事異動の後は、所属ごとに不要なアカウントや役割が残っていないか確認してください。', 'After personnel transfers, check each department for accounts and roles that are no longer needed.')}</p>
${depts.map((d) => {
        const members = list.flatMap((a) => a.memberships.filter((m) => m.departmentId === d.id).map((m) => ({ a, m })));
        return html`<section aria-labelledby="dept-${d.code}"><h2 id="dept-${d.code}">${d.name}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(req, 'ログインID', 'Login ID')}</th><th scope="col">${t(req, '氏名', 'Name')}</th><th scope="col">${t(req, '役割', 'Role')}</th><th scope="col">${t(req, '前回のログイン', 'Last log-in')}</th><th scope="col">${t(req, 'パスワード経過日数', 'Password age (days)')}</th><th scope="col">${t(req, '二要素', 'Two-factor')}</th><th scope="col">${t(req, '操作', 'Action')}</th></tr></thead>
<tbody>${members.map(
          ({ a, m }) => html`<tr><td>${accountLink(req, a)}</td><td>${a.displayName}</td><td>${roleName(m.role, req.lang)}</td><td>${formatDateTime(a.lastLoginAt, req.lang)}</td><td>${days(a.passwordChangedAt)}</td><td>${a.mfaEnabled ? t(req, '有効', 'On') : t(req, '未設定', 'Off')}</td>
<td>${a.isDisabled ? t(req, '無効', 'Disabled') : a.id === actor.id || !a.canManage ? '' : html`<form class="inline-form" method="post" action="/staff/accounts/${a.id}/disable">${csrfField(req)}<input type="hidden" name="back" value="/staff/account-review"><button type="submit" class="button--danger button--small" aria-label="${t(req, `${a.loginId} を無効にする`, `Disable ${a.loginId}`)}">${t(req, '無効にする', 'Disable')}</button></form>`}</td></tr>`,
        )}</tbody></table></div>${members.length ? '' : html`<p>${t(req, '所属している職員はいません。', 'No members.')}</p>`}</section>`;
      })}`,
    });
  });
}
