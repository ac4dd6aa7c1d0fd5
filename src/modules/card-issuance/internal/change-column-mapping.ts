/**
 * Sets the issuance list's column mapping (the city's header for each field; a blank or default header
 * is not stored): validated — no header given for two fields, no commas, quotes or control characters —
 * and audited (the field names, not the headers) in the same transaction.
 */
import { z } from 'zod';
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../card.policy.js';
import type { CardSettings } from './card-settings.js';
import { upsertCardSettings } from './card-settings.js';
import { DEFAULT_HEADERS, ISSUANCE_FIELDS, type ColumnMapping, type IssuanceField } from './issuance-list-layout.js';
import { cardOfficeMessages } from './staff/card-office.messages.js';

/** The mapping form: one optional header per field. */
export const columnMappingBody = z.object(
  Object.fromEntries(ISSUANCE_FIELDS.map((f) => [f, z.string().max(1000).optional()])) as Record<IssuanceField, z.ZodOptional<z.ZodString>>,
);

/** The headers typed, trimmed and NFKC-normalised; blank and default ones left out. */
export function columnMappingOf(typed: Partial<Record<IssuanceField, string | undefined>>): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of ISSUANCE_FIELDS) {
    const v = (typed[f] ?? '').normalize('NFKC').trim();
    if (v && v !== DEFAULT_HEADERS[f]) mapping[f] = v;
  }
  return mapping;
}

/** The problems of a mapping, per field, in `lang` (empty when it can be saved). */
export function columnMappingErrors(mapping: ColumnMapping, lang: Lang): { field: IssuanceField; message: string }[] {
  const effective = ISSUANCE_FIELDS.map((f) => mapping[f] ?? DEFAULT_HEADERS[f]);
  const dupes = [...new Set(effective.filter((h, i) => effective.indexOf(h) !== i))];
  const t = cardOfficeMessages.in(lang);
  const out: { field: IssuanceField; message: string }[] = [];
  for (const f of ISSUANCE_FIELDS) {
    const v = mapping[f];
    if (v === undefined) continue;
    if (v.length > 100 || /[\u0000-\u001f\u007f,"]/.test(v)) out.push({ field: f, message: t('badHeader') });
    else if (dupes.includes(v)) out.push({ field: f, message: t('duplicateHeaders', { headers: dupes.join(t('headerSeparator')) }) });
  }
  return out;
}

/** Saves the mapping; false (nothing saved) when columnMappingErrors finds a problem. */
export async function changeColumnMapping(
  ctx: AppContext,
  o: { staff: StaffActor; office: CardSettings; mapping: ColumnMapping } & Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<boolean> {
  assertCan(o.staff, 'process', o.office.departmentId);
  if (columnMappingErrors(o.mapping, 'ja').length) return false;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await upsertCardSettings(tx, { ...o.office, columnMapping: o.mapping }, now);
    await recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.mapping.update',
        departmentId: o.office.departmentId,
        recordType: 'card_settings',
        detail: { fields: Object.keys(o.mapping) },
      },
      now,
    );
  });
  return true;
}
