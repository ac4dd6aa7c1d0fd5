/**
 * One application for staff, with its answers decrypted, history with the comments, notes, files,
 * payment, the department's members (for assignment) and the statuses staff may choose now. 404
 * outside the person's inbox departments. EVERY read is audited ('application.view'), in the same
 * transaction as the read.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit } from '../../audit/index.js';
import { staffTransitions, type ApplicationStatus } from '../application-status.js';
import { assertCan } from '../applications.policy.js';
import { listFiles, type FileSummary } from '../attachments/list-files.js';
import { paymentSummaryOf, type PaymentSummaryStatus } from '../payments/index.js';
import type { ProcedureDefinition } from '../procedures/definition.js';
import {
  answersOf,
  CONTEXTS,
  feeTimingOf,
  findApplication,
  isPaid,
  loadDefinition,
  paymentOf,
  type ApplicationRow,
  type PaymentSummary,
} from './inbox.repository.js';
import type { AuditCtx } from './list-applications.js';

export type HistoryEntry = {
  status: ApplicationStatus;
  comment: string | null;
  correctionFields: string[];
  changedAt: Date;
  actorType: 'citizen' | 'staff' | 'system' | 'payment';
  changedBy: string | null;
};
export type NoteEntry = { id: number; body: string; createdAt: Date; staffName: string };

export type ApplicationDetail = {
  application: Omit<ApplicationRow, 'answersEnc' | 'emailEnc'>;
  definition: ProcedureDefinition;
  /** null once erased. */
  answers: Record<string, unknown> | null;
  history: HistoryEntry[];
  notes: NoteEntry[];
  files: FileSummary[];
  /** The latest payment attempt (the one that counts first): amount, method, dates. */
  payment: PaymentSummary | null;
  /** The payments part's summary status (pending, paid, not_due, …); null without a fee. */
  paymentStatus: PaymentSummaryStatus | null;
  isPaid: boolean;
  allowedStatuses: ApplicationStatus[];
  members: { id: string; name: string }[];
};

/** Members of the department who may handle its applications (assignment choices). */
export async function departmentMembers(tx: Queryable, departmentId: string): Promise<{ id: string; name: string }[]> {
  const r = await tx.query<{ id: string; name: string }>(
    `SELECT DISTINCT s.id::text AS id, s.display_name AS name FROM staff s JOIN staff_memberships m ON m.staff_id = s.id
     WHERE m.department_id = $1 AND m.role <> 'payment_admin' AND NOT s.is_disabled ORDER BY name, id`,
    [departmentId],
  );
  return r.rows;
}

export async function getApplicationForStaff(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  id: string,
  audit: AuditCtx,
): Promise<ApplicationDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await findApplication(tx, id);
    if (!row) throw errors.notFound();
    assertCan(actor, 'view', row.departmentId);
    const definition = await loadDefinition(tx, row.procedureId, row.procedureVersion);
    const history = await tx.query<HistoryEntry & { commentEnc: string | null }>(
      `SELECT h.status, h.comment_enc AS "commentEnc", h.correction_fields AS "correctionFields", h.changed_at AS "changedAt",
         h.actor_type AS "actorType", s.display_name AS "changedBy"
       FROM app_status_history h LEFT JOIN staff s ON s.id = h.changed_by_staff_id
       WHERE h.application_id = $1 ORDER BY h.id`,
      [row.id],
    );
    const notes = await tx.query<{ id: number; bodyEnc: string; createdAt: Date; staffName: string }>(
      `SELECT n.id::int AS id, n.body_enc AS "bodyEnc", n.created_at AS "createdAt", s.display_name AS "staffName"
       FROM app_notes n JOIN staff s ON s.id = n.staff_id WHERE n.application_id = $1 ORDER BY n.id`,
      [row.id],
    );
    const files = await listFiles(ctx, tx, row.id);
    const payment = await paymentOf(tx, row.id);
    const summary = await paymentSummaryOf(tx, row.id);
    const paid = row.status === 'paid' || isPaid(payment);
    const members = await departmentMembers(tx, row.departmentId);
    await recordAudit(
      tx,
      { ...audit, action: 'application.view', departmentId: row.departmentId, recordType: 'application', recordId: row.id },
      ctx.clock.now(),
    );
    const { answersEnc: _a, emailEnc: _e, ...application } = row;
    return {
      application,
      definition,
      answers: answersOf(ctx, row),
      history: history.rows.map(({ commentEnc, ...h }) => ({
        ...h,
        correctionFields: h.correctionFields ?? [],
        comment: commentEnc ? ctx.crypto.decrypt(commentEnc, CONTEXTS.comment) : null,
      })),
      notes: notes.rows.map(({ bodyEnc, ...n }) => ({ ...n, body: ctx.crypto.decrypt(bodyEnc, CONTEXTS.note) })),
      files,
      payment,
      paymentStatus: summary?.status ?? null,
      isPaid: paid,
      allowedStatuses: staffTransitions(row.status, { feeTiming: feeTimingOf(definition, row), paid }),
      members,
    };
  });
}
