/** The facility's claims and forms of a fiscal year: the twelve monthly claims and the yearly forms, each with its newest version. */
import type { AppContext } from '../../../platform/context.js';
import type { SubmissionForm } from '../shared/types.js';
import type { FacilityWho } from './draft-content.js';
import { monthsOfFiscalYear } from './period.js';
import { latestVersions, type SubmissionRow } from './submissions.repository.js';

export const YEARLY_FORMS = ['shogu-plan', 'shogu-report', 'addition-national', 'addition-prefecture', 'addition-city'] as const;

export type ClaimListEntry = { form: SubmissionForm; period: string; latest: SubmissionRow | null };

export async function listClaims(
  ctx: AppContext,
  who: Pick<FacilityWho, 'facilityId'>,
  fiscalYear: number,
): Promise<{ monthly: ClaimListEntry[]; yearly: ClaimListEntry[] }> {
  const months = monthsOfFiscalYear(fiscalYear);
  const rows = await latestVersions(ctx.db, who.facilityId, [...months, String(fiscalYear)]);
  const find = (form: SubmissionForm, period: string) => rows.find((r) => r.form === form && r.period === period) ?? null;
  return {
    monthly: months.map((m) => ({ form: 'monthly-claim', period: m, latest: find('monthly-claim', m) })),
    yearly: YEARLY_FORMS.map((f) => ({ form: f, period: String(fiscalYear), latest: find(f, String(fiscalYear)) })),
  };
}
