/** Log-in pages: /staff/login (password), /staff/mfa (code), /staff/password (forced or voluntary change), log-out. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { html } from '../../../web/html.js';
import { actorForSession } from '../authenticator.js';
import { changePassword } from '../change-password.js';
import { logIn } from '../log-in.js';
import { verifyMfaLogin } from '../mfa.js';
import { PASSWORD_MIN_LENGTH } from '../password-policy.js';
import { clearSessionCookie, setSessionCookie } from '../sessions.js';
import { csrfField } from '../staff-shell.js';
import { logOut, switchDepartment } from '../staff-session.js';
import { errorSummary, field, fieldErrorsOf, isAppError, safeNext, sendPage, t, type FieldErrors } from './ui.js';

type Form = Record<string, string | undefined>;
const staffPage = { config: { auth: 'staff' as const } };

/** Where a session must go next. */
export function nextStep(actor: StaffActor, next = '/staff'): string {
  if (actor.mfaPending) return '/staff/mfa';
  if (actor.mustChangePassword) return '/staff/password';
  if (actor.mfaSetupRequired) return '/staff/settings/mfa';
  return next;
}

function loginForm(req: FastifyRequest, o: { loginId?: string; errors?: FieldErrors; notice?: string; next?: string }) {
  const errors = o.errors ?? {};
  return html`<h1 class="page-title">${t(req, '職員ログイン', 'Staff log-in')}</h1>
${o.notice ? html`<div class="notice notice--error" role="alert"><p>${o.notice}</p></div>` : errorSummary(req, errors)}
<form method="post" action="/staff/login" novalidate>
  <input type="hidden" name="next" value="${safeNext(o.next)}">
  ${field({ id: 'loginId', name: 'loginId', label: t(req, 'ログインID', 'Login ID'), value: o.loginId, autocomplete: 'username', required: true, errors: errors.loginId, lang: req.lang })}
  ${field({ id: 'password', name: 'password', label: t(req, 'パスワード', 'Password'), type: 'password', autocomplete: 'current-password', required: true, errors: errors.password, lang: req.lang })}
  <button type="submit">${t(req, 'ログイン', 'Log in')}</button>
</form>`;
}

