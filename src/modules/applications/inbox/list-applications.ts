/**
 * The department inbox list: applications of the person's inbox departments only (memberships other
 * than payment_admin), filtered, sorted and paged in SQL. The list carries no answers; the screen adds
 * the applicant's name (the procedure's applicantNameField, unless that field is sensitive), which is
 * personal data, so a list with names is audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDayEnd, jstDayStart } from '../../../platform/japan-time.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import type { ApplicationStatus } from '../application-status.js';
import { inboxDepartmentIds } from '../applications.policy.js';
import { allFields } from '../procedures/definition.js';
import { answerText, isMaskedPrivacy } from './answer-text.js';
import { answersOf, definitionCache, PAID_SQL, PAYMENT_STATUS_SQL } from './inbox.repository.js';
import type { ListQuery } from './inbox.schemas.js';

export type AuditCtx = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export const PAGE_SIZE = 50;

export type InboxItem = {
  id: string;
  referenceNumber: string;
  procedureId: string;
  procedureVersion: number;
  procedureTitle: { ja: string; en?: string };
  departmentId: string;
  status: ApplicationStatus;
  submittedAt: Date;
  statusChangedAt: Date;
  feeAmount: number | null;
  paymentStatus: string | null;
  isPaid: boolean;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  /** The applicant's name for the screen: undefined when not asked for, null when masked or not given. */
  applicantName?: string | null;
  applicantNameMasked?: boolean;
};

type Row = Omit<InboxItem, 'procedureTitle' | 'applicantName' | 'applicantNameMasked'> & {
  title: { ja: string; en?: string };
  answersEnc: string | null;
};

const ORDER: Record<ListQuery['sort'], string> = {
  submitted: 'a.submitted_at',
  reference: 'a.reference_number',
  status: 'a.status',
  procedure: "v.definition->'title'->>'ja'",
};

/** A typed reference number as stored: NFKC, upper case, no spaces or hyphens. */
export function normaliseReference(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}

export async function listApplications(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  q: ListQuery,
  options: { withNames?: { audit: AuditCtx; lang: 'ja' | 'en' } } = {},
): Promise<{ items: InboxItem[]; page: number; hasNext: boolean }> {
  const params: unknown[] = [inboxDepartmentIds(actor)];
  const where = ['a.department_id = ANY($1::uuid[])'];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (q.procedureId) add((n) => `a.procedure_id = $${n}`, q.procedureId);
  if (q.status) add((n) => `a.status = $${n}`, q.status);
  if (q.from) add((n) => `a.submitted_at >= $${n}`, jstDayStart(q.from));
  if (q.to) add((n) => `a.submitted_at < $${n}`, jstDayEnd(q.to));
  if (q.payment === 'paid') where.push(PAID_SQL);
  if (q.payment === 'unpaid') where.push(`a.fee_amount IS NOT NULL AND NOT ${PAID_SQL}`);
  if (q.mine) add((n) => `a.assigned_staff_id = $${n}`, actor.id);
  if (q.reference) add((n) => `a.reference_number LIKE $${n}`, `${normaliseReference(q.reference).replace(/[%_\\]/g, '')}%`);
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  params.push(PAGE_SIZE + 1, (q.page - 1) * PAGE_SIZE);
  const r = await ctx.db.query<Row>(
    `SELECT a.id::text AS "id", a.reference_number AS "referenceNumber", a.procedure_id::text AS "procedureId",
       a.procedure_version AS "procedureVersion", v.definition->'title' AS "title", a.department_id::text AS "departmentId",
       a.status, a.submitted_at AS "submittedAt", a.status_changed_at AS "statusChangedAt", a.fee_amount AS "feeAmount",
       ${PAYMENT_STATUS_SQL} AS "paymentStatus", ${PAID_SQL} AS "isPaid", a.assigned_staff_id::text AS "assignedStaffId",
       s.display_name AS "assignedStaffName", a.answers_enc AS "answersEnc"
     FROM app_applications a
     JOIN app_procedure_versions v ON v.procedure_id = a.procedure_id AND v.version = a.procedure_version
     LEFT JOIN staff s ON s.id = a.assigned_staff_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${ORDER[q.sort]} ${dir}, a.id ${dir}
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const rows = r.rows.slice(0, PAGE_SIZE);
  const items: InboxItem[] = rows.map(({ title, answersEnc: _answers, ...row }) => ({
    ...row,
    procedureTitle: typeof title === 'string' ? (JSON.parse(title) as InboxItem['procedureTitle']) : title,
  }));
  if (options.withNames) {
    const { lang, audit } = options.withNames;
    const defOf = definitionCache(ctx.db);
    for (const [i, item] of items.entries()) {
      const def = await defOf(item.procedureId, item.procedureVersion);
      const field = def.applicantNameField ? allFields(def).find((f) => f.key === def.applicantNameField) : undefined;
      if (!field) continue;
      if (isMaskedPrivacy(field.privacy)) {
        item.applicantName = null;
        item.applicantNameMasked = true;
        continue;
      }
      const answers = answersOf(ctx, rows[i]!);
      item.applicantName = answers ? answerText(field, answers[field.key], lang) || null : null;
    }
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          ...audit,
          action: 'application.list',
          recordType: 'application',
          detail: { count: items.length, page: q.page, procedureId: q.procedureId ?? null, status: q.status ?? null },
        },
        ctx.clock.now(),
      ),
    );
  }
  return { items, page: q.page, hasNext: r.rows.length > PAGE_SIZE };
}

/** The procedures of the person's inbox departments, for the filter (title of the newest version). */
export async function inboxProcedures(
  ctx: AppContext,
  actor: Pick<StaffActor, 'memberships'>,
): Promise<{ id: string; title: { ja: string; en?: string } }[]> {
  const r = await ctx.db.query<{ id: string; title: unknown }>(
    `SELECT p.id::text AS id, (SELECT v.definition->'title' FROM app_procedure_versions v WHERE v.procedure_id = p.id ORDER BY v.version DESC LIMIT 1) AS title
     FROM app_procedures p WHERE p.department_id = ANY($1::uuid[]) ORDER BY p.created_at, p.id`,
    [inboxDepartmentIds(actor)],
  );
  return r.rows
    .filter((x) => x.title)
    .map((x) => ({ id: x.id, title: (typeof x.title === 'string' ? JSON.parse(x.title) : x.title) as { ja: string; en?: string } }));
}
