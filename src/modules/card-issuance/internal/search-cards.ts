/**
 * Card search for staff: exact matches only, through the blind indexes (kana, birth date, address,
 * application id) or plain numbers (control and shipping numbers). The values are encrypted, so a
 * prefix or partial search is not possible. Every search and every view writes an audit record
 * naming the criteria used (never their values) and the card ids found.
 */
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { normaliseNumber, normaliseReservationId, parseBirthDate } from '../shared/normalise.js';
import { cardIndex, decryptPersonal, decryptText, type Personal } from './card-personal.js';
import type { CardState } from './card-states.js';

export type CardCriteria = { kana?: string; birthDate?: string; address?: string; number?: string };

export type CardSummary = Personal & {
  id: string;
  controlNo: string;
  shippingNo: string;
  state: CardState;
  stateChangedAt: Date;
  letterPrintedAt: Date | null;
  bookingRef: string | null;
  bookingLocation: string | null;
  bookingStart: Date | null;
};

type Row = {
  id: string;
  control_no: string;
  shipping_no: string;
  state: CardState;
  state_changed_at: Date;
  letter_printed_at: Date | null;
  personal_enc: string;
  booking_ref: string | null;
  booking_location: string | null;
  booking_start: Date | null;
};

const COLS =
  'id, control_no, shipping_no, state, state_changed_at, letter_printed_at, personal_enc, booking_ref, booking_location, booking_start';

const toSummary = (ctx: AppContext, r: Row): CardSummary => ({
  ...decryptPersonal(ctx.crypto, r.personal_enc),
  id: r.id,
  controlNo: r.control_no,
  shippingNo: r.shipping_no,
  state: r.state,
  stateChangedAt: r.state_changed_at,
  letterPrintedAt: r.letter_printed_at,
  bookingRef: r.booking_ref,
  bookingLocation: r.booking_location,
  bookingStart: r.booking_start,
});

type Audit = { actor: AuditActor; clientIp?: string | null; requestId?: string | null };

/** One page of search results, with the number of cards found in all. */
export type CardSearchPage = { cards: CardSummary[]; total: number; page: number; hasNext: boolean };

/** Up to 200 cards matching every given criterion (the first page of searchCardsPage). */
export async function searchCards(
  ctx: AppContext,
  departmentId: string,
  c: CardCriteria,
  a: Audit,
): Promise<CardSummary[] | 'no_criteria' | 'bad_date'> {
  const r = await searchCardsPage(ctx, departmentId, c, a, { page: 1, pageSize: 200 });
  return typeof r === 'string' ? r : r.cards;
}

/**
 * The cards of the department matching every given criterion, by control number, one page at a time.
 * Every search is audited (criteria names, result count, the ids shown — never the values).
 */
