import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { claimFiles } from './claim-files.js';
import { deleteUnclaimedJob } from './delete-unclaimed.job.js';
import { listFiles, staffFileUrl } from './list-files.js';
import { API_UPLOAD_OWNER, storeUpload } from './store-upload.js';
import { eicar, jpegWithGps, multipartBody, pdf, plainJpeg } from './testing.js';

const clock = new ManualClock('2026-12-01T10:00:00+09:00');
const MAX = 4096;

/** An application of a department, inserted directly (the submission flow is another part's). */
async function makeApplication(app: TestApp, departmentId: string): Promise<string> {
  const now = clock.now();
  const p = await app.ctx.db.query<{ id: string }>('INSERT INTO app_procedures (department_id, created_at) VALUES ($1, $2) RETURNING id', [
    departmentId,
    now,
  ]);
  const procedureId = p.rows[0]!.id;
  await app.ctx.db.query(
    'INSERT INTO app_procedure_versions (procedure_id, version, definition, published_at, created_at) VALUES ($1, 1, $2, $3, $3)',
    [procedureId, '{}', now],
  );
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const ref = Array.from(crypto.randomBytes(10), (b) => alphabet[b % alphabet.length]).join('');
  const a = await app.ctx.db.query<{ id: string }>(
    `INSERT INTO app_applications (reference_number, access_token_hash, procedure_id, procedure_version, department_id, status,
       submitted_at, updated_at, status_changed_at)
     VALUES ($1, $2, $3, 1, $4, 'received', $5, $5, $5) RETURNING id`,
    [ref, crypto.randomBytes(16).toString('hex'), procedureId, departmentId, now],
  );
  return a.rows[0]!.id;
}

const upload = (app: TestApp, file: { filename: string; type?: string; data: Buffer }, ip = '127.0.0.1') => {
  const body = multipartBody(file);
  return app.server.inject({ method: 'POST', url: '/api/v1/uploads', payload: body.payload, headers: body.headers, remoteAddress: ip });
};

const errorsOf = (res: { json(): unknown }) => (res.json() as { errors?: { field: string; message: string }[] }).errors ?? [];

