/**
 * Staffing figures of a facility on a date, from the roster as of that date (rosterAsOf). Pure.
 *
 * - headcount: everyone on the roster that day, on leave or not;
 * - careFte: 常勤換算 of the care roles (chief, sub-chief, nursery, kodomo-en and kindergarten teachers)
 *   who are not on leave;
 * - qualifiedCareFte: of them, those holding 保育士, or 幼稚園教諭免許 when the role is a kodomo-en or
 *   kindergarten teacher;
 * - byRole: headcount by role (on leave included, as the roster lists them);
 * - averageExperienceYears (処遇改善等加算): the staff counted are 職員 other than the director (施設長,
 *   usually an officer of the operator, is not counted for the addition), not on leave, and — for
 *   part-time staff — working at least 30 hours a week (about 6 hours × 5 days, the usual threshold for
 *   counting a non-regular worker as 常勤的); the mean of their experience in months ÷ 12, rounded
 *   DOWN to one decimal (the addition's rate steps at whole years, so rounding up could claim a step
 *   the staff has not reached). 0 when nobody counts.
 * Sums are in hundredths so that 0.1 + 0.2 stays 0.3.
 */
import type { RosterMember, StaffingSummary, StaffRole } from '../shared/types.js';

export const CARE_ROLES: readonly StaffRole[] = ['chief', 'sub-chief', 'nursery-teacher', 'kodomoen-teacher', 'kindergarten-teacher'];
/** Part-time staff count for the average experience from this many hours a week. */
export const EXPERIENCE_MIN_PART_TIME_HOURS = 30;

const hundredths = (n: number) => Math.round(n * 100);

export function isQualifiedForCare(m: Pick<RosterMember, 'role' | 'qualifications'>): boolean {
  if (m.qualifications.includes('hoikushi')) return true;
  return (m.role === 'kodomoen-teacher' || m.role === 'kindergarten-teacher') && m.qualifications.includes('kyoyu');
}

export function countsForAverageExperience(m: Pick<RosterMember, 'role' | 'onLeave' | 'employment' | 'weeklyHours'>): boolean {
  if (m.role === 'director' || m.onLeave) return false;
  return m.employment === 'full-time' || m.weeklyHours >= EXPERIENCE_MIN_PART_TIME_HOURS;
}

export function staffingSummary(members: RosterMember[], date: string): StaffingSummary {
  let care = 0;
  let qualified = 0;
  const byRole: Partial<Record<StaffRole, number>> = {};
  let months = 0;
  let counted = 0;
  for (const m of members) {
    byRole[m.role] = (byRole[m.role] ?? 0) + 1;
    if (CARE_ROLES.includes(m.role) && !m.onLeave) {
      care += hundredths(m.fte);
      if (isQualifiedForCare(m)) qualified += hundredths(m.fte);
    }
    if (countsForAverageExperience(m)) {
      months += m.experienceMonths;
      counted += 1;
    }
  }
  // floor to one decimal of (months / counted / 12), in integers: floor(10 × months / (12 × counted))
  const averageExperienceYears = counted ? Math.floor((10 * months) / (12 * counted)) / 10 : 0;
  return {
    asOf: date,
    headcount: members.length,
    careFte: care / 100,
    qualifiedCareFte: qualified / 100,
    byRole,
    averageExperienceYears,
  };
}
