/**
 * What staff read: lists, the day view, a booking's detail and the CSV export — always limited to
 * the person's departments (through the staff module's policy) and always audited, ids only.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { Text } from '../../platform/i18n.js';
import { reservationLabels } from './labels.messages.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { csvContentType, type CsvEncoding } from '../../platform/csv/write.js';
import { tableToCsv, tableToXlsx, XLSX_CONTENT_TYPE, type ExportFormat, type ExportTable } from './export-table.js';
import { formatPhoneJp } from './format-phone.js';
import { addDays, jstDate, jstDayEnd, jstDayStart, jstIso, jstTime } from '../../platform/japan-time.js';
import { displayNumber } from './reservation-number.js';
import { parseOrThrow } from '../../http/validation.js';
import {
  assertCan,
  canReadSensitive,
  SENSITIVE_READER_ROLES,
  visibleDepartments,
  type SensitiveReaderRole,
} from './reservations.policy.js';
import { sensitiveReadBody } from './reservations.schemas.js';
import { staffMessages } from './staff/staff.messages.js';
import {
  findReservationById,
  personalOf,
  RESERVATION_SELECT,
  type ReservationRow,
  type ReservationStatus,
} from './reservations.repository.js';
import { isUuid, listServices, type Service } from './services.repository.js';

export type StaffFilter = {
  from: string;
  to: string;
  serviceId?: string;
  status?: ReservationStatus;
  number?: string;
  departmentId?: string;
};
type AuditCtx = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export type StaffListItem = {
  id: string;
  reservationNumber: string;
  serviceId: string;
  serviceName: string;
  departmentId: string;
  start: string;
  end: string;
  status: ReservationStatus;
  channel: string;
  name: string | null;
  statusChangedBy: string | null;
  statusChangedAt: string | null;
};

async function query(ctx: AppContext, actor: StaffActor, f: StaffFilter): Promise<ReservationRow[]> {
  const depts = visibleDepartments(actor).filter((d) => !f.departmentId || d === f.departmentId);
  const params: unknown[] = [depts, jstDayStart(f.from), jstDayEnd(f.to)];
  // the department's services name the rows too, so (service_id, starts_at) finds them: no department index on starts_at
  const where = [
    'r.department_id = ANY($1::uuid[])',
    'r.service_id IN (SELECT id FROM rsv_services WHERE department_id = ANY($1::uuid[]))',
    'r.starts_at >= $2',
    'r.starts_at < $3',
  ];
  if (f.serviceId) {
    if (!isUuid(f.serviceId)) return [];
    params.push(f.serviceId);
    where.push(`r.service_id = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`r.status = $${params.length}`);
  }
  if (f.number) {
    params.push(f.number.normalize('NFKC').toUpperCase().replace(/[\s-]/g, ''));
    where.push(`r.reservation_number = $${params.length}`);
  }
  const r = await ctx.db.query<ReservationRow>(
    `${RESERVATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.starts_at, r.created_at LIMIT 5000`,
    params,
  );
  return r.rows;
}

function item(ctx: AppContext, r: ReservationRow, services: Map<string, Service>): StaffListItem {
  return {
    id: r.id,
    reservationNumber: r.reservationNumber,
    serviceId: r.serviceId,
    serviceName: services.get(r.serviceId)?.name ?? '',
    departmentId: r.departmentId,
    start: jstIso(r.start),
    end: jstIso(r.end),
    status: r.status,
    channel: r.channel,
    name: personalOf(ctx, r)?.name ?? null,
    statusChangedBy: r.statusChangedByLogin,
    statusChangedAt: r.statusChangedAt ? jstIso(r.statusChangedAt) : null,
  };
}

/** The booking services of the person's departments (for the staff screens' choices). */
export async function servicesForStaff(ctx: AppContext, actor: StaffActor): Promise<Service[]> {
  return listServices(ctx.db, { departmentIds: visibleDepartments(actor) });
}

