/**
 * The enrolment division answers a facility's query about its counts. Only an open query ('queried') can
 * be answered; a corrected number is a new import, not an answer. Audited as facility.counts.answer under
 * the person's childcare division, without the text.
 */
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCanFacility, facilityDepartmentOf } from '../facility.policy.js';
import { codeLabel } from '../shared/labels.messages.js';
import { countMessages as m } from './counts.messages.js';
import { monthDate, type CountReviewStatus } from './read-counts.js';

export async function answerCountQuery(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'crypto'>,
  actor: StaffActor,
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
  o: { month: string; facilityCode: string; answer: string },
): Promise<void> {
  assertCanFacility(actor, 'import-counts', ctx.config);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ facility_id: string; import_id: string; status: CountReviewStatus }>(
      `SELECT r.facility_id, r.import_id, r.status FROM fc_count_reviews r JOIN fc_facilities f ON f.id = r.facility_id
        WHERE f.code = $1 AND r.month = $2 FOR UPDATE OF r`,
      [o.facilityCode, monthDate(o.month)],
    );
    const review = r.rows[0];
    if (!review) throw errors.notFound();
    if (review.status !== 'queried')
      throw errors.validation([
        {
          field: 'answer',
          message: {
            ja: m.t('ja', 'review.notQueried', { status: codeLabel('countStatus', review.status, 'ja') }),
            en: m.t('en', 'review.notQueried', { status: codeLabel('countStatus', review.status, 'en') }),
          },
        },
      ]);
    await tx.query(
      `UPDATE fc_count_reviews SET status = 'answered', answer_text_enc = $3, updated_by_staff = $4, updated_by_user = NULL, updated_at = $5
        WHERE facility_id = $1 AND month = $2`,
      [review.facility_id, monthDate(o.month), ctx.crypto.encrypt(o.answer, FC_CRYPTO.countAnswer), actor.id, now],
    );
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.counts.answer',
        departmentId: facilityDepartmentOf(actor, ctx.config) ?? null,
        recordType: 'fc_count_import',
        recordId: review.import_id,
        detail: { facilityId: review.facility_id, month: o.month, length: o.answer.length },
      },
      now,
    );
  });
}
