import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { createMailer, stopSmtpStandin } from '../../platform/mailer.js';
import { modulesFor } from '../index.js';

describe('demo mailbox', () => {
  let demo: TestApp;
  before(async () => {
    demo = await startTestApp({ demo: true });
  });
  after(async () => {
    await demo.close();
    await stopSmtpStandin();
  });

  it('shows the demo mail to a browser on this machine', async () => {
    await createMailer(demo.ctx.config).send({
      to: 'taro@example.jp',
      subject: 'デモの確認メール',
      text: 'マイページ: http://localhost/my/x',
      messageId: 'test-1',
    });
    const r = await demo.server.inject({ url: '/demo/mailbox', remoteAddress: '127.0.0.1', headers: { accept: 'text/html' } });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /デモ用メールボックス/);
    assert.match(r.body, /デモの確認メール/);
    const v6 = await demo.server.inject({ url: '/demo/mailbox', remoteAddress: '::1', headers: { accept: 'text/html' } });
    assert.equal(v6.statusCode, 200);
  });

  it('refuses anyone else on the network, and anything that came through a proxy', async () => {
    const lan = await demo.server.inject({ url: '/demo/mailbox', remoteAddress: '192.168.1.20', headers: { accept: 'text/html' } });
    assert.equal(lan.statusCode, 403);
    assert.doesNotMatch(lan.body, /デモの確認メール/);
    assert.match(lan.body, /localhost/);
    const proxied = await demo.server.inject({
      url: '/demo/mailbox',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    assert.equal(proxied.statusCode, 403);
    assert.doesNotMatch(proxied.body, /デモの確認メール/);
  });

  it('does not exist outside the demo', async () => {
    assert.ok(!modulesFor({ cardZone: 'both', env: 'production' }).some((m) => m.name === 'demo'));
    assert.ok(!modulesFor({ cardZone: 'both', env: 'test' }).some((m) => m.name === 'demo'));
    const app = await startTestApp();
    try {
      const r = await app.server.inject({ url: '/demo/mailbox', remoteAddress: '127.0.0.1' });
      assert.equal(r.statusCode, 404);
    } finally {
      await app.close();
    }
  });
});
