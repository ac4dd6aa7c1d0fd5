/**
 * Everything a form needs for one facility and period, read in one transaction (a consistent picture:
 * the roster, the counts and the items of one moment): the facility, the roster and its staffing as of
 * the form's date, the staff lines printed on forms, the child counts and the facility's answer to
 * them, the application items in effect, the year's price table and, for a results report, whether
 * its plan was filed. Nothing here is typed by the facility: it is read from the other parts.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { childCountsFor } from '../counts/read-counts.js';
import { itemsInEffect } from '../items/items-in-effect.js';
import { loadPriceTable, type PriceTable } from '../pricing/price-table.js';
import { rosterAsOf, rosterRowsAsOf } from '../roster/roster-as-of.js';
import { staffingSummary } from '../roster/staffing.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { loadFacilityProfile } from '../shared/facility-profile.js';
import type { ChildCount, FacilityProfile, FormStaffLine, ItemInEffect, RosterMember, StaffingSummary } from '../shared/types.js';
import { countsPresent, type CountsReviewStatus } from './entry-checks.js';
import { type FormPeriod, formPeriod, monthsOfFiscalYear } from './period.js';

export type FormInputs = {
  period: FormPeriod;
  facility: FacilityProfile;
  roster: RosterMember[];
  staffing: StaffingSummary;
  staffLines: FormStaffLine[];
  /** The counts the staffing ratio and the item conditions are checked against (see countsMonth). */
  counts: ChildCount[];
  /** The month of `counts`: the claimed month, or for a yearly form the first month of the year with counts (else the latest before it). */
  countsMonth: string | null;
  countsPresent: boolean;
  countsStatus: CountsReviewStatus;
  /** Yearly forms: the counts of each month of the fiscal year that has them; the plan falls back to the latest month known. */
  monthlyCounts: { month: string; counts: ChildCount[] }[];
  items: ItemInEffect[];
  table: PriceTable | undefined;
  /** Results report: a plan of the same year was submitted or approved. */
  planFiled: boolean;
};

/** The month-firsts (YYYY-MM) this facility has counts for between two months, oldest first. */
async function monthsWithCounts(q: Queryable, facilityId: string, from: string, to: string): Promise<string[]> {
  const r = await q.query<{ m: string }>(
    `SELECT DISTINCT to_char(month, 'YYYY-MM') AS m FROM fc_child_counts
      WHERE facility_id = $1 AND month BETWEEN $2::date AND $3::date ORDER BY 1`,
    [facilityId, `${from}-01`, `${to}-01`],
  );
  return r.rows.map((x) => x.m);
}

/**
 * The roster lines printed on forms, read inside the caller's transaction. The roster part's
 * staffLinesForForms reads through ctx.db, outside it: on PGlite (one connection) that waits forever
 * for the open transaction, so the same lines are made here from rosterRowsAsOf on the transaction.
 */
async function staffLinesIn(ctx: Pick<AppContext, 'crypto'>, tx: Queryable, facilityId: string, date: string): Promise<FormStaffLine[]> {
  return (await rosterRowsAsOf(tx, facilityId, date)).map(({ member, row }) => ({
    staffId: member.id,
    name: ctx.crypto.decrypt(row.name_enc, FC_CRYPTO.staffName),
    role: member.role,
    employment: member.employment,
    weeklyHours: member.weeklyHours,
    qualifications: member.qualifications,
    hiredOn: member.hiredOn,
    experienceYears: member.experienceYears,
  }));
}

/**
 * Reads the inputs of `period` for the facility. Pass the caller's transaction to read inside it;
 * without one a repeatable-read transaction of its own is opened.
 */
export async function gatherInputs(ctx: AppContext, facilityId: string, period: FormPeriod, tx?: Queryable): Promise<FormInputs> {
  if (!tx) return ctx.db.transaction((t) => gatherInputs(ctx, facilityId, period, t), { isolation: 'repeatable read' });
  const facility = await loadFacilityProfile(tx, facilityId);
  if (!facility) throw errors.notFound();
  const fy = period.fiscalYear;
  const yearly = period.form !== 'monthly-claim';
  const linesDate = period.form === 'shogu-report' ? period.periodEnd : period.asOf;
  const roster = await rosterAsOf(tx, facilityId, period.asOf);
  const staffing = staffingSummary(roster, period.asOf);
  const staffLines = await staffLinesIn(ctx, tx, facilityId, linesDate);
  const items = await itemsInEffect(tx, facilityId, fy, yearly ? period.periodEnd : period.asOf);
  const table = await loadPriceTable(tx, fy);

  let countsMonth: string | null = period.form === 'monthly-claim' ? period.period : null;
  const monthlyCounts: FormInputs['monthlyCounts'] = [];
  if (yearly) {
    const months = monthsOfFiscalYear(fy);
    const known = await monthsWithCounts(tx, facilityId, months[0]!, months[11]!);
    for (const month of known) monthlyCounts.push({ month, counts: (await childCountsFor(tx, facilityId, month)).counts });
    if (known.length) countsMonth = known[0]!;
    else {
      // the plan is made before the year's counts exist: the latest month known stands for the year
      const before = await monthsWithCounts(tx, facilityId, `${fy - 1}-04`, `${fy}-03`);
      countsMonth = before.at(-1) ?? null;
      if (countsMonth && period.form === 'shogu-plan')
        monthlyCounts.push({ month: countsMonth, counts: (await childCountsFor(tx, facilityId, countsMonth)).counts });
    }
  }
  const read = countsMonth ? await childCountsFor(tx, facilityId, countsMonth) : { counts: [], importId: null, reviewStatus: null };

  let planFiled = false;
  if (period.form === 'shogu-report') {
    const r = await tx.query(
      `SELECT 1 FROM fc_submissions WHERE facility_id = $1 AND form = 'shogu-plan' AND period = $2
          AND status IN ('submitted', 'approved', 'superseded') LIMIT 1`,
      [facilityId, period.period],
    );
    planFiled = r.rows.length > 0;
  }
  return {
    period,
    facility,
    roster,
    staffing,
    staffLines,
    counts: read.counts,
    countsMonth,
    countsPresent: countsPresent(read.counts, read.importId),
    countsStatus: read.reviewStatus,
    monthlyCounts,
    items,
    table,
    planFiled,
  };
}

/** The inputs of one month's claim (a month YYYY-MM), in a transaction of their own. */
export function gatherMonthlyInputs(ctx: AppContext, facilityId: string, month: string): Promise<FormInputs> {
  const period = formPeriod('monthly-claim', month);
  if (!period) throw errors.notFound();
  return gatherInputs(ctx, facilityId, period);
}
