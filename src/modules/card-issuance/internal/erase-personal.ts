/**
 * Erasure after the retention period: `personal_retention_days` (per office) after a card was issued
 * or destroyed, its personal data goes — the personal envelope is replaced by one of empty fields (so
 * every reader keeps working), blind indexes, password, verifier, booking contact, household group and
 * staff notes are removed — and personal_erased_at is set. Control number, shipping number, state,
 * dates and booking place/time stay for statistics. Migration 0034's CHECKs hold the invariant.
 */
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import type { Queryable } from '../../../platform/db.js';
import { encryptPersonal } from './card-personal.js';

export const ERASABLE_STATES = ['issued', 'destroyed'] as const;

/** Erases the department's cards past retention at `now`, in batches; returns how many. */
export async function eraseExpiredPersonal(
  crypto: FieldCrypto,
  tx: Queryable,
  departmentId: string,
  now: Date,
  batch = 500,
): Promise<number> {
  const empty = encryptPersonal(crypto, { name: '', kana: '', birthDate: '', sex: '9', postalCode: '', address: '', applicationId: '' });
  let erased = 0;
  for (;;) {
    const r = await tx.query<{ id: string }>(
      `UPDATE card_int_cards c SET personal_enc = $4, kana_bidx = NULL, birth_bidx = NULL, address_bidx = NULL, application_bidx = NULL,
         password_enc = NULL, verifier = NULL, booking_email_enc = NULL, booking_memo_enc = NULL, booking_group = NULL, personal_erased_at = $2
       WHERE c.id IN (
         SELECT c2.id FROM card_int_cards c2 JOIN card_int_settings s ON s.department_id = c2.department_id
         WHERE c2.department_id = $1 AND c2.personal_erased_at IS NULL AND c2.state = ANY($5::text[])
           AND COALESCE(c2.destroyed_at, c2.issued_at) < $2::timestamptz - make_interval(days => s.personal_retention_days)
         ORDER BY c2.id LIMIT $3 FOR UPDATE OF c2 SKIP LOCKED)
         AND c.personal_erased_at IS NULL AND c.state = ANY($5::text[])
       RETURNING c.id`,
      [departmentId, now, batch, empty, ERASABLE_STATES],
    );
    const ids = r.rows.map((x) => x.id);
    if (ids.length) await tx.query('DELETE FROM card_int_notes WHERE card_id = ANY($1::uuid[])', [ids]);
    erased += ids.length;
    if (ids.length < batch) return erased;
  }
}
