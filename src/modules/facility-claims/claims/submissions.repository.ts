/**
 * fc_submissions and fc_submission_events as the claims part reads and writes them (private to the
 * part). Every read is scoped by the facility of the session: a submission of another facility is
 * not found, exactly like one that does not exist. The content is field-encrypted (FC_CRYPTO).
 */
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { SubmissionContent, SubmissionForm, SubmissionStatus, SubmissionSummary } from '../shared/types.js';

export type SubmissionRow = {
  id: string;
  facilityId: string;
  form: SubmissionForm;
  period: string;
  version: number;
  status: SubmissionStatus;
  contentEnc: string;
  summary: SubmissionSummary;
  totalAmount: number | null;
  submittedAt: Date | null;
  updatedAt: Date;
};

type Raw = {
  id: string;
  facility_id: string;
  form: SubmissionForm;
  period: string;
  version: number;
  status: SubmissionStatus;
  content_enc: string;
  summary: SubmissionSummary;
  total_amount: number | null;
  submitted_at: Date | null;
  updated_at: Date;
};

const COLUMNS = 'id, facility_id, form, period, version, status, content_enc, summary, total_amount, submitted_at, updated_at';

const toRow = (r: Raw): SubmissionRow => ({
  id: r.id,
  facilityId: r.facility_id,
  form: r.form,
  period: r.period,
  version: r.version,
  status: r.status,
  contentEnc: r.content_enc,
  summary: r.summary ?? {},
  totalAmount: r.total_amount === null ? null : Number(r.total_amount),
  submittedAt: r.submitted_at,
  updatedAt: r.updated_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One submission of the facility (locked for update when asked), or undefined. */
export async function findSubmission(
  q: Queryable,
  facilityId: string,
  id: string,
  o: { lock?: boolean } = {},
): Promise<SubmissionRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await q.query<Raw>(`SELECT ${COLUMNS} FROM fc_submissions WHERE id = $1 AND facility_id = $2${o.lock ? ' FOR UPDATE' : ''}`, [
    id,
    facilityId,
  ]);
  return r.rows[0] ? toRow(r.rows[0]) : undefined;
}

/** Every version of one form and period, newest first (locked when asked). */
export async function versionsOf(
  q: Queryable,
  facilityId: string,
  form: SubmissionForm,
  period: string,
  o: { lock?: boolean } = {},
): Promise<SubmissionRow[]> {
  const r = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM fc_submissions WHERE facility_id = $1 AND form = $2 AND period = $3 ORDER BY version DESC${o.lock ? ' FOR UPDATE' : ''}`,
    [facilityId, form, period],
  );
  return r.rows.map(toRow);
}

/** The newest version of each form and period of the facility among `periods`. */
export async function latestVersions(q: Queryable, facilityId: string, periods: readonly string[]): Promise<SubmissionRow[]> {
  const r = await q.query<Raw>(
    `SELECT DISTINCT ON (form, period) ${COLUMNS} FROM fc_submissions
      WHERE facility_id = $1 AND period = ANY($2::text[]) ORDER BY form, period, version DESC`,
    [facilityId, periods],
  );
  return r.rows.map(toRow);
}

export const isOpen = (s: SubmissionStatus) => s === 'draft' || s === 'submitted' || s === 'returned';

export function encryptContent(ctx: Pick<AppContext, 'crypto'>, content: SubmissionContent): string {
  return ctx.crypto.encrypt(JSON.stringify(content), FC_CRYPTO.submissionContent);
}

export function decryptContent(ctx: Pick<AppContext, 'crypto'>, row: Pick<SubmissionRow, 'contentEnc'>): SubmissionContent {
  return JSON.parse(ctx.crypto.decrypt(row.contentEnc, FC_CRYPTO.submissionContent)) as SubmissionContent;
}

export async function insertSubmission(
  q: Queryable,
  s: {
    facilityId: string;
    form: SubmissionForm;
    period: string;
    version: number;
    contentEnc: string;
    summary: SubmissionSummary;
    totalAmount: number | null;
    now: Date;
  },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO fc_submissions (facility_id, form, period, version, status, content_enc, summary, total_amount, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $8) RETURNING id`,
    [s.facilityId, s.form, s.period, s.version, s.contentEnc, JSON.stringify(s.summary), s.totalAmount, s.now],
  );
  return r.rows[0]!.id;
}

/** Replaces the content of a draft or returned version (the row is locked by the caller). */
export async function updateContent(
  q: Queryable,
  id: string,
  s: { contentEnc: string; summary: SubmissionSummary; totalAmount: number | null; now: Date },
): Promise<void> {
  await q.query(
    `UPDATE fc_submissions SET content_enc = $2, summary = $3, total_amount = $4, updated_at = $5
      WHERE id = $1 AND status IN ('draft', 'returned')`,
    [id, s.contentEnc, JSON.stringify(s.summary), s.totalAmount, s.now],
  );
}

/** Moves a version from one of `from` to `to`; false when its status was none of them (a conditional update). */
export async function changeStatus(
  q: Queryable,
  id: string,
  from: readonly SubmissionStatus[],
  to: SubmissionStatus,
  o: { now: Date; submittedBy?: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE fc_submissions SET status = $3, updated_at = $4,
        submitted_at = CASE WHEN $3 = 'submitted' THEN $4 ELSE submitted_at END,
        submitted_by = CASE WHEN $3 = 'submitted' THEN $5::uuid ELSE submitted_by END
      WHERE id = $1 AND status = ANY($2::text[])`,
    [id, from, to, o.now, o.submittedBy ?? null],
  );
  return r.rowCount === 1;
}

export type SubmissionEvent = {
  action: 'created' | 'updated' | 'submitted' | 'returned' | 'approved' | 'withdrawn' | 'superseded';
  actorType: 'facility' | 'staff' | 'system';
  comment: string | null;
  at: Date;
};

export async function addEvent(
  q: Queryable,
  submissionId: string,
  action: SubmissionEvent['action'],
  actor: { userId: string },
  now: Date,
): Promise<void> {
  await q.query(`INSERT INTO fc_submission_events (submission_id, action, actor_type, actor_id, at) VALUES ($1, $2, 'facility', $3, $4)`, [
    submissionId,
    action,
    actor.userId,
    now,
  ]);
}

export async function eventsOf(q: Queryable, submissionId: string): Promise<SubmissionEvent[]> {
  const r = await q.query<{
    action: SubmissionEvent['action'];
    actor_type: SubmissionEvent['actorType'];
    comment: string | null;
    at: Date;
  }>('SELECT action, actor_type, comment, at FROM fc_submission_events WHERE submission_id = $1 ORDER BY id', [submissionId]);
  return r.rows.map((e) => ({ action: e.action, actorType: e.actor_type, comment: e.comment, at: new Date(e.at) }));
}