describe('attachments', () => {
  let app: TestApp;
  let deptA: string;
  let deptB: string;
  let staffA: Client;
  let staffB: Client;

  before(async () => {
    app = await startTestApp({ clock, env: { UPLOAD_MAX_BYTES: String(MAX) } });
    deptA = await ensureDepartment(app, 'att-a');
    deptB = await ensureDepartment(app, 'att-b');
    await makeStaff(app, { loginId: 'att-staff-a', dept: 'att-a' });
    await makeStaff(app, { loginId: 'att-staff-b', dept: 'att-b' });
    staffA = await logInClient(app, 'att-staff-a');
    staffB = await logInClient(app, 'att-staff-b');
  });
  after(() => app?.close());

  it('refuses a .jpg that is a ZIP, whatever its name and declared type say (422 on the file field)', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), crypto.randomBytes(200)]);
    const res = await upload(app, { filename: 'photo.jpg', type: 'image/jpeg', data: zip });
    assert.equal(res.statusCode, 422);
    assert.equal(errorsOf(res)[0]?.field, 'file');
    assert.match(errorsOf(res)[0]?.message ?? '', /PDF、JPEG（\.jpg）、PNG/);
    const count = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_files');
    assert.equal(count.rows[0]?.n, 0);
  });

  it('refuses a file over the size limit with 422, whether the length is declared or found while reading', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(MAX + 20_000, 0x20)]); // Content-Length past limit + framing: refused unread
    const declared = await upload(app, { filename: 'big.pdf', data: big });
    assert.equal(declared.statusCode, 422);
    assert.match(errorsOf(declared)[0]?.message ?? '', /4 KB 以下/);
    // without a Content-Length (chunked): refused while streaming, after at most the limit
    const body = multipartBody({ filename: 'big.pdf', data: Buffer.concat([pdf(), Buffer.alloc(MAX - pdf().length + 1, 0x20)]) });
    const { 'content-length': _drop, ...headers } = body.headers;
    const streamed = await app.server.inject({ method: 'POST', url: '/api/v1/uploads', payload: body.payload, headers });
    assert.equal(streamed.statusCode, 422);
    assert.equal(errorsOf(streamed)[0]?.field, 'file');
    const exact = Buffer.concat([pdf(), Buffer.alloc(MAX - pdf().length, 0x20)]);
    assert.equal((await upload(app, { filename: 'exact.pdf', data: exact })).statusCode, 201, 'exactly the limit is accepted');
  });

  it('stores a photo without its GPS, encrypted: neither the image bytes nor the name are in the table', async () => {
    const photo = jpegWithGps();
    assert.ok(photo.length <= MAX);
    const res = await upload(app, { filename: '自宅の写真.png', type: 'image/png', data: photo });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { id: string; contentType: string; sizeBytes: number };
    assert.equal(body.contentType, 'image/jpeg', 'the content decides, not the name or the declared type');
    const row = (
      await app.ctx.db.query<{
        content_enc: Uint8Array;
        filename_enc: string;
        metadata_stripped: boolean;
        scan_status: string;
        size_bytes: number;
      }>('SELECT content_enc, filename_enc, metadata_stripped, scan_status, size_bytes FROM app_files WHERE id = $1', [body.id])
    ).rows[0]!;
    const stored = Buffer.from(row.content_enc);
    const scan = plainJpeg().subarray(plainJpeg().indexOf(Buffer.from([0xff, 0xda])));
    assert.equal(stored.indexOf(scan.subarray(0, 32)), -1, 'image data not in clear');
    assert.equal(stored.indexOf(Buffer.from([0xff, 0xd8, 0xff])), -1);
    assert.ok(!row.filename_enc.includes('自宅'));
    assert.equal(row.metadata_stripped, true);
    assert.equal(row.scan_status, 'not_scanned', 'no clamd configured');
    assert.ok(row.size_bytes < photo.length);
  });

  it('claims API uploads by id for one application only; a browser upload needs its own owner token; staff download is audited and 404 across departments', async () => {
    const appA = await makeApplication(app, deptA);
    const appOther = await makeApplication(app, deptA);
    const viaApi = (await upload(app, { filename: 'scan.pdf', data: pdf() })).json() as { id: string };
    const browser = await storeUpload(app.ctx, { filename: '免許証.jpg', data: jpegWithGps(), ownerToken: 'browser-cookie-1' });
    const now = clock.now();

    // another browser's token cannot attach the first browser's file, nor can the API path
    for (const ownerToken of ['browser-cookie-2', API_UPLOAD_OWNER])
      await assert.rejects(
        app.ctx.db.transaction((tx) => claimFiles(tx, { ownerToken, fileIds: [browser.id], applicationId: appA, fieldKey: 'id_doc', now })),
        (err: { status?: number }) => err.status === 422,
      );
    await app.ctx.db.transaction(async (tx) => {
      await claimFiles(tx, { ownerToken: 'browser-cookie-1', fileIds: [browser.id], applicationId: appA, fieldKey: 'id_doc', now });
      const claimed = await claimFiles(tx, {
        ownerToken: API_UPLOAD_OWNER,
        fileIds: [viaApi.id],
        applicationId: appA,
        fieldKey: 'doc',
        now,
      });
      assert.deepEqual(
        claimed.map((f) => f.kind),
        ['pdf'],
      );
    });
    // claimed once: another application cannot take it
    await assert.rejects(
      app.ctx.db.transaction((tx) => claimFiles(tx, { ownerToken: API_UPLOAD_OWNER, fileIds: [viaApi.id], applicationId: appOther, now })),
      (err: { status?: number }) => err.status === 422,
    );
    // a field that takes only images refuses the PDF with its own message
    const another = (await upload(app, { filename: 'b.pdf', data: pdf() })).json() as { id: string };
    await assert.rejects(
      app.ctx.db.transaction((tx) =>
        claimFiles(tx, {
          ownerToken: API_UPLOAD_OWNER,
          fileIds: [another.id],
          applicationId: appOther,
          fieldKey: 'photo',
          kinds: ['jpeg', 'png'],
          now,
        }),
      ),
      (err: { extra?: { fieldErrors?: { field: string; message: { ja: string } }[] } }) =>
        err.extra?.fieldErrors?.[0]?.field === 'answers.photo' && err.extra.fieldErrors[0].message.ja.includes('JPEG'),
    );

    const files = await listFiles(app.ctx, app.ctx.db, appA);
    assert.deepEqual(
      files.map((f) => [f.filename, f.fieldKey, f.kind]),
      [
        ['scan.pdf', 'doc', 'pdf'],
        ['免許証.jpg', 'id_doc', 'jpeg'],
      ].sort((a, b) => (files.findIndex((f) => f.filename === a[0]) < files.findIndex((f) => f.filename === b[0]) ? -1 : 1)),
    );

    const url = staffFileUrl(appA, browser.id);
    const audits = async () =>
      (
        await app.ctx.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.file.download' AND record_id = $1",
          [browser.id],
        )
      ).rows[0]?.n ?? 0;
    const res = await app.server.inject({ method: 'GET', url, headers: { cookie: staffA.cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="_+\.jpg"; filename\*=UTF-8''%E5%85%8D/);
    assert.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'ffd8ff');
    assert.equal(res.rawPayload.indexOf(Buffer.from('GPSLatitude')), -1);
    assert.equal(await audits(), 1);
    await app.server.inject({ method: 'GET', url, headers: { cookie: staffA.cookie } });
    assert.equal(await audits(), 2, 'every download is audited');

    const other = await app.server.inject({ method: 'GET', url, headers: { cookie: staffB.cookie } });
    assert.equal(other.statusCode, 404, "another department's staff get 404");
    const wrongApp = await app.server.inject({
      method: 'GET',
      url: staffFileUrl(appOther, browser.id),
      headers: { cookie: staffA.cookie },
    });
    assert.equal(wrongApp.statusCode, 404, 'the file must belong to the application in the address');
    const anonymous = await app.server.inject({ method: 'GET', url });
    assert.notEqual(anonymous.statusCode, 200);
    assert.equal(await audits(), 2);
    void deptB;

    // deleted with the application
    await app.ctx.db.query('DELETE FROM app_applications WHERE id = $1', [appA]);
    const left = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_files WHERE id = ANY($1::uuid[])', [
      [browser.id, viaApi.id],
    ]);
    assert.equal(left.rows[0]?.n, 0);
  });

  it('deletes uploads left unclaimed for a day, and only those', async () => {
    const appA = await makeApplication(app, deptA);
    const old = await storeUpload(app.ctx, { filename: 'old.pdf', data: pdf(), ownerToken: 'c1' });
    const kept = await storeUpload(app.ctx, { filename: 'kept.pdf', data: pdf(), ownerToken: 'c1' });
    await app.ctx.db.transaction((tx) => claimFiles(tx, { ownerToken: 'c1', fileIds: [kept.id], applicationId: appA, now: clock.now() }));
    clock.advance(23 * 3600_000);
    const recent = await storeUpload(app.ctx, { filename: 'recent.pdf', data: pdf(), ownerToken: 'c1' });
    clock.advance(3600_000 + 1000);
    // too old to claim now
    await assert.rejects(
      app.ctx.db.transaction((tx) => claimFiles(tx, { ownerToken: 'c1', fileIds: [old.id], applicationId: appA, now: clock.now() })),
    );
    await app.ctx.db.transaction((tx) => deleteUnclaimedJob.handler(app.ctx, tx, {}, undefined as never));
    const ids = (
      await app.ctx.db.query<{ id: string }>('SELECT id FROM app_files WHERE id = ANY($1::uuid[])', [[old.id, kept.id, recent.id]])
    ).rows.map((r) => r.id);
    assert.deepEqual(ids.sort(), [kept.id, recent.id].sort());
  });

  it('limits uploads per client address before reading the body', async () => {
    let last = 0;
    for (let n = 0; n < 61; n++) {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        payload: 'x',
        headers: { 'content-type': 'text/plain' },
        remoteAddress: '192.0.2.77',
      });
      last = res.statusCode;
      if (n < 60) assert.equal(res.statusCode, 415);
    }
    assert.equal(last, 429);
  });

  it('refuses EICAR when clamd is configured, and records a security event', async (t) => {
    const address = process.env.CLAMD_TEST_ADDRESS;
    if (!address) {
      if (process.env.CI_REQUIRE_CLAMD === '1') assert.fail('CI_REQUIRE_CLAMD=1 but CLAMD_TEST_ADDRESS is not set: clamd did not start');
      t.skip('clamd not available here (set CLAMD_TEST_ADDRESS, as .ci/run does, to run this)');
      return;
    }
    const cfg = app.ctx.config.applications;
    cfg.clamdAddress = address;
    try {
      const res = await upload(app, { filename: 'invoice.pdf', type: 'application/pdf', data: eicar() }, '198.51.100.9');
      assert.equal(res.statusCode, 422);
      assert.match(errorsOf(res)[0]?.message ?? '', /ウイルス/);
      const ev = await app.ctx.db.query<{ severity: string; client_ip: string; detail: { signature: string } }>(
        "SELECT severity, client_ip, detail FROM security_events WHERE kind = 'attachment.virus_found'",
      );
      assert.equal(ev.rows.length, 1);
      assert.equal(ev.rows[0]?.severity, 'alert');
      assert.match(ev.rows[0]?.detail.signature ?? '', /Eicar/i);
      const clean = await upload(app, { filename: 'ok.pdf', data: pdf() });
      assert.equal(clean.statusCode, 201);
      const row = await app.ctx.db.query<{ scan_status: string }>('SELECT scan_status FROM app_files WHERE id = $1', [
        (clean.json() as { id: string }).id,
      ]);
      assert.equal(row.rows[0]?.scan_status, 'clean');
    } finally {
      cfg.clamdAddress = undefined;
    }
  });

  it('refuses uploads (503, try later) while a configured clamd cannot be reached', async () => {
    const cfg = app.ctx.config.applications;
    cfg.clamdAddress = 'unix:/nonexistent/madoguchi-clamd.sock';
    try {
      const res = await upload(app, { filename: 'ok.pdf', data: pdf() });
      assert.equal(res.statusCode, 503);
      assert.match((res.json() as { detail: string }).detail, /しばらくしてから/);
      assert.ok(res.headers['retry-after']);
    } finally {
      cfg.clamdAddress = undefined;
    }
  });
});
