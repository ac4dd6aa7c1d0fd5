/**
 * Builds the signed bundle for the internet zone: for each card that has credentials and is not
 * issued, returned or destroyed (optionally narrowed by state), the reservation id, the password
 * verifier (argon2id; never the password) and the shipping number; and in the manifest, the office's
 * contact as its letters print it and its password policy (for the phone keypad). Nothing else leaves the zone.
 * Verifiers are computed once per card and cached (argon2 is deliberately slow).
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { writeExchangeFile } from '../shared/exchange-file.js';
import { internalSigningKey } from '../shared/zone-keys.js';
import { birthdayPassword, makeVerifier } from '../shared/password.js';
import { decryptPersonal, decryptText } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { BUNDLE_STATES, type CardState } from './card-states.js';
import { getCardContact } from './card-contact-settings.js';

export type BundleRow = { id: string; v: string; s: string };

/** Computes and stores missing verifiers, in parallel batches; returns how many were computed. */
export async function ensureVerifiers(ctx: AppContext, departmentId: string, states: CardState[]): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await ctx.db.query<{ id: string; password_policy: string; personal_enc: string; password_enc: string | null }>(
      `SELECT id, password_policy, personal_enc, password_enc FROM card_int_cards
       WHERE department_id = $1 AND verifier IS NULL AND state = ANY($2::text[]) ORDER BY id LIMIT 2000`,
      [departmentId, states],
    );
    if (r.rows.length === 0) return total;
    const computed: { id: string; verifier: string }[] = [];
    for (let i = 0; i < r.rows.length; i += 64) {
      const chunk = r.rows.slice(i, i + 64);
      computed.push(
        ...(await Promise.all(
          chunk.map(async (c) => {
            const password =
              c.password_policy === 'random'
                ? decryptText(ctx.crypto, c.password_enc as string, 'password')
                : birthdayPassword(decryptPersonal(ctx.crypto, c.personal_enc).birthDate);
            return { id: c.id, verifier: await makeVerifier(password) };
          }),
        )),
      );
    }
    // Only fills an empty verifier: a concurrent export computing the same card changes nothing.
    await ctx.db.query(
      `UPDATE card_int_cards c SET verifier = v.verifier FROM unnest($1::uuid[], $2::text[]) AS v(id, verifier)
       WHERE c.id = v.id AND c.verifier IS NULL`,
      [computed.map((c) => c.id), computed.map((c) => c.verifier)],
    );
    total += computed.length;
  }
}

export async function exportBundle(
  ctx: AppContext,
  o: { settings: CardSettings; states?: CardState[]; actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<{ text: string; bundleId: string; sequence: number; cards: number; sha256: string }> {
  const key = internalSigningKey(ctx);
  const states = (o.states ?? BUNDLE_STATES).filter((s) => BUNDLE_STATES.includes(s));
  await ensureVerifiers(ctx, o.settings.departmentId, states);
  return ctx.db.transaction(async (tx: Queryable) => {
    const now = ctx.clock.now();
    const cards = await tx.query<{ control_no: string; verifier: string; shipping_no: string; password_policy: string }>(
      `SELECT control_no, verifier, shipping_no, password_policy FROM card_int_cards
       WHERE department_id = $1 AND state = ANY($2::text[]) AND verifier IS NOT NULL ORDER BY control_no`,
      [o.settings.departmentId, states],
    );
    const seq = await tx.query<{ next: number }>('SELECT COALESCE(max(sequence), 0) + 1 AS next FROM card_int_bundle_exports');
    const sequence = Number(seq.rows[0]?.next ?? 1);
    const bundleId = crypto.randomUUID();
    const rows: BundleRow[] = cards.rows.map((c) => ({ id: c.control_no, v: c.verifier, s: c.shipping_no }));
    const contact = await getCardContact(tx, o.settings.departmentId);
    // The cards' own policy decides (a policy change applies only to cards imported after it): one random
    // password among them needs the full keyboard.
    const passwordPolicy =
      cards.rows.length === 0 ? o.settings.passwordPolicy : cards.rows.some((c) => c.password_policy === 'random') ? 'random' : 'birthday';
    const office = {
      contactOffice: contact?.contactOffice ?? '',
      contactPhone: contact?.contactPhone ?? '',
      contactHours: contact?.contactHours ?? '',
      passwordPolicy,
    } as const;
    const file = writeExchangeFile(
      {
        kind: 'card-bundle',
        fileId: bundleId,
        sequence,
        createdAt: now.toISOString(),
        department: o.settings.departmentCode,
        office,
        parts: { cards: rows },
      },
      key,
    );
    // The unique sequence makes two concurrent exports fail rather than share a number.
    await tx.query(
      `INSERT INTO card_int_bundle_exports (bundle_id, department_id, sequence, card_count, sha256, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [bundleId, o.settings.departmentId, sequence, rows.length, file.sha256, now, o.actor.id ?? o.actor.type],
    );
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.bundle.export',
        departmentId: o.settings.departmentId,
        recordType: 'card_bundle',
        recordId: bundleId,
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { sequence, cards: rows.length, sha256: file.sha256, states },
      },
      now,
    );
    return { text: file.text, bundleId, sequence, cards: rows.length, sha256: file.sha256 };
  });
}
