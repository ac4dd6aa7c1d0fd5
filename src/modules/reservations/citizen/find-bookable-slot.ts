/**
 * What the citizen booking steps look up before they render: the service being booked (active,
 * not a card pickup location) and the slot a form or link names. Reads only; the booking itself is
 * bookSlot.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { m } from '../messages.js';
import { findRulesForDay, findSlot, windowProblem } from '../rules-loader.js';
import type { WindowProblem } from '../rules.js';
import { availabilityOf } from '../availability.js';
import type { Service } from '../services.repository.js';

/** The service a citizen may book, or 404 (unknown, inactive or a card pickup location). */
export async function findActiveService(ctx: AppContext, id: string): Promise<Service> {
  // the booking's own cache (the API's too): an opening rush reads the service once per TTL, not per page
  const s = await availabilityOf(ctx).service(ctx.db, id);
  if (!s || !s.isActive || s.kind === 'card_pickup') throw errors.notFound(m.serviceUnknown);
  return s;
}

export type BookableSlot = { slot: { start: Date; end: Date }; problem: WindowProblem | null };

/**
 * The slot a start names, with what keeps it from being booked now (past, not open yet, too late),
 * or null when it names none (not a date, far past or future, not on the schedule).
 */
export async function findBookableSlot(ctx: AppContext, service: Service, start: string | undefined): Promise<BookableSlot | null> {
  const at = new Date(start ?? '');
  const rules = await findRulesForDay(ctx.db, service, at);
  const slot = findSlot(rules, at);
  if (!slot) return null;
  return { slot, problem: windowProblem(rules, slot.start, ctx.clock.now(), 'book') ?? null };
}
