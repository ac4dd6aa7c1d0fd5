/**
 * Drafts: the answers of a form being filled, kept server-side (app_drafts, answers and e-mail
 * field-encrypted) and reached by a random token of which only the SHA-256 is stored. The page flow
 * keeps the token in an HttpOnly cookie scoped to the procedure's pages, so Back/Next works and
 * nothing personal sits in the browser; "save and resume" mails a link holding the token. Every draft
 * expires after APPLICATION_RESUME_DAYS (each save pushes the date on) and a job deletes expired ones.
 */
import { z } from 'zod';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import type { Lang } from '../../../platform/i18n.js';
import { defineJob, enqueue } from '../../../platform/jobs.js';
import type { Answers } from '../procedures/validate-answers.js';
import { normaliseEmail } from '../procedures/validate-answers.js';
import { DRAFT_ANSWERS_CONTEXT, DRAFT_EMAIL_CONTEXT, JOB_TOKEN_CONTEXT } from './crypto-contexts.js';
import { hashToken, newSecretToken, TOKEN_PATTERN } from './reference-number.js';
import { submissionMessages as m } from './submissions.messages.js';

export type Draft = {
  id: string;
  procedureId: string;
  procedureVersion: number;
  answers: Answers;
  email: string | null;
  step: number;
  lang: Lang;
  expiresAt: Date;
};

export const newDraftToken = newSecretToken;

const expiryOf = (ctx: AppContext, now: Date) => new Date(now.getTime() + ctx.config.applications.resumeLinkDays * 86_400_000);

/** The draft behind a token, unless expired or unknown. */
export async function loadDraft(ctx: AppContext, token: string | undefined, q: Queryable = ctx.db): Promise<Draft | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  const r = await q.query<{
    id: string;
    procedure_id: string;
    procedure_version: number;
    answers_enc: string;
    email_enc: string;
    step: number;
    lang: string;
    expires_at: Date;
  }>(
    `SELECT id, procedure_id, procedure_version, answers_enc, email_enc, step, lang, expires_at FROM app_drafts
      WHERE resume_token_hash = $1 AND expires_at > $2`,
    [hashToken(token), ctx.clock.now()],
  );
  const d = r.rows[0];
  if (!d) return undefined;
  const email = ctx.crypto.decrypt(d.email_enc, DRAFT_EMAIL_CONTEXT);
  return {
    id: d.id,
    procedureId: d.procedure_id,
    procedureVersion: Number(d.procedure_version),
    answers: JSON.parse(ctx.crypto.decrypt(d.answers_enc, DRAFT_ANSWERS_CONTEXT)) as Answers,
    email: email || null,
    step: Number(d.step),
    lang: d.lang === 'en' ? 'en' : 'ja',
    expiresAt: new Date(d.expires_at),
  };
}

export type DraftWrite = {
  token: string;
  procedureId: string;
  procedureVersion: number;
  answers: Answers;
  step: number;
  lang: Lang;
};

/**
 * Keeps the answers of the form being filled (the page flow, after each step). The row is created on
 * first use; a token already used for another procedure is not taken over (nothing is written).
 * The e-mail column holds an encrypted empty string until the citizen asks for a resume link.
 */
export async function keepDraft(ctx: AppContext, d: DraftWrite, q: Queryable = ctx.db): Promise<void> {
  const now = ctx.clock.now();
  await q.query(
    `INSERT INTO app_drafts (procedure_id, procedure_version, resume_token_hash, answers_enc, email_enc, step, lang, created_at, updated_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
     ON CONFLICT (resume_token_hash) DO UPDATE SET procedure_version = EXCLUDED.procedure_version, answers_enc = EXCLUDED.answers_enc,
       step = EXCLUDED.step, lang = EXCLUDED.lang, updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at
     WHERE app_drafts.procedure_id = EXCLUDED.procedure_id`,
    [
      d.procedureId,
      d.procedureVersion,
      hashToken(d.token),
      ctx.crypto.encrypt(JSON.stringify(d.answers), DRAFT_ANSWERS_CONTEXT),
      ctx.crypto.encrypt('', DRAFT_EMAIL_CONTEXT),
      d.step,
      d.lang,
      now,
      expiryOf(ctx, now),
    ],
  );
}

export const RESUME_QUEUE = 'applications.resume-link';

/**
 * "Save and resume" (あとで続ける): keeps the answers with the e-mail address and mails a link to
 * continue. Without a token (an API client) a new draft is made. Returns the token and the expiry.
 */
export async function saveDraft(
  ctx: AppContext,
  input: Omit<DraftWrite, 'token'> & { token?: string; email: string },
): Promise<{ token: string; expiresAt: Date }> {
  const email = input.email.trim() === '' ? undefined : normaliseEmail(input.email);
  if (!email)
    throw errors.validation([{ field: 'email', message: input.email.trim() === '' ? m.text('emailRequired') : m.text('emailInvalid') }]);
  const token = input.token && TOKEN_PATTERN.test(input.token) ? input.token : newDraftToken();
  const now = ctx.clock.now();
  const expiresAt = expiryOf(ctx, now);
  return ctx.db.transaction(async (tx) => {
    await keepDraft(ctx, { ...input, token }, tx);
    const r = await tx.query<{ id: string }>(
      'UPDATE app_drafts SET email_enc = $2 WHERE resume_token_hash = $1 AND procedure_id = $3 RETURNING id',
      [hashToken(token), ctx.crypto.encrypt(email, DRAFT_EMAIL_CONTEXT), input.procedureId],
    );
    const id = r.rows[0]?.id;
    if (!id) throw errors.notFound(m.text('draftExpired'));
    // one link per save: a second save mails again (the citizen may have lost the first)
    await enqueue(tx, RESUME_QUEUE, { draftId: id, tokenEnc: ctx.crypto.encrypt(token, JOB_TOKEN_CONTEXT) }, { runAt: now });
    return { token, expiresAt };
  });
}

/** Opens a draft by its mailed link; unknown or expired → 404 (the same answer for both). */
export async function resumeDraft(ctx: AppContext, token: string): Promise<Draft> {
  const d = await loadDraft(ctx, token);
  if (!d) throw errors.notFound(m.text('draftExpired'));
  return d;
}

/** Deletes drafts past their expiry, in bounded batches (their uploads become unclaimed and are swept). */
export const deleteExpiredDraftsJob = defineJob({
  queue: 'applications.delete-expired-drafts',
  payload: z.object({}).passthrough(),
  everySeconds: 3600,
  async handler(ctx, tx) {
    const r = await tx.query(
      'DELETE FROM app_drafts WHERE id IN (SELECT id FROM app_drafts WHERE expires_at <= $1 ORDER BY expires_at LIMIT 5000)',
      [ctx.clock.now()],
    );
    if (r.rowCount) ctx.log.info({ event: 'applications.drafts_deleted', count: r.rowCount }, 'expired drafts deleted');
  },
});
