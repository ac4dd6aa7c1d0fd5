/**
 * The buttons of a form screen (save, submit, start a new version), as one step each: the operation, then
 * where to go. A refused submit (checks with errors: 422) or a state that changed meanwhile (409) comes
 * back as messages for the screen to show again, with the form as it is now.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import type { Lang } from '../../../../http/i18n.js';
import { pageErrorsOf, redirect, type PageResult } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { type FacilityActor, facilityAuditContext } from '../../shared/facility-session.js';
import type { SubmissionForm } from '../../shared/types.js';
import type { ShoguEntry } from '../build-shogu.js';
import { prepareSubmission } from '../prepare-submission.js';
import { saveShoguEntries } from '../save-shogu-entries.js';
import { startNewVersion } from '../start-new-version.js';
import { submitSubmission } from '../submit-submission.js';
import { formUrl, type PageErrors } from './claim.view.js';

export type FormAction = 'save' | 'submit' | 'new-version';

export async function runFormAction(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  target: { form: SubmissionForm; period: string; action: FormAction; entries?: readonly ShoguEntry[] },
): Promise<PageResult | { errors: PageErrors; status: 409 | 422 }> {
  const audit = facilityAuditContext(req, actor);
  const url = formUrl(target.form, target.period);
  try {
    if (target.action === 'new-version') {
      await startNewVersion(ctx, actor, audit, target.form, target.period);
      return redirect(`${url}?done=new-version`);
    }
    let draft = await prepareSubmission(ctx, actor, audit, target.form, target.period);
    if (target.entries) draft = await saveShoguEntries(ctx, actor, audit, draft.id, target.entries);
    if (target.action === 'save') return redirect(`${url}?done=saved`);
    await submitSubmission(ctx, actor, audit, draft.id);
    return redirect(`${url}?done=submitted`);
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    const errors = pageErrorsOf(err, lang);
    return { errors: errors.length ? errors : [{ field: 'status', message: err.text[lang] }], status: err.status };
  }
}

export const isRefusal = (r: PageResult | { errors: PageErrors; status: 409 | 422 }): r is { errors: PageErrors; status: 409 | 422 } =>
  typeof r === 'object' && 'errors' in r;
