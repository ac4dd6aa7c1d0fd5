/**
 * Who may do what in card issuance, in one place. Both zones work on one department's office at a
 * time (the internal-zone card office, `officeOf`; the internet-zone booking site, `siteDepartmentOf`):
 *
 * - every member of that department (any role) does the everyday work: reads lists and cards,
 *   imports and exports files, records progress, prints letters, sets the pickup deadlines and the
 *   contact printed on letters, runs the booking site;
 * - only its department administrator (or a sys-admin member, as everywhere: `isDepartmentAdmin`)
 *   changes how long personal data and uncollected cards are kept (the destruction and erasure
 *   periods) and confirms that cards were destroyed — the decisions the records-retention rules
 *   hold the department accountable for, as the per-service retention in reservations.
 *
 * A person outside the department gets 404 (ids cannot be probed); a member without the role 403.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import { assertDepartmentAccess, isDepartmentAdmin, readableDepartmentIds } from '../staff/index.js';
import { cardMessages } from './card.messages.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

export type CardAction =
  /** Lists, search, card details, overdue and destruction lists, the booking site's pages. */
  | 'view'
  /** Everyday work: imports, exports, state changes, notes, letters, mapping, pickup places, phone bookings, unlocking. */
  | 'process'
  /** Pickup deadlines and the office contact printed on letters. */
  | 'change-deadlines'
  /** Destruction periods and the personal-data retention period. */
  | 'change-lifecycle'
  /** Marking cards as destroyed. */
  | 'confirm-destruction';

const ADMIN_ACTIONS: ReadonlySet<CardAction> = new Set<CardAction>(['change-lifecycle', 'confirm-destruction']);

/** Throws 404 when the person is not a member of the department, 403 when their role does not allow the action. */
export function assertCan(actor: ActorLike, action: CardAction, departmentId: string): void {
  assertDepartmentAccess(actor, departmentId);
  if (ADMIN_ACTIONS.has(action) && !isDepartmentAdmin(actor, departmentId)) throw forbidden(action);
}

export function can(actor: ActorLike, action: CardAction, departmentId: string): boolean {
  if (!readableDepartmentIds(actor).includes(departmentId)) return false;
  return !ADMIN_ACTIONS.has(action) || isDepartmentAdmin(actor, departmentId);
}

/** The departments whose card office or booking site the person may open (then `officeOf`/`siteDepartmentOf` pick one). */
export function cardDepartmentIds(actor: ActorLike): string[] {
  return readableDepartmentIds(actor);
}

function forbidden(action: CardAction) {
  return errors.forbidden(
    cardMessages.text(action === 'confirm-destruction' ? 'onlyAdminConfirmsDestruction' : 'onlyAdminChangesLifecycle'),
  );
}
