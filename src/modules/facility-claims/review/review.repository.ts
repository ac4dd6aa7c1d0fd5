/** SQL of the review part (private to it): a submission with its facility, its events, its comparison basis. */
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { FacilityType, SubmissionContent, SubmissionForm, SubmissionStatus, SubmissionSummary } from '../shared/types.js';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SubmissionRow = {
  id: string;
  facilityId: string;
  facilityCode: string;
  facilityName: string;
  facilityType: FacilityType;
  form: SubmissionForm;
  period: string;
  version: number;
  status: SubmissionStatus;
  contentEnc: string;
  summary: SubmissionSummary;
  totalAmount: number | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
};

export const SUBMISSION_COLUMNS = `s.id::text AS id, s.facility_id::text AS "facilityId", f.code AS "facilityCode", f.name AS "facilityName",
  f.type AS "facilityType", s.form, s.period, s.version, s.status, s.content_enc AS "contentEnc", s.summary,
  s.total_amount::float8 AS "totalAmount", s.submitted_at AS "submittedAt", s.decided_at AS "decidedAt", s.decided_by::text AS "decidedBy"`;

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toRow(r: SubmissionRow): SubmissionRow {
  return { ...r, summary: parseJson<SubmissionSummary>(r.summary) ?? {} };
}

/** One submission (any status) with its facility; `lock` takes the row lock of the submission. */
export async function findSubmission(q: Queryable, id: string, o: { lock?: boolean } = {}): Promise<SubmissionRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  const r = await q.query<SubmissionRow>(
    `SELECT ${SUBMISSION_COLUMNS} FROM fc_submissions s JOIN fc_facilities f ON f.id = s.facility_id WHERE s.id = $1${o.lock ? ' FOR UPDATE OF s' : ''}`,
    [id],
  );
  return r.rows[0] ? toRow(r.rows[0]) : undefined;
}

export function decryptContent(ctx: Pick<AppContext, 'crypto'>, row: Pick<SubmissionRow, 'contentEnc'>): SubmissionContent {
  return JSON.parse(ctx.crypto.decrypt(row.contentEnc, FC_CRYPTO.submissionContent)) as SubmissionContent;
}

/** The period before: the previous month of a monthly form (YYYY-MM), the previous fiscal year of a yearly one (YYYY). */
export function previousPeriod(period: string): string {
  if (/^\d{4}$/.test(period)) return String(Number(period) - 1);
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export type Baseline = { row: SubmissionRow; basis: 'version' | 'previous-period' };

/**
 * What a submission is compared with: the newest version of the same facility, form and period that
 * the city approved before it (approved or since superseded), else the approved version of the same
 * form for the previous period (month or fiscal year).
 */
export async function findBaseline(
  q: Queryable,
  s: Pick<SubmissionRow, 'facilityId' | 'form' | 'period' | 'version'>,
): Promise<Baseline | undefined> {
  const same = await q.query<SubmissionRow>(
    `SELECT ${SUBMISSION_COLUMNS} FROM fc_submissions s JOIN fc_facilities f ON f.id = s.facility_id
     WHERE s.facility_id = $1 AND s.form = $2 AND s.period = $3 AND s.version < $4 AND s.status IN ('approved', 'superseded')
     ORDER BY s.version DESC LIMIT 1`,
    [s.facilityId, s.form, s.period, s.version],
  );
  if (same.rows[0]) return { row: toRow(same.rows[0]), basis: 'version' };
  const prev = await q.query<SubmissionRow>(
    `SELECT ${SUBMISSION_COLUMNS} FROM fc_submissions s JOIN fc_facilities f ON f.id = s.facility_id
     WHERE s.facility_id = $1 AND s.form = $2 AND s.period = $3 AND s.status = 'approved'`,
    [s.facilityId, s.form, previousPeriod(s.period)],
  );
  return prev.rows[0] ? { row: toRow(prev.rows[0]), basis: 'previous-period' } : undefined;
}

export type EventEntry = {
  action: 'created' | 'updated' | 'submitted' | 'returned' | 'approved' | 'withdrawn' | 'superseded';
  actorType: 'facility' | 'staff' | 'system';
  /** The staff member's display name or the facility user's log-in id. */
  actorName: string | null;
  comment: string | null;
  at: Date;
};

export async function submissionEvents(q: Queryable, submissionId: string): Promise<EventEntry[]> {
  const r = await q.query<EventEntry>(
    `SELECT e.action, e.actor_type AS "actorType", COALESCE(st.display_name, u.login_id) AS "actorName", e.comment, e.at
     FROM fc_submission_events e
     LEFT JOIN staff st ON e.actor_type = 'staff' AND st.id = e.actor_id
     LEFT JOIN fc_users u ON e.actor_type = 'facility' AND u.id = e.actor_id
     WHERE e.submission_id = $1 ORDER BY e.id`,
    [submissionId],
  );
  return r.rows;
}

export async function insertEvent(
  q: Queryable,
  e: {
    submissionId: string;
    action: EventEntry['action'];
    actorType: EventEntry['actorType'];
    actorId: string | null;
    comment: string | null;
    at: Date;
  },
): Promise<void> {
  await q.query(
    'INSERT INTO fc_submission_events (submission_id, action, actor_type, actor_id, comment, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [e.submissionId, e.action, e.actorType, e.actorId, e.comment, e.at],
  );
}

/** `monthly-claim_F001_2026-11_v1.pdf` */
export const pdfFileName = (s: Pick<SubmissionRow, 'form' | 'facilityCode' | 'period' | 'version'>) =>
  `${s.form}_${s.facilityCode}_${s.period}_v${s.version}.pdf`;
