/** Loads the rules of a service for a day (the only I/O the rules need: calendar exceptions). */
import type { Queryable } from '../../platform/db.js';
import { isCalendarInstant } from './holidays.js';
import { jstDate } from '../../platform/japan-time.js';
import type { ServiceRules } from './rules.js';
import { loadExceptions, rulesOf, type Service } from './services.repository.js';

export { findSlot, windowProblem } from './rules.js';

export async function findRulesForDay(q: Queryable, service: Service, start: Date): Promise<ServiceRules> {
  // an invalid or far-away instant is no slot; it must not reach the database (PGlite cannot hold year 10000+)
  if (!isCalendarInstant(start)) return rulesOf(service, []);
  const day = jstDate(start);
  return rulesOf(service, await loadExceptions(q, service.id, day, day));
}
