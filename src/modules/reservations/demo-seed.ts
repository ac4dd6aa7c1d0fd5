/**
 * Demo city data: services modelled on the council record (benefit application support,
 * household-finance consultation, labour consultation, a general counter) across four
 * departments, weekday schedules, a city closure, and some bookings with synthetic people.
 * Idempotent: does nothing once any counter or consultation service exists (and the demo module
 * runs it once per database), so changes here reach new databases only.
 *
 * The Japanese texts here are data, not the application's wording: what a city's staff would type into
 * the service settings (with the English beside it where the settings have an English field), and
 * synthetic people. Each such line is marked `i18n-exempt: demo data`.
 */
import type { AppContext } from '../../platform/context.js';
import { bookSlot } from './book-slot.js';
import { addDays, jstDate } from '../../platform/japan-time.js';
import { insertService, type FieldSpec, type ScheduleSpec, type ServiceSettings } from './manage-services.js';
import { slotsOfDay } from './rules.js';
import { findService, loadExceptions, rulesOf } from './services.repository.js';

const weekdays = (ranges: [string, string][], days = [1, 2, 3, 4, 5]): ScheduleSpec[] =>
  days.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));

const base: Omit<ServiceSettings, 'kind' | 'name' | 'description' | 'place' | 'durationMinutes' | 'capacity'> = {
  nameEn: null,
  opensDaysAhead: 60,
  bookUntilMinutes: 60,
  changeUntilMinutes: 60,
  closedOnNationalHolidays: true,
  closedYearEnd: true,
  reminderDaysBefore: 1,
  reminderTime: '10:00',
  remindersEnabled: true,
  retentionDays: 90,
  isActive: true,
};

// i18n-exempt: demo data
const letterName: FieldSpec = {
  key: 'letter_name',
  labelJa: '市からの通知に記載された宛名',
  labelEn: 'Name as printed on the letter from the city',
  type: 'text',
  required: false,
  classification: 'personal',
  maxLength: 100,
};
// i18n-exempt: demo data
const reason: FieldSpec = {
  key: 'reason',
  labelJa: 'ご来庁の目的',
  labelEn: 'Reason for the visit',
  type: 'textarea',
  required: false,
  classification: 'personal',
  maxLength: 500,
};
// i18n-exempt: demo data
const remarks: FieldSpec = {
  key: 'remarks',
  labelJa: '備考',
  labelEn: 'Remarks',
  type: 'textarea',
  required: false,
  classification: 'personal',
  maxLength: 500,
};
const topic: FieldSpec = {
  key: 'topic',
  labelJa: 'ご相談の内容', // i18n-exempt: demo data
  labelEn: 'Consultation topic',
  type: 'choice',
  required: true,
  classification: 'sensitive',
  options: [
    { value: 'working_conditions', ja: '労働条件（賃金・労働時間・解雇など）', en: 'Working conditions (pay, hours, dismissal)' }, // i18n-exempt: demo data
    { value: 'welfare', ja: '福利厚生', en: 'Welfare' }, // i18n-exempt: demo data
    { value: 'relationships', ja: '職場の人間関係', en: 'Workplace relationships' }, // i18n-exempt: demo data
    { value: 'other', ja: 'その他', en: 'Other' }, // i18n-exempt: demo data
  ],
};

const DEPARTMENTS = [
  { code: 'fukushi', name: '福祉総務課', nameEn: 'Welfare General Affairs' }, // i18n-exempt: demo data
  { code: 'seikatsu', name: '生活支援課', nameEn: 'Livelihood Support' }, // i18n-exempt: demo data
  { code: 'shoukou', name: '商工労働課', nameEn: 'Commerce, Industry and Labour' }, // i18n-exempt: demo data
  { code: 'shimin', name: '市民課', nameEn: "Citizens' Affairs" }, // i18n-exempt: demo data
];

