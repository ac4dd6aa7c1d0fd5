/**
 * The facility-claims demo (issue 12 item 9; idempotent — bootstrap runs it once per database through
 * demo_seeds, and each step also checks its own data, for a seed interrupted half-way). Everything is
 * written through the parts' own operations, as the people of the demo would:
 *
 * 1. the city: the two childcare divisions and demo-hoiku / demo-nyuen (demo-staff.ts);
 * 2. demo-hoiku registers five facilities of different types and two users each from their notifications
 *    (facilities part; log-in ids hoiku-f001-a …, addresses …@example.jp, password demo-password-2026);
 * 3. each facility's first user keeps its roster (roster part): hires, a role change, a leave, part-timers;
 * 4. the sample unit-price table of each fiscal year the three demo months fall in (pricing part);
 * 5. demo-nyuen imports the counts of the last three months up to the current one as the core system's CSV
 *    (counts part; one month in CP932, as the core system writes it); the facilities confirm them, one
 *    queries the current month and the enrolment division answers;
 * 6. each facility sets the items it claims for those fiscal years (items part);
 * 7. claims in every state (claims and review parts): approved, an approved one superseded by a newer
 *    approved version (after a correction of the roster), submitted, returned with the city's comment,
 *    draft; plus a yearly 加算 application approved and a 処遇改善 plan in draft.
 *
 * "Today" is the context's clock in Japan. The one-time passwords of the facility log-in go through the
 * platform mailer (portal-auth/code-mail.job.ts), so the demo mailbox (/demo/mailbox) shows them.
 */
import type { FastifyRequest } from 'fastify';
import iconv from 'iconv-lite';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import type { AuditEvent } from '../../audit/index.js';
import { approveSubmission } from '../review/approve-submission.js';
import { returnSubmission } from '../review/return-submission.js';
import { prepareSubmission } from '../claims/prepare-submission.js';
import { startNewVersion } from '../claims/start-new-version.js';
import { submitSubmission } from '../claims/submit-submission.js';
import { answerCountQuery } from '../counts/answer-count-query.js';
import { confirmCounts } from '../counts/confirm-counts.js';
import { importCounts } from '../counts/import-counts.js';
import { queryCounts } from '../counts/query-counts.js';
import { createFacility } from '../facilities/create-facility.js';
import { createFacilityUser } from '../facilities/create-facility-user.js';
import type { Acting } from '../facilities/facility-admin.js';
import { setItem } from '../items/set-item.js';
import { ensureSamplePriceTable } from '../pricing/sample-table.js';
import { createStaffMember } from '../roster/create-staff-member.js';
import { recordStaffEvent } from '../roster/record-staff-event.js';
import type { FacilityActor } from '../shared/facility-session.js';
import { fiscalYearOf, type SubmissionForm } from '../shared/types.js';
import { DEMO_FACILITIES, DEMO_FACILITY_PASSWORD, type DemoFacility, demoCountsFor, demoStaffPerson } from './demo-data.js';
import { type DemoStaffActor, demoStaffActor, ensureDemoDivisions } from './demo-staff.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;
type FacilityUser = { actor: FacilityActor; audit: Audit; req: FastifyRequest };

const SEED_IP = '127.0.0.1';

// i18n-exempt: demo data (what people type: the city's comments, a facility's query and its answer, users' names)
const TEXT = {
  returned: '1・2歳児の保育短時間の人数について、入所台帳と照合のうえ確認をお願いします。確認後に再提出してください。',
  approvedAgain: '職員の勤務時間の訂正を確認しました。',
  approved: '内容を確認しました。',
  query: '1・2歳児（保育標準時間）の人数が当園の在籍と1名異なるようです。ご確認をお願いします。',
  answer: '月初日時点の転園1名を反映した人数です。翌月分から反映されます。',
  userA: '（施設長）',
  userB: '（事務担当）',
};

/** A month (YYYY-MM) `back` months before `month`. */
function monthBefore(month: string, back: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 - back;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 7);
}

const loginIdOf = (f: DemoFacility, n: 'a' | 'b') => `hoiku-${f.code.toLowerCase()}-${n}`;

