/**
 * Managing services, their weekly schedule, input fields and calendar exceptions (closures and
 * extra openings). Department administrators only; every change is audited (ids only).
 */
import { z } from 'zod';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import { parseOrThrow, zodMessage } from '../../http/validation.js';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { jstDate } from '../../platform/japan-time.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { availabilityOf } from './availability.js';
import { assertCan, can, visibleDepartments } from './reservations.policy.js';
import {
  findService,
  listServices,
  type FieldOption,
  type FieldType,
  type Service,
  type ServiceKind,
  type ServiceSettings,
} from './services.repository.js';
import { servicesMessages as sm } from './staff/services.messages.js';

export type { ServiceSettings };
export type FieldSpec = {
  key: string;
  labelJa: string;
  labelEn?: string;
  type: FieldType;
  required: boolean;
  classification: 'personal' | 'sensitive' | 'none';
  options?: FieldOption[] | null;
  maxLength?: number;
};
export type ScheduleSpec = { weekday: number; start: string; end: string };

/** The fields every service has: name and phone (required), e-mail (optional). */
export const CORE_FIELDS: FieldSpec[] = [
  {
    key: 'name',
    labelJa: sm.text('coreName').ja,
    labelEn: sm.text('coreName').en,
    type: 'text',
    required: true,
    classification: 'personal',
    maxLength: 100,
  },
  {
    key: 'phone',
    labelJa: sm.text('corePhone').ja,
    labelEn: sm.text('corePhone').en,
    type: 'tel',
    required: true,
    classification: 'personal',
    maxLength: 20,
  },
  {
    key: 'email',
    labelJa: sm.text('coreEmail').ja,
    labelEn: sm.text('coreEmail').en,
    type: 'email',
    required: false,
    classification: 'personal',
    maxLength: 254,
  },
];

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

const wholeNumber = (min: number, max: number) => {
  const message = zodMessage(sm, 'wholeNumber', { min, max });
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};

/**
 * The settings of a service, as every caller gives them (the staff form decodes its text fields into
 * this shape: reservations/staff/service-forms.schema.ts). createService and updateService parse
 * their input with it, so no caller can store what the form would refuse.
 */
export const serviceSettingsInput = z.object({
  kind: z.enum(['counter', 'consultation'], { error: zodMessage(sm, 'chooseKind') }),
  name: z.string().trim().min(1, zodMessage(sm, 'nameRequired')).max(100, zodMessage(sm, 'nameTooLong')),
  nameEn: z
    .string()
    .trim()
    .max(100, zodMessage(sm, 'nameEnTooLong'))
    .nullish()
    .transform((v) => v || null),
  description: z.string().max(2000, zodMessage(sm, 'descriptionTooLong')),
  descriptionEn: z.string().trim().max(2000, zodMessage(sm, 'descriptionEnTooLong')).default(''),
  place: z.string().max(200, zodMessage(sm, 'placeTooLong')),
  durationMinutes: wholeNumber(5, 480),
  capacity: wholeNumber(1, 1000),
  opensDaysAhead: wholeNumber(1, 400),
  bookUntilMinutes: wholeNumber(0, 43200),
  changeUntilMinutes: wholeNumber(0, 43200),
  closedOnNationalHolidays: z.boolean(),
  closedYearEnd: z.boolean(),
  reminderDaysBefore: wholeNumber(0, 30),
  reminderTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, zodMessage(sm, 'reminderTimeFormat')),
  remindersEnabled: z.boolean(),
  retentionDays: wholeNumber(1, 3650),
  isActive: z.boolean(),
}) satisfies z.ZodType<ServiceSettings>;

/** The services of the person's departments, each saying whether the person may manage it, and the departments they may add one to. */
export async function listServicesForStaff(ctx: AppContext, actor: StaffActor) {
  const services = await listServices(ctx.db, { departmentIds: visibleDepartments(actor) });
  return {
    services: services.map((s) => ({ ...s, canManage: can(actor, 'manage-services', s.departmentId) })),
    adminDepartments: actor.memberships.filter((m) => can(actor, 'manage-services', m.departmentId)),
  };
}

/** The service, when the person may manage it; a 404 otherwise (another department's ids cannot be probed). */
export async function findManagedService(ctx: AppContext, actor: StaffActor, serviceId: string): Promise<Service> {
  const sv = await findService(ctx.db, serviceId);
  if (!sv || !can(actor, 'manage-services', sv.departmentId)) throw errors.notFound();
  return sv;
}

/** The service settings' columns, in the order settingsValues gives their values (insert and update share both). */
const SETTINGS_COLUMNS = [
  'kind',
  'name',
  'name_en',
  'description',
  'place',
  'duration_minutes',
  'capacity',
  'opens_days_ahead',
  'book_until_minutes',
  'change_until_minutes',
  'closed_on_national_holidays',
  'closed_year_end',
  'reminder_days_before',
  'reminder_time',
  'reminders_enabled',
  'retention_days',
  'is_active',
  'description_en',
] as const;

