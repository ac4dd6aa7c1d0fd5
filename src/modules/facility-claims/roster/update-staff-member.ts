/**
 * Corrects a person's record: personal fields, qualifications, the hire date (also the 'hire' history
 * row; never after a change already recorded) and prior experience. Role and employment change only by
 * dated events (record-staff-event.ts). Checked as at creation; audited (facility.staff.update, with the
 * names of the fields changed — never their values).
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { checkPerson, normaliseQualificationNumber } from './roster-rules.js';
import { rosterMessages as m } from './roster.messages.js';
import { selectHistory, selectOwnStaff } from './roster.repository.js';
import type { UpdateStaffInput } from './roster.schemas.js';
import { priorMonthsOf } from './create-staff-member.js';
import { auditRoster, refuseUnknownStaff, type RosterActor, type RosterAudit, todayOf } from './staff-access.js';

export async function updateStaffMember(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: RosterActor,
  id: string,
  input: UpdateStaffInput,
  audit: RosterAudit,
): Promise<{ id: string; changed: string[] }> {
  const dec = (v: string | null, context: string) => (v === null ? undefined : ctx.crypto.decrypt(v, context));
  const enc = (v: string | undefined, context: string) => (v === undefined ? null : ctx.crypto.encrypt(v, context));
  const result = await ctx.db.transaction(async (tx) => {
    const row = await selectOwnStaff(tx, actor.facilityId, id, true);
    if (!row) return undefined;
    const now = {
      name: dec(row.name_enc, FC_CRYPTO.staffName),
      nameKana: dec(row.name_kana_enc, FC_CRYPTO.staffNameKana),
      birthDate: dec(row.birth_date_enc, FC_CRYPTO.staffBirthDate) as string,
      address: dec(row.address_enc, FC_CRYPTO.staffAddress),
      qualificationNumber: dec(row.qualification_number_enc, FC_CRYPTO.staffQualificationNumber),
    };
    const next = {
      name: input.name ?? now.name,
      nameKana: input.nameKana === undefined ? now.nameKana : input.nameKana.trim() || undefined,
      birthDate: input.birthDate ?? now.birthDate,
      address: input.address ?? now.address,
      qualificationNumber:
        input.qualificationNumber === undefined ? now.qualificationNumber : normaliseQualificationNumber(input.qualificationNumber),
      qualifications: input.qualifications ? [...new Set(input.qualifications)] : row.qualifications,
      hiredOn: input.hiredOn ?? row.hired_on,
    };
    const prior =
      input.priorExperienceYears === undefined && input.priorExperienceMonths === undefined
        ? { months: row.prior_experience_months }
        : priorMonthsOf(input.priorExperienceYears, input.priorExperienceMonths);
    const problems = checkPerson(
      {
        birthDate: next.birthDate,
        hiredOn: next.hiredOn,
        qualifications: next.qualifications,
        qualificationNumber: next.qualificationNumber,
      },
      todayOf(ctx),
    );
    if ('error' in prior && prior.error) problems.push(prior.error);
    const firstChange = (await selectHistory(tx, [row.id])).find((h) => h.kind !== 'hire');
    if (firstChange && next.hiredOn > firstChange.effective_on)
      problems.push({ field: 'hiredOn', message: m.text('hiredOnAfterEvents', { date: firstChange.effective_on }) });
    if (problems.length) throw errors.validation(problems);
    const changed = [
      ...(['name', 'nameKana', 'birthDate', 'address', 'qualificationNumber'] as const).filter((k) => next[k] !== now[k]),
      ...(next.hiredOn !== row.hired_on ? ['hiredOn'] : []),
      ...([...next.qualifications].sort().join() !== [...row.qualifications].sort().join() ? ['qualifications'] : []),
      ...(prior.months !== row.prior_experience_months ? ['priorExperience'] : []),
    ];
    await tx.query(
      `UPDATE fc_staff SET name_enc = $2, name_kana_enc = $3, birth_date_enc = $4, address_enc = $5, qualification_number_enc = $6,
         qualifications = $7, hired_on = $8, prior_experience_months = $9, updated_at = $10 WHERE id = $1`,
      [
        row.id,
        enc(next.name, FC_CRYPTO.staffName),
        enc(next.nameKana, FC_CRYPTO.staffNameKana),
        enc(next.birthDate, FC_CRYPTO.staffBirthDate),
        enc(next.address, FC_CRYPTO.staffAddress),
        enc(next.qualificationNumber, FC_CRYPTO.staffQualificationNumber),
        next.qualifications,
        next.hiredOn,
        prior.months,
        ctx.clock.now(),
      ],
    );
    if (next.hiredOn !== row.hired_on)
      await tx.query(`UPDATE fc_staff_history SET effective_on = $2 WHERE staff_id = $1 AND kind = 'hire'`, [row.id, next.hiredOn]);
    await auditRoster(ctx, tx, audit, { action: 'facility.staff.update', recordId: row.id, detail: { fields: changed } });
    return { id: row.id, changed };
  });
  return result ?? refuseUnknownStaff(ctx, actor, audit, id);
}
