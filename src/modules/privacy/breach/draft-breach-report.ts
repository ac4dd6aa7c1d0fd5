/**
 * The staff screen's operations: draft the report (on screen, as PDF or JSON; audited privacy.breach_report
 * with the scope and window) and export the contact list of the people affected (the privacy officer only;
 * audited privacy.breach_contacts with the count). A department head may report on their departments'
 * procedures and services only; staff accounts, tables, modules and zones are the officer's.
 */
import type { StaffActor } from '../../../http/actor.js';
import { AppError, errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { encodeCsv } from '../../../platform/csv/write.js';
import type { Lang } from '../../../platform/i18n.js';
import type { PersonalDataRegister } from '../../../platform/personal-data.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import { canReadContactList, canSeeScope, inventoryDepartments } from '../privacy.policy.js';
import { readRegister } from '../read-register.js';
import type { BreachImpact } from './breach-impact.js';
import { type BreachReport, buildBreachReport } from './breach-report.js';
import { type BreachForm, scopeOfForm } from './breach.schemas.js';
import { breachMessages } from './breach.messages.js';
import { parseScope, UnknownScopeError } from './breach-scope.js';
import { computeBreachContacts, computeBreachImpact } from './compute-breach-impact.js';
import { UnknownStaffError } from './staff-activity.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;
type Actor = Pick<StaffActor, 'memberships'>;

/** The field a scope problem belongs to on the form. */
const scopeField = (f: BreachForm) => (f.staff ? 'staff' : f.tables ? 'tables' : 'scope');

/** Refuses (403) a scope the actor may not report on; the officer may report on any. */
async function assertMayReport(ctx: AppContext, registers: readonly PersonalDataRegister[], actor: Actor, scope: string): Promise<void> {
  if (inventoryDepartments(actor) === 'all') return;
  const parsed = parseScope(scope);
  if (!['procedure', 'service', 'facility'].includes(parsed.kind)) throw errors.forbidden(breachMessages.text('error.forbiddenScope'));
  const all = (await readRegister(ctx.db, registers)).flatMap((m) => m.scopes);
  for (const v of parsed.values) {
    const s = all.find((x) => x.id === `${parsed.kind}:${v}`);
    // An unknown id is refused like another department's: nothing is said about what exists elsewhere.
    if (!s || !canSeeScope(actor, s)) throw errors.forbidden(breachMessages.text('error.forbiddenScope'));
  }
}

/** A scope the register does not know, as a field error of the form (422). */
function asFieldError(err: unknown, f: BreachForm): never {
  if (err instanceof UnknownScopeError || err instanceof UnknownStaffError)
    throw errors.validation([{ field: scopeField(f), message: breachMessages.text('error.scope', { detail: err.message }) }]);
  throw err;
}

export async function draftBreachReport(
  ctx: AppContext,
  registers: readonly PersonalDataRegister[],
  o: { actor: Actor; form: BreachForm; audit: Audit; format: 'screen' | 'pdf' | 'json'; lang: Lang },
): Promise<{ impact: BreachImpact; report: BreachReport }> {
  const scope = scopeOfForm(o.form);
  const q = { from: o.form.from, to: o.form.to, scope };
  let impact: BreachImpact;
  try {
    await assertMayReport(ctx, registers, o.actor, scope);
    impact = await computeBreachImpact(ctx.db, registers, q, ctx.clock.now(), { crypto: ctx.crypto });
  } catch (err) {
    asFieldError(err, o.form);
  }
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...o.audit,
        action: 'privacy.breach_report',
        recordType: 'breach_report',
        departmentId: impact.departments.length === 1 ? impact.departments[0]!.id : undefined,
        detail: { scope: impact.scope, from: q.from, to: q.to, format: o.format, people: impact.people, records: impact.records },
      },
      ctx.clock.now(),
    ),
  );
  return { impact, report: buildBreachReport(impact, { cause: o.form.cause, measures: o.form.measures }, o.lang) };
}

/** The contact list as CSV (UTF-8 with BOM): channel, contact, scope — decrypted, for the officer only. */
export async function exportBreachContacts(
  ctx: AppContext,
  registers: readonly PersonalDataRegister[],
  o: { actor: Actor; form: BreachForm; audit: Audit; lang: Lang },
): Promise<{ body: Buffer; count: number; people: number }> {
  if (!canReadContactList(o.actor)) throw errors.forbidden();
  const scope = scopeOfForm(o.form);
  const q = { from: o.form.from, to: o.form.to, scope };
  let rows: Awaited<ReturnType<typeof computeBreachContacts>>;
  try {
    rows = await computeBreachContacts(ctx.db, registers, q, ctx.crypto);
  } catch (err) {
    if (err instanceof AppError) throw err;
    asFieldError(err, o.form);
  }
  const t = breachMessages.in(o.lang);
  const body = encodeCsv(
    [
      [t('csv.channel'), t('csv.contact'), t('csv.scope')],
      ...rows.map((r) => [t(`channel.${r.channel}`), r.value ?? t('unreadable'), r.scope ?? '']),
    ],
    'utf-8',
  ).body;
  const people = new Set(rows.map((r) => r.person)).size;
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...o.audit,
        action: 'privacy.breach_contacts',
        recordType: 'breach_report',
        detail: { scope, from: q.from, to: q.to, count: rows.length, people },
      },
      ctx.clock.now(),
    ),
  );
  return { body, count: rows.length, people };
}