/** The list (and day view): names are personal data, so the view itself is audited. */
export async function listForStaff(ctx: AppContext, actor: StaffActor, f: StaffFilter, audit: AuditCtx): Promise<StaffListItem[]> {
  const rows = await query(ctx, actor, f);
  const services = new Map((await listServices(ctx.db, { departmentIds: visibleDepartments(actor) })).map((s) => [s.id, s]));
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation.list',
        departmentId: f.departmentId ?? null,
        detail: { from: f.from, to: f.to, serviceId: f.serviceId ?? null, count: rows.length },
      },
      ctx.clock.now(),
    ),
  );
  return rows.map((r) => item(ctx, r, services));
}

export type StaffDetail = StaffListItem & {
  phone: string | null;
  email: string | null;
  /** The answered extra fields; a sensitive one's value is '' (masked) unless revealed. */
  fields: { key: string; label: string; value: string; classification: string; masked: boolean }[];
  sensitive: {
    /** Keys of the sensitive fields this booking answered. */
    keys: string[];
    /** Their values are shown: a read with a reason, audited. */
    revealed: boolean;
    /** A reveal form posted again (a reload): nothing shown, nothing recorded; the reason must be given again. */
    replayed: boolean;
    /** May this person read them (with a reason)? */
    mayRead: boolean;
    /** The roles of the department the service lets read them. */
    readers: SensitiveReaderRole[];
  };
  createdAt: string;
  createdByStaff: boolean;
  lineUserId: string | null;
  anonymised: boolean;
  history: { status: string; changedAt: string; changedBy: string | null; actorType: string; reason: string | null }[];
};

/**
 * One booking's detail; 404 outside the person's departments; each view is audited. Sensitive answers
 * (要配慮個人情報) are masked unless the read is a `reveal` with the reason staff typed: then the service
 * must list one of the person's roles in its department (`canReadSensitive`, 403 otherwise) and the read
 * is audited 'privacy.sensitive_read' with the reason and the field keys. Masking here, not in the
 * renderers, keeps the values out of every screen and API answer by default.
 */
