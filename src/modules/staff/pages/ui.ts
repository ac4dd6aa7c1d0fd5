/** Small building blocks for staff pages: bilingual text, form fields with accessible errors, sending pages. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../../http/errors.js';
import type { Lang, Text } from '../../../http/i18n.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { formatJstDateTime } from '../../../platform/japan-time.js';
import { renderStaffPage } from '../staff-shell.js';

export const t = (req: FastifyRequest, ja: string, en: string) => (req.lang === 'ja' ? ja : en);

export function sendPage(req: FastifyRequest, reply: FastifyReply, o: { title: string; main: SafeHtml; active?: string; status?: number }) {
  return reply.code(o.status ?? 200).type('text/html; charset=utf-8').send(renderStaffPage(req, o));
}

export type FieldErrors = Record<string, string[]>;

/** Field errors of an AppError keyed by field, in the request's language. */
export function fieldErrorsOf(err: AppError, lang: Lang, fallbackField: string): FieldErrors {
  const out: FieldErrors = {};
  const list: FieldError[] = err.extra.fieldErrors?.length ? err.extra.fieldErrors : [{ field: fallbackField, message: err.text }];
  for (const f of list) (out[f.field] ??= []).push(f.message[lang].replace('{seconds}', String(err.extra.retryAfterSeconds ?? '')));
  return out;
}

export function field(o: {
  id: string;
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  errors?: string[];
  inputmode?: string;
  lang: Lang;
}): SafeHtml {
  const errs = o.errors ?? [];
  const describedBy = [o.hint ? `${o.id}-hint` : '', errs.length ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-field">
  <label for="${o.id}">${o.label}${o.required ? html`<span class="required">${o.lang === 'ja' ? '必須' : 'Required'}</span>` : ''}</label>
  ${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : ''}
  ${errs.length ? html`<p class="field-error" id="${o.id}-error">${errs.join(' ')}</p>` : ''}
  <input id="${o.id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${raw(o.autocomplete ? ` autocomplete="${o.autocomplete}"` : '')}${raw(o.inputmode ? ` inputmode="${o.inputmode}"` : '')}${raw(o.required ? ' required' : '')}${raw(errs.length ? ' aria-invalid="true"' : '')}${raw(describedBy ? ` aria-describedby="${describedBy}"` : '')}>
</div>`;
}

export function errorSummary(req: FastifyRequest, errors: FieldErrors): SafeHtml {
  const all = Object.values(errors).flat();
  if (!all.length) return html``;
  return html`<div class="notice notice--error" role="alert"><h2>${t(req, '入力内容を確認してください', 'Please check the form')}</h2><ul>${all.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

export const txt = (req: FastifyRequest, text: Text) => text[req.lang];

export function formatDateTime(d: Date | string | null, lang: Lang): string {
  if (!d) return lang === 'ja' ? 'なし' : 'never';
  return formatJstDateTime(new Date(d), lang);
}

/** Redirect target after log-in: only a local /staff path. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/staff(\/[A-Za-z0-9/_?=&.%-]*)?$/.test(next) && !next.startsWith('//') ? next : '/staff';
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
