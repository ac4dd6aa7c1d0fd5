/** Reading services (with fields and schedule) and calendar exceptions. Private to the module. */
import type { Queryable } from '../../platform/db.js';
import type { CalendarException, ScheduleRange, ServiceRules } from './rules.js';

export type FieldType = 'text' | 'textarea' | 'tel' | 'email' | 'choice';
export type FieldOption = { value: string; ja: string; en: string };
export type ServiceField = {
  key: string;
  labelJa: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  classification: 'personal' | 'sensitive' | 'none';
  options: FieldOption[] | null;
  maxLength: number;
  position: number;
};

/** The settings of a service that staff edit (src/modules/reservations/manage-services.ts). */
export type ServiceSettings = {
  kind: 'counter' | 'consultation';
  name: string;
  nameEn?: string | null;
  description: string;
  /** Shown on English pages instead of the description ('' or absent: the Japanese one). */
  descriptionEn?: string;
  place: string;
  durationMinutes: number;
  capacity: number;
  opensDaysAhead: number;
  bookUntilMinutes: number;
  changeUntilMinutes: number;
  closedOnNationalHolidays: boolean;
  closedYearEnd: boolean;
  reminderDaysBefore: number;
  reminderTime: string;
  remindersEnabled: boolean;
  retentionDays: number;
  isActive: boolean;
};

/**
 * 'card_pickup' services are the card booking site's pickup locations (src/modules/card-issuance):
 * they use this engine's schedules, calendar and seats but never its reservations, so the lookups
 * below leave them out unless asked for them.
 */
export type ServiceKind = ServiceSettings['kind'] | 'card_pickup';

export type Service = Omit<ServiceSettings, 'nameEn' | 'kind'> & {
  kind: ServiceKind;
  id: string;
  departmentId: string;
  departmentName: string;
  /** English names and descriptions for English pages (the Japanese one is shown when empty). */
  departmentNameEn?: string | null;
  nameEn: string | null;
  position: number;
  fields: ServiceField[];
  schedule: ScheduleRange[];
  /** Roles of the department that may read sensitive answers, with a reason (migration 0055). */
  sensitiveReaders: string[];
};

const SERVICE_SELECT = `
  SELECT s.id, s.department_id AS "departmentId", d.name AS "departmentName", d.name_en AS "departmentNameEn", s.description_en AS "descriptionEn", s.kind, s.name, s.name_en AS "nameEn",
    s.description, s.place, s.duration_minutes AS "durationMinutes", s.capacity,
    s.opens_days_ahead AS "opensDaysAhead", s.book_until_minutes AS "bookUntilMinutes",
    s.change_until_minutes AS "changeUntilMinutes", s.closed_on_national_holidays AS "closedOnNationalHolidays",
    s.closed_year_end AS "closedYearEnd", s.reminder_days_before AS "reminderDaysBefore",
    s.reminder_time AS "reminderTime", s.reminders_enabled AS "remindersEnabled",
    s.retention_days AS "retentionDays", s.is_active AS "isActive", s.position, s.sensitive_readers AS "sensitiveReaders",
    COALESCE((SELECT json_agg(json_build_object('key', f.key, 'labelJa', f.label_ja, 'labelEn', f.label_en,
        'type', f.type, 'required', f.required, 'classification', f.classification, 'options', f.options,
        'maxLength', f.max_length, 'position', f.position) ORDER BY f.position, f.key)
      FROM rsv_service_fields f WHERE f.service_id = s.id), '[]'::json) AS fields,
    COALESCE((SELECT json_agg(json_build_object('weekday', r.weekday, 'start', r.start_time, 'end', r.end_time)
        ORDER BY r.weekday, r.start_time)
      FROM rsv_schedule_ranges r WHERE r.service_id = s.id), '[]'::json) AS schedule
  FROM rsv_services s JOIN departments d ON d.id = s.department_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** A counter or consultation service; with `anyKind`, a card pickup location's service too. */
export async function findService(q: Queryable, id: string, o: { anyKind?: boolean } = {}): Promise<Service | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await q.query<Service>(`${SERVICE_SELECT} WHERE s.id = $1 ${o.anyKind ? '' : "AND s.kind <> 'card_pickup'"}`, [id]);
  return r.rows[0];
}

export async function listServices(
  q: Queryable,
  o: { departmentIds?: string[]; activeOnly?: boolean; kind?: 'card_pickup' } = {},
): Promise<Service[]> {
  const where: string[] = [o.kind === 'card_pickup' ? "s.kind = 'card_pickup'" : "s.kind <> 'card_pickup'"];
  const params: unknown[] = [];
  if (o.departmentIds) {
    params.push(o.departmentIds);
    where.push(`s.department_id = ANY($${params.length}::uuid[])`);
  }
  if (o.activeOnly) where.push('s.is_active');
  const r = await q.query<Service>(`${SERVICE_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.code, s.position, s.name`, params);
  return r.rows;
}

/** City-wide and the service's own exceptions between two dates (inclusive). */
export async function loadExceptions(q: Queryable, serviceId: string, from: string, to: string): Promise<CalendarException[]> {
  const r = await q.query<CalendarException>(
    `SELECT service_id AS "serviceId", day, kind, start_time AS start, end_time AS end
     FROM rsv_calendar_exceptions WHERE (service_id IS NULL OR service_id = $1) AND day BETWEEN $2 AND $3`,
    [serviceId, from, to],
  );
  return r.rows;
}

export function rulesOf(service: Service, exceptions: CalendarException[]): ServiceRules {
  return {
    id: service.id,
    durationMinutes: service.durationMinutes,
    capacity: service.capacity,
    opensDaysAhead: service.opensDaysAhead,
    bookUntilMinutes: service.bookUntilMinutes,
    changeUntilMinutes: service.changeUntilMinutes,
    closedOnNationalHolidays: service.closedOnNationalHolidays,
    closedYearEnd: service.closedYearEnd,
    schedule: service.schedule,
    exceptions,
  };
}
