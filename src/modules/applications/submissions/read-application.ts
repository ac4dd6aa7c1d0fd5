/**
 * Opening an application as its applicant: the 整理番号 alone is never enough, the secret token of
 * the status link (or the API's Bearer) must match its stored SHA-256, compared in constant time.
 * A wrong number and a wrong token answer the same 404, and failures are throttled per client
 * address and per number in the database (across processes), so neither can be guessed.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { countSecurityHit, hitThrottle, peekThrottle, recordSecurityEvent } from '../../security/index.js';
import type { ApplicationStatus } from '../application-status.js';
import { paymentSummaryOf } from '../payments/index.js';
import type { ProcedureDefinition } from '../procedures/definition.js';
import type { Answers } from '../procedures/index.js';
import { ANSWERS_CONTEXT, COMMENT_CONTEXT, FILENAME_CONTEXT } from './crypto-contexts.js';
import { normaliseReferenceNumber, TOKEN_PATTERN, tokenMatches } from './reference-number.js';
import type { PaymentSummary } from './submit-application.js';
import { submissionMessages as m } from './submissions.messages.js';
import {
  findApplicationByReference,
  findProcedureVersion,
  listApplicationFiles,
  listHistory,
  type ApplicationRow,
} from './submissions.repository.js';

export const LOOKUP_LIMITS = {
  perClient: { limit: 30, windowSeconds: 600 },
  perNumber: { limit: 10, windowSeconds: 3600 },
};

export type ApplicationView = {
  id: string;
  referenceNumber: string;
  procedureId: string;
  departmentId: string;
  definition: ProcedureDefinition;
  lang: 'ja' | 'en';
  status: ApplicationStatus;
  submittedAt: Date;
  answers: Answers;
  /** Names of the attached files by id (the citizen's own copy shows names, never contents). */
  files: Record<string, string>;
  correctionFields: string[];
  history: { status: ApplicationStatus; at: Date; comment: string | null; correctionFields: string[] }[];
  feeAmount: number | null;
  feeQuantity: number | null;
  payment: PaymentSummary | null;
  /** May the citizen withdraw it now? (status rules of application-status.ts, and not paid) */
  canWithdraw: boolean;
};

/**
 * Finds the application for its applicant, or throws the one 404 (throttled). Runs outside any
 * transaction, so a failed attempt is counted even though the request fails; an operation that
 * changes the application then locks the row by id (lockApplication) and checks its state again.
 */
export async function findForApplicant(ctx: AppContext, rawReference: string, token: string, clientIp: string): Promise<ApplicationRow> {
  const now = ctx.clock.now();
  const reference = normaliseReferenceNumber(rawReference) ?? '';
  const ipKey = `app-lookup:ip:${clientIp}`;
  const numKey = `app-lookup:number:${reference || 'invalid'}`;
  const [ipCount, numCount] = await Promise.all([
    peekThrottle(ctx.db, ipKey, LOOKUP_LIMITS.perClient, now),
    peekThrottle(ctx.db, numKey, LOOKUP_LIMITS.perNumber, now),
  ]);
  if (ipCount >= LOOKUP_LIMITS.perClient.limit || numCount >= LOOKUP_LIMITS.perNumber.limit) {
    const byClient = ipCount >= LOOKUP_LIMITS.perClient.limit;
    const r = await hitThrottle(ctx.db, byClient ? ipKey : numKey, byClient ? LOOKUP_LIMITS.perClient : LOOKUP_LIMITS.perNumber, now);
    await countSecurityHit(ctx.db, 'reference_lookup_miss', clientIp, now);
    throw errors.tooManyRequests(r.retryAfterSeconds);
  }
  const a = reference && TOKEN_PATTERN.test(token) ? await findApplicationByReference(ctx.db, reference) : undefined;
  // an erased application (answers gone after retention) opens no more
  if (a?.answersEnc && tokenMatches(token, a.accessTokenHash)) return a;
  // every miss (and every refused attempt above) feeds the detector reference_enumeration
  const [ip, num] = await Promise.all([
    hitThrottle(ctx.db, ipKey, LOOKUP_LIMITS.perClient, now),
    hitThrottle(ctx.db, numKey, LOOKUP_LIMITS.perNumber, now),
    countSecurityHit(ctx.db, 'reference_lookup_miss', clientIp, now),
  ]);
  if (!ip.allowed || !num.allowed)
    await recordSecurityEvent(
      ctx.db,
      {
        kind: 'application.lookup_throttled',
        severity: 'warning',
        clientIp,
        subject: a?.id,
        detail: { byClient: !ip.allowed, byNumber: !num.allowed },
      },
      now,
    );
  throw errors.notFound(m.text('lookupFailed'));
}

export async function viewOf(ctx: AppContext, q: Queryable, a: ApplicationRow): Promise<ApplicationView> {
  const def = await findProcedureVersion(q, a.procedureId, a.procedureVersion);
  if (!def) throw errors.notFound(m.text('lookupFailed'));
  const answers = JSON.parse(ctx.crypto.decrypt(a.answersEnc as string, ANSWERS_CONTEXT)) as Answers;
  const files = Object.fromEntries(
    (await listApplicationFiles(q, a.id)).map((f) => [f.id, ctx.crypto.decrypt(f.filenameEnc, FILENAME_CONTEXT)]),
  );
  const history = (await listHistory(q, a.id)).map((h) => ({
    status: h.status,
    at: h.changedAt,
    comment: h.commentEnc ? ctx.crypto.decrypt(h.commentEnc, COMMENT_CONTEXT) : null,
    correctionFields: h.correctionFields,
  }));
  const payment = await paymentSummaryOf(q, a.id);
  return {
    id: a.id,
    referenceNumber: a.referenceNumber,
    procedureId: a.procedureId,
    departmentId: a.departmentId,
    definition: def,
    lang: a.lang,
    status: a.status,
    submittedAt: a.submittedAt,
    answers,
    files,
    correctionFields: a.status === 'correction_requested' ? a.correctionFields : [],
    history,
    feeAmount: a.feeAmount,
    feeQuantity: a.feeQuantity,
    payment,
    canWithdraw: ['received', 'in_review', 'correction_requested', 'awaiting_payment'].includes(a.status) && payment?.status !== 'paid',
  };
}

/** The applicant's view of the application (status, history with staff comments, answers, payment). */
export async function readApplication(
  ctx: AppContext,
  referenceNumber: string,
  accessToken: string,
  options: { clientIp: string },
): Promise<ApplicationView> {
  const a = await findForApplicant(ctx, referenceNumber, accessToken, options.clientIp);
  return viewOf(ctx, ctx.db, a);
}
