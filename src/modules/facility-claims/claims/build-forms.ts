/**
 * The forms, built (pure) from the gathered inputs: the monthly operating-cost claim, the 処遇改善等加算
 * plan and results report and the addition applications of each level. Every fact comes from the roster,
 * the counts and the items; the only thing the facility types is, on the 処遇改善 forms, each person's
 * wage improvement and 区分③ group (`ShoguEntry`), kept in the draft.
 */
import type { SubmissionContent, SubmissionSummary } from '../shared/types.js';
import { buildAdditionApplication } from './build-addition-application.js';
import { buildMonthlyClaim } from './build-monthly-claim.js';
import { buildShogu, type ShoguEntry } from './build-shogu.js';
import type { FormInputs } from './gather-inputs.js';

/** The form `inp.period.form`, built from the inputs (and, for 処遇改善, the entries kept in the draft). */
export function buildForm(inp: FormInputs, entries: readonly ShoguEntry[] = []): SubmissionContent {
  switch (inp.period.form) {
    case 'monthly-claim':
      return buildMonthlyClaim(inp);
    case 'shogu-plan':
      return buildShogu('plan', inp, entries);
    case 'shogu-report':
      return buildShogu('report', inp, entries);
    case 'addition-national':
      return buildAdditionApplication('national', inp);
    case 'addition-prefecture':
      return buildAdditionApplication('prefecture', inp);
    case 'addition-city':
      return buildAdditionApplication('city', inp);
  }
}

/** The entries a 処遇改善 draft holds (to carry them into a refreshed draft); none for other forms. */
export function entriesOf(content: SubmissionContent | undefined): ShoguEntry[] {
  if (!content || (content.form !== 'shogu-plan' && content.form !== 'shogu-report')) return [];
  return content.staff.map((s) => ({ staffId: s.staffId, improvementYearly: s.improvementYearly, kubun3Group: s.kubun3Group }));
}

/** Non-personal totals kept beside the encrypted content, and the monthly claim's amount. */
export function summaryOf(content: SubmissionContent): { summary: SubmissionSummary; totalAmount: number | null } {
  switch (content.form) {
    case 'monthly-claim':
      return {
        summary: {
          totalAmount: content.calculation.total,
          children: content.counts.reduce((s, c) => s + c.count, 0),
          careFte: content.staffing.careFte,
          staffCount: content.staffing.headcount,
        },
        totalAmount: content.calculation.total,
      };
    case 'shogu-plan':
    case 'shogu-report':
      return { summary: { totalAmount: content.totals.additionYearly, staffCount: content.staff.length }, totalAmount: null };
    default:
      return { summary: { careFte: content.staffing.careFte, staffCount: content.staff.length }, totalAmount: null };
  }
}

/** Whether any check blocks submitting. */
export function hasErrors(content: SubmissionContent): boolean {
  return content.checks.some((c) => c.severity === 'error');
}