function settingsValues(s: Omit<ServiceSettings, 'kind'> & { kind: ServiceKind }): unknown[] {
  return [
    s.kind,
    s.name,
    s.nameEn ?? null,
    s.description,
    s.place,
    s.durationMinutes,
    s.capacity,
    s.opensDaysAhead,
    s.bookUntilMinutes,
    s.changeUntilMinutes,
    s.closedOnNationalHolidays,
    s.closedYearEnd,
    s.reminderDaysBefore,
    s.reminderTime,
    s.remindersEnabled,
    s.retentionDays,
    s.isActive,
    s.descriptionEn ?? '',
  ];
}

/**
 * Inserts a service with its fields and schedule (no authorisation: used by the demo seed, by
 * createService and by the seat engine). `fields` null: a card pickup service, which takes no input.
 */
export async function insertService(
  tx: Queryable,
  departmentId: string,
  s: Omit<ServiceSettings, 'kind'> & { kind: ServiceKind },
  fields: FieldSpec[] | null,
  schedule: ScheduleSpec[],
): Promise<string> {
  const values = settingsValues(s);
  const r = await tx.query<{ id: string }>(
    `INSERT INTO rsv_services (department_id, ${SETTINGS_COLUMNS.join(', ')})
     VALUES ($1, ${SETTINGS_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
    [departmentId, ...values],
  );
  const id = (r.rows[0] as { id: string }).id;
  if (fields) await writeFields(tx, id, fields);
  await writeSchedule(tx, id, schedule);
  return id;
}

async function writeFields(tx: Queryable, serviceId: string, fields: FieldSpec[]) {
  const all = [...CORE_FIELDS.filter((c) => !fields.some((f) => f.key === c.key)), ...fields];
  await tx.query('DELETE FROM rsv_service_fields WHERE service_id = $1', [serviceId]);
  let position = 0;
  for (const f of all) {
    const core = CORE_FIELDS.find((c) => c.key === f.key);
    await tx.query(
      `INSERT INTO rsv_service_fields (service_id, key, label_ja, label_en, type, required, classification, options, max_length, position)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        serviceId,
        f.key,
        f.labelJa,
        f.labelEn ?? '',
        core ? core.type : f.type,
        core && f.key !== 'email' ? true : f.required,
        f.classification,
        f.type === 'choice' && !core ? JSON.stringify(f.options ?? []) : null,
        f.maxLength ?? core?.maxLength ?? 200,
        position++,
      ],
    );
  }
}

export async function writeSchedule(tx: Queryable, serviceId: string, schedule: ScheduleSpec[]) {
  await tx.query('DELETE FROM rsv_schedule_ranges WHERE service_id = $1', [serviceId]);
  for (const r of schedule)
    await tx.query('INSERT INTO rsv_schedule_ranges (service_id, weekday, start_time, end_time) VALUES ($1,$2,$3,$4)', [
      serviceId,
      r.weekday,
      r.start,
      r.end,
    ]);
}

export function checkSchedule(schedule: ScheduleSpec[]) {
  const fe = schedule.flatMap((r, i) =>
    !/^([01]\d|2[0-3]):[0-5]\d$/.test(r.start) ||
    !/^([01]\d|2[0-4]):[0-5]\d$/.test(r.end) ||
    r.start >= r.end ||
    r.weekday < 0 ||
    r.weekday > 6
      ? [{ field: `schedule.${i}`, message: sm.text('rangeOrder') }]
      : [],
  );
  if (fe.length) throw errors.validation(fe);
}

export async function createService(
  ctx: AppContext,
  actor: StaffActor,
  departmentId: string,
  settings: z.input<typeof serviceSettingsInput>,
  fields: FieldSpec[],
  schedule: ScheduleSpec[],
  audit: Audit,
): Promise<string> {
  assertCan(actor, 'manage-services', departmentId);
  const s = parseOrThrow(serviceSettingsInput, settings);
  checkSchedule(schedule);
  return ctx.db.transaction(async (tx) => {
    const id = await insertService(tx, departmentId, s, fields, schedule);
    await recordAudit(
      tx,
      { ...audit, action: 'reservation_service.create', departmentId, recordType: 'reservation_service', recordId: id },
      ctx.clock.now(),
    );
    return id;
  });
}

async function authorised(ctx: AppContext, actor: StaffActor, serviceId: string) {
  const sv = await findService(ctx.db, serviceId);
  if (!sv) throw errors.notFound();
  assertCan(actor, 'manage-services', sv.departmentId);
  return sv;
}

