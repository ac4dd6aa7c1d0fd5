/**
 * Matching the internet zone's booking list to cards. Pure: the caller loads (and locks) the cards
 * named in the file and applies the outcome.
 */
import type { CardState } from './card-states.js';

export type BookingRow = {
  bookingRef: string;
  reservationId: string;
  location: string;
  locationName: string;
  start: string;
  end: string;
  status: 'booked' | 'cancelled';
  email: string | null;
  group: string[];
  memo: string | null;
};

export type CardForMatch = { id: string; controlNo: string; state: CardState; bookingRef: string | null };

export type MatchProblem = { reservationId: string; bookingRef: string; reason: 'unmatched' | 'state_conflict' | 'duplicate_in_file' };

export type MatchOutcome = {
  book: { card: CardForMatch; row: BookingRow }[];
  cancel: { card: CardForMatch; row: BookingRow }[];
  unchanged: number;
  problems: MatchProblem[];
};

const BOOKABLE: CardState[] = ['received', 'setup_done', 'letter_sent', 'booked', 'uncollected'];

export function matchBookings(rows: BookingRow[], cards: Map<string, CardForMatch>): MatchOutcome {
  const out: MatchOutcome = { book: [], cancel: [], unchanged: 0, problems: [] };
  const activeCount = new Map<string, number>();
  for (const r of rows) if (r.status === 'booked') activeCount.set(r.reservationId, (activeCount.get(r.reservationId) ?? 0) + 1);
  for (const row of rows) {
    const card = cards.get(row.reservationId);
    if (!card) {
      out.problems.push({ reservationId: row.reservationId, bookingRef: row.bookingRef, reason: 'unmatched' });
      continue;
    }
    if (row.status === 'booked') {
      if ((activeCount.get(row.reservationId) ?? 0) > 1) {
        out.problems.push({ reservationId: row.reservationId, bookingRef: row.bookingRef, reason: 'duplicate_in_file' });
        continue;
      }
      if (!BOOKABLE.includes(card.state)) {
        out.problems.push({ reservationId: row.reservationId, bookingRef: row.bookingRef, reason: 'state_conflict' });
        continue;
      }
      if (card.state === 'booked' && card.bookingRef === row.bookingRef) out.unchanged++;
      else out.book.push({ card, row });
    } else {
      // A cancellation only undoes the booking it names; an older cancelled booking changes nothing.
      if (card.state === 'booked' && card.bookingRef === row.bookingRef && !(activeCount.get(row.reservationId) ?? 0))
        out.cancel.push({ card, row });
      else out.unchanged++;
    }
  }
  return out;
}
