/**
 * The facility's roster for its own users: everyone ever registered (retired people last), their state
 * on a date (today unless told), names decrypted, and the staffing figures of that date. Audited
 * (facility.staff.list with the count).
 */
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { Employment, Qualification, StaffingSummary, StaffRole } from '../shared/types.js';
import { type HistoryEvent, type StaffStatus, type StaffWarning, experienceOn, fteOf, staffStateOn, warningsOf } from './roster-rules.js';
import { historyByStaff, selectHistory, selectStaff, type StaffRow } from './roster.repository.js';
import { rosterAsOf } from './roster-as-of.js';
import { auditRoster, type RosterActor, type RosterAudit, todayOf } from './staff-access.js';
import { staffingSummary } from './staffing.js';

export type StaffListItem = {
  id: string;
  name: string;
  role: StaffRole;
  employment: Employment;
  weeklyHours: number;
  qualifications: Qualification[];
  hiredOn: string;
  leftOn: string | null;
  status: StaffStatus;
  onLeave: boolean;
  experienceYears: number;
  experienceMonths: number;
  fte: number;
  warnings: StaffWarning[];
};

/** One person's line on a date (the name decrypted by the caller's crypto). */
export function staffLine(ctx: Pick<AppContext, 'crypto'>, row: StaffRow, history: readonly HistoryEvent[], date: string): StaffListItem {
  const state = staffStateOn(history, date);
  const role = state.role ?? row.role;
  const employment = state.employment ?? row.employment;
  const weeklyHours = state.weeklyHours ?? row.weekly_hours;
  const experience = experienceOn(
    { hiredOn: row.hired_on, priorExperienceMonths: row.prior_experience_months, retiredOn: state.retiredOn },
    date,
  );
  return {
    id: row.id,
    name: ctx.crypto.decrypt(row.name_enc, FC_CRYPTO.staffName),
    role,
    employment,
    weeklyHours,
    qualifications: row.qualifications,
    hiredOn: row.hired_on,
    leftOn: state.status === 'retired' ? state.retiredOn : null,
    status: state.status,
    onLeave: state.status === 'on-leave',
    experienceYears: experience.years,
    experienceMonths: experience.months,
    fte: fteOf(employment, weeklyHours),
    warnings: state.status === 'retired' ? [] : warningsOf({ role, qualifications: row.qualifications }),
  };
}

const ORDER: Record<StaffStatus, number> = { employed: 0, 'on-leave': 0, 'not-hired': 1, retired: 2 };

export async function listStaff(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: RosterActor,
  audit: RosterAudit,
  asOf?: string,
): Promise<{ asOf: string; items: StaffListItem[]; staffing: StaffingSummary }> {
  const date = asOf ?? todayOf(ctx);
  const rows = await selectStaff(ctx.db, actor.facilityId);
  const history = historyByStaff(
    await selectHistory(
      ctx.db,
      rows.map((r) => r.id),
    ),
  );
  const items = rows
    .map((row) => staffLine(ctx, row, history.get(row.id) ?? [], date))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.hiredOn.localeCompare(b.hiredOn) || a.id.localeCompare(b.id));
  const staffing = staffingSummary(await rosterAsOf(ctx.db, actor.facilityId, date), date);
  await ctx.db.transaction((tx) =>
    auditRoster(ctx, tx, audit, { action: 'facility.staff.list', recordId: null, detail: { count: items.length, asOf: date } }),
  );
  return { asOf: date, items, staffing };
}
