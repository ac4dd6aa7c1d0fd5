/** Test factories for the reservations module (synthetic data only). */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { insertService, type FieldSpec, type ScheduleSpec, type ServiceSettings } from './manage-services.js';

export const TOPIC_FIELD: FieldSpec = {
  key: 'topic',
  labelJa: 'ご相談の内容',
  labelEn: 'Topic',
  type: 'choice',
  required: true,
  classification: 'sensitive',
  options: [
    { value: 'working_conditions', ja: '労働条件', en: 'Working conditions' },
    { value: 'other', ja: 'その他', en: 'Other' },
  ],
};

export async function makeDepartment(ctx: AppContext, code = `t${crypto.randomBytes(4).toString('hex')}`): Promise<string> {
  await ctx.db.query('INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [code, `${code} 課`]);
  const r = await ctx.db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code]);
  return (r.rows[0] as { id: string }).id;
}

export async function makeService(
  ctx: AppContext,
  o: Partial<ServiceSettings> & { departmentId?: string; fields?: FieldSpec[]; schedule?: ScheduleSpec[] } = {},
): Promise<{ id: string; departmentId: string }> {
  const departmentId = o.departmentId ?? (await makeDepartment(ctx));
  const settings: ServiceSettings = {
    kind: 'counter',
    name: 'テスト窓口',
    nameEn: 'Test counter',
    description: '説明',
    place: '本庁舎1階',
    durationMinutes: 30,
    capacity: 2,
    opensDaysAhead: 30,
    bookUntilMinutes: 60,
    changeUntilMinutes: 60,
    closedOnNationalHolidays: true,
    closedYearEnd: true,
    reminderDaysBefore: 1,
    reminderTime: '10:00',
    remindersEnabled: true,
    retentionDays: 30,
    isActive: true,
    ...o,
  };
  const schedule = o.schedule ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
  const id = await ctx.db.transaction((tx) => insertService(tx, departmentId, settings, o.fields ?? [TOPIC_FIELD], schedule));
  return { id, departmentId };
}

let n = 0;
export function person(i = n++) {
  return { name: `試験 太郎${i}`, phone: `090-5550-${String(1000 + (i % 9000)).padStart(4, '0')}`, email: `t${i}@example.jp` };
}
