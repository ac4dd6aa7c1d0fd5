/**
 * The life of a card in the internal zone, as a table of allowed transitions. Pure.
 *
 *   received → setup_done → letter_sent → booked → issued
 *   letter_sent/booked/returned/uncollected → issued (a person may come without a booking)
 *   letter_sent → returned (notice undeliverable) → letter_sent (re-notice)
 *   letter_sent/booked/returned → uncollected → destroyed; booked → letter_sent (booking cancelled)
 */
import type { Text } from '../../../http/i18n.js';
import { cardStateMessages } from './card-states.messages.js';

export const CARD_STATES = ['received', 'setup_done', 'letter_sent', 'booked', 'issued', 'returned', 'destroyed', 'uncollected'] as const;
export type CardState = (typeof CARD_STATES)[number];

/** The states' names in both languages (card-states.messages.ts). */
export const STATE_LABELS: Record<CardState, Text> = cardStateMessages.messages;

/** The timestamp column set when a card enters a state. */
export const STATE_COLUMN: Record<CardState, string> = {
  received: 'received_at',
  setup_done: 'setup_done_at',
  letter_sent: 'letter_sent_at',
  booked: 'booked_at',
  issued: 'issued_at',
  returned: 'returned_at',
  destroyed: 'destroyed_at',
  uncollected: 'uncollected_at',
};

const NEXT: Record<CardState, CardState[]> = {
  received: ['setup_done', 'letter_sent', 'destroyed'],
  setup_done: ['letter_sent', 'issued', 'destroyed'],
  letter_sent: ['letter_sent', 'booked', 'issued', 'returned', 'uncollected'],
  booked: ['booked', 'issued', 'letter_sent', 'uncollected'],
  returned: ['letter_sent', 'issued', 'uncollected', 'destroyed'],
  uncollected: ['letter_sent', 'issued', 'destroyed'],
  issued: [],
  destroyed: [],
};

export function canMove(from: CardState, to: CardState): boolean {
  return NEXT[from].includes(to);
}

/** States a card may be in to move to `to` (for conditional bulk updates). */
export function statesBefore(to: CardState): CardState[] {
  return CARD_STATES.filter((s) => canMove(s, to));
}

/** Cards whose credentials go to the booking site: not issued, returned or destroyed. */
export const BUNDLE_STATES: CardState[] = ['received', 'setup_done', 'letter_sent', 'booked', 'uncollected'];

/** States in which a letter may be printed (re-prints included). */
export const LETTER_STATES: CardState[] = ['received', 'setup_done', 'letter_sent', 'returned', 'uncollected'];

export const isCardState = (s: string): s is CardState => (CARD_STATES as readonly string[]).includes(s);