/** A facility user acting as if through the portal (the seed holds no HTTP request; its address is the loopback). */
function facilityUser(facilityId: string, userId: string, loginId: string): FacilityUser {
  const actor: FacilityActor = { userId, facilityId, loginId, csrfToken: 'demo-seed', tokenHash: 'demo-seed' };
  const audit: Audit = { actor: { type: 'facility', id: userId, label: loginId }, clientIp: SEED_IP, requestId: null };
  // the counts part's confirm and query read the client address and request id from the request
  const req = { ip: SEED_IP, id: 'demo-seed' } as unknown as FastifyRequest;
  return { actor, audit, req };
}

async function ensureFacility(ctx: AppContext, by: Acting, f: DemoFacility, today: string): Promise<{ id: string; users: FacilityUser[] }> {
  const found = await ctx.db.query<{ id: string }>('SELECT id FROM fc_facilities WHERE code = $1', [f.code]);
  const id =
    found.rows[0]?.id ??
    (
      await createFacility(ctx, by, {
        code: f.code,
        name: f.name,
        type: f.type,
        operatorName: f.operatorName,
        regionPercent: f.regionPercent,
        capacity1: f.capacity1,
        capacity23: f.capacity23,
        postalCode: f.postalCode,
        address: f.address,
      })
    ).id;
  const users: FacilityUser[] = [];
  for (const n of ['a', 'b'] as const) {
    const loginId = loginIdOf(f, n);
    const u = await ctx.db.query<{ id: string }>('SELECT id FROM fc_users WHERE login_id = $1', [loginId]);
    const userId =
      u.rows[0]?.id ??
      (
        await createFacilityUser(ctx, by, id, {
          loginId,
          email: `${loginId}@example.jp`,
          displayName: `${demoStaffPerson(f.code.charCodeAt(3) + (n === 'a' ? 0 : 7)).name}${n === 'a' ? TEXT.userA : TEXT.userB}`,
          password: DEMO_FACILITY_PASSWORD,
          notifiedOn: today,
          notificationRef: `R${f.code}-${n}`,
        })
      ).id;
    users.push(facilityUser(id, userId, loginId));
  }
  return { id, users };
}

/** The roster of a facility, kept by its first user (only when the facility has none yet). */
async function ensureRoster(ctx: AppContext, f: DemoFacility, who: FacilityUser, fyStart: number, firstMonth: string, seq: number) {
  const has = await ctx.db.query('SELECT 1 FROM fc_staff WHERE facility_id = $1 LIMIT 1', [who.actor.facilityId]);
  if (has.rows.length) return;
  for (const [i, s] of f.staff.entries()) {
    const n = seq + i;
    const person = demoStaffPerson(n);
    const hireYear = fyStart - s.hiredYearsAgo;
    const age = 22 + Math.floor(s.priorExperienceMonths / 12) + (n % 4);
    const birthDate = `${hireYear - age}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`;
    const { id } = await createStaffMember(
      ctx,
      who.actor,
      {
        name: person.name,
        nameKana: person.kana,
        birthDate,
        address: person.address,
        hiredOn: `${hireYear}-04-01`,
        role: s.role,
        employment: s.employment,
        weeklyHours: s.weeklyHours,
        qualifications: s.qualifications,
        qualificationNumber: s.qualifications.includes('hoikushi') ? `12-${String(100000 + n * 37)}` : undefined,
        priorExperienceMonths: s.priorExperienceMonths,
      },
      who.audit,
    );
    for (const e of s.events ?? [])
      await recordStaffEvent(
        ctx,
        who.actor,
        id,
        { kind: e.kind, effectiveOn: `${monthBefore(firstMonth, e.monthsAgo - 2)}-01`, ...(e.role ? { role: e.role } : {}) },
        who.audit,
      );
  }
}