export async function seedReservationsDemo(ctx: AppContext): Promise<void> {
  // Card pickup locations are services too (seeded by the card module): only counter services count here.
  const existing = await ctx.db.query(`SELECT 1 FROM rsv_services WHERE kind <> 'card_pickup' LIMIT 1`);
  if (existing.rows.length > 0) return;
  const dept: Record<string, string> = {};
  for (const d of DEPARTMENTS) {
    await ctx.db.query('INSERT INTO departments (code, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [
      d.code,
      d.name,
      d.nameEn,
    ]);
    const r = await ctx.db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [d.code]);
    dept[d.code] = (r.rows[0] as { id: string }).id;
  }
  // i18n-exempt: demo data — the demo's services as a city's staff would type them (English names beside them)
  const ids = await ctx.db.transaction(async (tx) => [
    await insertService(
      tx,
      dept.fukushi as string,
      {
        ...base,
        kind: 'counter',
        name: '給付金の申請サポート',
        nameEn: 'Benefit application support', // i18n-exempt: demo data
        description: '給付金の申請書の書き方や必要な書類をご案内します。市から届いた通知書をお持ちください。', // i18n-exempt: demo data
        descriptionEn:
          'We help you fill in the benefit application and tell you which documents you need. Please bring the letter you received from the city.',
        place: '市役所本庁舎 1階 福祉総務課 3番窓口',
        durationMinutes: 30,
        capacity: 3, // i18n-exempt: demo data
      },
      [letterName, reason, remarks],
      weekdays([
        ['09:00', '12:00'],
        ['13:00', '16:30'],
      ]),
    ),
    await insertService(
      tx,
      dept.seikatsu as string,
      {
        ...base,
        kind: 'consultation',
        name: '家計相談',
        nameEn: 'Household finance consultation', // i18n-exempt: demo data
        description: '家計の見直しや債務、生活費のお悩みについて、相談員がお話を伺います（秘密は守ります）。', // i18n-exempt: demo data
        descriptionEn: 'A counsellor listens to your worries about the household budget, debts or living costs (in confidence).',
        place: '市役所本庁舎 2階 生活支援課 相談室A',
        durationMinutes: 60,
        capacity: 1,
        bookUntilMinutes: 24 * 60,
        changeUntilMinutes: 24 * 60, // i18n-exempt: demo data
      },
      [{ ...reason, classification: 'sensitive' }, remarks],
      weekdays([
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ]),
    ),
    await insertService(
      tx,
      dept.shoukou as string,
      {
        ...base,
        kind: 'consultation',
        name: '労働相談',
        nameEn: 'Labour consultation', // i18n-exempt: demo data
        description: '社会保険労務士が、労働条件や職場の悩みについて無料でご相談に応じます。', // i18n-exempt: demo data
        descriptionEn: 'A labour and social security attorney advises you free of charge on working conditions and problems at work.',
        place: '市役所分庁舎 3階 商工労働課 相談コーナー',
        durationMinutes: 45,
        capacity: 2,
        reminderTime: '09:00', // i18n-exempt: demo data
      },
      [topic, remarks],
      weekdays([['13:00', '16:00']], [2, 4]).concat(weekdays([['10:00', '12:15']], [6])),
    ),
    await insertService(
      tx,
      dept.shimin as string,
      {
        ...base,
        kind: 'counter',
        name: '総合窓口（証明書・届出）',
        nameEn: 'General counter (certificates, notifications)', // i18n-exempt: demo data
        description: '住民票の写し・印鑑登録証明書の交付、転入・転出などの届出を予約制で受け付けます。', // i18n-exempt: demo data
        descriptionEn:
          'Copies of the residence record, seal registration certificates, and notifications such as moving in or out, by appointment.',
        place: '市役所本庁舎 1階 市民課 総合窓口',
        durationMinutes: 15,
        capacity: 4,
        bookUntilMinutes: 30,
        changeUntilMinutes: 30, // i18n-exempt: demo data
      },
      [reason],
      weekdays([
        ['08:30', '12:00'],
        ['13:00', '17:00'],
      ]),
    ),
  ]);
  // a city-wide closure (e.g. system maintenance) three weeks ahead
  const today = jstDate(ctx.clock.now());
  // i18n-exempt: demo data — the closure's note as staff would type it
  await ctx.db.query(
    `INSERT INTO rsv_calendar_exceptions (service_id, day, kind, note) VALUES (NULL, $1, 'closed', '庁舎設備点検のため休止')`,
    [addDays(today, 21)],
  );

  // some bookings over the next two weeks (synthetic people; 555 phone numbers are not assigned)
  const people = [
    ['見本 太郎', '090-5550-0001', 'taro@example.jp'], // i18n-exempt: demo data
    ['試験 花子', '080-5550-0002', 'hanako@example.jp'], // i18n-exempt: demo data
    ['仮名 一郎', '070-5550-0003', null], // i18n-exempt: demo data
    ['例示 さくら', '090-5550-0004', 'sakura@example.jp'], // i18n-exempt: demo data
    ['架空 次郎', '03-5550-0005', null], // i18n-exempt: demo data
  ] as const;
  let n = 0;
  for (const id of ids) {
    const sv = await findService(ctx.db, id);
    if (!sv) continue;
    for (let d = 2; d < 14 && n < 40; d += 1) {
      const day = addDays(today, d);
      const rules = rulesOf(sv, await loadExceptions(ctx.db, id, day, day));
      const slots = slotsOfDay(rules, day);
      for (const slot of slots.filter((_, i) => i % 3 === d % 3)) {
        const p = people[n % people.length] as readonly [string, string, string | null];
        const fields: Record<string, string> = sv.fields.some((f) => f.key === 'topic') ? { topic: 'working_conditions' } : {};
        await bookSlot(ctx, {
          serviceId: id,
          start: slot.start,
          contact: { name: p[0], phone: p[1], email: p[2], fields },
          channel: n % 4 === 0 ? 'phone' : 'web',
        }).catch(() => undefined);
        n++;
        if (n % 6 === 0) break;
      }
    }
  }
}
