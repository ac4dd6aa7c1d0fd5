/** Roster lines as printed on the forms that list staff (additions, 処遇改善): the roster as of a date, names decrypted. */
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { FormStaffLine } from '../shared/types.js';
import { rosterRowsAsOf } from './roster-as-of.js';

export async function staffLinesForForms(
  ctx: Pick<AppContext, 'db' | 'crypto'>,
  facilityId: string,
  date: string,
): Promise<FormStaffLine[]> {
  const rows = await rosterRowsAsOf(ctx.db, facilityId, date);
  return rows.map(({ member, row }) => ({
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
