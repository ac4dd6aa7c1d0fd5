/**
 * The inbox with the real citizen flow around it: an application submitted through the public API is
 * read by its department's staff (answers decrypted as the submission stored them), sent back for a
 * correction naming one field, corrected and resubmitted by the citizen through the API, and shown to
 * staff with the whole history; the citizen's status answer carries staff's comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { multipartBody, pdf } from '../attachments/testing.js';
import { makeProcedure, sampleAnswers, sampleDefinition } from '../submissions/testing.js';

describe('inbox and citizen flow together', () => {
  const clock = new ManualClock('2026-12-01T09:00:00+09:00');
  let app: TestApp;
  let staff: Client;
  let procedureId: string;

  before(async () => {
    app = await startTestApp({ clock });
    const def = sampleDefinition({ fee: null, revenueAccountCode: undefined });
    def.steps[2]!.fields.push({
      key: 'id_doc',
      label: { ja: '本人確認書類', en: 'Identity document' },
      type: 'file',
      required: false,
      privacy: 'identity_document',
      validation: { fileKinds: ['pdf'] },
    });
    const p = await makeProcedure(app.ctx, def);
    procedureId = p.procedureId;
    const code = await app.ctx.db.query<{ code: string }>('SELECT code FROM departments WHERE id = $1', [p.departmentId]);
    await makeStaff(app, { loginId: 'inbox-flow-staff', dept: code.rows[0]!.code });
    staff = await logInClient(app, 'inbox-flow-staff');
  });
  after(async () => app.close());

  it('takes a submitted application through a correction and the resubmission', async () => {
    const body = multipartBody({ filename: '免許証.pdf', type: 'application/pdf', data: pdf() });
    const uploaded = await app.server.inject({ method: 'POST', url: '/api/v1/uploads', payload: body.payload, headers: body.headers });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const fileId = (uploaded.json() as { id: string }).id;
    const submitted = await app.server.inject({
      method: 'POST',
      url: '/api/v1/applications',
      payload: { procedureId, answers: { ...sampleAnswers(), copies: '2', id_doc: fileId } },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { referenceNumber, accessToken } = submitted.json() as { referenceNumber: string; accessToken: string };

    const list = await staff.call('GET', `/api/v1/staff/applications?reference=${referenceNumber}`);
    assert.equal(list.json.items.length, 1, JSON.stringify(list.json));
    const id = list.json.items[0].id as string;
    const detail = await staff.call('GET', `/api/v1/staff/applications/${id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.json));
    const answer = (d: { answers: { key: string; value: unknown }[] }, key: string) => d.answers.find((a) => a.key === key)?.value;
    assert.equal(answer(detail.json, 'name'), '窓口 花子');
    assert.equal(String(answer(detail.json, 'copies')), '2');
    // the attachment: named in the API, linked from the screen, downloaded by the attachments part's route
    const [file] = detail.json.files as { id: string; filename: string; url: string }[];
    assert.deepEqual([file?.id, file?.filename], [fileId, '免許証.pdf']);
    const screen = await app.server.inject({ url: `/staff/applications/${id}`, headers: { cookie: staff.cookie } });
    assert.ok(screen.body.includes(`href="${file!.url}"`), 'the screen links the download');
    assert.ok(screen.body.includes('免許証.pdf'));
    const download = await app.server.inject({ url: file!.url, headers: { cookie: staff.cookie } });
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.subarray(0, 5).toString('latin1') === '%PDF-');

    const asked = await staff.call('POST', `/api/v1/staff/applications/${id}/status`, {
      status: 'correction_requested',
      correctionFields: ['copies'],
      comment: '通数を1通にしてください',
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.json));

    const seen = await app.server.inject({
      url: `/api/v1/applications/${referenceNumber}`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().status, 'correction_requested');
    assert.ok(seen.body.includes('通数を1通にしてください'), seen.body);

    const corrected = await app.server.inject({
      method: 'POST',
      url: `/api/v1/applications/${referenceNumber}/correction`,
      headers: { authorization: `Bearer ${accessToken}` },
      payload: { answers: { copies: '1', name: '書き換え' } },
    });
    assert.ok(corrected.statusCode < 300, corrected.body);

    const after = await staff.call('GET', `/api/v1/staff/applications/${id}`);
    assert.equal(after.json.status, 'received');
    assert.equal(String(answer(after.json, 'copies')), '1');
    assert.equal(answer(after.json, 'name'), '窓口 花子', 'a field not named for correction keeps its answer');
    assert.deepEqual(
      after.json.history.map((h: { status: string; actorType: string }) => [h.status, h.actorType]),
      [
        ['received', 'citizen'],
        ['correction_requested', 'staff'],
        ['received', 'citizen'],
      ],
    );
    assert.equal(after.json.history[1].comment, '通数を1通にしてください');
    assert.deepEqual(after.json.history[1].correctionFields, ['copies']);
  });
});
