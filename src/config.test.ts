import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { nodeEntry } from '../test/node-entry.js';
import { ConfigError, loadConfig } from './config.js';
import { generateCardKeyValues, generateSecretValues } from './platform/secrets.js';

/** What a production configuration needs besides keys (mail sender, audit anchor). */
const prodBase = {
  MADOGUCHI_ENV: 'production',
  DATABASE_URL: 'postgres://db/x',
  PUBLIC_BASE_URL: 'https://city.example',
  SMTP_URL: 'smtp://relay.example:25',
  MAIL_FROM: '市役所 予約窓口 <yoyaku@city.example.lg.jp>',
  AUDIT_CHECKPOINT_DIR: '/mnt/audit-anchor',
  SECURITY_ALERT_MAIL_TO: 'security@city.example.lg.jp',
};

describe('configuration', () => {
  it('defaults to demo on the embedded database at port 3000', () => {
    const c = loadConfig({});
    assert.equal(c.env, 'demo');
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, undefined);
    assert.match(c.dataDir, /data$/);
    assert.deepEqual(c.trustProxy, []);
  });

  it('names every invalid variable and what is wrong, all at once', () => {
    try {
      loadConfig({ PORT: 'eighty', MADOGUCHI_ENV: 'prod', TRUST_PROXY: '10.0.0.0/8, not-an-ip', DATABASE_URL: 'mysql://x' });
      assert.fail('expected ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      assert.match(text, /PORT: PORT must be a whole number/);
      assert.match(text, /MADOGUCHI_ENV: MADOGUCHI_ENV must be demo, production or test/);
      assert.match(text, /TRUST_PROXY: "not-an-ip" is not an IP address/);
      assert.match(text, /DATABASE_URL: must start with postgres/);
    }
  });

  it('refuses production without keys, with the embedded database, or with demo secrets', () => {
    assert.throws(
      () => loadConfig({ MADOGUCHI_ENV: 'production', PUBLIC_BASE_URL: 'https://city.example' }),
      (err: ConfigError) => {
        assert.match(err.message, /DATABASE_URL: required in production/);
        assert.match(err.message, /MADOGUCHI_ENCRYPTION_KEYS: required in production/);
        assert.match(err.message, /MADOGUCHI_AUDIT_SIGNING_KEY: required in production/);
        return true;
      },
    );
    const demo = generateSecretValues('demo-');
    assert.throws(
      () => loadConfig({ MADOGUCHI_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_BASE_URL: 'https://city.example', ...demo }),
      /is a demo secret; production refuses it/,
    );
  });

  it('starts production with real keys, a server database and https', () => {
    assert.throws(
      () =>
        loadConfig({
          MADOGUCHI_ENV: 'production',
          DATABASE_URL: 'postgres://db/x',
          PUBLIC_BASE_URL: 'https://city.example',
          ...generateSecretValues(),
        }),
      /SMTP_URL: required in production/,
    );
    const c = loadConfig({ ...prodBase, ...generateSecretValues() });
    assert.equal(c.env, 'production');
  });

  it('refuses production without the booking-file key each card zone needs, and the private key on the booking site', () => {
    const base = prodBase;
    const { MADOGUCHI_CARD_FILE_KEY: privateKey, MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: publicKey, ...rest } = generateSecretValues();
    // the internal zone sends no mail: no relay required, and one configured there is refused
    const internal = { ...base, ...rest, SMTP_URL: '', MAIL_FROM: '', MADOGUCHI_CARD_ZONE: 'internal' };
    assert.throws(() => loadConfig(internal), /MADOGUCHI_CARD_FILE_KEY: required in production for MADOGUCHI_CARD_ZONE=internal/);
    assert.equal(loadConfig({ ...internal, MADOGUCHI_CARD_FILE_KEY: privateKey as string }).cardZone, 'internal');
    assert.throws(
      () => loadConfig({ ...internal, MADOGUCHI_CARD_FILE_KEY: privateKey as string, SMTP_URL: 'smtp://relay.example:25' }),
      /SMTP_URL: must not be set in the internal zone/,
    );
    const internet = { ...base, ...rest, MADOGUCHI_CARD_ZONE: 'internet' };
    assert.throws(
      () => loadConfig(internet),
      /MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: required in production for MADOGUCHI_CARD_ZONE=internet/,
    );
    assert.equal(loadConfig({ ...internet, MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: publicKey as string }).cardZone, 'internet');
    assert.throws(
      () =>
        loadConfig({
          ...internet,
          MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: publicKey as string,
          MADOGUCHI_CARD_FILE_KEY: privateKey as string,
        }),
      /MADOGUCHI_CARD_FILE_KEY: must not be set on the booking site/,
    );
    assert.throws(
      () => loadConfig({ ...base, ...rest }),
      (err: ConfigError) => {
        assert.match(err.message, /MADOGUCHI_CARD_FILE_KEY: required in production for MADOGUCHI_CARD_ZONE=both/);
        assert.match(err.message, /MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: required in production for MADOGUCHI_CARD_ZONE=both/);
        return true;
      },
    );
    const demo = generateSecretValues('demo-');
    assert.throws(
      () =>
        loadConfig({ ...base, ...rest, MADOGUCHI_CARD_ZONE: 'internal', MADOGUCHI_CARD_FILE_KEY: demo.MADOGUCHI_CARD_FILE_KEY as string }),
      /MADOGUCHI_CARD_FILE_KEY: is a demo secret/,
    );
  });

  it('accepts the embedded database in production only when explicitly allowed', () => {
    const keys = generateSecretValues();
    assert.throws(() => loadConfig({ MADOGUCHI_ENV: 'production', PUBLIC_BASE_URL: 'https://c.example', ...keys }), /DATABASE_URL/);
    const c = loadConfig({ ...prodBase, DATABASE_URL: '', ALLOW_EMBEDDED_DATABASE: 'true', ...keys });
    assert.equal(c.databaseUrl, undefined);
  });

  it('listens on loopback in demo unless HOST is set, and on every interface in production', () => {
    const demo = loadConfig({});
    assert.equal(demo.host, '127.0.0.1');
    assert.equal(demo.line.standinPort, 3001, 'the LINE stand-in follows HOST on PORT + 1');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...prodBase, ...generateSecretValues() }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...prodBase, ...generateSecretValues(), HOST: '10.0.0.5' }).host, '10.0.0.5');
  });

  it('refuses production without an audit anchor outside the database, and anchors every 5 minutes by default', () => {
    const keys = generateSecretValues();
    assert.throws(() => loadConfig({ ...prodBase, ...keys, AUDIT_CHECKPOINT_DIR: '' }), /AUDIT_CHECKPOINT_DIR: required in production/);
    assert.throws(
      () => loadConfig({ ...prodBase, ...keys, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }),
      /AUDIT_CHECKPOINT_INTERVAL_SECONDS: 0 \(no checkpoints\) is refused in production/,
    );
    assert.throws(() => loadConfig({ ...prodBase, ...keys, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400' }), /at most 3600 in production/);
    assert.throws(
      () => loadConfig({ ...prodBase, ...keys, AUDIT_CHECKPOINT_MAIL_TO: 'auditors at city' }),
      /AUDIT_CHECKPOINT_MAIL_TO: "auditors at city" is not an e-mail address/,
    );
    const c = loadConfig({ ...prodBase, ...keys, AUDIT_CHECKPOINT_MAIL_TO: 'kansa@city.example.lg.jp, backup@city.example.lg.jp' });
    assert.equal(c.auditCheckpointIntervalSeconds, 300);
    assert.equal(c.auditCheckpointDir, '/mnt/audit-anchor');
    assert.deepEqual(c.auditCheckpointMailTo, ['kansa@city.example.lg.jp', 'backup@city.example.lg.jp']);
    assert.equal(loadConfig({}).auditCheckpointIntervalSeconds, 300);
  });

  it('refuses production without a valid MAIL_FROM, and takes Message-ID domains from it', () => {
    const keys = generateSecretValues();
    assert.throws(() => loadConfig({ ...prodBase, ...keys, MAIL_FROM: '' }), /MAIL_FROM: required in production/);
    for (const bad of ['madoguchi@localhost', 'not an address', 'a@b@c.example'])
      assert.throws(() => loadConfig({ ...prodBase, ...keys, MAIL_FROM: bad }), /MAIL_FROM: ".*" is not an e-mail address/, bad);
    const c = loadConfig({ ...prodBase, ...keys });
    assert.equal(c.smtp.from, '市役所 予約窓口 <yoyaku@city.example.lg.jp>');
    assert.equal(c.smtp.messageIdDomain, 'city.example.lg.jp');
    assert.equal(loadConfig({ PUBLIC_BASE_URL: 'https://yoyaku.city.example.jp' }).smtp.messageIdDomain, 'yoyaku.city.example.jp');
  });

  it('refuses the published demo LINE values and demo-marked card keys in production', () => {
    const keys = generateSecretValues();
    const line = {
      LINE_CHANNEL_SECRET: 'demo-line-channel-secret',
      LINE_CHANNEL_ACCESS_TOKEN: 'demo-line-access-token',
      LINE_LIFF_ID: '2000000000-demoLiff',
    };
    assert.throws(
      () => loadConfig({ ...prodBase, ...keys, ...line }),
      (err: ConfigError) => {
        assert.match(err.message, /LINE_CHANNEL_SECRET: is the published demo value "demo-line-channel-secret"/);
        assert.match(err.message, /LINE_CHANNEL_ACCESS_TOKEN: is the published demo value/);
        assert.match(err.message, /LINE_LIFF_ID: is the published demo value "2000000000-demoLiff"/);
        return true;
      },
    );
    const demoCard = generateCardKeyValues('demo-');
    assert.throws(
      () =>
        loadConfig({
          ...prodBase,
          ...keys,
          MADOGUCHI_CARD_SIGNING_KEY: demoCard.MADOGUCHI_CARD_SIGNING_KEY,
          MADOGUCHI_CARD_PEER_PUBLIC_KEY: demoCard.MADOGUCHI_CARD_PEER_PUBLIC_KEY,
        }),
      (err: ConfigError) => {
        assert.match(err.message, /MADOGUCHI_CARD_SIGNING_KEY: is a demo secret/);
        assert.match(err.message, /MADOGUCHI_CARD_PEER_PUBLIC_KEY: is a demo secret/);
        return true;
      },
    );
    const realCard = generateCardKeyValues();
    const ok = loadConfig({
      ...prodBase,
      ...keys,
      LINE_CHANNEL_SECRET: 'c1a2b3c4d5e6f708192a3b4c5d6e7f80',
      LINE_CHANNEL_ACCESS_TOKEN: 'real-token-from-the-console',
      LINE_LIFF_ID: '1650000000-AbCdEfGh',
      MADOGUCHI_CARD_SIGNING_KEY: realCard.MADOGUCHI_CARD_SIGNING_KEY,
      MADOGUCHI_CARD_PEER_PUBLIC_KEY: realCard.MADOGUCHI_CARD_PEER_PUBLIC_KEY,
    });
    assert.equal(ok.line.liffId, '1650000000-AbCdEfGh');
  });

  it('refuses MADOGUCHI_ENV=test outside the test runner (a process started without NODE_TEST_CONTEXT)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-envtest-'));
    try {
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        MADOGUCHI_ENV: 'test',
        PORT: '0',
        MADOGUCHI_DATA_DIR: dataDir,
      };
      delete env.NODE_TEST_CONTEXT;
      delete env.DATABASE_URL;
      const r = spawnSync(process.execPath, nodeEntry('src/main.ts'), { env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 78, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /MADOGUCHI_ENV: "test" is only for the test suite/);
      // Inside the runner (this process) it is accepted, and a harness may say so in code.
      assert.equal(loadConfig({ MADOGUCHI_ENV: 'test' }).env, 'test');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
