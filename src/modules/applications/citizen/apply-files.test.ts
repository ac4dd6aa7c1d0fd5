/**
 * A step with a file field posts multipart/form-data: the file is stored by the attachments part under
 * this browser's draft, shown by name, kept when the step is posted again without a file, refused
 * with a field message when its content is not an accepted kind, and claimed by the application on
 * submit. Drafts expire: the resume link then opens nothing and the job deletes them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { withCookies } from '../../../web/citizen/testing.js';
import { multipartBody, plainJpeg } from '../attachments/testing.js';
import { saveDraft } from '../submissions/drafts.js';
import { makeProcedure, sampleDefinition } from '../submissions/testing.js';
import { jobs as citizenJobs } from './register.js';

const clock = new ManualClock('2026-12-01T10:00:00+09:00');

describe('citizen application pages: files and draft expiry', () => {
  let app: TestApp;
  let procedureId: string;
  let version = 1;

  before(async () => {
    app = await startTestApp({ clock });
    const def = sampleDefinition({ fee: null });
    def.steps[2]?.fields.push({
      key: 'id_doc',
      label: { ja: '本人確認書類', en: 'Identity document' },
      type: 'file',
      required: true,
      privacy: 'identity_document',
      validation: {},
    });
    ({ procedureId } = await makeProcedure(app.ctx, def));
    version = 1;
  });
  after(() => app.close());

  it('stores an uploaded file on the step, keeps it, refuses a wrong kind, and attaches it to the application', async () => {
    let cookie = '';
    const get = async (url: string) => {
      const r = await app.server.inject({ method: 'GET', url, headers: { cookie } });
      cookie = withCookies(cookie, r);
      return r;
    };
    const form = async (url: string, fields: Record<string, string>) => {
      const r = await app.server.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      cookie = withCookies(cookie, r);
      return r;
    };
    const s1 = await get(`/apply/${procedureId}/step/1`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(s1.body)?.[1] ?? '';
    await form(`/apply/${procedureId}/step/1`, {
      _csrf: csrf,
      name: '窓口 花子',
      name_kana: 'マドグチ ハナコ',
      email: 'files@example.jp',
      _action: 'next',
    });
    await form(`/apply/${procedureId}/step/2`, { _csrf: csrf, purpose: 'job', copies: '1', _action: 'next' });
    const s3 = await get(`/apply/${procedureId}/step/3`);
    assert.ok(s3.body.includes('enctype="multipart/form-data"'));

    const upload = async (data: Buffer, filename: string) => {
      const body = multipartBody({ name: 'id_doc', filename, type: 'image/jpeg', data }, { _csrf: csrf, _action: 'next', note: '' });
      const r = await app.server.inject({
        method: 'POST',
        url: `/apply/${procedureId}/step/3`,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
      cookie = withCookies(cookie, r);
      return r;
    };
    const files0 = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_files');
    // without the form token: refused before anything is stored
    const forged = multipartBody({ name: 'id_doc', filename: 'x.jpg', type: 'image/jpeg', data: plainJpeg() }, { _action: 'next' });
    const f = await app.server.inject({
      method: 'POST',
      url: `/apply/${procedureId}/step/3`,
      payload: forged.payload,
      headers: { ...forged.headers, cookie },
    });
    assert.equal(f.statusCode, 403);
    const afterForged = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_files');
    assert.equal(afterForged.rows[0]?.n, files0.rows[0]?.n);

    const wrong = await upload(Buffer.from('this is not an image'), 'fake.jpg');
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.match(wrong.body, /field-error/);
    const ok = await upload(plainJpeg(), 'license.jpg');
    assert.equal(ok.statusCode, 303, ok.body);
    const files1 = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_files');
    assert.equal(files1.rows[0]?.n, (files0.rows[0]?.n ?? 0) + 1);
    const again = await get(`/apply/${procedureId}/step/3`);
    assert.ok(again.body.includes('license.jpg'), 'shown by name');

    const confirm = await get(`/apply/${procedureId}/confirm`);
    assert.equal(confirm.statusCode, 200, confirm.body);
    assert.ok(confirm.body.includes('license.jpg'));
    const submitted = await form(`/apply/${procedureId}/submit`, { _csrf: csrf });
    assert.equal(submitted.statusCode, 303, submitted.body);
    const ref = /\/applications\/([2-9A-HJKMNP-Z]{10})/.exec(String(submitted.headers.location))?.[1];
    const claimed = await app.ctx.db.query<{ field_key: string }>(
      'SELECT f.field_key FROM app_files f JOIN app_applications a ON a.id = f.application_id WHERE a.reference_number = $1',
      [ref],
    );
    assert.deepEqual(
      claimed.rows.map((r) => r.field_key),
      ['id_doc'],
    );
  });

  it('forgets a draft after APPLICATION_RESUME_DAYS: the link opens nothing and the job deletes it', async () => {
    const { token } = await saveDraft(app.ctx, {
      procedureId,
      procedureVersion: version,
      answers: { name: '窓口 花子' },
      step: 1,
      lang: 'ja',
      email: 'later@example.jp',
    });
    assert.equal((await app.server.inject({ method: 'GET', url: `/apply/resume/${token}` })).statusCode, 303);
    clock.advance(app.ctx.config.applications.resumeLinkDays * 86_400_000 + 1000);
    try {
      assert.equal((await app.server.inject({ method: 'GET', url: `/apply/resume/${token}` })).statusCode, 404);
      const worker = new JobWorker(app.ctx, citizenJobs);
      await worker.ensureSchedules();
      await worker.drain();
      const left = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_drafts WHERE expires_at <= $1', [
        app.ctx.clock.now(),
      ]);
      assert.equal(left.rows[0]?.n, 0);
    } finally {
      clock.set('2026-12-01T10:00:00+09:00');
    }
  });
});
