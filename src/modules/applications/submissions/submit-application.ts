/**
 * Submits an application: the one path for the citizen pages, the JSON API and LINE. Free of HTTP.
 *
 * Invariants, held by the database inside one transaction:
 * - capacity: the procedure row is locked (FOR UPDATE) before the applications holding a seat are
 *   counted, so two submissions of one procedure never both take the last seat;
 * - all or nothing: application, first history row, claimed files (attachments/claim-files.ts), deleted draft and the queued
 *   confirmation e-mail commit together; a failure leaves no trace and sends nothing.
 * The application is kept whatever the payment provider does: payment starts separately (the
 * status is awaiting_payment until then), so a provider outage never loses an application.
 */
import { errors, type FieldError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { initialStatus, type ApplicationStatus } from '../application-status.js';
import { allFields, type ProcedureDefinition } from '../procedures/definition.js';
import { API_UPLOAD_OWNER } from '../attachments/store-upload.js';
import { claimFiles } from '../attachments/claim-files.js';
import { computeFee, validateAnswers } from '../procedures/index.js';
import { loadDraft } from './drafts.js';
import { enqueueConfirmation } from './confirmation-mail.js';
import { hashToken, newReferenceNumber, newSecretToken } from './reference-number.js';
import { ANSWERS_CONTEXT, EMAIL_CONTEXT } from './crypto-contexts.js';
import { submissionMessages as m } from './submissions.messages.js';
import { countSeatsTaken, findPublishedProcedure, insertApplication, type PublishedProcedure } from './submissions.repository.js';

export type SubmitInput = {
  procedureId: string;
  answers: Record<string, unknown>;
  lang: Lang;
  channel: 'web' | 'api' | 'line';
  /** The owner token the uploads were made with (the page flow's draft token; API uploads: API_UPLOAD_OWNER). */
  ownerToken?: string;
  /** The page flow's draft: its files may be claimed whoever's browser submits, and it is deleted in the same transaction. */
  draftToken?: string;
  lineUserId?: string | null;
};

export type PaymentSummary = { status: string; amount: number };

export type SubmitResult = {
  applicationId: string;
  referenceNumber: string;
  accessToken: string;
  status: ApplicationStatus;
  payment: PaymentSummary | null;
};

/** Field errors carry the API's path (answers.<key>), which the pages map back to their inputs. */
export const answerPath = (key: string) => `answers.${key}`;

/** Why a procedure takes no applications at `now`, if it does not (open dates; capacity is checked under the lock). */
export function openProblem(def: Pick<ProcedureDefinition, 'opensAt' | 'closesAt'>, now: Date): 'notOpenYet' | 'closed' | undefined {
  if (def.opensAt && now.getTime() < Date.parse(def.opensAt)) return 'notOpenYet';
  if (def.closesAt && now.getTime() >= Date.parse(def.closesAt)) return 'closed';
  return undefined;
}

function assertOpen(p: PublishedProcedure | undefined, now: Date): asserts p is PublishedProcedure {
  if (!p) throw errors.validation([{ field: 'procedureId', message: m.text('procedureUnknown') }]);
  const problem = openProblem(p.definition, now);
  if (problem) throw errors.conflict('procedure_closed', m.text(problem));
}

/** What the payment looks like right after submitting (payment itself starts separately). */
export function initialPayment(def: ProcedureDefinition, amount: number | null): PaymentSummary | null {
  if (!def.fee || amount === null) return null;
  return { status: def.fee.timing === 'on_submission' ? 'pending' : 'not_due', amount };
}

export async function submitApplication(ctx: AppContext, input: SubmitInput): Promise<SubmitResult> {
  const now = ctx.clock.now();
  // checked before the transaction too, so a closed or unknown procedure costs no lock
  assertOpen(await findPublishedProcedure(ctx.db, input.procedureId), now);
  return ctx.db.transaction(async (tx) => {
    const p = await findPublishedProcedure(tx, input.procedureId, { lock: true });
    const draftId = input.draftToken ? (await loadDraft(ctx, input.draftToken, tx))?.id : undefined;
    assertOpen(p, now);
    const def = p.definition;
    const { answers, errors: answerErrors } = validateAnswers(def, input.answers, { now });
    const fieldErrors: FieldError[] = answerErrors.map((e) => ({ field: answerPath(e.field), message: e.message }));
    const fee = computeFee(def, answers);
    if (fee && fee.amount <= 0 && !fieldErrors.length) throw errors.validation([{ field: 'procedureId', message: m.text('feeMissing') }]);
    if (fieldErrors.length) throw errors.validation(fieldErrors);

    if (def.capacity !== undefined && (await countSeatsTaken(tx, p.id)) >= def.capacity)
      throw errors.conflict('procedure_full', m.text('full'));

    const accessToken = newSecretToken();
    const status = initialStatus(def.fee?.timing ?? null);
    const email = typeof answers[def.contactEmailField] === 'string' ? (answers[def.contactEmailField] as string) : null;
    let inserted: { id: string; referenceNumber: string } | undefined;
    for (let attempt = 0; !inserted && attempt < 5; attempt++) {
      const referenceNumber = newReferenceNumber();
      const row = await insertApplication(tx, {
        referenceNumber,
        accessTokenHash: hashToken(accessToken),
        procedureId: p.id,
        procedureVersion: p.version,
        departmentId: p.departmentId,
        status,
        channel: input.channel,
        lang: input.lang,
        answersEnc: ctx.crypto.encrypt(JSON.stringify(answers), ANSWERS_CONTEXT),
        emailEnc: email ? ctx.crypto.encrypt(email, EMAIL_CONTEXT) : null,
        lineUserId: input.lineUserId ?? null,
        feeAmount: fee?.amount ?? null,
        feeQuantity: fee?.quantity ?? null,
        payableSince: status === 'awaiting_payment' ? now : null,
        now,
      });
      if (row) inserted = { id: row.id, referenceNumber };
    }
    if (!inserted) throw new Error('could not allocate a unique reference number');

    // each file field claims its uploads (C's rules: the owner's own, unclaimed, of an accepted kind)
    for (const field of allFields(def).filter((f) => f.type === 'file' && answers[f.key] !== undefined))
      await claimFiles(tx, {
        applicationId: inserted.id,
        ownerToken: input.ownerToken ?? API_UPLOAD_OWNER,
        fileIds: [answers[field.key] ?? []].flat().map(String),
        fieldKey: field.key,
        fromDraftId: draftId,
        kinds: field.validation.fileKinds,
        now,
      });
    if (draftId) await tx.query('DELETE FROM app_drafts WHERE id = $1', [draftId]);
    if (email) await enqueueConfirmation(ctx, tx, { applicationId: inserted.id, accessToken, now });
    return {
      applicationId: inserted.id,
      referenceNumber: inserted.referenceNumber,
      accessToken,
      status,
      payment: initialPayment(def, fee?.amount ?? null),
    };
  });
}
