/**
 * Imports the internal zone's signed bundle into the booking site. Refuses a tampered, truncated,
 * foreign (unknown key) or replayed (bundle id, or a sequence not above its department's last) file
 * before writing anything. A staff member may import only for a department they belong to
 * (`departmentIds`); otherwise the answer is 404 and nothing is written. The CLI (a system actor) may
 * import for any department. The bundle is a full snapshot: cards it no longer carries (issued,
 * returned, destroyed) can no longer log in. The manifest's `office` (contact and password policy), when
 * the bundle carries it, replaces what the site knew of the office; an older bundle without it leaves that as it was.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { errors } from '../../../http/errors.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { ExchangeFileError, readExchangeFile, replayed } from '../shared/exchange-file.js';
import { exchangeFileMessages } from '../shared/exchange-file.messages.js';
import { trustedByInternet } from '../shared/zone-keys.js';

const rowSchema = z
  .object({
    id: z.string().regex(/^[0-9A-Z]{4,32}$/),
    v: z.string().startsWith('$argon2id$').max(200),
    s: z.string().regex(/^[0-9A-Z]{1,40}$/),
  })
  .strict();

const CONTROL = /[\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex
const officeSchema = z
  .object({
    contactOffice: z
      .string()
      .max(60)
      .refine((v) => !CONTROL.test(v)),
    contactPhone: z.string().regex(/^([0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4})?$/),
    contactHours: z
      .string()
      .max(100)
      .refine((v) => !CONTROL.test(v)),
    passwordPolicy: z.enum(['birthday', 'random']),
  })
  .strict();

export type BundleImportResult = { bundleId: string; sequence: number; cards: number; deactivated: number; department: string };

export async function importBundle(
  ctx: AppContext,
  o: {
    text: string;
    actor: AuditActor;
    /** The departments a staff actor may import for (their memberships); required for staff actors. */
    departmentIds?: readonly string[];
    clientIp?: string | null;
    requestId?: string | null;
  },
): Promise<BundleImportResult> {
  const file = readExchangeFile(o.text, 'card-bundle', trustedByInternet(ctx));
  const department = file.manifest.department;
  const target = await ctx.db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [department]);
  const deptId = target.rows[0]?.id;
  // Someone else's department, or one that does not exist here: the same 404, before anything is written.
  if (o.actor.type !== 'system' && !(deptId && o.departmentIds?.includes(deptId))) throw errors.notFound();
  if (!deptId)
    throw new ExchangeFileError('wrong_kind', exchangeFileMessages.text('unknownDepartment', { department: String(department) }));
  const parsed = z.array(rowSchema).safeParse(file.parts.cards ?? []);
  if (!parsed.success)
    throw new ExchangeFileError(
      'bad_row',
      exchangeFileMessages.text('badCardRow', { row: String(parsed.error.issues[0]?.path[0] ?? '?') }),
    );
  const rows = parsed.data;
  const office = file.manifest.office === undefined ? undefined : officeSchema.safeParse(file.manifest.office);
  if (office && !office.success) throw new ExchangeFileError('bad_row', exchangeFileMessages.text('badOffice'));
  const { fileId, sequence } = file.manifest;
  try {
    return await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('card_net_bundle_imports'))");
      const seen = await tx.query<{ bundle_id: string }>(
        'SELECT bundle_id FROM card_net_bundle_imports WHERE bundle_id = $1 OR (department_id = $3 AND sequence >= $2) LIMIT 1',
        [fileId, sequence, deptId],
      );
      if (seen.rows[0]) throw replayed(seen.rows[0].bundle_id === fileId ? 'fileId' : 'sequence');
      await tx.query(
        'INSERT INTO card_net_bundle_imports (bundle_id, sequence, department_id, card_count, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6)',
        [fileId, sequence, deptId, rows.length, now, o.actor.id ?? o.actor.type],
      );
      for (let i = 0; i < rows.length; i += 5000) {
        const b = rows.slice(i, i + 5000);
        await tx.query(
          `INSERT INTO card_net_cards (reservation_id, department_id, verifier, shipping_no, is_active, bundle_id, updated_at)
           SELECT id, $1, v, s, true, $2, $3 FROM unnest($4::text[], $5::text[], $6::text[]) AS u(id, v, s)
           ON CONFLICT (reservation_id) DO UPDATE SET verifier = EXCLUDED.verifier, shipping_no = EXCLUDED.shipping_no,
             is_active = true, bundle_id = EXCLUDED.bundle_id, updated_at = EXCLUDED.updated_at, department_id = EXCLUDED.department_id`,
          [deptId, fileId, now, b.map((r) => r.id), b.map((r) => r.v), b.map((r) => r.s)],
        );
      }
      if (office?.success) {
        const o = office.data;
        await tx.query(
          `INSERT INTO card_net_offices (department_id, contact_office, contact_phone, contact_hours, login_policy, bundle_id, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (department_id) DO UPDATE SET contact_office = EXCLUDED.contact_office, contact_phone = EXCLUDED.contact_phone,
             contact_hours = EXCLUDED.contact_hours, login_policy = EXCLUDED.login_policy, bundle_id = EXCLUDED.bundle_id, updated_at = EXCLUDED.updated_at`,
          [deptId, o.contactOffice, o.contactPhone, o.contactHours, o.passwordPolicy, fileId, now],
        );
      }
      const off = await tx.query(
        'UPDATE card_net_cards SET is_active = false, updated_at = $3 WHERE department_id = $1 AND bundle_id <> $2 AND is_active',
        [deptId, fileId, now],
      );
      await recordAudit(
        tx,
        {
          actor: o.actor,
          action: 'card.bundle.import',
          departmentId: deptId,
          recordType: 'card_bundle',
          recordId: fileId,
          clientIp: o.clientIp,
          requestId: o.requestId,
          detail: { sequence, cards: rows.length, deactivated: off.rowCount, office: office?.success === true },
        },
        now,
      );
      return { bundleId: fileId, sequence, cards: rows.length, deactivated: off.rowCount, department };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw replayed('fileId');
    throw err;
  }
}