export async function detailForStaff(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  audit: AuditCtx,
  lang: 'ja' | 'en' = 'ja',
  /** `once`: the reveal form's single-use token (a reload posts it again and shows nothing). */
  options: { reveal?: { reason: string; once?: string } } = {},
): Promise<StaffDetail> {
  if (!isUuid(id)) throw errors.notFound();
  const r = await findReservationById(ctx.db, id);
  if (!r) throw errors.notFound();
  assertCan(actor, 'view', r.departmentId);
  // the reason is checked here whoever calls (screen, API), after the access check: another department's id stays a 404
  const read = options.reveal ? parseOrThrow(sensitiveReadBody, options.reveal) : undefined;
  const reason = read?.reason;
  const services = new Map((await listServices(ctx.db, { departmentIds: [r.departmentId] })).map((s) => [s.id, s]));
  const service = services.get(r.serviceId);
  const readers = (service?.sensitiveReaders ?? []).filter((x): x is SensitiveReaderRole =>
    (SENSITIVE_READER_ROLES as readonly string[]).includes(x),
  );
  const mayRead = canReadSensitive(actor, { departmentId: r.departmentId, sensitiveReaders: readers });
  if (reason !== undefined && !mayRead) throw errors.forbidden(staffMessages.text('sensitiveNotAllowed'));
  const p = personalOf(ctx, r);
  const answered = (service?.fields ?? []).filter((f) => !['name', 'phone', 'email'].includes(f.key) && p?.fields[f.key]);
  const keys = answered.filter((f) => f.classification === 'sensitive').map((f) => f.key);
  let revealed = false;
  let replayed = false;
  const history = await ctx.db.query<{
    status: string;
    changed_at: Date;
    login_id: string | null;
    actor_type: string;
    reason: string | null;
  }>(
    // the first entry, 'booked', is the booking row itself (migration 0056 stopped writing it twice)
    `SELECT status, changed_at, login_id, actor_type, reason FROM (
       SELECT 0 AS n, 'booked' AS status, r.created_at AS changed_at, s.login_id,
         CASE WHEN r.created_by_staff_id IS NOT NULL THEN 'staff' WHEN r.channel = 'line' THEN 'line' ELSE 'citizen' END AS actor_type,
         NULL::text AS reason
       FROM rsv_reservations r LEFT JOIN staff s ON s.id = r.created_by_staff_id WHERE r.id = $1
       UNION ALL
       SELECT h.id, h.status, h.changed_at, s.login_id, h.actor_type, h.reason FROM rsv_status_history h LEFT JOIN staff s ON s.id = h.changed_by_staff_id
       WHERE h.reservation_id = $1) x ORDER BY n`,
    [id],
  );
  await ctx.db.transaction(async (tx) => {
    await recordAudit(
      tx,
      { ...audit, action: 'reservation.view', departmentId: r.departmentId, recordType: 'reservation', recordId: r.id },
      ctx.clock.now(),
    );
    // the audit chain's lock is held from the record above: the same form posted twice (a reload) finds its first read
    if (read?.once !== undefined) {
      const earlier = await tx.query(
        `SELECT 1 FROM audit_log WHERE action = 'privacy.sensitive_read' AND record_type = 'reservation' AND record_id = $1
            AND detail->>'once' = $2 LIMIT 1`,
        [r.id, read.once],
      );
      replayed = earlier.rows.length > 0;
    }
    revealed = reason !== undefined && !replayed;
    if (revealed)
      await recordAudit(
        tx,
        {
          ...audit,
          action: 'privacy.sensitive_read',
          departmentId: r.departmentId,
          recordType: 'reservation',
          recordId: r.id,
          detail: { reason, fields: keys, serviceId: r.serviceId, ...(read?.once ? { once: read.once } : {}) },
        },
        ctx.clock.now(),
      );
  });
  return {
    ...item(ctx, r, services),
    phone: p?.phone ?? null,
    email: p?.email ?? null,
    fields: answered.map((f) => {
      const masked = f.classification === 'sensitive' && !revealed;
      return {
        key: f.key,
        label: lang === 'en' && f.labelEn ? f.labelEn : f.labelJa,
        value: masked
          ? ''
          : f.type === 'choice'
            ? (f.options?.find((o) => o.value === p?.fields[f.key])?.[lang] ?? String(p?.fields[f.key]))
            : String(p?.fields[f.key]),
        classification: f.classification,
        masked,
      };
    }),
    sensitive: { keys, revealed, replayed, mayRead, readers },
    createdAt: jstIso(r.createdAt),
    createdByStaff: r.createdByStaffId !== null,
    lineUserId: r.lineUserId,
    anonymised: r.anonymisedAt !== null,
    history: history.rows.map((h) => ({
      status: h.status,
      changedAt: jstIso(h.changed_at),
      changedBy: h.login_id,
      actorType: h.actor_type,
      reason: h.reason,
    })),
  };
}

const labels = reservationLabels.messages;
/** A status as people read it (texts in labels.messages.ts). */
export const STATUS_LABELS: Record<ReservationStatus, Text> = {
  booked: labels['status.booked'],
  arrived: labels['status.arrived'],
  done: labels['status.done'],
  no_show: labels['status.no_show'],
  cancelled: labels['status.cancelled'],
};
export const CHANNEL_LABELS: Record<string, Text> = {
  web: labels['channel.web'],
  phone: labels['channel.phone'],
  line: labels['channel.line'],
};

/** The channel as staff read it; a phone booking is always entered by staff, so it is said once. */
export function channelLabel(channel: string, createdByStaff: boolean, lang: 'ja' | 'en'): string {
  const label = CHANNEL_LABELS[channel]?.[lang] ?? channel;
  return createdByStaff && channel !== 'phone' ? reservationLabels.t(lang, 'enteredByStaff', { channel: label }) : label;
}

