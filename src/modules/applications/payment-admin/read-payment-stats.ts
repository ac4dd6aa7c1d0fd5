/**
 * Payment statistics for accounting: payments paid in a period of Japan-time days, by day, method,
 * procedure and revenue account (歳入科目) — count, yen paid, yen refunded of them so far, net. SQL
 * aggregates over app_payments; the procedure comes through the application while it exists (an
 * erased application leaves its payment with no procedure). Nothing personal is read. Audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { jstDayEnd, jstDayStart } from '../../../platform/japan-time.js';
import { assertPaymentAdmin, auditRead, type AuditMeta } from './payment-admin-access.js';
import type { PaymentStats, Period } from './payment-admin.schemas.js';

type Figures = { count: number; gross: number; refunded: number; net: number };
type Row = { key: string | null; title?: string | null; count: string | number; gross: string | number; refunded: string | number };

const figures = (r: Row): Figures => {
  const gross = Number(r.gross);
  const refunded = Number(r.refunded);
  return { count: Number(r.count), gross, refunded, net: gross - refunded };
};

const AGGREGATES = 'count(*) AS count, COALESCE(sum(p.amount), 0) AS gross, COALESCE(sum(p.refunded_amount), 0) AS refunded';
const PAID_IN = 'p.paid_at IS NOT NULL AND p.paid_at >= $1 AND p.paid_at < $2';

/** Totals (no key) or totals per key expression. */
async function grouped(q: Queryable, key: string | null, bounds: Date[]): Promise<Row[]> {
  const sql =
    key === null
      ? `SELECT NULL AS key, ${AGGREGATES} FROM app_payments p WHERE ${PAID_IN}`
      : `SELECT ${key} AS key, ${AGGREGATES} FROM app_payments p WHERE ${PAID_IN} GROUP BY 1 ORDER BY 1 NULLS LAST`;
  return (await q.query<Row>(sql, bounds)).rows;
}

export async function readPaymentStats(ctx: AppContext, actor: StaffActor, period: Period, meta: AuditMeta): Promise<PaymentStats> {
  assertPaymentAdmin(ctx, actor);
  const bounds = [jstDayStart(period.from), jstDayEnd(period.to)];
  return ctx.db.transaction(async (tx) => {
    const [total] = await grouped(tx, null, bounds);
    const byDay = await grouped(tx, "to_char(p.paid_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')", bounds);
    const byMethod = await grouped(tx, "COALESCE(p.method, 'unknown')", bounds);
    const byAccount = await grouped(tx, "NULLIF(p.revenue_account_code, '')", bounds);
    const byProcedure = (
      await tx.query<Row>(
        `SELECT a.procedure_id::text AS key, min(v.definition->'title'->>'ja') AS title, ${AGGREGATES}
         FROM app_payments p
         LEFT JOIN app_applications a ON a.id = p.application_id
         LEFT JOIN app_procedures pr ON pr.id = a.procedure_id
         LEFT JOIN app_procedure_versions v ON v.procedure_id = pr.id AND v.version = COALESCE(pr.published_version, a.procedure_version)
         WHERE ${PAID_IN} GROUP BY 1 ORDER BY 2 NULLS LAST, 1 NULLS LAST`,
        bounds,
      )
    ).rows;
    await auditRead(tx, ctx, actor, meta, { action: 'payment_admin.stats_viewed', detail: { from: period.from, to: period.to } });
    return {
      from: period.from,
      to: period.to,
      totals: total ? figures(total) : { count: 0, gross: 0, refunded: 0, net: 0 },
      byDay: byDay.map((r) => ({ date: r.key as string, ...figures(r) })),
      byMethod: byMethod.map((r) => ({ method: r.key as string, ...figures(r) })),
      byProcedure: byProcedure.map((r) => ({ procedureId: r.key, title: r.title ?? null, ...figures(r) })),
      byRevenueAccount: byAccount.map((r) => ({ revenueAccountCode: r.key, ...figures(r) })),
    };
  });
}
