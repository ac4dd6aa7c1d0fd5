/**
 * Resubmission after staff asked for a correction (補正): only the fields staff named may change;
 * every other answer is kept exactly as submitted, whatever the request carries. The whole answer set
 * is validated again (a corrected answer may show or hide other fields), the history keeps the request
 * and the resubmission, and the application goes back to received.
 */
import { errors, type FieldError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { canTransition } from '../application-status.js';
import { allFields } from '../procedures/definition.js';
import { claimFiles } from '../attachments/claim-files.js';
import { API_UPLOAD_OWNER } from '../attachments/store-upload.js';
import { validateAnswers, type Answers } from '../procedures/index.js';
import { ANSWERS_CONTEXT } from './crypto-contexts.js';
import { findForApplicant, viewOf, type ApplicationView } from './read-application.js';
import { answerPath } from './submit-application.js';
import { submissionMessages as m } from './submissions.messages.js';
import { changeStatus, findProcedureVersion } from './submissions.repository.js';
import { findApplicationById } from './submissions.repository.js';

export async function resubmitCorrection(
  ctx: AppContext,
  referenceNumber: string,
  accessToken: string,
  corrected: Record<string, unknown>,
  options: { clientIp: string; ownerToken?: string },
): Promise<ApplicationView> {
  const now = ctx.clock.now();
  const applicant = await findForApplicant(ctx, referenceNumber, accessToken, options.clientIp);
  return ctx.db.transaction(async (tx) => {
    // the state is read again under the row lock: staff may have moved it meanwhile
    const a = await findApplicationById(tx, applicant.id, { lock: true });
    if (!a?.answersEnc) throw errors.notFound(m.text('lookupFailed'));
    if (!canTransition(a.status, 'received', 'citizen') || !a.correctionFields.length)
      throw errors.conflict('status_transition', m.text('notCorrectable'));
    const def = await findProcedureVersion(tx, a.procedureId, a.procedureVersion);
    if (!def) throw errors.notFound(m.text('lookupFailed'));
    const before = JSON.parse(ctx.crypto.decrypt(a.answersEnc as string, ANSWERS_CONTEXT)) as Answers;
    const editable = new Set(a.correctionFields);
    const merged: Record<string, unknown> = { ...before };
    for (const key of editable) {
      if (Object.hasOwn(corrected, key)) merged[key] = corrected[key];
      else delete merged[key];
    }
    const { answers, errors: found } = validateAnswers(def, merged, { now });
    // an answer staff did not name stays as it was: a refusal there is not the citizen's to fix now
    const fieldErrors: FieldError[] = found
      .filter((e) => editable.has(e.field))
      .map((e) => ({ field: answerPath(e.field), message: e.message }));
    if (fieldErrors.length) throw errors.validation(fieldErrors);
    for (const key of Object.keys(before))
      if (!editable.has(key) && before[key] !== undefined) answers[key] = before[key] as Answers[string];

    // a corrected file field names a new upload: attach it (the earlier one stays with the application)
    for (const f of allFields(def).filter((x) => x.type === 'file' && editable.has(x.key) && answers[x.key] !== undefined))
      await claimFiles(tx, {
        applicationId: a.id,
        ownerToken: options.ownerToken ?? API_UPLOAD_OWNER,
        fileIds: [answers[f.key] ?? []].flat().map(String),
        fieldKey: f.key,
        kinds: f.validation.fileKinds,
        now,
      });
    const answersEnc = ctx.crypto.encrypt(JSON.stringify(answers), ANSWERS_CONTEXT);
    await changeStatus(tx, a.id, { status: 'received', now, answersEnc, clearCorrection: true });
    return viewOf(ctx, tx, { ...a, status: 'received', correctionFields: [], answersEnc });
  });
}