export function registerLoginPages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/staff/login', async (req, reply) => {
    const next = (req.query as Form).next;
    return sendPage(req, reply, { title: t(req, '職員ログイン', 'Staff log-in'), main: loginForm(req, { next }) });
  });

  app.post('/staff/login', async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const loginId = String(body.loginId ?? '');
    const password = String(body.password ?? '');
    const title = t(req, '職員ログイン', 'Staff log-in');
    const errors: FieldErrors = {};
    if (!loginId.trim()) errors.loginId = [t(req, 'ログインIDを入力してください。', 'Enter your login ID.')];
    if (!password) errors.password = [t(req, 'パスワードを入力してください。', 'Enter your password.')];
    if (Object.keys(errors).length) return sendPage(req, reply, { title, status: 422, main: loginForm(req, { loginId, errors, next: body.next }) });
    try {
      const r = await logIn(ctx, { loginId, password, clientIp: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), requestId: req.id });
      setSessionCookie(reply, ctx.config, r.token);
      const actor = await actorForSession(ctx, r.tokenHash);
      return reply.redirect(actor ? nextStep(actor, safeNext(body.next)) : '/staff/login', 303);
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
      const message = fieldErrorsOf(err, req.lang, 'password').password?.join(' ') ?? err.text[req.lang];
      if (err.status === 401)
        return sendPage(req, reply, { title, status: 401, main: loginForm(req, { loginId, errors: { password: [message] }, next: body.next }) });
      return sendPage(req, reply, { title, status: err.status, main: loginForm(req, { loginId, notice: message, next: body.next }) });
    }
  });

  const mfaForm = (req: FastifyRequest, errors: FieldErrors = {}) => html`<h1 class="page-title">${t(req, '二要素認証', 'Two-factor authentication')}</h1>
${errorSummary(req, errors)}
<p>${t(req, '認証アプリに表示されている6桁の確認コード、または回復コードを入力してください。', 'Enter the 6-digit code from your authenticator app, or a recovery code.')}</p>
<form method="post" action="/staff/mfa" novalidate>
  ${csrfField(req)}
  ${field({ id: 'code', name: 'code', label: t(req, '確認コード', 'Verification code'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors: errors.code, lang: req.lang })}
  <button type="submit">${t(req, '確認', 'Verify')}</button>
</form>`;

  app.get('/staff/mfa', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req, true);
    if (!actor.mfaPending) return reply.redirect(nextStep(actor), 303);
    return sendPage(req, reply, { title: t(req, '二要素認証', 'Two-factor authentication'), main: mfaForm(req) });
  });

  app.post('/staff/mfa', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req, true);
    try {
      await verifyMfaLogin(ctx, actor, String((req.body as Form)?.code ?? ''), { clientIp: req.ip, requestId: req.id });
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
      return sendPage(req, reply, { title: t(req, '二要素認証', 'Two-factor authentication'), status: err.status, main: mfaForm(req, fieldErrorsOf(err, req.lang, 'code')) });
    }
    const fresh = await actorForSession(ctx, actor.sessionTokenHash);
    return reply.redirect(fresh ? nextStep(fresh) : '/staff/login', 303);
  });

  const passwordForm = (req: FastifyRequest, action: string, forced: boolean, errors: FieldErrors = {}, done = false) => html`<h1 class="page-title">${t(req, 'パスワードの変更', 'Change your password')}</h1>
${forced ? html`<div class="notice notice--warning"><p>${t(req, '初回ログインまたはパスワードの再設定後は、ご自身でパスワードを変更してください。', 'After a first log-in or a reset, you must choose your own password.')}</p></div>` : ''}
${done ? html`<div class="notice notice--success" role="status"><p>${t(req, 'パスワードを変更しました。', 'Your password has been changed.')}</p></div>` : ''}
${errorSummary(req, errors)}
<form method="post" action="${action}" novalidate>
  ${csrfField(req)}
  ${field({ id: 'currentPassword', name: 'currentPassword', label: t(req, '現在のパスワード', 'Current password'), type: 'password', autocomplete: 'current-password', required: true, errors: errors.currentPassword, lang: req.lang })}
  ${field({
    id: 'newPassword',
    name: 'newPassword',
    label: t(req, '新しいパスワード', 'New password'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    errors: errors.newPassword,
    hint: t(req, `${PASSWORD_MIN_LENGTH}文字以上。記号や数字を混ぜる必要はありません。長い文（パスフレーズ）がおすすめです。よく使われるパスワードは使えません。`, `At least ${PASSWORD_MIN_LENGTH} characters. No need to mix symbols or digits; a long phrase is best. Common passwords are refused.`),
    lang: req.lang,
  })}
  <button type="submit">${t(req, '変更する', 'Change password')}</button>
</form>`;

  for (const [path, forced] of [['/staff/password', true], ['/staff/settings/password', false]] as const) {
    app.get(path, staffPage, async (req, reply) => {
      const actor = await authenticate('staff', req, forced);
      if (forced && actor.mfaPending) return reply.redirect('/staff/mfa', 303);
      if (forced && !actor.mustChangePassword) return reply.redirect('/staff/settings/password', 303);
      return sendPage(req, reply, { title: t(req, 'パスワードの変更', 'Change your password'), main: passwordForm(req, path, forced) });
    });
    app.post(path, staffPage, async (req, reply) => {
      const actor = await authenticate('staff', req, forced);
      if (actor.mfaPending) return reply.redirect('/staff/mfa', 303);
      const body = (req.body ?? {}) as Form;
      try {
        await changePassword(ctx, actor, { currentPassword: String(body.currentPassword ?? ''), newPassword: String(body.newPassword ?? '') }, { clientIp: req.ip, requestId: req.id });
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        return sendPage(req, reply, { title: t(req, 'パスワードの変更', 'Change your password'), status: err.status, main: passwordForm(req, path, forced, fieldErrorsOf(err, req.lang, 'newPassword')) });
      }
      const fresh = await actorForSession(ctx, actor.sessionTokenHash);
      if (forced) return reply.redirect(fresh ? nextStep(fresh) : '/staff/login', 303);
      req.staff = fresh ?? actor;
      return sendPage(req, reply, { title: t(req, 'パスワードの変更', 'Change your password'), main: passwordForm(req, path, false, {}, true) });
    });
  }

  app.post('/staff/logout', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req, true);
    await logOut(ctx, req, actor);
    clearSessionCookie(reply, ctx.config);
    return reply.redirect('/staff/login', 303);
  });

  app.post('/staff/department', staffPage, async (req, reply) => {
    const actor = await authenticate('staff', req);
    await switchDepartment(ctx, actor, String((req.body as Form)?.departmentId ?? ''));
    return reply.redirect(safeNext((req.body as Form)?.back), 303);
  });
}
