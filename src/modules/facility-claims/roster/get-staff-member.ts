/**
 * One person of the facility's roster with personal fields decrypted and the dated history. Another
 * facility's id is a 404 like an unknown one (and a security event). Audited (facility.staff.view).
 */
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { Employment, StaffRole } from '../shared/types.js';
import type { StaffEventKind } from './roster-rules.js';
import { historyByStaff, selectHistory, selectOwnStaff } from './roster.repository.js';
import { type StaffListItem, staffLine } from './list-staff.js';
import { auditRoster, refuseUnknownStaff, type RosterActor, type RosterAudit, todayOf } from './staff-access.js';

export type StaffHistoryEntry = {
  id: number;
  kind: StaffEventKind;
  effectiveOn: string;
  role: StaffRole | null;
  employment: Employment | null;
  weeklyHours: number | null;
  note: string | null;
};

export type StaffDetail = StaffListItem & {
  nameKana: string | null;
  birthDate: string;
  address: string;
  qualificationNumber: string | null;
  priorExperienceMonths: number;
  history: StaffHistoryEntry[];
};

export async function getStaffMember(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: RosterActor,
  id: string,
  audit: RosterAudit,
): Promise<StaffDetail> {
  const row = await selectOwnStaff(ctx.db, actor.facilityId, id);
  if (!row) return refuseUnknownStaff(ctx, actor, audit, id);
  const rows = await selectHistory(ctx.db, [row.id]);
  const line = staffLine(ctx, row, historyByStaff(rows).get(row.id) ?? [], todayOf(ctx));
  const dec = (v: string | null, context: string) => (v === null ? null : ctx.crypto.decrypt(v, context));
  const detail: StaffDetail = {
    ...line,
    nameKana: dec(row.name_kana_enc, FC_CRYPTO.staffNameKana),
    birthDate: ctx.crypto.decrypt(row.birth_date_enc, FC_CRYPTO.staffBirthDate),
    address: ctx.crypto.decrypt(row.address_enc, FC_CRYPTO.staffAddress),
    qualificationNumber: dec(row.qualification_number_enc, FC_CRYPTO.staffQualificationNumber),
    priorExperienceMonths: row.prior_experience_months,
    history: rows.map((h) => ({
      id: h.id,
      kind: h.kind,
      effectiveOn: h.effective_on,
      role: h.role,
      employment: h.employment,
      weeklyHours: h.weekly_hours,
      note: dec(h.note_enc, FC_CRYPTO.staffHistoryNote),
    })),
  };
  await ctx.db.transaction((tx) => auditRoster(ctx, tx, audit, { action: 'facility.staff.view', recordId: row.id, detail: {} }));
  return detail;
}
