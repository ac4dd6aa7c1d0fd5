/**
 * The facility screen: its details (and the edit form), its users with their state, and — for the
 * division's administrators — each user's actions: change the address from a new notification, set a
 * new password, unlock, disable. A refused form comes back here with its message at the field (fields of
 * a user's forms are keyed `<userId>-<field>`, so two users' forms never share an id).
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDateTime, jstDate } from '../../../../platform/japan-time.js';
import {
  button,
  csrfInput,
  dataTable,
  dateField,
  errorSummary,
  linkButton,
  notice,
  postButtonForm,
  summaryList,
  textField,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { canFacility } from '../../facility.policy.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { MAX_ACTIVE_USERS } from '../create-facility-user.js';
import { facilitiesMessages } from '../facilities.messages.js';
import type { FacilityDetail, FacilityUserView } from '../get-facility.js';
import { facilityFields, facilityPage } from './facility-form.view.js';

export const DONE = ['created', 'saved', 'userCreated', 'emailChanged', 'passwordReset', 'userDisabled', 'userUnlocked'] as const;
export type Done = (typeof DONE)[number];

export type DetailView = {
  csrf: string;
  errors?: FieldMessage[];
  raw?: Record<string, string>;
  done?: Done;
  /** The user a done-notice is about. */
  userId?: string;
};

/** The field key of one user's form field (error summary link and control id). */
export const userField = (userId: string, field: string) => `${userId}-${field}`;

function statusCell(lang: Lang, u: FacilityUserView): SafeHtml {
  const t = facilitiesMessages.in(lang);
  return html`${u.status === 'active' ? t('active') : t('disabled')}${
    u.isLocked && u.lockedUntil
      ? html`<br><span class="badge">${t('locked', { until: formatJstDateTime(u.lockedUntil, lang) })}</span>`
      : ''
  }`;
}

function doneNotice(lang: Lang, f: FacilityDetail, v: DetailView): SafeHtml | string {
  if (!v.done) return '';
  const t = facilitiesMessages.in(lang);
  const loginId = f.users.find((u) => u.id === v.userId)?.loginId ?? '';
  const body = {
    created: () => t('created'),
    saved: () => t('saved'),
    userCreated: () => t('userCreated', { loginId }),
    emailChanged: () => t('emailChanged', { loginId }),
    passwordReset: () => t('passwordReset', { loginId }),
    userDisabled: () => t('userDisabledDone', { loginId }),
    userUnlocked: () => t('userUnlocked', { loginId }),
  }[v.done]();
  return notice({ kind: 'success', body });
}

function userActions(ctx: AppContext, lang: Lang, f: FacilityDetail, u: FacilityUserView, v: DetailView): SafeHtml {
  const t = facilitiesMessages.in(lang);
  const errors = v.errors ?? [];
  const raw = v.raw ?? {};
  const action = (name: string) => `/staff/facilities/${f.id}/users/${u.id}/${name}`;
  const key = (field: string) => userField(u.id, field);
  const today = jstDate(ctx.clock.now());
  return html`<section class="card" aria-labelledby="user-${u.id}-h">
<h3 id="user-${u.id}-h">${u.loginId}</h3>
<form method="post" action="${action('email')}" novalidate>
  ${csrfInput(v.csrf)}
  <h4>${t('changeEmailTitle', { loginId: u.loginId })}</h4>
  <p class="hint">${t('changeEmailNote')}</p>
  ${textField({ lang, name: 'email', errorKey: key('email'), errors, label: t('newEmail'), type: 'email', autocomplete: 'off', value: raw[key('email')], required: true, maxLength: 254 })}
  ${dateField({ lang, name: 'notifiedOn', errorKey: key('notifiedOn'), errors, label: t('notifiedOn'), hint: t('notifiedOnHint'), value: raw[key('notifiedOn')], max: today, required: true })}
  ${textField({ lang, name: 'notificationRef', errorKey: key('notificationRef'), errors, label: t('notificationRef'), hint: t('notificationRefHint'), value: raw[key('notificationRef')], maxLength: 40 })}
  ${button({ label: t('changeEmail'), kind: 'secondary' })}
</form>
<form method="post" action="${action('password')}" novalidate>
  ${csrfInput(v.csrf)}
  <h4>${t('resetPasswordTitle', { loginId: u.loginId })}</h4>
  ${textField({ lang, name: 'password', errorKey: key('password'), errors, label: t('newPassword'), hint: t('passwordHint'), type: 'password', autocomplete: 'new-password', value: '', required: true })}
  ${button({ label: t('resetPassword'), kind: 'secondary' })}
</form>
<div class="actions">${u.isLocked ? postButtonForm({ action: action('unlock'), csrf: v.csrf, label: t('unlockUser'), kind: 'secondary' }) : ''}
${postButtonForm({ action: action('disable'), csrf: v.csrf, label: t('disableUser'), kind: 'danger', confirm: t('disableConfirm', { loginId: u.loginId }) })}</div>
</section>`;
}

