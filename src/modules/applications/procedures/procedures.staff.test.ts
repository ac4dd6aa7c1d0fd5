/**
 * The procedure builder against a real database: create, add fields, settings, publish (refused for a
 * fee without a payment provider), versions (a published version never changes), export/import,
 * archive, the public list, and department isolation (another department's administrator gets 404 on
 * every procedure screen and form; a clerk of the department gets no builder).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { listDeclaredPages } from '../../../http/page-route.js';
import { ManualClock } from '../../../platform/clock.js';
import { type Client, logInClient, makeStaff } from '../../staff/test-support.js';
import { getProcedureVersion } from './read-procedures.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('procedure builder', () => {
  let app: TestApp;
  let admin: Client;
  let other: Client;
  let clerk: Client;
  let procedureId = '';

  before(async () => {
    app = await startTestApp({ clock, env: { PAYMENT_PROVIDER: 'none' } });
    await makeStaff(app, { loginId: 'pr-admin', dept: 'pra', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'pr-other', dept: 'prb', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'pr-clerk', dept: 'pra', role: 'staff' });
    admin = await logInClient(app, 'pr-admin');
    other = await logInClient(app, 'pr-other');
    clerk = await logInClient(app, 'pr-clerk');
  });
  after(async () => app.close());

  const form = (who: Client, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: who.csrf });
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const get = (who: Client, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: who.cookie, accept: 'text/html' } });
  const departmentOf = async (code: string) =>
    (await app.ctx.db.query<{ id: string }>('SELECT id::text AS id FROM departments WHERE code = $1', [code])).rows[0]?.id as string;

  it('creates a procedure as a valid draft and lists it', async () => {
    const res = await form(admin, '/staff/procedures/new', {
      departmentId: await departmentOf('pra'),
      titleJa: '住民票の写しの郵送請求',
      titleEn: 'Certificate of residence by post',
      descriptionJa: '郵送で住民票の写しを請求できます。',
      eligibilityJa: '本人または同一世帯の方',
    });
    assert.equal(res.statusCode, 303, res.body);
    procedureId = /\/staff\/procedures\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? '';
    assert.ok(procedureId);
    const list = await get(admin, '/staff/procedures');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /住民票の写しの郵送請求/);
    assert.match(list.body, /下書き/);
    const audit = await app.ctx.db.query('SELECT 1 FROM audit_log WHERE action = $1 AND record_id = $2', ['procedure.create', procedureId]);
    assert.equal(audit.rows.length, 1);
  });

  it('keeps what was typed when a field is refused, and adds a valid one', async () => {
    const bad = await form(admin, `/staff/procedures/${procedureId}/add-field?step=0`, {
      step: '0',
      key: 'Bad Key',
      labelJa: '通数の項目<script>',
      type: 'number',
      required: 'yes',
      privacy: 'none',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="Bad Key"/);
    assert.match(bad.body, /通数の項目&lt;script&gt;/);
    assert.match(bad.body, /aria-invalid="true"/);
    const ok = await form(admin, `/staff/procedures/${procedureId}/add-field?step=0`, {
      step: '0',
      key: 'copies',
      labelJa: '通数',
      type: 'number',
      required: 'yes',
      privacy: 'none',
      integer: 'yes',
      min: '1',
      max: '10',
    });
    assert.equal(ok.statusCode, 303, ok.body);
  });

  it('refuses a condition on a later field with a message at the condition', async () => {
    const res = await form(admin, `/staff/procedures/${procedureId}/fields/name`, {
      key: 'name',
      labelJa: '氏名',
      type: 'text',
      required: 'yes',
      privacy: 'personal',
      showIfField: 'copies',
      showIfValues: '1',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /この項目より前にありません/);
  });

  it('sets a per-unit fee and refuses to publish it without a payment provider', async () => {
    const settings = {
      titleJa: '住民票の写しの郵送請求',
      descriptionJa: '郵送で住民票の写しを請求できます。',
      eligibilityJa: '本人または同一世帯の方',
      retentionDays: '1825',
      contactEmailField: 'email',
      applicantNameField: 'name',
      feeKind: 'per_unit',
      feeUnitPrice: '300',
      feeQuantityField: 'copies',
      feeUnitLabelJa: '通',
      feeTiming: 'on_submission',
      revenueAccountCode: '',
    };
    const missing = await form(admin, `/staff/procedures/${procedureId}/settings`, settings);
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /歳入科目を入力してください/);
    assert.match(missing.body, /value="300"/);
    const saved = await form(admin, `/staff/procedures/${procedureId}/settings`, { ...settings, revenueAccountCode: '14-1-1' });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(app.ctx.config.payments.provider, 'none');
    const publish = await form(admin, `/staff/procedures/${procedureId}/publish`, {});
    assert.equal(publish.statusCode, 422);
    assert.match(publish.body, /決済サービスが設定されていない/);
  });

  it('publishes, then edits as version 2 while version 1 stays as published', async () => {
    const settings = {
      titleJa: '住民票の写しの郵送請求',
      descriptionJa: '郵送で住民票の写しを請求できます。',
      eligibilityJa: '本人または同一世帯の方',
      retentionDays: '1825',
      contactEmailField: 'email',
      applicantNameField: 'name',
      titleEn: 'Certificate of residence by post',
      feeKind: 'none',
    };
    assert.equal((await form(admin, `/staff/procedures/${procedureId}/settings`, settings)).statusCode, 303);
    assert.equal((await form(admin, `/staff/procedures/${procedureId}/publish`, {})).statusCode, 303);
    const api = await app.server.inject({ method: 'GET', url: '/api/v1/procedures' });
    assert.equal(api.statusCode, 200);
    const listed = (api.json() as { id: string; title: string; fee: unknown; fields: { key: string }[] }[]).find(
      (p) => p.id === procedureId,
    );
    assert.equal(listed?.title, '住民票の写しの郵送請求');
    assert.equal(listed?.fee, null);
    assert.deepEqual(
      listed?.fields.map((f) => f.key),
      ['name', 'email', 'copies'],
    );
    const en = await app.server.inject({ method: 'GET', url: '/api/v1/procedures?lang=en' });
    assert.equal(
      (en.json() as { id: string; title: string }[]).find((p) => p.id === procedureId)?.title,
      'Certificate of residence by post',
    );

    const move = await form(admin, `/staff/procedures/${procedureId}/structure`, { op: 'field-up', key: 'copies' });
    assert.equal(move.statusCode, 303);
    const v1 = await getProcedureVersion(app.ctx.db, procedureId, 1);
    const v2 = await getProcedureVersion(app.ctx.db, procedureId, 2);
    assert.deepEqual(
      v1?.definition.steps[0]?.fields.map((f) => f.key),
      ['name', 'email', 'copies'],
    );
    assert.deepEqual(
      v2?.definition.steps[0]?.fields.map((f) => f.key),
      ['name', 'copies', 'email'],
    );
    assert.equal(v2?.publishedAt, null);
    const overview = await get(admin, `/staff/procedures/${procedureId}`);
    assert.match(overview.body, /第2版の下書き/);
  });

  it('exports the definition only and imports it into another department', async () => {
    const res = await get(admin, `/staff/procedures/${procedureId}/export?version=1`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const file = res.json() as Record<string, unknown>;
    assert.equal(file.format, 'madoguchi.procedure/1');
    assert.ok(!res.body.includes(procedureId) && !res.body.includes(await departmentOf('pra')));

    const boundary = 'madoguchiboundary';
    const multipart = (csrf: string, departmentId: string, content: string) =>
      Buffer.from(
        [
          `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="departmentId"\r\n\r\n${departmentId}\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.json"\r\nContent-Type: application/json\r\n\r\n${content}\r\n`,
          `--${boundary}--\r\n`,
        ].join(''),
      );
    const otherDept = await departmentOf('prb');
    const upload = (content: string) =>
      app.server.inject({
        method: 'POST',
        url: '/staff/procedures/import',
        headers: { cookie: other.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipart(other.csrf, otherDept, content),
      });
    const imported = await app.server.inject({
      method: 'POST',
      url: '/staff/procedures/import',
      headers: { cookie: other.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart(other.csrf, otherDept, res.body),
    });
    assert.equal(imported.statusCode, 303, imported.body);
    assert.match(String(imported.headers.location), /done=imported/);

    const broken = JSON.stringify({ ...file, contactEmailField: 'nowhere' });
    const refused = await upload(broken);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /contactEmailField/);
    assert.equal((await upload('not json')).statusCode, 422);
    const withoutToken = await app.server.inject({
      method: 'POST',
      url: '/staff/procedures/import',
      headers: { cookie: other.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart('wrong', otherDept, res.body),
    });
    assert.equal(withoutToken.statusCode, 403);
  });

  it("answers 404 to another department's administrator on every procedure screen and form", async () => {
    const pages = listDeclaredPages(app.server).filter((p) => p.url.startsWith('/staff/procedures/:id'));
    assert.ok(pages.length >= 10, String(pages.length));
    for (const p of pages) {
      const url = p.url.replace(':id', procedureId).replace(':key', 'name').replace(':step', '0');
      const res = p.method === 'GET' ? await get(other, url) : await form(other, url, { op: 'field-up', key: 'name' });
      assert.equal(res.statusCode, 404, `${p.method} ${p.url}: ${res.statusCode}`);
    }
    assert.equal((await get(clerk, `/staff/procedures/${procedureId}`)).statusCode, 404);
    assert.equal((await get(clerk, '/staff/procedures')).statusCode, 403);
    const list = await get(other, '/staff/procedures');
    assert.ok(!list.body.includes(procedureId));
  });

  it('shows the preview and archives: the procedure leaves the public list', async () => {
    const preview = await get(admin, `/staff/procedures/${procedureId}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /fieldset disabled/);
    assert.equal((await form(admin, `/staff/procedures/${procedureId}/archive`, {})).statusCode, 303);
    const api = await app.server.inject({ method: 'GET', url: '/api/v1/procedures' });
    assert.ok(!(api.json() as { id: string }[]).some((p) => p.id === procedureId));
    const edit = await form(admin, `/staff/procedures/${procedureId}/structure`, { op: 'field-up', key: 'copies' });
    assert.equal(edit.statusCode, 409);
  });
});
