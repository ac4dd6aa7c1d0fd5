/**
 * Per-office contact printed on the card letters (migration 0038): the counter's name, its telephone
 * number and opening hours. The bounds live in the schema below and in the table's CHECKs.
 */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import type { Queryable } from '../../../platform/db.js';
import { cardSettingsMessages } from './staff/card-settings.messages.js';

const HYPHENS = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g;
const CONTROL = /[\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex

/** The settings form (strings in, cleaned strings out). Empty fields are allowed: the letter leaves them out. */
export const cardContactSchema = z.object({
  contactOffice: z
    .string()
    .trim()
    .max(60, zodMessage(cardSettingsMessages, 'contactTooLong', { max: 60 }))
    .refine((v) => !CONTROL.test(v), zodMessage(cardSettingsMessages, 'contactBadCharacters')),
  contactPhone: z
    .string()
    .transform((v) => v.normalize('NFKC').replace(HYPHENS, '-').replace(/\s+/g, ''))
    .pipe(z.string().regex(/^([0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4})?$/, zodMessage(cardSettingsMessages, 'contactPhoneFormat'))),
  contactHours: z
    .string()
    .trim()
    .max(100, zodMessage(cardSettingsMessages, 'contactTooLong', { max: 100 }))
    .refine((v) => !CONTROL.test(v), zodMessage(cardSettingsMessages, 'contactBadCharacters')),
});
export type CardContact = z.output<typeof cardContactSchema>;

export async function getCardContact(q: Queryable, departmentId: string): Promise<CardContact | undefined> {
  const r = await q.query<{ contact_office: string; contact_phone: string; contact_hours: string }>(
    'SELECT contact_office, contact_phone, contact_hours FROM card_int_settings WHERE department_id = $1',
    [departmentId],
  );
  const row = r.rows[0];
  return row ? { contactOffice: row.contact_office, contactPhone: row.contact_phone, contactHours: row.contact_hours } : undefined;
}

/** Updates the contact; false when the department runs no card office. */
export async function setCardContact(q: Queryable, departmentId: string, c: CardContact, now: Date): Promise<boolean> {
  const r = await q.query(
    'UPDATE card_int_settings SET contact_office = $2, contact_phone = $3, contact_hours = $4, updated_at = $5 WHERE department_id = $1',
    [departmentId, c.contactOffice, c.contactPhone, c.contactHours, now],
  );
  return r.rowCount === 1;
}
