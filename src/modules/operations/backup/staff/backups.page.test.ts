/**
 * /staff/operations/backups: system administrators see the settings, the backups and the last drill, and
 * write a backup with the button (CSRF, audited with them as actor); other staff get 403 and no menu entry.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../../test/helpers.js';
import { type Client, logInClient, makeStaff } from '../../../staff/test-support.js';

describe('backups page', () => {
  let app: TestApp;
  let tmp: string;
  let admin: Client;
  let clerk: Client;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-backup-page-'));
    app = await startTestApp({ env: { BACKUP_DIR: tmp } });
    await makeStaff(app, { loginId: 'sysadmin', dept: 'somu', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'clerk', dept: 'somu', role: 'dept-admin' });
    admin = await logInClient(app, 'sysadmin');
    clerk = await logInClient(app, 'clerk');
  });
  after(async () => {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const page = (c: Client, url = '/staff/operations/backups') =>
    app.server.inject({ method: 'GET', url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const post = (c: Client, payload: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url: '/staff/operations/backups/run',
      headers: { cookie: c.cookie, accept: 'text/html' },
      payload,
    });

  it('shows a system administrator the settings, no backups yet and no drill, in Japanese first', async () => {
    const r = await page(admin);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /バックアップと復元訓練/);
    assert.match(r.body, /まだバックアップはありません/);
    assert.match(r.body, /まだ復元訓練は行われていません/);
    assert.ok(r.body.includes(tmp), 'where the files are kept');
    assert.match(r.body, /href="\/staff\/operations\/backups"/, 'menu entry');
    const en = await page(admin, '/staff/operations/backups?lang=en');
    assert.match(en.body, /Backups and restore drills/);
  });

  it('refuses other staff (403, no menu entry) and a POST without the CSRF token', async () => {
    assert.equal((await page(clerk)).statusCode, 403);
    assert.equal((await post(clerk, { _csrf: clerk.csrf })).statusCode, 403);
    const home = await page(clerk, '/staff');
    assert.doesNotMatch(home.body, /\/staff\/operations\/backups/);
    assert.equal((await post(admin, {})).statusCode, 403);
    assert.equal((await app.ctx.db.query('SELECT 1 FROM backup_runs')).rowCount, 0);
  });

  it('writes a backup now: redirected to the page that shows it, audited with the administrator as actor', async () => {
    const r = await post(admin, { _csrf: admin.csrf });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /^\/staff\/operations\/backups\?run=\d+$/);
    const shown = await page(admin, String(r.headers.location));
    assert.match(shown.body, /バックアップを作成しました：madoguchi-backup-\d{8}T\d{6}\.\d{3}Z\.mgbk/);
    assert.match(shown.body, /管理画面/);
    assert.match(shown.body, /1世代（上限 7世代）/);
    const audit = await app.ctx.db.query<{ actor_type: string; actor_label: string }>(
      `SELECT actor_type, actor_label FROM audit_log WHERE action = 'backup.created'`,
    );
    assert.deepEqual(audit.rows, [{ actor_type: 'staff', actor_label: 'sysadmin' }]);
  });
});
