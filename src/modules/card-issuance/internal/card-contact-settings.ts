/**
 * Per-office contact printed on the card letters (migration 0038): the counter's name, its telephone
 * number and opening hours. The bounds live in the schema below and in the table's CHECKs.
 */
import { z } from 'zod';
import { msg } from '../../../http/validation.js';
import type { Queryable } from '../../../platform/db.js';

const HYPHENS = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g;
const CONTROL = /[\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex

/** The settings form (strings in, cleaned strings out). Empty fields are allowed: the letter leaves them out. */
export const cardContactSchema = z.object({
  contactOffice: z.string().trim().max(60, msg({ ja: '60文字以内で入力してください。', en: 'Use at most 60 characters.' }))
    .refine((v) => !CONTROL.test(v), msg({ ja: '使えない文字が含まれています。', en: 'Contains characters that cannot be used.' })),
  contactPhone: z.string().transform((v) => v.normalize('NFKC').replace(HYPHENS, '-').replace(/\s+/g, ''))
    .pipe(z.string().regex(/^([0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4})?$/, msg({ ja: '市外局番から、ハイフン区切りで入力してください（例: 0123-45-6789）。', en: 'Enter the number with its area code, separated by hyphens (e.g. 0123-45-6789).' }))),
  contactHours: z.string().trim().max(100, msg({ ja: '100文字以内で入力してください。', en: 'Use at most 100 characters.' }))
    .refine((v) => !CONTROL.test(v), msg({ ja: '使えない文字が含まれています。', en: 'Contains characters that cannot be used.' })),
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
