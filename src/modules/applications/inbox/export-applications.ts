/**
 * CSV export of one version of one procedure (its fields are the columns), through the one CSV writer
 * (src/platform/csv): Shift_JIS (CP932) or UTF-8 with BOM, formulas neutralised, text kept text.
 * Needs the 'export' action in the procedure's department (404 otherwise). Sensitive columns (要配慮個人情報)
 * are masked for everyone, their header saying so: a sensitive answer is read one application at a time,
 * with a reason (get-application.ts), never in bulk. Identity-document and My Number columns are masked
 * unless the exporter administers that department. Every export is audited with its row count and
 * whether columns were masked. Written in Japanese whoever asks, as the
 * reservations export is (the file goes to the city's own records).
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { csvContentType, encodeCsv, type CsvEncoding } from '../../../platform/csv/write.js';
import { jstDayEnd, jstDayStart, jstIso } from '../../../platform/japan-time.js';
import { recordAudit } from '../../audit/index.js';
import { isDepartmentAdmin } from '../../staff/index.js';
import type { ApplicationStatus } from '../application-status.js';
import { assertCan, inboxDepartmentIds } from '../applications.policy.js';
import { allFields } from '../procedures/definition.js';
import { answerText, isMaskedPrivacy } from './answer-text.js';
import { inboxMessages, paymentLabels, statusLabels } from './inbox.messages.js';
import { answersOf, loadDefinition, PAID_SQL } from './inbox.repository.js';
import type { AuditCtx } from './list-applications.js';

export type ExportableVersion = { procedureId: string; version: number; title: { ja: string; en?: string } };

/** Versions of the person's departments' procedures that are published or have applications. */
export async function exportableVersions(ctx: AppContext, actor: Pick<StaffActor, 'memberships'>): Promise<ExportableVersion[]> {
  const r = await ctx.db.query<{ procedureId: string; version: number; title: unknown }>(
    `SELECT v.procedure_id::text AS "procedureId", v.version, v.definition->'title' AS title
     FROM app_procedure_versions v JOIN app_procedures p ON p.id = v.procedure_id
     WHERE p.department_id = ANY($1::uuid[])
       AND (v.published_at IS NOT NULL OR EXISTS (SELECT 1 FROM app_applications a WHERE a.procedure_id = v.procedure_id AND a.procedure_version = v.version))
     ORDER BY v.definition->'title'->>'ja', v.procedure_id, v.version DESC`,
    [inboxDepartmentIds(actor)],
  );
  return r.rows.map((x) => ({ ...x, title: (typeof x.title === 'string' ? JSON.parse(x.title) : x.title) as ExportableVersion['title'] }));
}

export type ExportFilter = { procedure: string; encoding: CsvEncoding; status?: ApplicationStatus; from?: string; to?: string };

export async function exportApplications(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  f: ExportFilter,
  audit: AuditCtx,
): Promise<{ body: Buffer; contentType: string; filename: string; count: number; masked: boolean; unencodable: number; dropped: number }> {
  const [procedureId, versionText] = f.procedure.split(':') as [string, string];
  const version = Number(versionText);
  return ctx.db.transaction(async (tx) => {
    const p = await tx.query<{ departmentId: string }>(
      'SELECT department_id::text AS "departmentId" FROM app_procedures WHERE id::text = $1',
      [procedureId],
    );
    const departmentId = p.rows[0]?.departmentId;
    if (!departmentId) throw errors.notFound();
    assertCan(actor, 'export', departmentId);
    const v = await tx.query('SELECT 1 FROM app_procedure_versions WHERE procedure_id = $1 AND version = $2', [procedureId, version]);
    if (!v.rows.length) throw errors.notFound();
    const def = await loadDefinition(tx, procedureId, version);
    const showAll = isDepartmentAdmin(actor, departmentId);
    const params: unknown[] = [procedureId, version];
    const where = ['a.procedure_id = $1', 'a.procedure_version = $2'];
    if (f.status) where.push(`a.status = $${params.push(f.status)}`);
    if (f.from) where.push(`a.submitted_at >= $${params.push(jstDayStart(f.from))}`);
    if (f.to) where.push(`a.submitted_at < $${params.push(jstDayEnd(f.to))}`);
    const rows = await tx.query<{
      referenceNumber: string;
      status: ApplicationStatus;
      submittedAt: Date;
      feeAmount: number | null;
      isPaid: boolean;
      answersEnc: string | null;
    }>(
      `SELECT a.reference_number AS "referenceNumber", a.status, a.submitted_at AS "submittedAt", a.fee_amount AS "feeAmount",
         ${PAID_SQL} AS "isPaid", a.answers_enc AS "answersEnc"
       FROM app_applications a WHERE ${where.join(' AND ')} ORDER BY a.submitted_at, a.reference_number`,
      params,
    );
    const t = inboxMessages.in('ja');
    const fields = allFields(def);
    const hidden = (x: (typeof fields)[number]) => x.privacy === 'sensitive' || (!showAll && isMaskedPrivacy(x.privacy));
    const masked = fields.some(hidden);
    const header = [
      t('csv.reference'),
      t('csv.procedure'),
      t('csv.version'),
      t('csv.status'),
      t('csv.submitted'),
      t('csv.paid'),
      t('csv.amount'),
      ...fields.map((x) => (x.privacy === 'sensitive' ? t('csv.sensitiveColumn', { label: x.label.ja }) : x.label.ja)),
    ];
    const body = rows.rows.map((r) => {
      const answers = answersOf(ctx, r) ?? {};
      return [
        r.referenceNumber,
        def.title.ja,
        String(version),
        statusLabels.t('ja', r.status),
        jstIso(r.submittedAt).slice(0, 16).replace('T', ' '),
        paymentLabels.t('ja', r.feeAmount === null ? 'none' : r.isPaid ? 'paid' : 'unpaid'),
        r.feeAmount === null ? '' : String(r.feeAmount),
        ...fields.map((x) => (hidden(x) ? t('csv.masked') : answerText(x, answers[x.key], 'ja'))),
      ];
    });
    // the version, the submitted time, the amount and number answers are values the spreadsheet may read as such
    const numberColumns = fields.flatMap((x, i) => (x.type === 'number' ? [7 + i] : []));
    const out = encodeCsv([header, ...body], f.encoding, { valueColumns: [2, 4, 6, ...numberColumns] });
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'application.export',
        departmentId,
        recordType: 'procedure',
        recordId: procedureId,
        detail: {
          version,
          count: body.length,
          masked,
          maskedFields: fields.filter(hidden).map((x) => x.key),
          encoding: f.encoding,
          status: f.status ?? null,
          from: f.from ?? null,
          to: f.to ?? null,
        },
      },
      ctx.clock.now(),
    );
    return {
      body: out.body,
      contentType: csvContentType(f.encoding),
      filename: `applications-${procedureId.slice(0, 8)}-v${version}.csv`,
      count: body.length,
      masked,
      unencodable: out.unencodable,
      dropped: out.dropped,
    };
  });
}
