/** Staff home (/staff), MFA settings (/staff/settings/mfa) and security events (/staff/security-events). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { eventKindLabel, listSecurityEvents, severityLabel, type SecurityEvent } from '../../security/index.js';
import { beginMfaSetup, confirmMfaSetup } from '../mfa.js';
import { acknowledgeAlert, openAlertsFor, subjectLoginIds } from '../security-alerts.js';
import { csrfField, roleName } from '../staff-shell.js';
import { findStaffById } from '../staff.repository.js';
import { isMfaRequired, isSystemAdmin } from '../staff.policy.js';
import { errors } from '../../../http/errors.js';
import { errorSummary, field, fieldErrorsOf, formatDateTime, isAppError, sendPage, t, type FieldErrors } from './ui.js';
import { nextStep } from './login.pages.js';

const staffPage = { config: { auth: 'staff' as const } };

/** The subject of an event: the account (login id, linked) when it is a staff account, else the raw id. */
function subjectOf(e: SecurityEvent, logins: Map<string, string>): SafeHtml {
  if (!e.subject) return html``;
  const login = logins.get(e.subject);
  return login ? html`<a href="/staff/accounts/${e.subject}">${login}</a>` : html`<code>${e.subject}</code>`;
}

function alertList(req: FastifyRequest, events: SecurityEvent[], logins: Map<string, string>, back: string) {
  return html`<ul>${events.map(
    (e) => html`<li>${formatDateTime(e.occurredAt, req.lang)} — <span title="${e.kind}">${eventKindLabel(e.kind, req.lang)}</span>
    ${e.subject ? html`(${subjectOf(e, logins)})` : ''}${e.clientIp ? html` ${t(req, '接続元', 'from')} ${e.clientIp}` : ''}
    <form class="inline-form" method="post" action="/staff/security-events/${e.id}/acknowledge">${csrfField(req)}<input type="hidden" name="back" value="${back}"><button type="submit" class="button--secondary button--small">${t(req, '確認済みにする', 'Acknowledge')}</button></form></li>`,
  )}</ul>`;
}

