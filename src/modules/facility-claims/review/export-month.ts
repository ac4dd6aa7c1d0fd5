/**
 * The month's totals per facility for the payment process, as CSV through the one writer
 * (src/platform/csv: CP932 by default, UTF-8 with BOM on request, formulas neutralised, codes kept as
 * text — a facility code 0012 stays 0012 in a spreadsheet). One row per facility with an APPROVED
 * monthly claim for the month: code, name, type, children per class (the 11 classes), total children,
 * amount, version, approval time; then a total row. Review division only ('export': 403 for the
 * enrolment division, 404 for others). Audited (facility.export) with the row count. Always Japanese:
 * the file goes to the city's records.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { csvContentType, encodeCsv, type CsvEncoding } from '../../../platform/csv/write.js';
import { jstIso } from '../../../platform/japan-time.js';
import { recordAudit } from '../../audit/index.js';
import { assertCanFacility } from '../facility.policy.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import { codeLabel } from '../shared/labels.messages.js';
import { CHILD_CLASSES, type FacilityType, type MonthlyClaimContent } from '../shared/types.js';
import { classLabel } from './diff-submissions.js';
import type { AuditCtx } from './get-submission.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { reviewMessages } from './review.messages.js';

export type MonthExport = { body: Buffer; contentType: string; filename: string; count: number; unencodable: number };

export async function exportMonth(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: Pick<StaffActor, 'memberships'>,
  month: string,
  encoding: CsvEncoding,
  audit: AuditCtx,
): Promise<MonthExport> {
  assertCanFacility(actor, 'export', ctx.config);
  const t = reviewMessages.in('ja');
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{
      id: string;
      code: string;
      name: string;
      type: FacilityType;
      version: number;
      totalAmount: number | null;
      decidedAt: Date | null;
      contentEnc: string;
    }>(
      `SELECT s.id::text AS id, f.code, f.name, f.type, s.version, s.total_amount::float8 AS "totalAmount", s.decided_at AS "decidedAt",
         s.content_enc AS "contentEnc"
       FROM fc_submissions s JOIN fc_facilities f ON f.id = s.facility_id
       WHERE s.form = 'monthly-claim' AND s.period = $1 AND s.status = 'approved'
       ORDER BY f.code`,
      [month],
    );
    const totals = CHILD_CLASSES.map(() => 0);
    let children = 0;
    let amount = 0;
    const rows = r.rows.map((row) => {
      const content = JSON.parse(ctx.crypto.decrypt(row.contentEnc, FC_CRYPTO.submissionContent)) as MonthlyClaimContent;
      const counts = CHILD_CLASSES.map((k, i) => {
        const n = content.counts
          .filter((c) => c.certClass === k.certClass && c.ageBand === k.ageBand && c.need === k.need)
          .reduce((s, c) => s + c.count, 0);
        totals[i]! += n;
        return n;
      });
      const sum = counts.reduce((s, n) => s + n, 0);
      const total = row.totalAmount ?? content.calculation.total;
      children += sum;
      amount += total;
      return [
        row.code,
        row.name,
        codeLabel('type', row.type, 'ja'),
        ...counts.map(String),
        String(sum),
        String(total),
        String(row.version),
        row.decidedAt ? jstIso(row.decidedAt).slice(0, 16).replace('T', ' ') : '',
      ];
    });
    const header = [
      t('csv.code'),
      t('csv.name'),
      t('csv.type'),
      ...CHILD_CLASSES.map((k) => classLabel(k).ja),
      t('csv.children'),
      t('csv.amount'),
      t('csv.version'),
      t('csv.approvedAt'),
    ];
    const totalRow = [t('csv.total'), '', '', ...totals.map(String), String(children), String(amount), '', ''];
    // counts, amounts, the version and the approval time are values; code, name and type stay text
    const first = 3;
    const valueColumns = [...CHILD_CLASSES.map((_, i) => first + i), first + 11, first + 12, first + 13, first + 14];
    const out = encodeCsv([header, ...rows, totalRow], encoding, { valueColumns });
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.export',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_submission',
        recordId: null,
        detail: { month, count: rows.length, encoding },
      },
      ctx.clock.now(),
    );
    return {
      body: out.body,
      contentType: csvContentType(encoding),
      filename: `facility-claims-${month}.csv`,
      count: rows.length,
      unencodable: out.unencodable,
    };
  });
}
