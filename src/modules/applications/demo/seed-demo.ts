/**
 * Demo data of the e-applications (idempotent; bootstrap runs it once per database through
 * demo_seeds): the four procedures of procedures.ts imported and published in their departments
 * through the procedures part's operations, then applications in every status written through the
 * real operations — submitted as citizens submit (an identity document image stored through the
 * attachments part), handled by the departments' demo staff in their inboxes, paid on the payment
 * stand-in's hosted page, a refund asked by one payment administrator and approved by the other.
 *
 * On `npm start` the context runs on a ShiftedClock shared with the payment stand-in, so this is spread
 * over the past week: the payment statistics and the daily reconciliation report have several days.
 * Without the stand-in (PAYMENT_STANDIN=false, or not answering), only what needs no payment provider
 * is seeded (no paid, completed-after-payment or refunded application), and the log says so.
 *
 * The applicants are synthetic (demo-people.ts). Texts here are data a citizen or staff would type
 * (comments, reasons), marked `i18n-exempt: demo data`.
 */
import type { Membership, StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { AuditEvent } from '../../audit/index.js';
import { storeUpload } from '../attachments/store-upload.js';
import { changeStatus, type StatusChange } from '../inbox/change-status.js';
import { expireUnpaidApplications } from '../payments/expire-unpaid.job.js';
import { decideRefund, requestRefund } from '../payments/index.js';
import { importProcedure } from '../procedures/import-procedure.js';
import { publishProcedure } from '../procedures/publish-procedure.js';
import { resubmitCorrection } from '../submissions/resubmit-correction.js';
import { submitApplication } from '../submissions/submit-application.js';
import { withdrawApplication } from '../submissions/withdraw-application.js';
import { demoPerson } from './demo-people.js';
import { demoIdentityPng } from './demo-png.js';
import { type DemoMethod, openPayment, payOnStandin, standinReachable, timeTraveller } from './demo-payments.js';
import { DEMO_PROCEDURES, type DemoProcedure } from './procedures.js';

type Actor = { actor: StaffActor; audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'> };
type Submitted = { applicationId: string; referenceNumber: string; accessToken: string };
type ProcedureKey = 'juminhyo-mail' | 'koseki-mail' | 'sogyo-seminar' | 'water-start-stop';

const SEED_IP = '127.0.0.1';

/** A demo staff member as the staff authenticator would give them (memberships from the database). */
async function demoStaffActor(ctx: AppContext, loginId: string, role?: Membership['role']): Promise<Actor> {
  const r = await ctx.db.query<{ id: string; display_name: string; department_id: string; code: string; name: string; role: string }>(
    `SELECT s.id, s.display_name, m.department_id, d.code, d.name, m.role
     FROM staff s JOIN staff_memberships m ON m.staff_id = s.id JOIN departments d ON d.id = m.department_id
     WHERE s.login_id = $1`,
    [loginId],
  );
  const first = r.rows[0];
  if (!first) throw new Error(`demo seed: demo staff ${loginId} is missing (the staff module's demo seed runs first)`);
  const memberships = r.rows.map((m) => ({
    departmentId: m.department_id,
    departmentCode: m.code,
    departmentName: m.name,
    role: role ?? (m.role as Membership['role']),
  }));
  const actor: StaffActor = {
    kind: 'staff',
    id: first.id,
    loginId,
    displayName: first.display_name,
    memberships,
    currentDepartmentId: first.department_id,
    isSysAdmin: false,
    sessionTokenHash: 'demo-seed',
    csrfToken: 'demo-seed',
    mustChangePassword: false,
    mfaPending: false,
    mfaSetupRequired: false,
    passwordRenewalDue: false,
  };
  return {
    actor,
    audit: { actor: { type: 'staff', id: first.id, label: loginId, departmentId: first.department_id }, clientIp: null, requestId: null },
  };
}

/** Who sets up each department's procedures: its demo administrator (商工労働課's demo staff is not one; see below). */
const PROCEDURE_OWNER: Record<string, string> = { shimin: 'demo-shimin', shoukou: 'demo-shoukou', suido: 'demo-suido' };

/** The published procedure of a demo definition in its department, imported and published when missing. */
async function ensureProcedure(ctx: AppContext, p: DemoProcedure): Promise<string> {
  const dept = await ctx.db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [p.department]);
  const departmentId = dept.rows[0]?.id;
  if (!departmentId) throw new Error(`demo seed: department ${p.department} is missing`);
  const found = await ctx.db.query<{ id: string; published_version: number | null }>(
    `SELECT pr.id, pr.published_version FROM app_procedures pr
     JOIN app_procedure_versions v ON v.procedure_id = pr.id AND v.version = 1
     WHERE pr.department_id = $1 AND v.definition->'title'->>'ja' = $2 LIMIT 1`,
    [departmentId, p.definition.title.ja],
  );
  // 商工労働課's demo member is ordinary staff; the seed sets its procedure up with the department
  // administrator's role, as the city's administrator would have done (audited as the seed).
  const owner = await demoStaffActor(ctx, PROCEDURE_OWNER[p.department] as string, 'dept-admin');
  const audit = { actor: { type: 'system' as const, id: null, label: 'demo-seed' }, clientIp: null, requestId: null };
  let id = found.rows[0]?.id;
  if (!id) id = await importProcedure(ctx, owner.actor, departmentId, Buffer.from(JSON.stringify(p.definition)), audit);
  if (!found.rows[0]?.published_version) await publishProcedure(ctx, owner.actor, id, audit);
  return id;
}

export async function seedApplicationsDemo(ctx: AppContext): Promise<void> {
  const { at, canTravel } = timeTraveller(ctx);
  const procedureIds = {} as Record<ProcedureKey, string>;
  await at(8, '09:00', async () => {
    for (const p of DEMO_PROCEDURES) procedureIds[p.key as ProcedureKey] = await ensureProcedure(ctx, p);
  });
  const has = await ctx.db.query('SELECT 1 FROM app_applications WHERE procedure_id = ANY($1::uuid[]) LIMIT 1', [
    Object.values(procedureIds),
  ]);
  if (has.rows.length > 0) return;

  const canPay = await standinReachable(ctx);
  const shimin = await demoStaffActor(ctx, 'demo-shimin');
  const shoukou = await demoStaffActor(ctx, 'demo-shoukou');
  const suido = await demoStaffActor(ctx, 'demo-suido');
  const kessai = await demoStaffActor(ctx, 'demo-kessai');
  const kessai2 = await demoStaffActor(ctx, 'demo-kessai2');
  let personIndex = 0;

  const submit = async (key: ProcedureKey, answers: (n: ReturnType<typeof demoPerson>) => Record<string, unknown>, withId = false) => {
    const person = demoPerson(personIndex++);
    const ownerToken = `demo-seed-${personIndex}`;
    const extra: Record<string, unknown> = {};
    if (withId) {
      const file = await storeUpload(ctx, {
        filename: `id-${personIndex}.png`,
        declaredType: 'image/png',
        data: demoIdentityPng(personIndex),
        ownerToken,
        clientIp: SEED_IP,
        field: 'id_image',
      });
      extra.id_kind = personIndex % 2 ? 'license' : 'passport';
      extra.id_image = file.id;
    }
    const base = { name: person.name, name_kana: person.kana, email: person.email, phone: person.phone };
    const r = await submitApplication(ctx, {
      procedureId: procedureIds[key],
      answers: { ...base, ...answers(person), ...extra },
      lang: 'ja',
      channel: 'web',
      ownerToken,
    });
    return { applicationId: r.applicationId, referenceNumber: r.referenceNumber, accessToken: r.accessToken } satisfies Submitted;
  };
  const move = (who: Actor, a: Submitted, change: StatusChange) => changeStatus(ctx, who.actor, a.applicationId, change, who.audit);
  const juminhyo = (copies: number) => (p: ReturnType<typeof demoPerson>) => ({
    birth_date: p.birth,
    postal_code: p.postalCode,
    address: p.address,
    subject: copies > 1 ? 'household' : 'self',
    copies: String(copies),
    items: ['relation'],
    purpose: copies % 2 ? 'pension' : 'job',
  });
  const koseki = (copies: number) => (p: ReturnType<typeof demoPerson>) => ({
    postal_code: p.postalCode,
    address: p.address,
    // i18n-exempt: demo data (an answer as a citizen types it)
    honseki: '架空県見本市中央一丁目1番地',
    hittousha: p.name,
    copies: String(copies),
  });
  const seminar = (stage: string) => () => ({ stage, childcare: 'no' });
  const waterDate = (daysAhead: number) => {
    const d = new Date(ctx.clock.now().getTime() + 9 * 3_600_000 + daysAhead * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const water = (kind: 'start' | 'stop') => (p: ReturnType<typeof demoPerson>) => ({
    kind,
    date: waterDate(5),
    postal_code: p.postalCode,
    address: p.address,
    ...(kind === 'stop' ? { settlement: 'account' } : {}),
  });
  const pay = (a: Submitted, method: DemoMethod) => payOnStandin(ctx, a.applicationId, method);

  // i18n-exempt: demo data — comments to citizens and refund reasons as staff type them
  const TEXT = {
    accepted: 'お支払いをお願いします。確認後に郵送します。',
    posted: '本日、住民登録の住所へ郵送しました。',
    noHonseki: '本市に該当する本籍が見つかりませんでした。手数料はかかりません。',
    correction: 'お客様番号と希望日をご確認ください（希望日は土日祝を除きます）。',
    opened: '開栓しました。検針票をご確認ください。',
    seatDone: '全4回の受講を修了されました。',
    refund: '通数の入力誤り（3通→2通）の申し出により1通分を返金',
  };

  // 住民票 (fee at submission, identity document): paid, completed, paid then partly refunded, unpaid, expired
  if (canPay) {
    await at(6, '10:15', async () => pay(await submit('juminhyo-mail', juminhyo(2), true), 'card'));
    const done = await at(5, '11:40', async () => {
      const a = await submit('juminhyo-mail', juminhyo(1), true);
      await pay(a, 'apple_pay');
      return a;
    });
    await at(5, '14:05', () => move(shimin, done, { status: 'in_review' }));
    await at(4, '09:30', () => move(shimin, done, { status: 'completed', comment: TEXT.posted }));
    const refunded = await at(4, '20:10', async () => {
      const a = await submit('juminhyo-mail', juminhyo(3), true);
      return { a, paymentId: await pay(a, 'paypay') };
    });
    await at(3, '09:10', () => move(shimin, refunded.a, { status: 'in_review' }));
    const asked = await at(3, '10:00', () =>
      requestRefund(ctx, kessai.actor, { paymentId: refunded.paymentId, amount: 300, reason: TEXT.refund }, { clientIp: null }),
    );
    await at(3, '13:30', () => decideRefund(ctx, kessai2.actor, { refundId: asked.refundId, approve: true }, { clientIp: null }));
    await at(2, '16:45', async () => pay(await submit('juminhyo-mail', juminhyo(1), true), 'paypay'));
    // the hosted page opened but never paid: its session expires, then the application (APPLICATION_UNPAID_EXPIRY_HOURS)
    await at(5, '22:00', async () => openPayment(ctx, (await submit('juminhyo-mail', juminhyo(1), true)).applicationId));
    await at(0, '08:20', async () => openPayment(ctx, (await submit('juminhyo-mail', juminhyo(2), true)).applicationId));
  } else {
    await at(5, '22:00', () => submit('juminhyo-mail', juminhyo(1), true));
  }
  await at(1, '07:50', () => submit('juminhyo-mail', juminhyo(1), true)); // waiting for payment for more than a day
  await ctx.db.transaction((tx) => expireUnpaidApplications(ctx, tx));

  // 戸籍 (事後決済): accepted and awaiting payment, rejected, accepted → paid → completed
  const waiting = await at(2, '09:05', () => submit('koseki-mail', koseki(2)));
  await at(1, '10:30', () => move(shimin, waiting, { status: 'in_review' }));
  await at(1, '11:00', () => move(shimin, waiting, { status: 'awaiting_payment', comment: TEXT.accepted }));
  const refused = await at(3, '15:20', () => submit('koseki-mail', koseki(1)));
  await at(2, '10:00', () => move(shimin, refused, { status: 'rejected', comment: TEXT.noHonseki }));
  if (canPay) {
    const later = await at(4, '13:00', () => submit('koseki-mail', koseki(1)));
    await at(3, '09:45', () => move(shimin, later, { status: 'awaiting_payment', comment: TEXT.accepted }));
    await at(3, '19:30', () => pay(later, 'card'));
    await at(2, '11:15', () => move(shimin, later, { status: 'completed', comment: TEXT.posted }));
  }

  // 創業セミナー (free, seats): received, in review, withdrawn by the applicant, completed
  await at(0, '07:10', () => submit('sogyo-seminar', seminar('idea')));
  const reviewing = await at(1, '12:30', () => submit('sogyo-seminar', seminar('preparing')));
  await at(0, '09:15', () => move(shoukou, reviewing, { status: 'in_review' }));
  const withdrawn = await at(3, '18:00', () => submit('sogyo-seminar', seminar('started')));
  await at(2, '08:40', () => withdrawApplication(ctx, withdrawn.referenceNumber, withdrawn.accessToken, { clientIp: SEED_IP }));
  const finished = await at(7, '09:00', () => submit('sogyo-seminar', seminar('preparing')));
  await at(1, '17:00', () => move(shoukou, finished, { status: 'completed', comment: TEXT.seatDone }));

  // 水道 (free): received, in review, correction requested naming fields, resubmitted, completed
  await at(0, '06:55', () => submit('water-start-stop', water('start')));
  const inReview = await at(1, '13:20', () => submit('water-start-stop', water('stop')));
  await at(1, '15:00', () => move(suido, inReview, { status: 'in_review' }));
  const fix = await at(2, '08:30', () => submit('water-start-stop', water('start')));
  await at(1, '09:00', () =>
    move(suido, fix, { status: 'correction_requested', comment: TEXT.correction, correctionFields: ['customer_number', 'date'] }),
  );
  const fixed = await at(3, '10:10', () => submit('water-start-stop', water('stop')));
  await at(2, '14:00', () => move(suido, fixed, { status: 'correction_requested', comment: TEXT.correction, correctionFields: ['date'] }));
  await at(1, '19:30', () =>
    resubmitCorrection(ctx, fixed.referenceNumber, fixed.accessToken, { date: waterDate(6) }, { clientIp: SEED_IP }),
  );
  const opened = await at(6, '09:30', () => submit('water-start-stop', water('start')));
  await at(5, '10:00', () => move(suido, opened, { status: 'in_review' }));
  await at(4, '16:00', () => move(suido, opened, { status: 'completed', comment: TEXT.opened }));

  ctx.log.info(
    { event: 'demo_seeded', module: 'applications', applications: personIndex, payments: canPay, backdated: canTravel },
    canPay
      ? 'e-applications demo: procedures and applications in every status, paid on the payment stand-in'
      : 'e-applications demo: the payment stand-in is not running (PAYMENT_STANDIN=false or unreachable): no paid, paid-and-completed or refunded application was seeded',
  );
}
