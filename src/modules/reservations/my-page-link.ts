/**
 * "Show all my bookings" by proving control of an e-mail address: the citizen enters an address, we
 * mail a single-use, expiring link to it, and the link opens a My Page session that lists the
 * bookings made with that address (by its blind index). Typing a phone number proves nothing, so
 * there is no list by phone.
 *
 * Nothing tells the requester whether bookings exist for the address: the request is answered the
 * same way and only enqueues a job; the job, not the request, decides whether to mail. The address
 * travels in the job encrypted; the link's token exists only in the mail (the database keeps its
 * SHA-256). Requests are throttled per address and per client.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { errors } from '../../http/errors.js';
import { reservationMessages } from './messages.js';
import { contextLocal, type AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { defineJob, enqueue, type JobRecord } from '../../platform/jobs.js';
import { createMailer, type Mailer } from '../../platform/mailer.js';
import { hitThrottle } from '../security/index.js';
import { emailIndexOf } from './reservations.repository.js';
import { hashToken } from './reservation-number.js';

export const MY_LINK_QUEUE = 'reservations.my-page-link';
export const MY_LINK_TTL_MINUTES = 30;
export const MY_LINK_LIMITS = {
  perAddress: { limit: 3, windowSeconds: 3600 },
  perClient: { limit: 20, windowSeconds: 3600 },
};
const EMAIL_LINK_CONTEXT = 'reservations.my-page-link.email';
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/** The address as stored with bookings (NFKC, trimmed), or null when it is not an address. */
export function normaliseEmail(raw: string): string | null {
  const e = raw.normalize('NFKC').trim();
  return EMAIL.test(e) && e.length <= 254 ? e : null;
}

/**
 * Asks for a sign-in link. Always answers the same (or 429 for a client over its limit). An
 * address over its own limit is silently not mailed again, whether or not it has bookings.
 */
export async function requestMyPageLink(ctx: AppContext, input: { email: string; clientIp: string; lang: 'ja' | 'en' }): Promise<void> {
  const email = normaliseEmail(input.email);
  if (!email) throw errors.validation([{ field: 'email', message: reservationMessages.text('emailFormatExample') }]);
  const now = ctx.clock.now();
  const byClient = await hitThrottle(ctx.db, `my-link:ip:${input.clientIp}`, MY_LINK_LIMITS.perClient, now);
  if (!byClient.allowed) throw errors.tooManyRequests(byClient.retryAfterSeconds);
  const byAddress = await hitThrottle(ctx.db, `my-link:addr:${emailIndexOf(ctx, email)}`, MY_LINK_LIMITS.perAddress, now);
  if (!byAddress.allowed) return;
  await enqueue(
    ctx.db,
    MY_LINK_QUEUE,
    { emailEnc: ctx.crypto.encrypt(email, EMAIL_LINK_CONTEXT), lang: input.lang },
    { runAt: now, maxAttempts: 5 },
  );
}

/** Uses a mailed link once: returns the address's blind index, or null (unknown, used or expired). */
export async function useMyPageLink(ctx: AppContext, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const r = await ctx.db.query<{ email_index: string }>(
    `UPDATE rsv_email_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email_index`,
    [hashToken(token), ctx.clock.now()],
  );
  return r.rows[0]?.email_index ?? null;
}

/** The context's mailer (its SMTP settings), never another context's. */
const mailers = contextLocal<Mailer>((ctx) => createMailer(ctx.config));

async function sendMyPageLink(ctx: AppContext, tx: Queryable, payload: z.output<typeof payloadSchema>, job: JobRecord): Promise<void> {
  const email = ctx.crypto.decrypt(payload.emailEnc, EMAIL_LINK_CONTEXT);
  const index = emailIndexOf(ctx, email);
  const now = ctx.clock.now();
  const any = await tx.query<{ id: string }>(
    'SELECT id FROM rsv_reservations WHERE email_index = $1 AND anonymised_at IS NULL AND ends_at > $2 LIMIT 1',
    [index, new Date(now.getTime() - 86_400_000)],
  );
  // no booking with this address: nothing is sent (the requester was told the same either way)
  if (!any.rows.length) return;
  const token = crypto.randomBytes(32).toString('base64url');
  await tx.query('DELETE FROM rsv_email_links WHERE expires_at < $1', [new Date(now.getTime() - 86_400_000)]);
  await tx.query('INSERT INTO rsv_email_links (token_hash, email_index, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    index,
    now,
    new Date(now.getTime() + MY_LINK_TTL_MINUTES * 60_000),
  ]);
  const url = `${ctx.config.publicBaseUrl}/my/e/${token}${payload.lang === 'en' ? '?lang=en' : ''}`;
  const text = reservationMessages.t(payload.lang, 'myLinkBody', { url, minutes: MY_LINK_TTL_MINUTES });
  const subject = reservationMessages.t(payload.lang, 'myLinkSubject');
  await mailers.get(ctx).send({ to: email, subject, text, messageId: `my-link-${job.retryKey}@madoguchi` });
}

const payloadSchema = z.object({ emailEnc: z.string(), lang: z.enum(['ja', 'en']) });

export const myPageLinkJob = defineJob({ queue: MY_LINK_QUEUE, payload: payloadSchema, handler: sendMyPageLink, maxAttempts: 5 });
