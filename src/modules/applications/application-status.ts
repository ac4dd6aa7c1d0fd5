/**
 * The life of an application, as a business rule free of HTTP and SQL.
 *
 * - No fee: received → in_review → completed | rejected (staff may ask for a correction on the way).
 * - Fee paid at submission: awaiting_payment → paid (by the payment, never by staff) → in_review → completed.
 *   Unpaid after APPLICATION_UNPAID_EXPIRY_HOURS: expired.
 * - Fee paid after acceptance (事後決済): received → in_review → awaiting_payment (staff accept) → paid → completed.
 * - correction_requested → the citizen resubmits → received (the history keeps both).
 * - The citizen may withdraw until the application is closed or paid.
 */
export const APPLICATION_STATUSES = [
  'awaiting_payment',
  'received',
  'in_review',
  'correction_requested',
  'paid',
  'completed',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const CLOSED_STATUSES: ReadonlySet<ApplicationStatus> = new Set(['completed', 'rejected', 'withdrawn', 'expired']);

export type StatusActor = 'staff' | 'citizen' | 'payment' | 'system';

type Rule = { from: readonly ApplicationStatus[]; by: readonly StatusActor[] };

/** Who may move an application into each status, and from where. */
const RULES: Record<ApplicationStatus, Rule> = {
  awaiting_payment: { from: ['received', 'in_review'], by: ['staff'] }, // 事後決済: staff accept and ask for the fee
  received: { from: ['correction_requested'], by: ['citizen'] }, // resubmission after a correction
  in_review: { from: ['received', 'paid', 'correction_requested'], by: ['staff'] },
  correction_requested: { from: ['received', 'in_review', 'awaiting_payment'], by: ['staff'] },
  paid: { from: ['awaiting_payment', 'expired'], by: ['payment'] },
  completed: { from: ['received', 'in_review', 'paid'], by: ['staff'] },
  rejected: { from: ['received', 'in_review', 'correction_requested', 'awaiting_payment'], by: ['staff'] },
  withdrawn: { from: ['received', 'in_review', 'correction_requested', 'awaiting_payment'], by: ['citizen', 'staff'] },
  expired: { from: ['awaiting_payment'], by: ['system'] },
};

/**
 * May `actor` move an application from `from` to `to`? `hasUnpaidFee` blocks completing an application
 * whose fee is due after acceptance but not yet paid (staff must ask for it: awaiting_payment).
 */
export function canTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
  actor: StatusActor,
  options: { feeTiming?: 'on_submission' | 'after_acceptance' | null; paid?: boolean } = {},
): boolean {
  const rule = RULES[to];
  if (!rule.from.includes(from) || !rule.by.includes(actor)) return false;
  if (to === 'awaiting_payment') return options.feeTiming === 'after_acceptance' && !options.paid;
  if (to === 'completed' && options.feeTiming && !options.paid) return false;
  return true;
}

/** The statuses staff may choose from for one application now (for the inbox's status control). */
export function staffTransitions(
  from: ApplicationStatus,
  options: { feeTiming?: 'on_submission' | 'after_acceptance' | null; paid?: boolean } = {},
): ApplicationStatus[] {
  return APPLICATION_STATUSES.filter((to) => to !== from && canTransition(from, to, 'staff', options));
}

/** The status a new application starts in. */
export function initialStatus(feeTiming: 'on_submission' | 'after_acceptance' | null): ApplicationStatus {
  return feeTiming === 'on_submission' ? 'awaiting_payment' : 'received';
}