/** The core system's CSV of a month for every demo facility (対象年月 given, as the export writes it). */
function countsCsv(month: string, back: number): string {
  // i18n-exempt: the fixed column names and codes of the core system's exchange file
  const header = '施設コード,認定区分,年齢区分,保育必要量,人数,対象年月';
  // i18n-exempt: the fixed codes of the core system's exchange file
  const age = { age0: '0歳', 'age1-2': '1・2歳', age3: '3歳', age4plus: '4歳以上', mansan: '満3歳' } as const;
  // i18n-exempt: the fixed codes of the core system's exchange file
  const need = { standard: '標準', short: '短時間', education: '教育' } as const;
  const lines = DEMO_FACILITIES.flatMap((f) =>
    demoCountsFor(f, back).map((c) => [f.code, String(c.certClass), age[c.ageBand], need[c.need], String(c.count), month].join(',')),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

async function ensureCounts(ctx: AppContext, nyuen: DemoStaffActor, months: string[]): Promise<void> {
  const departmentId = nyuen.actor.currentDepartmentId ?? null;
  for (const [i, month] of months.entries()) {
    const done = await ctx.db.query('SELECT 1 FROM fc_count_imports WHERE month = $1 LIMIT 1', [`${month}-01`]);
    if (done.rows.length) continue;
    const back = months.length - 1 - i;
    const text = countsCsv(month, back);
    // the oldest month as the core system writes it (CP932), the others in UTF-8 with a BOM
    const bytes = i === 0 ? iconv.encode(text, 'cp932') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const r = await importCounts(ctx, {
      month,
      bytes,
      fileName: `kodomo-su-${month}.csv`,
      importedBy: nyuen.actor.id,
      audit: nyuen.audit,
      departmentId,
    });
    if (!r.ok) throw new Error(`facility demo seed: the counts of ${month} were refused (${r.reason})`);
  }
}

async function ensureItems(ctx: AppContext, f: DemoFacility, who: FacilityUser, fiscalYears: number[]): Promise<void> {
  for (const fy of fiscalYears) {
    const has = await ctx.db.query('SELECT 1 FROM fc_items WHERE facility_id = $1 AND fiscal_year = $2 LIMIT 1', [
      who.actor.facilityId,
      fy,
    ]);
    if (has.rows.length) continue;
    for (const item of f.items)
      await setItem(ctx, who.actor, who.audit, {
        fiscalYear: fy,
        code: item.code,
        claimed: true,
        value: item.value,
        effectiveFrom: `${fy}-04-01`,
      });
  }
}

async function countStatus(ctx: AppContext, facilityId: string, month: string): Promise<string | undefined> {
  const r = await ctx.db.query<{ status: string }>('SELECT status FROM fc_count_reviews WHERE facility_id = $1 AND month = $2', [
    facilityId,
    `${month}-01`,
  ]);
  return r.rows[0]?.status;
}

export async function seedFacilityDemo(ctx: AppContext): Promise<void> {
  await ensureDemoDivisions(ctx);
  const hoiku = await demoStaffActor(ctx, 'demo-hoiku');
  const nyuen = await demoStaffActor(ctx, 'demo-nyuen');
  const by: Acting = { kind: 'staff', staff: hoiku.actor, audit: hoiku.audit };

  const today = jstDate(ctx.clock.now());
  const current = today.slice(0, 7);
  const months = [monthBefore(current, 2), monthBefore(current, 1), current];
  const fiscalYears = [...new Set(months.map(fiscalYearOf))];
  const fyStart = fiscalYearOf(months[0] as string);

  const facilities: { f: DemoFacility; id: string; users: FacilityUser[] }[] = [];
  let seq = 0;
  for (const f of DEMO_FACILITIES) {
    const { id, users } = await ensureFacility(ctx, by, f, today);
    await ensureRoster(ctx, f, users[0] as FacilityUser, fyStart, months[0] as string, seq);
    seq += f.staff.length;
    facilities.push({ f, id, users });
  }
  for (const fy of fiscalYears) await ensureSamplePriceTable(ctx, fy);
  await ensureCounts(ctx, nyuen, months);
  for (const { f, users } of facilities) await ensureItems(ctx, f, users[0] as FacilityUser, fiscalYears);

  const claimed = await ctx.db.query('SELECT 1 FROM fc_submissions WHERE facility_id = ANY($1::uuid[]) LIMIT 1', [
    facilities.map((x) => x.id),
  ]);
  if (claimed.rows.length) return;

  // the facilities answer the imported counts: all confirmed, except F005's current month, queried and answered
  const [a, b, c] = months as [string, string, string];
  for (const { f, users } of facilities) {
    const who = users[1] as FacilityUser;
    for (const month of months) {
      if ((await countStatus(ctx, who.actor.facilityId, month)) !== 'pending') continue;
      if (f.code === 'F005' && month === c) {
        await queryCounts(ctx, who.req, who.actor, { month, message: TEXT.query });
        await answerCountQuery(ctx, nyuen.actor, nyuen.audit, { month, facilityCode: f.code, answer: TEXT.answer });
      } else await confirmCounts(ctx, who.req, who.actor, { month });
    }
  }

  const claim = async (who: FacilityUser, month: string, form: SubmissionForm = 'monthly-claim') => {
    const s = await prepareSubmission(ctx, { facilityId: who.actor.facilityId, userId: who.actor.userId }, who.audit, form, month);
    return s.id;
  };
  const submit = (who: FacilityUser, id: string) =>
    submitSubmission(ctx, { facilityId: who.actor.facilityId, userId: who.actor.userId }, who.audit, id);
  const approve = (id: string, comment = TEXT.approved) => approveSubmission(ctx, hoiku.actor, id, comment, hoiku.audit);
  const approved = async (who: FacilityUser, month: string, form: SubmissionForm = 'monthly-claim') => {
    const id = await claim(who, month, form);
    await submit(who, id);
    await approve(id);
    return id;
  };
  const byCode = (code: string) => facilities.find((x) => x.f.code === code) as (typeof facilities)[number];
  const [f1, f2, f3, f4, f5] = ['F001', 'F002', 'F003', 'F004', 'F005'].map((code) => byCode(code).users[0] as FacilityUser);
  const f1b = byCode('F001').users[1] as FacilityUser;
  if (!f1 || !f2 || !f3 || !f4 || !f5) throw new Error('facility demo seed: a demo facility is missing');

  // F001 保育所: month A approved, then corrected (a part-timer's hours were wrong) and approved again —
  // version 1 is superseded by version 2; month B approved; the current month submitted.
  await approved(f1, a);
  const partTimer = await ctx.db.query<{ id: string }>(
    `SELECT id FROM fc_staff WHERE facility_id = $1 AND employment = 'part-time' AND role = 'nursery-teacher' ORDER BY weekly_hours LIMIT 1`,
    [f1.actor.facilityId],
  );
  const pt = partTimer.rows[0];
  if (pt)
    await recordStaffEvent(
      ctx,
      f1b.actor,
      pt.id,
      { kind: 'employment-change', effectiveOn: `${a}-01`, employment: 'part-time', weeklyHours: 30 },
      f1b.audit,
    );
  const v2 = await startNewVersion(ctx, { facilityId: f1b.actor.facilityId, userId: f1b.actor.userId }, f1b.audit, 'monthly-claim', a);
  await submit(f1b, v2.id);
  await approve(v2.id, TEXT.approvedAgain);
  await approved(f1, b);
  await submit(f1, await claim(f1, c));
  // the yearly 処遇改善 plan of the current fiscal year, started (draft)
  await claim(f1, String(fiscalYearOf(c)), 'shogu-plan');

  // F002 認定こども園: A and B approved; the current month returned with the city's comment; the national
  // addition application of the year approved
  await approved(f2, a);
  await approved(f2, b);
  const returned = await claim(f2, c);
  await submit(f2, returned);
  await returnSubmission(ctx, hoiku.actor, returned, TEXT.returned, hoiku.audit);
  await approved(f2, String(fiscalYearOf(c)), 'addition-national');

  // F003 小規模保育A型: A approved, B submitted (waiting for review), the current month in draft
  await approved(f3, a);
  await submit(f3, await claim(f3, b));
  await claim(f3, c);

  // F004 幼稚園: A and B approved, the current month in draft
  await approved(f4, a);
  await approved(f4, b);
  await claim(f4, c);

  // F005 事業所内保育: A and B approved; the current month (its query answered) submitted
  await approved(f5, a);
  await approved(f5, b);
  await submit(f5, await claim(f5, c));
}
