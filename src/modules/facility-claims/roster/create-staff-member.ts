/**
 * Adds a person to the facility's roster: the record (personal fields encrypted, each bound to its
 * column) and its 'hire' history row, in one transaction with the audit record (facility.staff.create).
 * The cross-field checks of roster-rules.ts refuse with field errors (422).
 */
import { errors, type FieldError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { FULL_TIME_WEEKLY_HOURS, type Qualification } from '../shared/types.js';
import { checkPerson, normaliseQualificationNumber } from './roster-rules.js';
import { rosterMessages as m } from './roster.messages.js';
import type { CreateStaffInput } from './roster.schemas.js';
import { auditRoster, type RosterActor, type RosterAudit, todayOf } from './staff-access.js';

export const MAX_PRIOR_EXPERIENCE_MONTHS = 720;

/** Prior experience in months from years and months; a field error when over 60 years. */
export function priorMonthsOf(years: number | undefined, months: number | undefined): { months: number; error?: FieldError } {
  const total = (years ?? 0) * 12 + (months ?? 0);
  return total > MAX_PRIOR_EXPERIENCE_MONTHS
    ? {
        months: total,
        error: { field: years !== undefined ? 'priorExperienceYears' : 'priorExperienceMonths', message: m.text('priorTooLong') },
      }
    : { months: total };
}

export async function createStaffMember(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: RosterActor,
  input: CreateStaffInput,
  audit: RosterAudit,
): Promise<{ id: string }> {
  const qualifications = [
    ...new Set<Qualification>([...(input.qualifications ?? []), ...(input.qualification ? [input.qualification] : [])]),
  ];
  const qualificationNumber = normaliseQualificationNumber(input.qualificationNumber);
  const weeklyHours = input.weeklyHours ?? (input.employment === 'full-time' ? FULL_TIME_WEEKLY_HOURS : undefined);
  const prior = priorMonthsOf(input.priorExperienceYears, input.priorExperienceMonths);
  const problems = checkPerson(
    { birthDate: input.birthDate, hiredOn: input.hiredOn, employment: input.employment, weeklyHours, qualifications, qualificationNumber },
    todayOf(ctx),
  );
  if (prior.error) problems.push(prior.error);
  if (problems.length || weeklyHours === undefined) throw errors.validation(problems);
  const kana = input.nameKana?.trim() ? input.nameKana.trim() : null;
  const enc = (v: string, context: string) => ctx.crypto.encrypt(v, context);
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ id: string }>(
      `INSERT INTO fc_staff (facility_id, name_enc, name_kana_enc, birth_date_enc, address_enc, qualification_number_enc, qualifications,
         role, employment, weekly_hours, hired_on, prior_experience_months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        actor.facilityId,
        enc(input.name, FC_CRYPTO.staffName),
        kana === null ? null : enc(kana, FC_CRYPTO.staffNameKana),
        enc(input.birthDate, FC_CRYPTO.staffBirthDate),
        enc(input.address, FC_CRYPTO.staffAddress),
        qualificationNumber === undefined ? null : enc(qualificationNumber, FC_CRYPTO.staffQualificationNumber),
        qualifications,
        input.role,
        input.employment,
        weeklyHours,
        input.hiredOn,
        prior.months,
      ],
    );
    const id = r.rows[0]!.id;
    await tx.query(
      `INSERT INTO fc_staff_history (staff_id, kind, effective_on, role, employment, weekly_hours, recorded_by)
       VALUES ($1, 'hire', $2, $3, $4, $5, $6)`,
      [id, input.hiredOn, input.role, input.employment, weeklyHours, actor.userId],
    );
    await auditRoster(ctx, tx, audit, {
      action: 'facility.staff.create',
      recordId: id,
      detail: { role: input.role, employment: input.employment, qualifications },
    });
    return { id };
  });
}
