/**
 * Test support: at least one value in every registered encrypted field, written by the modules' own
 * operations (or their testing helpers where the operation needs a whole request flow), so the registry
 * tests decrypt what the real writing code produced. Expects a clock on a Tuesday morning (2026-11-24 JST).
 */
import { Readable } from 'node:stream';
import type { TestApp } from '../../../../test/helpers.js';
import type { StaffActor } from '../../../http/actor.js';
import { makeProcedure } from '../../applications/submissions/testing.js';
import { inboxDefinition } from '../../applications/inbox/testing.js';
import { submitApplication } from '../../applications/submissions/submit-application.js';
import { saveDraft } from '../../applications/submissions/drafts.js';
import { storeUpload } from '../../applications/attachments/store-upload.js';
import { plainJpeg } from '../../applications/attachments/testing.js';
import { changeStatus } from '../../applications/inbox/change-status.js';
import { addNote } from '../../applications/inbox/add-note.js';
import { openCardOffice } from '../../card-issuance/testing.js';
import { importIssuanceList } from '../../card-issuance/internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../../card-issuance/internal/synthetic-list.js';
import { exportBundle } from '../../card-issuance/internal/export-bundle.js';
import { importBundle } from '../../card-issuance/internet/import-bundle.js';
import { upsertLocation } from '../../card-issuance/internet/locations.js';
import { bookCardSlot } from '../../card-issuance/internet/card-bookings.js';
import { exportBookings } from '../../card-issuance/internet/export-bookings.js';
import { importBookings } from '../../card-issuance/internal/import-bookings.js';
import { addCardNote } from '../../card-issuance/internal/card-progress.js';
import { insertTestFacility, insertTestFacilityUser } from '../../facility-claims/testing.js';
import { createStaffMember } from '../../facility-claims/roster/create-staff-member.js';
import { recordStaffEvent } from '../../facility-claims/roster/record-staff-event.js';
import { insertSubmission, monthlyContent, testProfile } from '../../facility-claims/review/testing.js';
import { FC_CRYPTO } from '../../facility-claims/shared/crypto-contexts.js';
import { startFacilityLogIn } from '../../facility-claims/portal-auth/start-log-in.js';
import { bookSlot } from '../../reservations/book-slot.js';
import { requestMyPageLink } from '../../reservations/my-page-link.js';
import { makeService, person } from '../../reservations/testing.js';
import { beginMfaSetup, confirmMfaSetup } from '../../staff/mfa.js';
import { makeStaff, ensureDepartment } from '../../staff/test-support.js';
import { base32Decode, totp } from '../../staff/totp.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const meta = { clientIp: '127.0.0.1', requestId: 'key-rotation-seed' };

async function staffActor(app: TestApp, loginId: string, dept: string): Promise<StaffActor> {
  const id = await makeStaff(app, { loginId, dept, role: 'dept-admin' });
  const departmentId = await ensureDepartment(app, dept);
  return {
    kind: 'staff',
    id,
    loginId,
    displayName: loginId,
    memberships: [{ departmentId, departmentCode: dept, departmentName: dept, role: 'dept-admin' }],
    currentDepartmentId: departmentId,
    isSysAdmin: false,
    sessionTokenHash: `seed-${loginId}`,
    csrfToken: '',
    mustChangePassword: false,
  } as StaffActor;
}

