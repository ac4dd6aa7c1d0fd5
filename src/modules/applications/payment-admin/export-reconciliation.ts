/**
 * The reconciliation report as CSV for accounting: one line per payment (区分 入金) and per refund
 * (区分 返金) of the period, through the one CSV writer (src/platform/csv): Shift_JIS (CP932) by
 * default or UTF-8 with BOM, formulas neutralised, 整理番号 kept as text; amounts and dates are value
 * columns. Column names and values are Japanese whoever downloads it. Audited with the period and count.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { csvContentType, encodeCsv, type CsvEncoding } from '../../../platform/csv/write.js';
import { jstDate, jstTime } from '../../../platform/japan-time.js';
import { assertPaymentAdmin, auditRead, type AuditMeta } from './payment-admin-access.js';
import { paymentAdminMessages } from './payment-admin.messages.js';
import type { Period } from './payment-admin.schemas.js';
import { loadReconciliation, type Reconciliation } from './read-reconciliation.js';
import { countingLabel, methodLabel, paymentStatusLabel } from './payment-labels.js';

const at = (d: Date) => `${jstDate(d)} ${jstTime(d)}`;

/** The CSV's rows, header first (pure). */
export function reconciliationCsvRows(report: Reconciliation): string[][] {
  const t = paymentAdminMessages.in('ja');
  const header = [
    t('csv.kind'),
    t('referenceNumber'),
    t('amount'),
    t('refunded'),
    t('method'),
    t('csv.at'),
    t('providerId'),
    t('revenueAccount'),
    t('status'),
    t('counting'),
  ];
  const payments = report.payments.map((p) => [
    t('csv.kindPayment'),
    p.referenceNumber,
    String(p.amount),
    String(p.refundedAmount),
    methodLabel(p.method, 'ja'),
    at(p.paidAt),
    p.providerPaymentId ?? '',
    p.revenueAccountCode ?? '',
    paymentStatusLabel(p.status, 'ja'),
    countingLabel(p.counting, 'ja'),
  ]);
  const refunds = report.refunds.map((r) => [
    t('csv.kindRefund'),
    r.referenceNumber,
    String(r.amount),
    '',
    methodLabel(r.method, 'ja'),
    at(r.refundedAt),
    r.providerRefundId ?? '',
    r.revenueAccountCode ?? '',
    t('refund.succeeded'),
    r.automatic ? t('automatic') : t('byStaff'),
  ]);
  return [header, ...payments, ...refunds];
}

export async function exportReconciliation(
  ctx: AppContext,
  actor: StaffActor,
  period: Period,
  encoding: CsvEncoding,
  meta: AuditMeta,
): Promise<{ body: Buffer; contentType: string; filename: string; lines: number }> {
  assertPaymentAdmin(ctx, actor);
  const report = await ctx.db.transaction(async (tx) => {
    const r = await loadReconciliation(tx, period);
    await auditRead(tx, ctx, actor, meta, {
      action: 'payment_admin.report_exported',
      detail: { from: period.from, to: period.to, payments: r.payments.length, refunds: r.refunds.length, encoding },
    });
    return r;
  });
  const rows = reconciliationCsvRows(report);
  const { body } = encodeCsv(rows, encoding, { valueColumns: [2, 3, 5] });
  const name = period.from === period.to ? period.from : `${period.from}_${period.to}`;
  return { body, contentType: csvContentType(encoding), filename: `payments-${name}.csv`, lines: rows.length - 1 };
}