/** The export of a day or period as CSV or .xlsx (audited, ids only). */
export async function exportForStaff(
  ctx: AppContext,
  actor: StaffActor,
  f: StaffFilter,
  encoding: CsvEncoding,
  audit: AuditCtx,
  format: ExportFormat = 'csv',
): Promise<{ body: Buffer; unencodable: number; dropped: number; count: number; filename: string; contentType: string }> {
  if (f.departmentId) assertCan(actor, 'export', f.departmentId);
  const rows = await query(ctx, actor, f);
  const services = await listServices(ctx.db, { departmentIds: visibleDepartments(actor) });
  const byId = new Map(services.map((s) => [s.id, s]));
  // extra field columns: every non-core field of the services that appear, in order of first appearance
  // a column any of those services classes sensitive is masked whole, its header saying so: sensitive
  // answers are read one booking at a time, with a reason (detailForStaff), never in bulk
  const extra: { key: string; label: string; sensitive: boolean }[] = [];
  for (const s of services.filter((s) => rows.some((r) => r.serviceId === s.id)))
    for (const fd of s.fields) {
      if (['name', 'phone', 'email'].includes(fd.key)) continue;
      const known = extra.find((e) => e.key === fd.key);
      if (known) known.sensitive ||= fd.classification === 'sensitive';
      else extra.push({ key: fd.key, label: fd.labelJa, sensitive: fd.classification === 'sensitive' });
    }
  const text = (label: string) => ({ label, type: 'text' as const });
  // the export is in Japanese, whoever asks (labels.messages.ts)
  const col = (key: `export.${'number' | 'service' | 'department' | 'status' | 'channel' | 'name' | 'phone' | 'email'}`) =>
    text(reservationLabels.t('ja', key));
  const table: ExportTable = {
    columns: [
      col('export.number'),
      { label: reservationLabels.t('ja', 'export.date'), type: 'date' },
      { label: reservationLabels.t('ja', 'export.start'), type: 'time' },
      { label: reservationLabels.t('ja', 'export.end'), type: 'time' },
      col('export.service'),
      col('export.department'),
      col('export.status'),
      col('export.channel'),
      col('export.name'),
      col('export.phone'),
      col('export.email'),
      ...extra.map((e) => text(e.sensitive ? reservationLabels.t('ja', 'export.sensitiveColumn', { label: e.label }) : e.label)),
      { label: reservationLabels.t('ja', 'export.createdAt'), type: 'datetime' },
    ],
    rows: rows.map((r) => {
      const s = byId.get(r.serviceId);
      const p = personalOf(ctx, r);
      return [
        displayNumber(r.reservationNumber),
        jstDate(r.start),
        jstTime(r.start),
        jstTime(r.end),
        s?.name ?? '',
        s?.departmentName ?? '',
        STATUS_LABELS[r.status].ja,
        CHANNEL_LABELS[r.channel]?.ja ?? r.channel,
        p?.name ?? '',
        p?.phone ? formatPhoneJp(p.phone) : '',
        p?.email ?? '',
        ...extra.map((e) => {
          if (e.sensitive) return reservationLabels.t('ja', 'export.masked');
          const v = p?.fields[e.key] ?? '';
          const opt = s?.fields.find((x) => x.key === e.key)?.options?.find((o) => o.value === v);
          return opt ? opt.ja : v;
        }),
        `${jstDate(r.createdAt)} ${jstTime(r.createdAt)}`,
      ];
    }),
  };
  const out =
    format === 'xlsx'
      ? { body: await tableToXlsx(table, reservationLabels.t('ja', 'export.sheet')), unencodable: 0, dropped: 0 }
      : tableToCsv(table, encoding);
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation.export',
        departmentId: f.departmentId ?? null,
        detail: {
          from: f.from,
          to: f.to,
          serviceId: f.serviceId ?? null,
          format,
          encoding: format === 'csv' ? encoding : null,
          count: rows.length,
          maskedFields: extra.filter((e) => e.sensitive).map((e) => e.key),
          ids: rows.map((r) => r.id),
        },
      },
      ctx.clock.now(),
    ),
  );
  const base = `reservations-${f.from}-${f.to}`;
  return {
    ...out,
    count: rows.length,
    filename: format === 'xlsx' ? `${base}.xlsx` : `${base}${encoding === 'shift_jis' ? '-sjis' : ''}.csv`,
    contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : csvContentType(encoding),
  };
}
