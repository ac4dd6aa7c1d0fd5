/**
 * The city's list of submissions (both childcare divisions: 'view'; others 404), from the
 * non-personal columns only (no decryption, not audited as a read of personal data): filtered by month
 * or fiscal year, facility, form and status, the submitted ones (to review) first. Drafts are the
 * facility's own work and are never listed. With a month, also the matrix "facilities × the month's
 * forms": the monthly claim of that month and the yearly forms of its fiscal year, each cell the
 * newest version sent to the city, with the totals.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { assertCanFacility } from '../facility.policy.js';
import { fiscalYearOf, SUBMISSION_FORMS, type FacilityType, type SubmissionForm, type SubmissionStatus } from '../shared/types.js';

export const REVIEW_STATUSES = ['submitted', 'returned', 'approved', 'superseded'] as const satisfies readonly SubmissionStatus[];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ListFilter = { month?: string; fiscalYear?: number; facilityId?: string; form?: SubmissionForm; status?: ReviewStatus };

export type SubmissionListItem = {
  id: string;
  facilityId: string;
  facilityCode: string;
  facilityName: string;
  facilityType: FacilityType;
  form: SubmissionForm;
  period: string;
  version: number;
  status: ReviewStatus;
  totalAmount: number | null;
  children: number | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
};

export type MatrixCell = Pick<SubmissionListItem, 'id' | 'status' | 'version' | 'totalAmount'>;
export type MonthMatrix = {
  month: string;
  fiscalYear: number;
  rows: { facility: { id: string; code: string; name: string; type: FacilityType }; cells: Partial<Record<SubmissionForm, MatrixCell>> }[];
  totals: {
    facilities: number;
    /** Cells by status (the newest version of each facility and form). */
    byStatus: Record<ReviewStatus, number>;
    /** The month's monthly claims: approved amount and amount awaiting review, yen. */
    approvedAmount: number;
    submittedAmount: number;
  };
};

const MAX_ITEMS = 5000;

/** Periods a month covers: the month itself (monthly claim) and its fiscal year (yearly forms). */
function periodCondition(f: ListFilter, params: unknown[]): string | undefined {
  if (f.month) {
    const m = params.push(f.month);
    const y = params.push(String(fiscalYearOf(f.month)));
    return `((s.form = 'monthly-claim' AND s.period = $${m}) OR (s.form <> 'monthly-claim' AND s.period = $${y}))`;
  }
  if (f.fiscalYear) {
    const y = params.push(String(f.fiscalYear));
    const from = params.push(`${f.fiscalYear}-04`);
    const to = params.push(`${f.fiscalYear + 1}-03`);
    return `(s.period = $${y} OR (length(s.period) = 7 AND s.period BETWEEN $${from} AND $${to}))`;
  }
  return undefined;
}

export async function listSubmissions(
  ctx: Pick<AppContext, 'db' | 'config'>,
  actor: Pick<StaffActor, 'memberships'>,
  f: ListFilter,
): Promise<{ items: SubmissionListItem[]; matrix?: MonthMatrix }> {
  assertCanFacility(actor, 'view', ctx.config);
  const params: unknown[] = [];
  const where = [`s.status <> 'draft'`];
  const period = periodCondition(f, params);
  if (period) where.push(period);
  if (f.facilityId) where.push(`s.facility_id = $${params.push(f.facilityId)}`);
  if (f.form) where.push(`s.form = $${params.push(f.form)}`);
  if (f.status) where.push(`s.status = $${params.push(f.status)}`);
  const r = await ctx.db.query<SubmissionListItem>(
    `SELECT s.id::text AS id, s.facility_id::text AS "facilityId", fa.code AS "facilityCode", fa.name AS "facilityName", fa.type AS "facilityType",
       s.form, s.period, s.version, s.status, s.total_amount::float8 AS "totalAmount", (s.summary->>'children')::int AS children,
       s.submitted_at AS "submittedAt", s.decided_at AS "decidedAt"
     FROM fc_submissions s JOIN fc_facilities fa ON fa.id = s.facility_id
     WHERE ${where.join(' AND ')}
     ORDER BY (s.status = 'submitted') DESC, s.submitted_at NULLS LAST, fa.code, s.form, s.period DESC, s.version DESC
     LIMIT ${MAX_ITEMS}`,
    params,
  );
  const items = r.rows;
  return f.month ? { items, matrix: await monthMatrix(ctx, f.month, f.status, f.facilityId) } : { items };
}

async function monthMatrix(ctx: Pick<AppContext, 'db'>, month: string, status?: ReviewStatus, facilityId?: string): Promise<MonthMatrix> {
  const fiscalYear = fiscalYearOf(month);
  const facilities = await ctx.db.query<{ id: string; code: string; name: string; type: FacilityType }>(
    `SELECT id::text AS id, code, name, type FROM fc_facilities
     WHERE (active OR EXISTS (SELECT 1 FROM fc_submissions s WHERE s.facility_id = fc_facilities.id AND s.period IN ($1, $2)))
       AND ($3::uuid IS NULL OR id = $3::uuid)
     ORDER BY code`,
    [month, String(fiscalYear), facilityId ?? null],
  );
  // the newest version sent to the city of each facility and form of these periods
  const cells = await ctx.db.query<MatrixCell & { facilityId: string; form: SubmissionForm }>(
    `SELECT DISTINCT ON (s.facility_id, s.form) s.facility_id::text AS "facilityId", s.form, s.id::text AS id, s.status, s.version,
       s.total_amount::float8 AS "totalAmount"
     FROM fc_submissions s
     WHERE s.status <> 'draft' AND ((s.form = 'monthly-claim' AND s.period = $1) OR (s.form <> 'monthly-claim' AND s.period = $2))
     ORDER BY s.facility_id, s.form, s.version DESC`,
    [month, String(fiscalYear)],
  );
  const byFacility = new Map<string, Partial<Record<SubmissionForm, MatrixCell>>>();
  for (const c of cells.rows) {
    const row = byFacility.get(c.facilityId) ?? {};
    row[c.form] = { id: c.id, status: c.status, version: c.version, totalAmount: c.totalAmount };
    byFacility.set(c.facilityId, row);
  }
  const byStatus: Record<ReviewStatus, number> = { submitted: 0, returned: 0, approved: 0, superseded: 0 };
  let approvedAmount = 0;
  let submittedAmount = 0;
  let rows = facilities.rows.map((facility) => ({ facility, cells: byFacility.get(facility.id) ?? {} }));
  for (const row of rows)
    for (const form of SUBMISSION_FORMS) {
      const c = row.cells[form];
      if (!c) continue;
      byStatus[c.status]++;
      if (form === 'monthly-claim' && c.status === 'approved') approvedAmount += c.totalAmount ?? 0;
      if (form === 'monthly-claim' && c.status === 'submitted') submittedAmount += c.totalAmount ?? 0;
    }
  if (status) rows = rows.filter((row) => Object.values(row.cells).some((c) => c?.status === status));
  // facilities with something to review first, then by code
  const waiting = (row: (typeof rows)[number]) => Object.values(row.cells).some((c) => c?.status === 'submitted');
  rows.sort((a, b) => Number(waiting(b)) - Number(waiting(a)) || a.facility.code.localeCompare(b.facility.code));
  return { month, fiscalYear, rows, totals: { facilities: facilities.rows.length, byStatus, approvedAmount, submittedAmount } };
}
