/** Staff actions on one card (state change with its date, notes) and the dashboard counts. */
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { encryptText } from './card-personal.js';
import { STATE_COLUMN, statesBefore, type CardState } from './card-states.js';
import { logStates } from './import-bookings.js';

type Audit = { actor: AuditActor; clientIp?: string | null; requestId?: string | null };

/** Moves a card to `to` when the transition is allowed (conditional UPDATE); false otherwise. */
export async function changeCardState(ctx: AppContext, departmentId: string, cardId: string, to: CardState, a: Audit): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const old = await tx.query<{ state: CardState }>('SELECT state FROM card_int_cards WHERE id = $1 AND department_id = $2 FOR UPDATE', [
      cardId,
      departmentId,
    ]);
    const from = old.rows[0]?.state;
    const r = await tx.query(
      `UPDATE card_int_cards SET state = $3, ${STATE_COLUMN[to]} = $4, state_changed_at = $4 WHERE id = $1 AND department_id = $2 AND state = ANY($5::text[])`,
      [cardId, departmentId, to, now, statesBefore(to)],
    );
    if (r.rowCount === 0 || !from) return false;
    await logStates(tx, departmentId, [{ id: cardId, from }], to, now, 'staff');
    await recordAudit(
      tx,
      { ...a, action: 'card.state.change', departmentId, recordType: 'card', recordId: cardId, detail: { from, to } },
      now,
    );
    return true;
  });
}

export async function addCardNote(
  ctx: AppContext,
  departmentId: string,
  cardId: string,
  body: string,
  staffId: string,
  a: Audit,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const r = await tx.query(
      `INSERT INTO card_int_notes (card_id, body_enc, created_at, created_by) SELECT id, $3, $4, $5 FROM card_int_cards WHERE id = $1 AND department_id = $2`,
      [cardId, departmentId, encryptText(ctx.crypto, body, 'note'), now, staffId],
    );
    if (r.rowCount === 0) return false;
    await recordAudit(tx, { ...a, action: 'card.note.add', departmentId, recordType: 'card', recordId: cardId }, now);
    return true;
  });
}

export type Dashboard = {
  byState: Record<string, number>;
  byLocation: { location: string; count: number }[];
  byDay: { day: string; received: number; letters: number; booked: number; issued: number }[];
  total: number;
  unprintedLetters: number;
};

export async function cardDashboard(ctx: AppContext, departmentId: string, days = 14): Promise<Dashboard> {
  const s = await ctx.db.query<{ state: string; n: number }>(
    'SELECT state, count(*)::int AS n FROM card_int_cards WHERE department_id = $1 GROUP BY state',
    [departmentId],
  );
  const l = await ctx.db.query<{ location: string; n: number }>(
    `SELECT split_part(booking_location, '|', 2) AS location, count(*)::int AS n FROM card_int_cards
     WHERE department_id = $1 AND state = 'booked' GROUP BY 1 ORDER BY 1`,
    [departmentId],
  );
  const since = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const d = await ctx.db.query<{ day: string; received: number; letters: number; booked: number; issued: number }>(
    `WITH ev AS (
       SELECT (received_at AT TIME ZONE 'Asia/Tokyo')::date AS day, 'received' AS k FROM card_int_cards WHERE department_id = $1 AND received_at >= $2
       UNION ALL SELECT (changed_at AT TIME ZONE 'Asia/Tokyo')::date, to_state FROM card_int_state_log WHERE department_id = $1 AND changed_at >= $2)
     SELECT day::text AS day, count(*) FILTER (WHERE k = 'received')::int AS received, count(*) FILTER (WHERE k = 'letter_sent')::int AS letters,
       count(*) FILTER (WHERE k = 'booked')::int AS booked, count(*) FILTER (WHERE k = 'issued')::int AS issued
     FROM ev GROUP BY day ORDER BY day DESC`,
    [departmentId, since],
  );
  const u = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM card_int_cards WHERE department_id = $1 AND letter_printed_at IS NULL AND state IN ('received', 'setup_done', 'returned', 'uncollected', 'letter_sent')`,
    [departmentId],
  );
  const byState = Object.fromEntries(s.rows.map((r) => [r.state, r.n]));
  return {
    byState,
    byLocation: l.rows.map((r) => ({ location: r.location, count: r.n })),
    byDay: d.rows,
    total: s.rows.reduce((a, r) => a + r.n, 0),
    unprintedLetters: u.rows[0]?.n ?? 0,
  };
}