export async function seedEncryptedValues(app: TestApp): Promise<void> {
  const ctx = app.ctx;

  // staff: one person half-way through second-factor set-up, one with it enabled
  const pending = await staffActor(app, 'kr-pending', 'krstaff');
  await beginMfaSetup(ctx, pending);
  const enabled = await staffActor(app, 'kr-enabled', 'krstaff');
  const { secret } = await beginMfaSetup(ctx, enabled);
  await confirmMfaSetup(ctx, enabled, totp(base32Decode(secret), ctx.clock.now()), meta);

  // reservations: a booking with every personal field and an idempotency key; a My Page link request
  const svc = await makeService(ctx, { capacity: 5 });
  await bookSlot(ctx, {
    serviceId: svc.id,
    start: new Date('2026-11-26T09:00:00+09:00'),
    contact: { ...person(), email: 'kr-booking@example.jp', fields: { topic: 'other' } },
    channel: 'web',
    idempotency: { scope: 'key-rotation', key: 'seed-0001' },
  });
  await requestMyPageLink(ctx, { email: 'kr-booking@example.jp', clientIp: '127.0.0.1', lang: 'ja' });

  // card issuance: a list (random passwords), the bundle to the booking site, a booking with e-mail and memo, back inside
  const settings = await openCardOffice(ctx, { passwordPolicy: 'random' });
  const list = encodeCsvText(syntheticIssuanceCsv({ rows: 3, seed: 5, idPrefix: 'KRT' }), 'shift_jis');
  const imported = await importIssuanceList(ctx, { settings, fileName: 'kr.csv', open: () => Readable.from([list]), actor: sys });
  if (!imported.ok) throw new Error(`card list did not import: ${imported.reason}`);
  await importBundle(ctx, { text: (await exportBundle(ctx, { settings, actor: sys })).text, actor: sys });
  await upsertLocation(
    ctx.db,
    {
      departmentId: settings.departmentId,
      code: 'krhoncho',
      name: '本庁舎',
      nameEn: 'City Hall',
      counters: 1,
      peoplePerCounter: 3,
      slotMinutes: 30,
      openTime: '09:00',
      closeTime: '10:00',
      weekdays: [1, 2, 3, 4, 5],
      opensDaysAhead: 30,
      bookUntilMinutes: 60,
      isActive: true,
    },
    ctx.clock.now(),
  );
  await bookCardSlot(ctx, {
    location: 'krhoncho',
    start: new Date('2026-11-25T09:00:00+09:00'),
    reservationIds: ['KRT000001'],
    email: 'kr-card@example.jp',
    memo: '車椅子で伺います',
    actor: { type: 'citizen' },
  });
  await importBookings(ctx, { settings, text: (await exportBookings(ctx, { departmentCode: 'shimin', actor: sys })).text, actor: sys });
  const card = await ctx.db.query<{ id: string }>("SELECT id FROM card_int_cards WHERE control_no = 'KRT000001'");
  await addCardNote(ctx, settings.departmentId, card.rows[0]!.id, '本人確認済み', pending.id, { actor: sys });

  // applications: a submitted application (confirmation job), a status comment, a note, a saved draft (resume job), a file
  const { procedureId } = await makeProcedure(ctx, inboxDefinition());
  const submitted = await submitApplication(ctx, {
    procedureId,
    answers: { name: '窓口 花子', email: 'kr-app@example.jp', copies: '1' },
    lang: 'ja',
    channel: 'api',
  });
  const handler = await staffActor(app, 'kr-handler', 'krapps');
  await ctx.db.query('UPDATE app_applications SET department_id = $2 WHERE id = $1', [
    submitted.applicationId,
    handler.currentDepartmentId,
  ]);
  const audit = { actor: { type: 'staff' as const, id: handler.id, label: handler.loginId }, ...meta };
  await changeStatus(ctx, handler, submitted.applicationId, { status: 'in_review', comment: '書類を確認しています' }, audit);
  await addNote(ctx, handler, submitted.applicationId, '電話で確認済み', audit);
  await saveDraft(ctx, {
    procedureId,
    procedureVersion: 1,
    answers: { name: '下書き 太郎' },
    step: 0,
    lang: 'ja',
    email: 'kr-draft@example.jp',
  });
  await storeUpload(ctx, { filename: '住民票.jpg', data: plainJpeg(), ownerToken: 'kr-owner' });

  // facility claims: a user (and a log-in that mails a code), a staff member with an event, submissions, a count query and answer
  const facility = await insertTestFacility(ctx);
  const user = await insertTestFacilityUser(ctx, { facilityId: facility.id });
  await startFacilityLogIn(ctx, { loginId: user.loginId, password: user.password, clientIp: '127.0.0.1', requestId: 'kr' });
  const roster = { userId: user.id, facilityId: facility.id };
  const rosterAudit = { actor: { type: 'facility' as const, id: user.id, label: user.loginId }, ...meta };
  const member = await createStaffMember(
    ctx,
    roster,
    {
      name: '保育 花子',
      nameKana: 'ホイク ハナコ',
      birthDate: '1990-04-01',
      address: '千葉県市川市八幡2-2-2',
      hiredOn: '2020-04-01',
      qualifications: ['hoikushi'],
      qualificationNumber: '12-012345',
      role: 'nursery-teacher',
      employment: 'full-time',
    },
    rosterAudit,
  );
  await recordStaffEvent(ctx, roster, member.id, { kind: 'leave-start', effectiveOn: '2026-12-01', note: '産前休業' }, rosterAudit);
  const profile = testProfile({ id: facility.id, code: facility.code });
  await insertSubmission(ctx, { facilityId: facility.id, content: monthlyContent(profile, { period: '2026-09' }), status: 'superseded' });
  await insertSubmission(ctx, {
    facilityId: facility.id,
    content: monthlyContent(profile, { period: '2026-09' }),
    version: 2,
    status: 'approved',
  });
  await insertSubmission(ctx, { facilityId: facility.id, content: monthlyContent(profile, { period: '2026-10' }), status: 'draft' });
  // The count query and answer are written by their operations behind a count import and a review; here
  // with the module's own contexts (the registry test decrypts them with the registry's).
  const imp = await ctx.db.query<{ id: string }>(
    `INSERT INTO fc_count_imports (month, file_sha256, encoding, line_count, facility_count) VALUES ('2026-10-01', md5('kr'), 'utf-8', 0, 1) RETURNING id`,
  );
  await ctx.db.query(
    `INSERT INTO fc_count_reviews (facility_id, month, import_id, status, query_text_enc, answer_text_enc) VALUES ($1, '2026-10-01', $2, 'answered', $3, $4)`,
    [
      facility.id,
      imp.rows[0]!.id,
      ctx.crypto.encrypt('2歳児の人数が違います', FC_CRYPTO.countQuery),
      ctx.crypto.encrypt('確認して修正しました', FC_CRYPTO.countAnswer),
    ],
  );
}
