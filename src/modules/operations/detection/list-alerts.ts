/** The alerts an administrator sees: the active ones (open first, then acknowledged; newest hit first), paged, and the newest closed. */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { alertsInScope, type Alert } from './alerts.repository.js';
import { alertScope } from './detection.policy.js';

export const ALERTS_PAGE_SIZE = 100;

export type AlertList = { active: Alert[]; hasNext: boolean; closed: Alert[] };

export async function listAlerts(ctx: AppContext, actor: StaffActor, page: number): Promise<AlertList> {
  const scope = alertScope(actor);
  if (scope !== 'all' && scope.memberOfDepartmentIds.length === 0) return { active: [], hasNext: false, closed: [] };
  const active = await alertsInScope(ctx.db, scope, {
    where: "status <> 'closed'",
    orderBy: "(status = 'open') DESC, last_seen_at DESC, id DESC",
    limit: ALERTS_PAGE_SIZE + 1,
    offset: (page - 1) * ALERTS_PAGE_SIZE,
  });
  const closed =
    page === 1 ? await alertsInScope(ctx.db, scope, { where: "status = 'closed'", orderBy: 'closed_at DESC, id DESC', limit: 50 }) : [];
  return { active: active.slice(0, ALERTS_PAGE_SIZE), hasNext: active.length > ALERTS_PAGE_SIZE, closed };
}
