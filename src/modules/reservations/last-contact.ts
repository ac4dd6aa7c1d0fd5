/**
 * The contact details (name, phone, e-mail — never the per-service answers) of a LINE user's most
 * recent booking that still holds personal data, to prefill a new booking form when the person asks
 * for it. Only ever called with a LINE user id verified by the server (LIFF ID token).
 */
import type { AppContext } from '../../platform/context.js';
import { CONTEXTS } from './reservations.repository.js';

export type LastContact = { name: string; phone: string; email: string | null };

export async function lastContactOfLineUser(ctx: AppContext, lineUserId: string): Promise<LastContact | null> {
  const r = await ctx.db.query<{ name_enc: string; phone_enc: string; email_enc: string | null }>(
    `SELECT name_enc, phone_enc, email_enc FROM rsv_reservations
     WHERE line_user_id = $1 AND anonymised_at IS NULL AND name_enc IS NOT NULL AND phone_enc IS NOT NULL
     ORDER BY created_at DESC LIMIT 1`,
    [lineUserId],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    name: ctx.crypto.decrypt(row.name_enc, CONTEXTS.name),
    phone: ctx.crypto.decrypt(row.phone_enc, CONTEXTS.phone),
    email: row.email_enc ? ctx.crypto.decrypt(row.email_enc, CONTEXTS.email) : null,
  };
}
