/**
 * The one error catalogue. An AppError carries a stable code, an HTTP status and a bilingual
 * message for the person who reads it; the error handler turns it into RFC 9457 problem+json
 * (or an HTML page). Anything that is not an AppError becomes a 500 whose message is never shown.
 *
 * Problem types (RFC 9457): every code has an entry in `problemTypes` with a constant title and a
 * short explanation; `type` is `<PUBLIC_BASE_URL>/problems/<code>`, a page generated from this
 * catalogue (src/http/problem-docs.ts). The AppError's own text is the variable part (`detail`).
 */
import { errorMessages, problemMessages } from './errors.messages.js';
import type { Text } from './i18n.js';

export type FieldError = { field: string; message: Text };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: Text,
    readonly extra: { fieldErrors?: FieldError[]; retryAfterSeconds?: number; headers?: Record<string, string> } = {},
  ) {
    super(`${code}: ${text.en}`);
  }
}

/**
 * An error built without capturing its stack: a 503 that sheds load is an expected answer whose stack nobody
 * reads, and under a rush (thousands a second) capturing one was 7 % of the shedding process's CPU.
 */
function withoutStack<E extends Error>(make: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** What a problem type means and what the reader can do about it: the source of the /problems/<code> pages. */
export type ProblemType = { status: number; title: Text; meaning: Text; action: Text };

const problemTexts = problemMessages.messages;
type CodeOf<K> = K extends `${infer C}.title` ? C : never;

/** A catalogue entry: the status here, the texts in errors.messages.ts under `<code>.title|meaning|action`. */
function problem(status: number, code: CodeOf<keyof typeof problemTexts>): ProblemType {
  return { status, title: problemTexts[`${code}.title`], meaning: problemTexts[`${code}.meaning`], action: problemTexts[`${code}.action`] };
}

/**
 * Every problem code the application answers with. `title` is constant per code (RFC 9457); the
 * variable part — which field, how many seconds, which booking — goes into `detail`.
 * test/problem-details.test.ts fails when code elsewhere uses a code that is missing here.
 */
export const problemTypes = {
  // ---- generic HTTP refusals
  bad_request: problem(400, 'bad_request'),
  validation_failed: problem(422, 'validation_failed'),
  unauthenticated: problem(401, 'unauthenticated'),
  invalid_credentials: problem(401, 'invalid_credentials'),
  forbidden: problem(403, 'forbidden'),
  csrf_failed: problem(403, 'csrf_failed'),
  not_found: problem(404, 'not_found'),
  payload_too_large: problem(413, 'payload_too_large'),
  file_too_large: problem(413, 'file_too_large'),
  unsupported_media_type: problem(415, 'unsupported_media_type'),
  too_many_requests: problem(429, 'too_many_requests'),
  internal_error: problem(500, 'internal_error'),
  service_busy: problem(503, 'service_busy'),
  service_unavailable: problem(503, 'service_unavailable'),
  // ---- staff log-in steps and account state
  account_locked: problem(423, 'account_locked'),
  mfa_locked: problem(423, 'mfa_locked'),
  mfa_required: problem(403, 'mfa_required'),
  password_change_required: problem(403, 'password_change_required'),
  mfa_setup_required: problem(403, 'mfa_setup_required'),
  mfa_already_enabled: problem(409, 'mfa_already_enabled'),
  mfa_not_enabled: problem(409, 'mfa_not_enabled'),
  mfa_setup_not_started: problem(409, 'mfa_setup_not_started'),
  password_changed_concurrently: problem(409, 'password_changed_concurrently'),
  not_locked: problem(409, 'not_locked'),
  cannot_disable_self: problem(409, 'cannot_disable_self'),
  cannot_revoke_own_admin: problem(409, 'cannot_revoke_own_admin'),
  // ---- reservations
  slot_full: problem(409, 'slot_full'),
  not_changeable: problem(409, 'not_changeable'),
  not_cancellable: problem(409, 'not_cancellable'),
  status_transition: problem(409, 'status_transition'),
  checkin_other_day: problem(409, 'checkin_other_day'),
  checkin_cancelled: problem(409, 'checkin_cancelled'),
  no_closure: problem(409, 'no_closure'),
  // ---- LINE
  line_not_configured: problem(503, 'line_not_configured'),
  line_token_invalid: problem(401, 'line_token_invalid'),
  line_signature_invalid: problem(401, 'line_signature_invalid'),
  not_a_line_booking: problem(409, 'not_a_line_booking'),
  line_unfollowed: problem(409, 'line_unfollowed'),
  // ---- card issuance
  shipping_number_required: problem(428, 'shipping_number_required'),
  card_not_bookable: problem(409, 'card_not_bookable'),
  already_booked: problem(409, 'already_booked'),
  letters_changed: problem(409, 'letters_changed'),
  // ---- e-applications
  procedure_closed: problem(409, 'procedure_closed'),
  alert_closed: problem(409, 'alert_closed'),
  procedure_full: problem(409, 'procedure_full'),
  procedure_archived: problem(409, 'procedure_archived'),
  procedure_not_draft: problem(409, 'procedure_not_draft'),
  // ---- demo
  demo_local_only: problem(403, 'demo_local_only'),
  // ---- payments (e-applications)
  payment_unavailable: problem(503, 'payment_unavailable'),
  not_payable: problem(409, 'not_payable'),
  refund_same_person: problem(409, 'refund_same_person'),
  refund_not_possible: problem(409, 'refund_not_possible'),
  // ---- childcare facility claims
  otp_failed: problem(401, 'otp_failed'),
  facility_user_limit: problem(409, 'facility_user_limit'),
  submission_state: problem(409, 'submission_state'),
} as const satisfies Record<string, ProblemType>;

/** The catalogue entry of a code, if it has one. */
export function problemType(code: string): ProblemType | undefined {
  return Object.hasOwn(problemTypes, code) ? (problemTypes as Record<string, ProblemType>)[code] : undefined;
}

export const errors = {
  validation: (fieldErrors: FieldError[]) => new AppError('validation_failed', 422, problemTypes.validation_failed.title, { fieldErrors }),
  badRequest: (text: Text) => new AppError('bad_request', 400, text),
  unauthenticated: () => new AppError('unauthenticated', 401, errorMessages.text('unauthenticated')),
  invalidCredentials: () => new AppError('invalid_credentials', 401, problemTypes.invalid_credentials.title),
  forbidden: (text?: Text) => new AppError('forbidden', 403, text ?? problemTypes.forbidden.title),
  csrf: () => new AppError('csrf_failed', 403, errorMessages.text('csrf')),
  notFound: (text?: Text) => new AppError('not_found', 404, text ?? problemTypes.not_found.title),
  conflict: (code: string, text: Text) => new AppError(code, 409, text),
  /** 413: a body or upload over its limit; `text` says which limit when the caller knows it. */
  payloadTooLarge: (text?: Text) => new AppError('payload_too_large', 413, text ?? problemTypes.payload_too_large.title),
  /** 415: a Content-Type the route does not parse. */
  unsupportedMediaType: () => new AppError('unsupported_media_type', 415, problemTypes.unsupported_media_type.title),
  // {seconds} stays in the text: the edge fills it in from retryAfterSeconds
  locked: (retryAfterSeconds: number) => new AppError('account_locked', 423, errorMessages.text('locked'), { retryAfterSeconds }),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('too_many_requests', 429, errorMessages.messages.tooManyRequests, { retryAfterSeconds }),
  busy: (retryAfterSeconds: number) =>
    withoutStack(() => new AppError('service_busy', 503, errorMessages.messages.busy, { retryAfterSeconds })),
  /** 503: the database cannot be reached right now (restart, failover); nothing was changed, the same request can be sent again. */
  unavailable: (retryAfterSeconds: number) =>
    new AppError('service_unavailable', 503, errorMessages.messages.unavailable, { retryAfterSeconds }),
  /** 500: the only text a person sees when something unexpected failed (the cause goes to the log). */
  internal: () => new AppError('internal_error', 500, errorMessages.text('internalError')),
};