export async function updateService(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  settings: z.input<typeof serviceSettingsInput>,
  audit: Audit,
): Promise<void> {
  const sv = await authorised(ctx, actor, serviceId);
  const s = parseOrThrow(serviceSettingsInput, settings);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE rsv_services SET ${SETTINGS_COLUMNS.map((c, i) => `${c}=$${i + 2}`).join(', ')}, updated_at=$${SETTINGS_COLUMNS.length + 2}
       WHERE id=$1`,
      [serviceId, ...settingsValues(s), ctx.clock.now()],
    );
    // future slots follow the new capacity (plus any deliberate overbooking), never below what is booked
    if (s.capacity !== sv.capacity)
      await tx.query('UPDATE rsv_slots SET capacity = GREATEST(booked, $2 + overbooked) WHERE service_id = $1 AND starts_at > $3', [
        serviceId,
        s.capacity,
        ctx.clock.now(),
      ]);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation_service.update',
        departmentId: sv.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
      },
      ctx.clock.now(),
    );
  });
  availabilityOf(ctx).clear();
}

export async function replaceSchedule(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  schedule: ScheduleSpec[],
  audit: Audit,
): Promise<void> {
  const sv = await authorised(ctx, actor, serviceId);
  checkSchedule(schedule);
  await ctx.db.transaction(async (tx) => {
    await writeSchedule(tx, serviceId, schedule);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation_service.schedule',
        departmentId: sv.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { ranges: schedule.length },
      },
      ctx.clock.now(),
    );
  });
  availabilityOf(ctx).clear();
}

export async function replaceFields(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  fields: FieldSpec[],
  audit: Audit,
): Promise<void> {
  const sv = await authorised(ctx, actor, serviceId);
  const fe = fields.flatMap((f, i) => {
    const out = [];
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(f.key)) out.push({ field: `fields.${i}.key`, message: sm.text('keyFormat') });
    if (!f.labelJa.trim()) out.push({ field: `fields.${i}.labelJa`, message: sm.text('enterLabel') });
    if (f.type === 'choice' && !(f.options ?? []).length) out.push({ field: `fields.${i}.options`, message: sm.text('addOption') });
    if (fields.findIndex((x) => x.key === f.key) !== i) out.push({ field: `fields.${i}.key`, message: sm.text('duplicateKey') });
    return out;
  });
  if (fe.length) throw errors.validation(fe);
  await ctx.db.transaction(async (tx) => {
    await writeFields(tx, serviceId, fields);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation_service.fields',
        departmentId: sv.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { fields: fields.map((f) => f.key) },
      },
      ctx.clock.now(),
    );
  });
  availabilityOf(ctx).clear();
}

export async function addException(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  e: { day: string; kind: 'closed' | 'open'; start?: string | null; end?: string | null; note?: string },
  audit: Audit,
): Promise<void> {
  const sv = await authorised(ctx, actor, serviceId);
  if (e.kind === 'open') checkSchedule([{ weekday: 0, start: e.start ?? '', end: e.end ?? '' }]);
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ id: string }>(
      'INSERT INTO rsv_calendar_exceptions (service_id, day, kind, start_time, end_time, note) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [serviceId, e.day, e.kind, e.kind === 'open' ? e.start : null, e.kind === 'open' ? e.end : null, e.note ?? ''],
    );
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation_service.exception_add',
        departmentId: sv.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { exceptionId: r.rows[0]?.id, day: e.day, kind: e.kind },
      },
      ctx.clock.now(),
    );
  });
  availabilityOf(ctx).clear();
}

export async function removeException(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  exceptionId: string,
  audit: Audit,
): Promise<void> {
  const sv = await authorised(ctx, actor, serviceId);
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query('DELETE FROM rsv_calendar_exceptions WHERE id = $1 AND service_id = $2', [exceptionId, serviceId]);
    if (!r.rowCount) throw errors.notFound();
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation_service.exception_remove',
        departmentId: sv.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { exceptionId },
      },
      ctx.clock.now(),
    );
  });
  availabilityOf(ctx).clear();
}

/** The screen of one service: the service (when the person may manage it) and its closures and openings from today. */
export async function loadServiceSettings(ctx: AppContext, actor: StaffActor, serviceId: string) {
  const service = await findManagedService(ctx, actor, serviceId);
  const exceptions = await listExceptions(ctx, service.id, jstDate(ctx.clock.now()));
  return { service, exceptions };
}

export async function listExceptions(ctx: AppContext, serviceId: string, fromDay: string) {
  const r = await ctx.db.query<{
    id: string;
    day: string;
    kind: 'closed' | 'open';
    start_time: string | null;
    end_time: string | null;
    note: string;
  }>('SELECT id, day, kind, start_time, end_time, note FROM rsv_calendar_exceptions WHERE service_id = $1 AND day >= $2 ORDER BY day', [
    serviceId,
    fromDay,
  ]);
  return r.rows;
}
