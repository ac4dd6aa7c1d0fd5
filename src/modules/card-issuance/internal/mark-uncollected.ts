/**
 * 未受取 (uncollected): cards past their pickup deadline that are still waiting in letter_sent or
 * returned move to uncollected, one conditional UPDATE per batch (the state is checked again in the
 * UPDATE's WHERE), with a state-log row each.
 *
 * Booked cards are left alone, even once the booking's date has passed: the person may have picked the
 * card up while the 交付済結果 (issued result) is not imported yet, and an uncollected card heads for
 * destruction. A booked card past its deadline stays on the overdue list for staff to check; staff move
 * a no-show by hand (or the booking file's cancellation moves it back to letter_sent, and the next run
 * takes it).
 */
import type { Queryable } from '../../../platform/db.js';
import { DEADLINE_SQL, NOTICES_SQL } from './card-deadlines.js';
import type { CardState } from './card-states.js';
import { logStates } from './import-bookings.js';

export const AUTO_UNCOLLECTED_FROM: CardState[] = ['letter_sent', 'returned'];

/** Moves the department's overdue cards to uncollected at `now`; returns how many moved. */
export async function markUncollected(tx: Queryable, departmentId: string, now: Date, batch = 1000): Promise<number> {
  let moved = 0;
  for (;;) {
    const r = await tx.query<{ id: string; from_state: CardState }>(
      `WITH due AS (
         SELECT c.id, c.state FROM card_int_cards c JOIN card_int_settings s ON s.department_id = c.department_id ${NOTICES_SQL}
         WHERE c.department_id = $1 AND c.state = ANY($2::text[]) AND c.letter_sent_at IS NOT NULL AND ${DEADLINE_SQL} < $3
         ORDER BY c.id LIMIT $4 FOR UPDATE OF c SKIP LOCKED)
       UPDATE card_int_cards c SET state = 'uncollected', uncollected_at = $3, state_changed_at = $3
       FROM due WHERE c.id = due.id AND c.department_id = $1 AND c.state = ANY($2::text[])
       RETURNING c.id, due.state AS from_state`,
      [departmentId, AUTO_UNCOLLECTED_FROM, now, batch],
    );
    await logStates(
      tx,
      departmentId,
      r.rows.map((x) => ({ id: x.id, from: x.from_state })),
      'uncollected',
      now,
      'lifecycle',
    );
    moved += r.rows.length;
    if (r.rows.length < batch) return moved;
  }
}