export function registerHomePages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/staff', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const staff = await findStaffById(ctx.db, actor.id);
    const current = actor.memberships.find((m) => m.departmentId === actor.currentDepartmentId);
    const alerts = await openAlertsFor(ctx, actor);
    const notices = [];
    if (alerts.length)
      notices.push(html`<div class="notice notice--error" role="region" aria-labelledby="alerts-h"><h2 id="alerts-h">${t(req, 'セキュリティ警告', 'Security alerts')}</h2>${alertList(req, alerts, await subjectLoginIds(ctx, alerts), '/staff')}</div>`);
    // A reminder, not a block: NIST SP 800-63B advises against forced periodic password changes
    // (they lead to weaker, predictable passwords); the council's renewal rule is met by a notice.
    if (actor.passwordRenewalDue)
      notices.push(html`<div class="notice notice--warning"><p>${t(req, `パスワードを${ctx.config.staff.passwordRenewalDays}日以上変更していません。`, `Your password is more than ${ctx.config.staff.passwordRenewalDays} days old.`)} <a href="/staff/settings/password">${t(req, 'パスワードを変更する', 'Change it')}</a></p></div>`);
    if (!staff?.totp_enabled_at)
      notices.push(html`<div class="notice"><p>${t(req, '二要素認証（認証アプリ）を設定すると、パスワードが漏れても不正ログインを防げます。', 'Set up two-factor authentication (an authenticator app) to stay safe even if your password leaks.')} <a href="/staff/settings/mfa">${t(req, '設定する', 'Set it up')}</a></p></div>`);
    return sendPage(req, reply, {
      title: t(req, '職員ホーム', 'Staff home'),
      active: 'home',
      main: html`<h1 class="page-title">${t(req, '職員ホーム', 'Staff home')}</h1>
${notices}
<div class="card">
  <h2>${t(req, 'ログイン中の職員', 'Signed in as')}</h2>
  <dl>
    <dt>${t(req, '氏名', 'Name')}</dt><dd>${actor.displayName}</dd>
    <dt>${t(req, 'ログインID', 'Login ID')}</dt><dd>${actor.loginId}</dd>
    <dt>${t(req, '現在の所属', 'Current department')}</dt><dd>${current?.departmentName ?? t(req, 'なし', 'none')}</dd>
    <dt>${t(req, '所属と役割', 'Departments and roles')}</dt><dd><ul>${actor.memberships.map((m) => html`<li>${m.departmentName}: ${roleName(m.role, req.lang)}</li>`)}</ul></dd>
    <dt>${t(req, '前回のログイン', 'Previous log-in')}</dt><dd id="previous-login">${staff?.previous_login_at ? formatDateTime(staff.previous_login_at, req.lang) : t(req, '初めてのログインです', 'This is your first log-in')}</dd>
  </dl>
</div>`,
    });
  });

  const setupPage = async (req: FastifyRequest, actor: StaffActor, errs: FieldErrors = {}) => {
    const s = await beginMfaSetup(ctx, actor);
    const required = isMfaRequired(ctx.config, actor.memberships);
    return html`<h1 class="page-title">${t(req, '二要素認証の設定', 'Set up two-factor authentication')}</h1>
${required ? html`<div class="notice notice--warning"><p>${t(req, 'あなたのアカウントでは二要素認証が必須です。設定が終わるまで他の画面は使えません。', 'Two-factor authentication is required for your account; finish setting it up to continue.')}</p></div>` : ''}
${errorSummary(req, errs)}
<ol>
  <li>${t(req, 'スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）で、次のQRコードを読み取ってください。', 'Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, …).')}</li>
  <li>${t(req, '読み取れない場合は、次のキーを手入力してください。', 'If you cannot scan it, type this key instead.')}</li>
  <li>${t(req, 'アプリに表示された6桁のコードを入力してください。', 'Enter the 6-digit code shown by the app.')}</li>
</ol>
<figure class="card"><img src="data:image/svg+xml;base64,${Buffer.from(s.qrSvg).toString('base64')}" width="220" height="220" alt="${t(req, '認証アプリ登録用のQRコード', 'QR code for your authenticator app')}">
<figcaption>${t(req, 'キー（手入力用）', 'Key (manual entry)')}: <code>${s.secret.replace(/(.{4})/g, '$1 ').trim()}</code></figcaption></figure>
<form method="post" action="/staff/settings/mfa" novalidate>
  ${csrfField(req)}
  ${field({ id: 'code', name: 'code', label: t(req, '確認コード', 'Verification code'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors: errs.code, lang: req.lang })}
  <button type="submit">${t(req, '有効にする', 'Turn on')}</button>
</form>`;
  };

  app.get('/staff/settings/mfa', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req, true);
    if (actor.mfaPending || actor.mustChangePassword) return reply.redirect(nextStep(actor), 303);
    const staff = await findStaffById(ctx.db, actor.id);
    const title = t(req, '二要素認証の設定', 'Two-factor authentication');
    if (staff?.totp_enabled_at)
      return sendPage(req, reply, {
        title,
        main: html`<h1 class="page-title">${title}</h1><div class="notice notice--success"><p>${t(req, `二要素認証は有効です（${formatDateTime(staff.totp_enabled_at, 'ja')}から）。端末を変える場合は所属管理者にリセットを依頼してください。`, `Two-factor authentication is on (since ${formatDateTime(staff.totp_enabled_at, 'en')}). Ask an administrator to reset it if you change your phone.`)}</p></div>`,
      });
    return sendPage(req, reply, { title, main: await setupPage(req, actor) });
  });

  app.post('/staff/settings/mfa', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req, true);
    if (actor.mfaPending || actor.mustChangePassword) return reply.redirect(nextStep(actor), 303);
    const title = t(req, '二要素認証の設定', 'Two-factor authentication');
    let codes: string[];
    try {
      codes = await confirmMfaSetup(ctx, actor, String((req.body as Record<string, string>)?.code ?? ''), { clientIp: req.ip, requestId: req.id });
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      return sendPage(req, reply, { title, status: err.status, main: await setupPage(req, actor, fieldErrorsOf(err, req.lang, 'code')) });
    }
    return sendPage(req, reply, {
      title,
      main: html`<h1 class="page-title">${title}</h1>
<div class="notice notice--success" role="status"><p>${t(req, '二要素認証を有効にしました。', 'Two-factor authentication is now on.')}</p></div>
<h2>${t(req, '回復コード', 'Recovery codes')}</h2>
<p>${t(req, '端末をなくしたときに1回ずつ使えるコードです。この画面でしか表示しません。印刷するか安全な場所に控えてください。', 'Each code works once if you lose your phone. They are shown only now: print them or keep them somewhere safe.')}</p>
<ul class="recovery-codes">${codes.map((c) => html`<li><code>${c}</code></li>`)}</ul>
<p><a class="button" href="/staff">${t(req, 'ホームへ', 'Go to home')}</a></p>`,
    });
  });

  app.get('/staff/security-events', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req);
    if (!isSystemAdmin(actor)) throw errors.forbidden();
    const events = await listSecurityEvents(ctx.db, { limit: 200 });
    const logins = await subjectLoginIds(ctx, events);
    const title = t(req, 'セキュリティイベント', 'Security events');
    return sendPage(req, reply, {
      title,
      active: 'security-events',
      main: html`<h1 class="page-title">${title}</h1>
<div class="table-wrap"><table>
<caption>${t(req, '新しい順に最大200件', 'Newest first, up to 200')}</caption>
<thead><tr><th scope="col">${t(req, '日時', 'Time')}</th><th scope="col">${t(req, '種類', 'Kind')}</th><th scope="col">${t(req, '重要度', 'Severity')}</th><th scope="col">${t(req, '接続元', 'Client')}</th><th scope="col">${t(req, '対象', 'Subject')}</th><th scope="col">${t(req, '確認', 'Acknowledged')}</th></tr></thead>
<tbody>${events.map(
        (e) => html`<tr><td>${formatDateTime(e.occurredAt, req.lang)}</td><td><span title="${e.kind}">${eventKindLabel(e.kind, req.lang)}</span></td><td><span class="badge">${severityLabel(e.severity, req.lang)}</span></td><td>${e.clientIp ?? ''}</td><td>${subjectOf(e, logins)}</td>
<td>${e.acknowledgedAt ? formatDateTime(e.acknowledgedAt, req.lang) : html`<form class="inline-form" method="post" action="/staff/security-events/${e.id}/acknowledge">${csrfField(req)}<input type="hidden" name="back" value="/staff/security-events"><button type="submit" class="button--secondary button--small">${t(req, '確認済みにする', 'Acknowledge')}</button></form>`}</td></tr>`,
      )}</tbody></table></div>${events.length ? '' : html`<p>${t(req, 'イベントはありません。', 'No events.')}</p>`}`,
    });
  });

  app.post('/staff/security-events/:id/acknowledge', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const id = Number((req.params as { id: string }).id);
    if (!Number.isInteger(id) || id <= 0) throw errors.notFound();
    await acknowledgeAlert(ctx, actor, id, { clientIp: req.ip, requestId: req.id });
    const back = String((req.body as Record<string, string>)?.back ?? '');
    return reply.redirect(back === '/staff/security-events' ? back : '/staff', 303);
  });
  void raw;
}
