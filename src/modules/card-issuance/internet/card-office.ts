/**
 * What the booking site knows of each card office (card_net_offices, filled from the signed bundle's
 * manifest): the contact its letters print, for the mails and pages, and its password policy, for the
 * keypad phones offer. The internet zone never reads the internal zone's settings.
 */
import type { Queryable } from '../../../platform/db.js';
import type { PasswordPolicy } from '../shared/password.js';
import type { Lang } from '../../../platform/i18n.js';
import { officeContactMessages as m } from './office-contact.messages.js';

export type OfficeContact = { contactOffice: string; contactPhone: string; contactHours: string };
export type NetOffice = OfficeContact & { passwordPolicy: PasswordPolicy };
export type Keypad = 'numeric' | 'text';

type Row = { contact_office: string; contact_phone: string; contact_hours: string; login_policy: PasswordPolicy };
const toOffice = (r: Row): NetOffice => ({
  contactOffice: r.contact_office,
  contactPhone: r.contact_phone,
  contactHours: r.contact_hours,
  passwordPolicy: r.login_policy,
});
const COLUMNS = 'o.contact_office, o.contact_phone, o.contact_hours, o.login_policy';

export async function officeOfDepartment(q: Queryable, departmentId: string): Promise<NetOffice | undefined> {
  const r = await q.query<Row>(`SELECT ${COLUMNS} FROM card_net_offices o WHERE o.department_id = $1`, [departmentId]);
  return r.rows[0] ? toOffice(r.rows[0]) : undefined;
}

/** The office of the card a citizen logged in with. */
export async function officeOfCard(q: Queryable, reservationId: string): Promise<NetOffice | undefined> {
  const r = await q.query<Row>(
    `SELECT ${COLUMNS} FROM card_net_offices o JOIN card_net_cards c ON c.department_id = o.department_id WHERE c.reservation_id = $1`,
    [reservationId],
  );
  return r.rows[0] ? toOffice(r.rows[0]) : undefined;
}

/**
 * The keypad for card passwords before anyone has logged in. The log-in page cannot ask which office
 * a typed id belongs to (that would tell whether the id exists), so it asks every office the site
 * knows: all birthday → numeric; any random → the full keyboard (a numeric keypad cannot type letters);
 * none known → the site setting (`fallback`, card_net_login_settings.login_keypad).
 */
export async function siteKeypad(q: Queryable, fallback: Keypad): Promise<Keypad> {
  const r = await q.query<{ login_policy: PasswordPolicy }>('SELECT DISTINCT login_policy FROM card_net_offices');
  if (r.rows.length === 0) return fallback;
  return keypadFor(r.rows.map((x) => x.login_policy));
}

/** Pure: the keypad that can type every password of these policies. */
export function keypadFor(policies: readonly PasswordPolicy[]): Keypad {
  return policies.every((p) => p === 'birthday') ? 'numeric' : 'text';
}

/** Pure: the office, its phone and its hours as the letter prints them; [] when the office has filled in nothing. */
export function contactParts(c: OfficeContact | undefined, lang: Lang): string[] {
  if (!c) return [];
  return [
    c.contactOffice,
    c.contactPhone ? m.t(lang, 'phone', { phone: c.contactPhone }) : '',
    c.contactHours ? m.t(lang, 'hours', { hours: c.contactHours }) : '',
  ].filter(Boolean);
}

/** Pure: the one contact line of a mail, or '' when the office has filled in nothing. */
export function contactLine(c: OfficeContact | undefined, lang: Lang): string {
  const parts = contactParts(c, lang);
  if (parts.length === 0) return '';
  return m.t(lang, 'line', { parts: parts.join(m.t(lang, 'partSeparator')) });
}
