/**
 * Reading child counts: the contract the claims part calls (`childCountsFor`), and the lists of the
 * city's and the facility's screens. Months are 'YYYY-MM' here and the first day of the month in SQL.
 * A facility's rows are read by its id only (the facility side passes the session's facility id).
 */
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { Queryable } from '../../../platform/db.js';
import { CHILD_CLASSES, type AgeBand, type CertClass, type ChildCount, type Need } from '../shared/types.js';

export type CountReviewStatus = 'pending' | 'confirmed' | 'queried' | 'answered';

export const monthDate = (month: string) => `${month}-01`;
const monthOf = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 7) : d.toISOString().slice(0, 7));

type CountRow = { cert_class: number; age_band: string; need: string; count: number };

/** Rows in CHILD_CLASSES order (the order every form lists them). */
function ordered(rows: readonly CountRow[]): ChildCount[] {
  const out: ChildCount[] = [];
  for (const c of CHILD_CLASSES) {
    const r = rows.find((x) => Number(x.cert_class) === c.certClass && x.age_band === c.ageBand && x.need === c.need);
    if (r) out.push({ ...c, count: Number(r.count) });
  }
  return out;
}

/**
 * The counts of a facility for a month (children on the first day), the import they came from and the
 * facility's answer. Classes absent from the imported file are not listed.
 */
export async function childCountsFor(
  q: Queryable,
  facilityId: string,
  month: string /*YYYY-MM*/,
): Promise<{ counts: ChildCount[]; importId: string | null; reviewStatus: CountReviewStatus | null }> {
  const d = monthDate(month);
  const counts = await q.query<CountRow>(
    'SELECT cert_class, age_band, need, count FROM fc_child_counts WHERE facility_id = $1 AND month = $2',
    [facilityId, d],
  );
  const review = await q.query<{ import_id: string; status: CountReviewStatus }>(
    'SELECT import_id, status FROM fc_count_reviews WHERE facility_id = $1 AND month = $2',
    [facilityId, d],
  );
  const r = review.rows[0];
  return { counts: ordered(counts.rows), importId: r?.import_id ?? null, reviewStatus: r?.status ?? null };
}

export type FacilityCountMonth = {
  month: string;
  status: CountReviewStatus;
  importId: string;
  total: number;
  importedAt: Date;
};

/** The months of one facility that have counts, newest first. */
export async function countMonthsOf(q: Queryable, facilityId: string): Promise<FacilityCountMonth[]> {
  const r = await q.query<{ month: string; status: CountReviewStatus; import_id: string; total: number; imported_at: Date }>(
    `SELECT r.month, r.status, r.import_id, i.imported_at,
            (SELECT coalesce(sum(c.count), 0) FROM fc_child_counts c WHERE c.facility_id = r.facility_id AND c.month = r.month) AS total
       FROM fc_count_reviews r JOIN fc_count_imports i ON i.id = r.import_id
      WHERE r.facility_id = $1 ORDER BY r.month DESC`,
    [facilityId],
  );
  return r.rows.map((x) => ({
    month: monthOf(x.month),
    status: x.status,
    importId: x.import_id,
    total: Number(x.total),
    importedAt: x.imported_at,
  }));
}

export type CountReview = {
  status: CountReviewStatus;
  importId: string;
  importedAt: Date;
  queryText: string | null;
  answerText: string | null;
  updatedAt: Date;
};

export type FacilityMonthCounts = {
  facility: { id: string; code: string; name: string };
  month: string;
  counts: ChildCount[];
  total: number;
  review: CountReview;
};

/** One facility's month: counts, the facility's answer and the city's. Undefined when that month has no counts for it. */
export async function facilityMonthCounts(
  q: Queryable,
  crypto: Pick<FieldCrypto, 'decrypt'>,
  month: string,
  by: { facilityId: string } | { facilityCode: string },
): Promise<FacilityMonthCounts | undefined> {
  const f = await q.query<{ id: string; code: string; name: string }>(
    `SELECT id, code, name FROM fc_facilities WHERE ${'facilityId' in by ? 'id = $1' : 'code = $1'}`,
    ['facilityId' in by ? by.facilityId : by.facilityCode],
  );
  const facility = f.rows[0];
  if (!facility) return undefined;
  const r = await q.query<{
    status: CountReviewStatus;
    import_id: string;
    imported_at: Date;
    query_text_enc: string | null;
    answer_text_enc: string | null;
    updated_at: Date;
  }>(
    `SELECT r.status, r.import_id, i.imported_at, r.query_text_enc, r.answer_text_enc, r.updated_at
       FROM fc_count_reviews r JOIN fc_count_imports i ON i.id = r.import_id
      WHERE r.facility_id = $1 AND r.month = $2`,
    [facility.id, monthDate(month)],
  );
  const review = r.rows[0];
  if (!review) return undefined;
  const { counts } = await childCountsFor(q, facility.id, month);
  return {
    facility,
    month,
    counts,
    total: counts.reduce((s, c) => s + c.count, 0),
    review: {
      status: review.status,
      importId: review.import_id,
      importedAt: review.imported_at,
      queryText: review.query_text_enc === null ? null : crypto.decrypt(review.query_text_enc, FC_CRYPTO.countQuery),
      answerText: review.answer_text_enc === null ? null : crypto.decrypt(review.answer_text_enc, FC_CRYPTO.countAnswer),
      updatedAt: review.updated_at,
    },
  };
}

export type MonthOverview = {
  month: string;
  facilities: { code: string; name: string; status: CountReviewStatus; total: number }[];
  /** Children per class over every facility, in CHILD_CLASSES order (classes nobody has are left out). */
  totals: ChildCount[];
  statusCounts: Record<CountReviewStatus, number>;
};

/** The city's view of a month: every facility with counts, its answer, and the totals by class. */
export async function monthOverview(q: Queryable, month: string): Promise<MonthOverview> {
  const d = monthDate(month);
  const f = await q.query<{ code: string; name: string; status: CountReviewStatus; total: number }>(
    `SELECT f.code, f.name, r.status,
            (SELECT coalesce(sum(c.count), 0) FROM fc_child_counts c WHERE c.facility_id = r.facility_id AND c.month = r.month) AS total
       FROM fc_count_reviews r JOIN fc_facilities f ON f.id = r.facility_id
      WHERE r.month = $1 ORDER BY f.code`,
    [d],
  );
  const t = await q.query<CountRow>(
    'SELECT cert_class, age_band, need, sum(count) AS count FROM fc_child_counts WHERE month = $1 GROUP BY cert_class, age_band, need',
    [d],
  );
  const statusCounts: Record<CountReviewStatus, number> = { pending: 0, confirmed: 0, queried: 0, answered: 0 };
  for (const r of f.rows) statusCounts[r.status]++;
  return {
    month,
    facilities: f.rows.map((r) => ({ code: r.code, name: r.name, status: r.status, total: Number(r.total) })),
    totals: ordered(t.rows),
    statusCounts,
  };
}

/** Months that have an import, newest first. */
export async function importedMonths(q: Queryable): Promise<string[]> {
  const r = await q.query<{ month: string }>('SELECT DISTINCT month FROM fc_count_imports ORDER BY month DESC');
  return r.rows.map((x) => monthOf(x.month));
}

/** The key of a class, to compare two sets of counts. */
export const classKey = (c: { certClass: CertClass | number; ageBand: AgeBand | string; need: Need | string }) =>
  `${c.certClass}|${c.ageBand}|${c.need}`;
