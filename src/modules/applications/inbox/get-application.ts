/**
 * One application for staff, with its answers decrypted, history with the comments, notes, files,
 * payment, the department's members (for assignment) and the statuses staff may choose now. 404
 * outside the person's inbox departments. EVERY read is audited ('application.view'), in the same
 * transaction as the read.
 *
 * Sensitive answers (要配慮個人情報) and the files of sensitive fields are left out of what this returns
 * unless the read is a `reveal` with the reason staff typed: then the procedure must list one of the
 * person's roles in its department (`canReadSensitive`, 403 otherwise) and the read is audited
 * 'privacy.sensitive_read' with the reason and the field keys. Leaving them out here, rather than in
 * the renderers, means no screen or API answer can show them by mistake.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit } from '../../audit/index.js';
import { staffTransitions, type ApplicationStatus } from '../application-status.js';
import { assertCan, canReadSensitive, SENSITIVE_READER_ROLES, type SensitiveReaderRole } from '../applications.policy.js';
import { listFiles, type FileSummary } from '../attachments/list-files.js';
import { paymentSummaryOf, type PaymentSummaryStatus } from '../payments/index.js';
import { allFields, type ProcedureDefinition } from '../procedures/definition.js';
import { sensitiveReadBody } from './inbox.schemas.js';
import { inboxMessages } from './inbox.messages.js';
import {
  answersOf,
  CONTEXTS,
  feeTimingOf,
  findApplication,
  isPaid,
  loadDefinition,
  paymentOf,
  sensitiveReadersOf,
  sensitiveReadRecorded,
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
  sensitive: SensitiveState;
};

export type SensitiveState = {
  /** Keys of the sensitive fields this application answered (their values are in `answers` only when revealed). */
  keys: string[];
  /** The values are shown: a reveal with a reason, audited. */
  revealed: boolean;
  /** A reveal form posted again (a reload): nothing shown, nothing recorded; the reason must be given again. */
  replayed: boolean;
  /** May this person reveal them (with a reason)? */
  mayRead: boolean;
  /** The roles of the department the procedure lets read them. */
  readers: SensitiveReaderRole[];
};

/** `once`: the reveal form's single-use token (a reload posts it again and shows nothing). */
export type ReadOptions = { reveal?: { reason: string; once?: string } };

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
  options: ReadOptions = {},
): Promise<ApplicationDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await findApplication(tx, id);
    if (!row) throw errors.notFound();
    assertCan(actor, 'view', row.departmentId);
    // the reason is checked here whoever calls (screen, API), after the access check: another department's id stays a 404
    const read = options.reveal ? parseOrThrow(sensitiveReadBody, options.reveal) : undefined;
    const reason = read?.reason;
    const definition = await loadDefinition(tx, row.procedureId, row.procedureVersion);
    const readers = (await sensitiveReadersOf(tx, row.procedureId)).filter((r): r is SensitiveReaderRole =>
      (SENSITIVE_READER_ROLES as readonly string[]).includes(r),
    );
    const mayRead = canReadSensitive(actor, { departmentId: row.departmentId, sensitiveReaders: readers });
    if (reason !== undefined && !mayRead) throw errors.forbidden(inboxMessages.text('sensitiveNotAllowed'));
    const answers = answersOf(ctx, row);
    const sensitiveFields = allFields(definition).filter((f) => f.privacy === 'sensitive');
    const keys = sensitiveFields.filter((f) => answers?.[f.key] !== undefined && answers[f.key] !== null).map((f) => f.key);
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
    const allFiles = await listFiles(ctx, tx, row.id);
    const payment = await paymentOf(tx, row.id);
    const summary = await paymentSummaryOf(tx, row.id);
    const paid = row.status === 'paid' || isPaid(payment);
    const members = await departmentMembers(tx, row.departmentId);
    await recordAudit(
      tx,
      { ...audit, action: 'application.view', departmentId: row.departmentId, recordType: 'application', recordId: row.id },
      ctx.clock.now(),
    );
    // the audit chain's lock is held from the record above: the same form posted twice (a reload) finds its first read
    const replayed = read?.once !== undefined && (await sensitiveReadRecorded(tx, 'application', row.id, read.once));
    const revealed = reason !== undefined && !replayed;
    if (revealed)
      await recordAudit(
        tx,
        {
          ...audit,
          action: 'privacy.sensitive_read',
          departmentId: row.departmentId,
          recordType: 'application',
          recordId: row.id,
          detail: {
            reason,
            fields: keys,
            procedureId: row.procedureId,
            version: row.procedureVersion,
            ...(read?.once ? { once: read.once } : {}),
          },
        },
        ctx.clock.now(),
      );
    const sensitiveKeys = new Set(sensitiveFields.map((f) => f.key));
    const files = revealed ? allFiles : allFiles.filter((f) => !f.fieldKey || !sensitiveKeys.has(f.fieldKey));
    const { answersEnc: _a, emailEnc: _e, ...application } = row;
    const shown = answers && !revealed ? Object.fromEntries(Object.entries(answers).filter(([k]) => !sensitiveKeys.has(k))) : answers;
    return {
      application,
      definition,
      answers: shown,
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
      sensitive: { keys, revealed, replayed, mayRead, readers },
    };
  });
}
