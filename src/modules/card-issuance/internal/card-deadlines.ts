/**
 * Pickup deadlines per card office (domain-japan.md §1.4): a card not picked up counts as overdue
 * `notice_deadline_days` after its first notice (交付通知書), or — once re-noticed (a second
 * transition into letter_sent, e.g. after a returned notice) — `renotice_deadline_days` after the
 * latest notice. Overdue cards are those still waiting (letter sent, booked, returned or marked
 * uncollected) past that day. The daily lifecycle job (card-lifecycle.job.ts) moves overdue cards in
 * letter_sent or returned to uncollected; booked cards stay for staff to check (see there why).
 * Destruction stays a staff decision (state change, audited).
 */
import type { Queryable } from '../../../platform/db.js';
import type { CardState } from './card-states.js';

export type CardDeadlines = { noticeDeadlineDays: number; renoticeDeadlineDays: number };
export const WAITING_STATES: CardState[] = ['letter_sent', 'booked', 'returned', 'uncollected'];

export async function getCardDeadlines(q: Queryable, departmentId: string): Promise<CardDeadlines | undefined> {
  const r = await q.query<{ notice_deadline_days: number; renotice_deadline_days: number }>(
    'SELECT notice_deadline_days, renotice_deadline_days FROM card_int_settings WHERE department_id = $1',
    [departmentId],
  );
  const row = r.rows[0];
  return row ? { noticeDeadlineDays: row.notice_deadline_days, renoticeDeadlineDays: row.renotice_deadline_days } : undefined;
}

/** Updates the deadlines; false when the department runs no card office. The CHECKs bound the values. */
export async function setCardDeadlines(q: Queryable, departmentId: string, d: CardDeadlines, now: Date): Promise<boolean> {
  const r = await q.query(
    'UPDATE card_int_settings SET notice_deadline_days = $2, renotice_deadline_days = $3, updated_at = $4 WHERE department_id = $1',
    [departmentId, d.noticeDeadlineDays, d.renoticeDeadlineDays, now],
  );
  return r.rowCount === 1;
}

/**
 * SQL pieces shared by the overdue list and the lifecycle job, so both agree on the deadline. Join
 * `NOTICES_SQL` after `card_int_cards c` and `card_int_settings s`; `DEADLINE_SQL` is then the card's deadline.
 */
export const NOTICES_SQL = `CROSS JOIN LATERAL (SELECT count(*)::int AS notices, min(l.changed_at) AS first_at
  FROM card_int_state_log l WHERE l.card_id = c.id AND l.to_state = 'letter_sent') nt`;
export const DEADLINE_SQL = `(CASE WHEN nt.notices > 1 THEN c.letter_sent_at + make_interval(days => s.renotice_deadline_days)
  ELSE COALESCE(nt.first_at, c.letter_sent_at) + make_interval(days => s.notice_deadline_days) END)`;

export type OverdueCard = {
  id: string;
  controlNo: string;
  state: CardState;
  firstNoticeAt: Date;
  lastNoticeAt: Date;
  renoticed: boolean;
  deadline: Date;
};

/** Cards of the department still waiting past their deadline at `now`, oldest deadline first (ids and dates only). */
export async function overdueCards(q: Queryable, departmentId: string, now: Date, limit = 1000): Promise<OverdueCard[]> {
  const r = await q.query<{
    id: string;
    control_no: string;
    state: CardState;
    first_at: Date;
    last_at: Date;
    notices: number;
    deadline: Date;
  }>(
    `SELECT c.id, c.control_no, c.state, c.letter_sent_at AS last_at, COALESCE(nt.first_at, c.letter_sent_at) AS first_at, nt.notices,
       ${DEADLINE_SQL} AS deadline
     FROM card_int_cards c JOIN card_int_settings s ON s.department_id = c.department_id ${NOTICES_SQL}
     WHERE c.department_id = $1 AND c.state = ANY($2::text[]) AND c.letter_sent_at IS NOT NULL AND ${DEADLINE_SQL} < $3
     ORDER BY deadline, c.control_no LIMIT $4`,
    [departmentId, WAITING_STATES, now, limit],
  );
  return r.rows.map((x) => ({
    id: x.id,
    controlNo: x.control_no,
    state: x.state,
    firstNoticeAt: x.first_at,
    lastNoticeAt: x.last_at,
    renoticed: x.notices > 1,
    deadline: x.deadline,
  }));
}
