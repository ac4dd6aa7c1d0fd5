/**
 * Card upload routes (issuance list, result files, booking files, bundles): nobody's body is read
 * before the person is known, each route has a size limit sized to its job, and the imports work.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';

type Session = { cookie: string; csrf: string };
const BOUNDARY = '----madoguchi-test-boundary';

const fieldPart = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const fileHead = (name = 'file', filename = 'list.csv') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
const end = `\r\n--${BOUNDARY}--\r\n`;
const multipart = (fields: Record<string, string>, file?: Buffer | string, after: Record<string, string> = {}) =>
  Buffer.concat([
    Buffer.from(
      Object.entries(fields)
        .map(([k, v]) => fieldPart(k, v))
        .join(''),
    ),
    ...(file === undefined ? [] : [Buffer.from(fileHead()), Buffer.from(file), Buffer.from('\r\n')]),
    Buffer.from(
      Object.entries(after)
        .map(([k, v]) => fieldPart(k, v))
        .join(''),
    ),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);

/**
 * Starts an upload that announces `totalBytes` but sends only the first MiB, then nothing more
 * until the server answers. Resolves with the status and how many bytes had been sent by then.
 */
function slowUpload(url: string, path: string, head: string, headers: Record<string, string> = {}, totalBytes = 200 * 1024 * 1024) {
  return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
    const body = Buffer.from(head);
    const req = http.request(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(totalBytes),
        accept: 'text/html',
        ...headers,
      },
    });
    let sent = 0;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer while the client was still sending (${sent} of ${totalBytes} bytes sent)`));
    }, 10_000);
    req.on('response', (res) => {
      clearTimeout(timer);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sent, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, sent, body: text }));
    });
    req.on('error', () => undefined); // the server closes the connection once it has answered
    req.write(body);
    sent += body.length;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 16; i++) {
      req.write(chunk);
      sent += chunk.length;
    }
  });
}

describe('card uploads: authenticated before the body is read, per-route limits', () => {
  let app: TestApp;
  let s: Session;
  let deptId = '';

  before(async () => {
    app = await startTestApp({ demo: true, listen: true });
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'demo-shimin', password: 'demo-password-2026' },
    });
    assert.equal(r.statusCode, 200, r.body);
    s = { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: r.json().csrfToken as string };
    deptId = (await app.ctx.db.query<{ id: string }>("SELECT id FROM departments WHERE code = 'shimin'")).rows[0]!.id;
  });
  after(() => app.close());

  const post = (url: string, payload: Buffer, headers: Record<string, string> = {}) =>
    app.server.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: s.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    });

  for (const route of ['/staff/card/import', '/staff/card/progress', '/staff/card/bookings', '/staff/card-site/bundle']) {
    it(`refuses an anonymous upload to ${route} with 401 while the client is still sending`, async () => {
      const r = await slowUpload(app.url, route, fieldPart('_csrf', 'x') + fileHead());
      assert.equal(r.status, 401, r.body);
      assert.ok(r.sent < 2 * 1024 * 1024, `answered after ${r.sent} bytes`);
    });
  }

  it('refuses a logged-in upload without the CSRF token before reading the file', async () => {
    const r = await slowUpload(app.url, '/staff/card/import', fileHead(), { cookie: s.cookie });
    assert.equal(r.status, 403, r.body);
    const wrong = await slowUpload(app.url, '/staff/card/import', fieldPart('_csrf', 'wrong') + fileHead(), { cookie: s.cookie });
    assert.equal(wrong.status, 403, wrong.body);
    assert.match(wrong.body, /画面の有効期限が切れました/);
  });

  it('refuses a result file over its limit with a clear 413 and changes nothing', async () => {
    const before = (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_int_result_imports')).rows[0]!.n;
    const big = Buffer.alloc(33 * 1024 * 1024, 0x41);
    const r = await post('/staff/card/progress', multipart({ _csrf: s.csrf, kind: 'setup' }, big));
    assert.equal(r.statusCode, 413, r.body.slice(0, 500));
    assert.match(r.body, /ファイルが大きすぎます。このファイルの上限は32MBです。/);
    assert.equal((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_int_result_imports')).rows[0]!.n, before);
  });

  it('imports an issuance list, then a result file, uploaded as the page sends them (token field first, encoding after the file)', async () => {
    const header = '製造管理番号,申請書ID,発送番号,氏名,フリガナ,生年月日,性別,郵便番号,住所\r\n';
    const csv = `${header}UPL000001,A900001,S900001,見本 一郎,ミホン イチロウ,1980-04-01,1,9990001,架空県見本市1-1\r\nUPL000002,A900002,S900002,見本 二郎,ミホン ジロウ,1982-05-02,1,9990001,架空県見本市1-1\r\n`;
    const r = await post('/staff/card/import', multipart({ _csrf: s.csrf }, csv, { encoding: 'utf-8' }));
    assert.equal(r.statusCode, 200, r.body.slice(0, 2000));
    assert.match(r.body, /2件を取り込みました（utf-8）/);
    const n = (
      await app.ctx.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM card_int_cards WHERE department_id = $1 AND control_no LIKE 'UPL%'",
        [deptId],
      )
    ).rows[0]!.n;
    assert.equal(n, 2);
    const p = await post('/staff/card/progress', multipart({ _csrf: s.csrf, kind: 'setup' }, '製造管理番号\r\nUPL000001\r\n'));
    assert.equal(p.statusCode, 200, p.body.slice(0, 2000));
    assert.match(p.body, /1件を更新しました/);
    // The token in the header works too, and a form without a file is told to choose one.
    const none = await post('/staff/card/bookings', multipart({}, ''), { 'x-csrf-token': s.csrf });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /ファイルを選んでください/);
  });
});
