/**
 * The account review (アカウント棚卸し) after personnel transfers: each department the person
 * administers with its members. Opening it is recorded in the audit log (it lists personal data of
 * staff), with the departments shown.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf, recordAudit } from '../audit/index.js';
import { listAccounts, type Account } from './accounts.js';
import { listDepartments, type DepartmentRow } from './staff.repository.js';
import { administeredDepartmentIds, isAnyAdmin } from './staff.policy.js';

/** The departments whose members this person manages: all for system administrators. */
export async function manageableDepartments(ctx: AppContext, actor: StaffActor): Promise<DepartmentRow[]> {
  const all = await listDepartments(ctx.db);
  const mine = administeredDepartmentIds(actor);
  return mine === null ? all : all.filter((d) => mine.includes(d.id));
}

export type AccountReview = {
  departments: { department: DepartmentRow; members: { account: Account; role: Account['memberships'][number]['role'] }[] }[];
};

export async function reviewAccounts(ctx: AppContext, req: FastifyRequest, actor: StaffActor): Promise<AccountReview> {
  if (!isAnyAdmin(actor)) throw errors.forbidden();
  const depts = await manageableDepartments(ctx, actor);
  const accounts = await listAccounts(ctx, actor);
  await ctx.db.transaction(async (tx) => {
    await recordAudit(
      tx,
      { ...auditContextOf(req), action: 'staff.account_review_viewed', detail: { departmentIds: depts.map((d) => d.id) } },
      ctx.clock.now(),
    );
  });
  return {
    departments: depts.map((department) => ({
      department,
      members: accounts.flatMap((account) =>
        account.memberships.filter((m) => m.departmentId === department.id).map((m) => ({ account, role: m.role })),
      ),
    })),
  };
}