export function renderDetail(ctx: AppContext, req: FastifyRequest, actor: StaffActor, f: FacilityDetail, v: DetailView): string {
  const lang = req.lang;
  const t = facilitiesMessages.in(lang);
  const errors = v.errors ?? [];
  const manage = canFacility(actor, 'manage-facilities', ctx.config);
  const title = t('detailTitle', { name: f.name, code: f.code });
  const editRaw = {
    name: f.name,
    type: f.type,
    operatorName: f.operatorName,
    regionPercent: String(f.regionPercent),
    capacity1: String(f.capacity1),
    capacity23: String(f.capacity23),
    postalCode: f.postalCode ?? '',
    address: f.address,
    ...(v.raw && 'name' in v.raw ? v.raw : {}),
  };
  const editErrors = errors.filter((e) => !f.users.some((u) => e.field.startsWith(`${u.id}-`)));
  const main = html`<h1 class="page-title">${title}</h1>
${doneNotice(lang, f, v)}
${errorSummary({ title: t('checkForm'), errors })}
<h2>${t('facilityFacts')}</h2>
<div class="card">${summaryList({
    items: [
      { term: t('code'), value: f.code },
      { term: t('name'), value: f.name },
      { term: t('type'), value: codeLabel('type', f.type, lang) },
      { term: t('operatorName'), value: f.operatorName },
      { term: t('regionPercent'), value: codeLabel('region', f.regionPercent, lang) },
      { term: t('capacity'), value: t('capacityValue', { one: f.capacity1, twoThree: f.capacity23 }) },
      { term: t('postalCode'), value: f.postalCode ?? '' },
      { term: t('address'), value: f.address },
    ],
  })}</div>
${
  manage
    ? html`<h2 id="edit-h">${t('editTitle')}</h2>
<form method="post" action="/staff/facilities/${f.id}" aria-labelledby="edit-h" novalidate>
  ${csrfInput(v.csrf)}
  ${facilityFields(lang, editRaw, editErrors, { withCode: false })}
  ${button({ label: t('save') })}
</form>`
    : html`<p class="muted">${t('viewOnly')}</p>`
}
<h2>${t('usersTitle')}</h2>
<p>${t('usersIntro')}</p>
${dataTable({
  lang,
  caption: t('usersCaption'),
  columns: [
    { key: 'loginId', label: t('loginId') },
    { key: 'displayName', label: t('displayName') },
    { key: 'email', label: t('email') },
    { key: 'status', label: t('status') },
    { key: 'lastLogin', label: t('lastLogin') },
  ],
  rowHeader: 'loginId',
  rows: f.users.map((u) => ({
    loginId: u.loginId,
    displayName: u.displayName,
    email: u.emailMasked,
    status: statusCell(lang, u),
    lastLogin: u.lastLoginAt ? formatJstDateTime(u.lastLoginAt, lang) : t('never'),
  })),
  emptyText: t('noUsers'),
})}
${
  manage
    ? html`${
        f.activeUsers < MAX_ACTIVE_USERS
          ? html`<p>${linkButton({ href: `/staff/facilities/${f.id}/users/new`, label: t('addUser') })}</p>`
          : notice({ kind: 'info', body: t('userLimitReached'), role: 'none' })
      }
${f.users.filter((u) => u.status === 'active').map((u) => userActions(ctx, lang, f, u, v))}`
    : ''
}
<p><a href="/staff/facilities">${t('backToList')}</a></p>`;
  return facilityPage(req, title, main);
}
