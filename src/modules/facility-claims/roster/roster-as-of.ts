/**
 * The roster as of a date (the claims part's input): the people employed that day — hired on or before
 * it and not retired before it — with role, employment and hours from their dated history, whether
 * they are on leave, their experience (roster-rules.ts: prior experience + whole months served, leave
 * not subtracted) and 常勤換算. No personal field is read or decrypted here.
 */
import type { Queryable } from '../../../platform/db.js';
import type { RosterMember } from '../shared/types.js';
import { experienceOn, fteOf, staffStateOn } from './roster-rules.js';
import { historyByStaff, selectHistory, selectStaff, type StaffRow } from './roster.repository.js';

/** Members on `date` with the row each came from (staff-lines.ts decrypts the name from it). */
export async function rosterRowsAsOf(q: Queryable, facilityId: string, date: string): Promise<{ member: RosterMember; row: StaffRow }[]> {
  const rows = await selectStaff(q, facilityId, date);
  const history = historyByStaff(
    await selectHistory(
      q,
      rows.map((r) => r.id),
    ),
  );
  const out: { member: RosterMember; row: StaffRow }[] = [];
  for (const row of rows) {
    const state = staffStateOn(history.get(row.id) ?? [], date);
    if (state.status !== 'employed' && state.status !== 'on-leave') continue;
    const employment = state.employment ?? row.employment;
    const weeklyHours = state.weeklyHours ?? row.weekly_hours;
    const experience = experienceOn({ hiredOn: row.hired_on, priorExperienceMonths: row.prior_experience_months }, date);
    out.push({
      row,
      member: {
        id: row.id,
        role: state.role ?? row.role,
        employment,
        weeklyHours,
        qualifications: row.qualifications,
        hiredOn: row.hired_on,
        onLeave: state.status === 'on-leave',
        experienceYears: experience.years,
        experienceMonths: experience.months,
        fte: fteOf(employment, weeklyHours),
      },
    });
  }
  return out;
}

export async function rosterAsOf(q: Queryable, facilityId: string, date: string): Promise<RosterMember[]> {
  return (await rosterRowsAsOf(q, facilityId, date)).map((r) => r.member);
}