export async function searchCardsPage(
  ctx: AppContext,
  departmentId: string,
  c: CardCriteria,
  a: Audit,
  paging: { page: number; pageSize: number },
): Promise<CardSearchPage | 'no_criteria' | 'bad_date'> {
  const where: string[] = [];
  const params: unknown[] = [departmentId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (c.kana?.trim()) add('kana_bidx = ?', cardIndex.kana(ctx.crypto, c.kana));
  if (c.birthDate?.trim()) {
    const d = parseBirthDate(c.birthDate);
    if (!d) return 'bad_date';
    add('birth_bidx = ?', cardIndex.birth(ctx.crypto, d));
  }
  if (c.address?.trim()) add('address_bidx = ?', cardIndex.address(ctx.crypto, c.address));
  if (c.number?.trim()) {
    params.push(normaliseReservationId(c.number), normaliseNumber(c.number), cardIndex.application(ctx.crypto, c.number));
    const n = params.length;
    where.push(`(control_no = $${n - 2} OR shipping_no = $${n - 1} OR application_bidx = $${n})`);
  }
  if (where.length === 0) return 'no_criteria';
  const page = Math.max(1, Math.floor(paging.page));
  params.push(paging.pageSize, (page - 1) * paging.pageSize);
  const n = params.length;
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<Row & { total: number }>(
      `SELECT ${COLS}, count(*) OVER ()::int AS total FROM card_int_cards WHERE department_id = $1 AND ${where.join(' AND ')}
       ORDER BY control_no LIMIT $${n - 1} OFFSET $${n}`,
      params,
    );
    // A page past the end still tells how many there are.
    const total =
      r.rows[0]?.total ??
      (page > 1
        ? (
            await tx.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM card_int_cards WHERE department_id = $1 AND ${where.join(' AND ')}`,
              params.slice(0, -2),
            )
          ).rows[0]!.n
        : 0);
    await recordAudit(
      tx,
      {
        ...a,
        action: 'card.search',
        departmentId,
        recordType: 'card',
        detail: {
          criteria: Object.keys(c).filter((k) => (c as Record<string, string | undefined>)[k]?.trim()),
          results: r.rows.length,
          cardIds: r.rows.map((x) => x.id),
        },
      },
      ctx.clock.now(),
    );
    return { cards: r.rows.map((x) => toSummary(ctx, x)), total, page, hasNext: (page - 1) * paging.pageSize + r.rows.length < total };
  });
}

export type CardDetail = CardSummary & {
  dates: Partial<Record<CardState, Date | null>>;
  passwordPolicy: string;
  letterPrintCount: number;
  bookingGroup: string[] | null;
  bookingEmail: string | null;
  bookingMemo: string | null;
  notes: { at: Date; body: string; by: string | null }[];
  /** When the personal data was erased after the retention period (the fields above are then empty). */
  erasedAt: Date | null;
};

export async function viewCard(ctx: AppContext, departmentIds: string[], cardId: string, a: Audit): Promise<CardDetail | undefined> {
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<Row & Record<string, unknown>>(
      `SELECT ${COLS}, department_id, received_at, setup_done_at, letter_sent_at, booked_at, issued_at, returned_at, destroyed_at, uncollected_at,
         password_policy, letter_print_count, booking_group, booking_email_enc, booking_memo_enc, personal_erased_at
       FROM card_int_cards WHERE id = $1 AND department_id = ANY($2::uuid[])`,
      [cardId, departmentIds],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    const notes = await tx.query<{ created_at: Date; body_enc: string; login_id: string | null }>(
      'SELECT n.created_at, n.body_enc, s.login_id FROM card_int_notes n LEFT JOIN staff s ON s.id = n.created_by WHERE n.card_id = $1 ORDER BY n.id',
      [cardId],
    );
    await recordAudit(
      tx,
      { ...a, action: 'card.view', departmentId: row.department_id as string, recordType: 'card', recordId: cardId },
      ctx.clock.now(),
    );
    const d = (k: string) => (row[k] as Date | null) ?? null;
    return {
      ...toSummary(ctx, row),
      dates: {
        received: d('received_at'),
        setup_done: d('setup_done_at'),
        letter_sent: d('letter_sent_at'),
        booked: d('booked_at'),
        issued: d('issued_at'),
        returned: d('returned_at'),
        destroyed: d('destroyed_at'),
        uncollected: d('uncollected_at'),
      },
      passwordPolicy: row.password_policy as string,
      letterPrintCount: row.letter_print_count as number,
      bookingGroup: (row.booking_group as string[] | null) ?? null,
      bookingEmail: row.booking_email_enc ? decryptText(ctx.crypto, row.booking_email_enc as string, 'booking_email') : null,
      bookingMemo: row.booking_memo_enc ? decryptText(ctx.crypto, row.booking_memo_enc as string, 'booking_memo') : null,
      notes: notes.rows.map((n) => ({ at: n.created_at, body: decryptText(ctx.crypto, n.body_enc, 'note'), by: n.login_id })),
      erasedAt: d('personal_erased_at'),
    };
  });
}
