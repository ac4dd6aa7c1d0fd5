/**
 * Per-office lifecycle settings (domain-japan.md §1.4, migration 0034): when an uncollected card is due
 * for destruction, and how long personal data is kept after a card was issued or destroyed. The bounds
 * live in the schema below and in the table's CHECKs.
 */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import type { Queryable } from '../../../platform/db.js';
import { cardSettingsMessages } from './staff/card-settings.messages.js';

const days = (min: number, max: number) => {
  const range = zodMessage(cardSettingsMessages, 'daysRange', { min, max });
  return z
    .string()
    .trim()
    .regex(/^[0-9]{1,5}$/, range)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));
};

/** The settings form (strings in, whole days out). */
export const cardLifecycleSchema = z.object({
  /** Days after a card became uncollected (未受取) until it is due for destruction. */
  destroyAfterDays: days(0, 1095),
  /** A card is kept at least this many days after it arrived from J-LIS ("about a year since application"). */
  destroyMinDaysAfterReceipt: days(0, 1095),
  /** Days after issue or destruction until the card's personal data is erased. */
  personalRetentionDays: days(30, 7300),
});
export type CardLifecycle = z.output<typeof cardLifecycleSchema>;

type Row = { destroy_after_days: number; destroy_min_days_after_receipt: number; personal_retention_days: number };

export async function getCardLifecycle(q: Queryable, departmentId: string): Promise<CardLifecycle | undefined> {
  const r = await q.query<Row>(
    'SELECT destroy_after_days, destroy_min_days_after_receipt, personal_retention_days FROM card_int_settings WHERE department_id = $1',
    [departmentId],
  );
  const row = r.rows[0];
  return row
    ? {
        destroyAfterDays: row.destroy_after_days,
        destroyMinDaysAfterReceipt: row.destroy_min_days_after_receipt,
        personalRetentionDays: row.personal_retention_days,
      }
    : undefined;
}

/** Updates the settings; false when the department runs no card office. */
export async function setCardLifecycle(q: Queryable, departmentId: string, s: CardLifecycle, now: Date): Promise<boolean> {
  const r = await q.query(
    `UPDATE card_int_settings SET destroy_after_days = $2, destroy_min_days_after_receipt = $3, personal_retention_days = $4, updated_at = $5
     WHERE department_id = $1`,
    [departmentId, s.destroyAfterDays, s.destroyMinDaysAfterReceipt, s.personalRetentionDays, now],
  );
  return r.rowCount === 1;
}
