import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';
import { generateSecretValues } from './platform/secrets.js';

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
    assert.throws(() => loadConfig({ MADOGUCHI_ENV: 'production', PUBLIC_BASE_URL: 'https://city.example' }), (err: ConfigError) => {
      assert.match(err.message, /DATABASE_URL: required in production/);
      assert.match(err.message, /MADOGUCHI_ENCRYPTION_KEYS: required in production/);
      assert.match(err.message, /MADOGUCHI_AUDIT_SIGNING_KEY: required in production/);
      return true;
    });
    const demo = generateSecretValues('demo-');
    assert.throws(
      () => loadConfig({ MADOGUCHI_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_BASE_URL: 'https://city.example', ...demo }),
      /is a demo secret; production refuses it/,
    );
  });

  it('starts production with real keys, a server database and https', () => {
    assert.throws(
      () => loadConfig({ MADOGUCHI_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_BASE_URL: 'https://city.example', ...generateSecretValues() }),
      /SMTP_URL: required in production/,
    );
    const c = loadConfig({ MADOGUCHI_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_BASE_URL: 'https://city.example', SMTP_URL: 'smtp://relay.example:25', ...generateSecretValues() });
    assert.equal(c.env, 'production');
  });

  it('refuses production without the booking-file key each card zone needs, and the private key on the booking site', () => {
    const base = { MADOGUCHI_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_BASE_URL: 'https://city.example', SMTP_URL: 'smtp://relay.example:25' };
    const { MADOGUCHI_CARD_FILE_KEY: privateKey, MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: publicKey, ...rest } = generateSecretValues();
    // the internal zone sends no mail: no relay required, and one configured there is refused
    const internal = { ...base, ...rest, SMTP_URL: '', MADOGUCHI_CARD_ZONE: 'internal' };
    assert.throws(() => loadConfig(internal), /MADOGUCHI_CARD_FILE_KEY: required in production for MADOGUCHI_CARD_ZONE=internal/);
    assert.equal(loadConfig({ ...internal, MADOGUCHI_CARD_FILE_KEY: privateKey as string }).cardZone, 'internal');
    assert.throws(
      () => loadConfig({ ...internal, MADOGUCHI_CARD_FILE_KEY: privateKey as string, SMTP_URL: 'smtp://relay.example:25' }),
      /SMTP_URL: must not be set in the internal zone/,
    );
    const internet = { ...base, ...rest, MADOGUCHI_CARD_ZONE: 'internet' };
    assert.throws(() => loadConfig(internet), /MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: required in production for MADOGUCHI_CARD_ZONE=internet/);
    assert.equal(loadConfig({ ...internet, MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: publicKey as string }).cardZone, 'internet');
    assert.throws(
      () => loadConfig({ ...internet, MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: publicKey as string, MADOGUCHI_CARD_FILE_KEY: privateKey as string }),
      /MADOGUCHI_CARD_FILE_KEY: must not be set on the booking site/,
    );
    assert.throws(() => loadConfig({ ...base, ...rest }), (err: ConfigError) => {
      assert.match(err.message, /MADOGUCHI_CARD_FILE_KEY: required in production for MADOGUCHI_CARD_ZONE=both/);
      assert.match(err.message, /MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: required in production for MADOGUCHI_CARD_ZONE=both/);
      return true;
    });
    const demo = generateSecretValues('demo-');
    assert.throws(
      () => loadConfig({ ...base, ...rest, MADOGUCHI_CARD_ZONE: 'internal', MADOGUCHI_CARD_FILE_KEY: demo.MADOGUCHI_CARD_FILE_KEY as string }),
      /MADOGUCHI_CARD_FILE_KEY: is a demo secret/,
    );
  });

  it('accepts the embedded database in production only when explicitly allowed', () => {
    const keys = generateSecretValues();
    assert.throws(() => loadConfig({ MADOGUCHI_ENV: 'production', PUBLIC_BASE_URL: 'https://c.example', ...keys }), /DATABASE_URL/);
    const c = loadConfig({ MADOGUCHI_ENV: 'production', PUBLIC_BASE_URL: 'https://c.example', ALLOW_EMBEDDED_DATABASE: 'true', SMTP_URL: 'smtp://relay.example:25', ...keys });
    assert.equal(c.databaseUrl, undefined);
  });
});
