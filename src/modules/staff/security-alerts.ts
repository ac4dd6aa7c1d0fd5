/**
 * Security alerts an administrator should see: all for sys-admins; for dept-admins, those whose
 * subject is a member of a department they administer (e.g. the lockout of one of their staff).
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { acknowledgeSecurityEvent, getSecurityEvent, listSecurityEvents, type SecurityEvent } from '../security/index.js';
import { alertScopeOf } from '../security/index.js';

async function subjectsInScope(ctx: AppContext, actor: StaffActor): Promise<string[] | undefined> {
  const scope = alertScopeOf(actor);
  if (scope === 'all') return undefined;
  const depts = scope.memberOfDepartmentIds;
  if (depts.length === 0) return [];
  const r = await ctx.db.query<{ staff_id: string }>(
    'SELECT DISTINCT staff_id FROM staff_memberships WHERE department_id = ANY($1::uuid[])',
    [depts],
  );
  return r.rows.map((x) => x.staff_id);
}

export async function openAlertsFor(ctx: AppContext, actor: StaffActor): Promise<SecurityEvent[]> {
  const subjects = await subjectsInScope(ctx, actor);
  if (subjects && subjects.length === 0) return [];
  return listSecurityEvents(ctx.db, { unacknowledgedOnly: true, severities: ['alert'], subjects, limit: 50 });
}

export async function acknowledgeAlert(ctx: AppContext, actor: StaffActor, id: number, meta: Pick<AuditEvent, 'clientIp' | 'requestId'>) {
  const e = await getSecurityEvent(ctx.db, id);
  const subjects = await subjectsInScope(ctx, actor);
  if (!e || (subjects && !(e.subject && subjects.includes(e.subject)))) throw errors.notFound();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const done = await acknowledgeSecurityEvent(tx, id, actor.id, now);
    if (done)
      await recordAudit(
        tx,
        {
          ...meta,
          actor: { type: 'staff', id: actor.id, label: actor.loginId },
          action: 'security_event.acknowledged',
          recordType: 'security_event',
          recordId: String(id),
        },
        now,
      );
  });
}

/** Login ids of the staff accounts named as subjects of these events (subject id -> login id). */
export async function subjectLoginIds(ctx: AppContext, events: SecurityEvent[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.map((e) => e.subject).filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x)))];
  if (!ids.length) return new Map();
  const r = await ctx.db.query<{ id: string; login_id: string }>('SELECT id, login_id FROM staff WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(r.rows.map((x) => [x.id, x.login_id]));
}
