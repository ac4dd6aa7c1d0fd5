/**
 * Pieces shared by the builder screens: labels of types and classes, the procedure's status and
 * period, the fee in words, the "done" notice, and running a change so that a refusal (422) gives the
 * form again with what was typed.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { pageErrorsOf } from '../../../../http/page-route.js';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstTimestamp } from '../../../../platform/japan-time.js';
import { type FieldMessage, notice } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import type { FieldDefinition, IdentityDocumentKind, LocalisedText, PrivacyClass, ProcedureDefinition } from '../definition.js';
import { builderMessages as bm } from './builder.messages.js';

export const procedureParams = z.object({ id: z.string().max(64) });

export const DONE = ['saved', 'published', 'archived', 'created', 'imported', 'readers'] as const;
export const doneQuery = z.object({ done: z.enum(DONE).optional() });
const DONE_KEYS = {
  saved: 'doneSaved',
  published: 'donePublished',
  archived: 'doneArchived',
  created: 'doneCreated',
  imported: 'doneImported',
  readers: 'doneReaders',
} as const;

export function doneNotice(lang: Lang, done: (typeof DONE)[number] | undefined): SafeHtml | string {
  return done ? notice({ kind: 'success', body: bm.t(lang, DONE_KEYS[done]) }) : '';
}

export const textIn = (t: LocalisedText | undefined, lang: Lang): string => (t ? (lang === 'en' && t.en ? t.en : t.ja) : '');
export const typeLabel = (type: FieldDefinition['type'], lang: Lang) => bm.t(lang, `type.${type}`);
export const privacyLabel = (p: PrivacyClass, lang: Lang) => bm.t(lang, `privacy.${p}`);
export const idKindLabel = (k: IdentityDocumentKind, lang: Lang) => bm.t(lang, `idKind.${k}`);

export function statusText(
  lang: Lang,
  p: { archivedAt: Date | null; publishedVersion: number | null },
  newest: { version: number; isDraft: boolean },
): string {
  if (p.archivedAt) return bm.t(lang, 'statusArchived');
  if (p.publishedVersion === null) return bm.t(lang, 'statusDraft');
  if (newest.isDraft) return bm.t(lang, 'statusPublishedEditing', { published: p.publishedVersion, draft: newest.version });
  return bm.t(lang, 'statusPublished', { version: p.publishedVersion });
}

export function periodText(lang: Lang, opensAt: string | null | undefined, closesAt: string | null | undefined): string {
  if (!opensAt && !closesAt) return bm.t(lang, 'periodAny');
  const at = (iso: string | null | undefined) => (iso ? formatJstTimestamp(new Date(iso)) : '');
  return bm.t(lang, 'period', { from: at(opensAt), until: at(closesAt) });
}

export function feeText(lang: Lang, def: ProcedureDefinition): string {
  const fee = def.fee;
  if (!fee) return bm.t(lang, 'feeNoneText');
  const timing = bm.t(lang, fee.timing === 'on_submission' ? 'timingOnSubmission' : 'timingAfterAcceptance');
  if (fee.kind === 'fixed') return bm.t(lang, 'feeFixedText', { amount: fee.amount.toLocaleString('ja-JP'), timing });
  return bm.t(lang, 'feePerUnitText', { price: fee.unitPrice.toLocaleString('ja-JP'), unit: textIn(fee.unitLabel, lang), timing });
}

export function builderPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  return renderStaffPage(req, { title, main, active: 'procedures' });
}

export const backLink = (href: string, label: string) => html`<p><a href="${href}">${label}</a></p>`;

/**
 * Runs a change; a refusal with field errors (422) comes back as the errors (in the reader's language,
 * paths mapped to form inputs by `nameOf`) instead of an exception.
 */
export async function attempt(
  lang: Lang,
  run: () => Promise<unknown>,
  nameOf: (path: string) => string = (p) => p,
): Promise<FieldMessage[] | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    return pageErrorsOf(err, lang).map((e) => ({ ...e, field: nameOf(e.field) }));
  }
}

/** The request body as strings for showing a form again (repeated inputs as lists). */
export function rawForm(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    }
  return out;
}

export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? v.split('\n') : []);
