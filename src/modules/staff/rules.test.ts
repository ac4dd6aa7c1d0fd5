import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordPolicy, commonPasswords } from './password-policy.js';
import { hotp, totp, verifyTotp, base32Encode, base32Decode, otpauthUri, generateRecoveryCodes, timeStep } from './totp.js';
import { isPasswordRenewalDue, lockedUntilAfter, normaliseLoginId, retryAfterSeconds } from './lockout.js';
import { isSessionLive, sessionCookieName } from './sessions.js';
import { testConfig } from '../../../test/helpers.js';
import {
  assertDepartmentAccess,
  canManageAccount,
  grantableRoles,
  isDepartmentAdmin,
  isMfaRequired,
  isSystemAdmin,
  readableDepartmentIds,
} from './staff.policy.js';
import { DEMO_PASSWORD } from './seed-demo.js';

describe('password policy', () => {
  it('ships a deny-list of thousands of common passwords', () => {
    assert.ok(commonPasswords().size > 5000);
    for (const p of ['password1234', 'qwerty123456', '1qaz2wsx3edc', 'aaaaaaaaaaaa', '123456789012'])
      assert.ok(commonPasswords().has(p), p);
  });
  it('accepts a long passphrase without composition rules', () => {
    assert.deepEqual(checkPasswordPolicy('correct horse battery staple'), []);
    assert.deepEqual(checkPasswordPolicy('しずかな朝のみずうみ十二'), []);
  });
  it('refuses short, over-long, common, decorated-common, repetitive and sequential passwords', () => {
    assert.equal(checkPasswordPolicy('short-pass1').length, 1);
    assert.equal(checkPasswordPolicy('x'.repeat(129) + 'abc').length, 1);
    assert.match(checkPasswordPolicy('Password1234')[0]?.en ?? '', /commonly used/);
    assert.match(checkPasswordPolicy('QWERTY123456')[0]?.en ?? '', /commonly used/);
    assert.match(checkPasswordPolicy('ｐａｓｓｗｏｒｄ１２３４')[0]?.en ?? '', /commonly used/, 'full-width variants are normalised');
    assert.match(checkPasswordPolicy('sakura!!2026@@')[0]?.en ?? '', /commonly used/);
    assert.ok(checkPasswordPolicy('abababababababab').length > 0);
    assert.ok(checkPasswordPolicy('mnopqrstuvwxyz').length > 0);
  });
  it('honours a raised minimum length', () => {
    assert.equal(checkPasswordPolicy('tulip river lamp', { minLength: 20 }).length, 1);
  });
  it('refuses passwords built from the login id or display name', () => {
    assert.match(checkPasswordPolicy('tanaka.hanako2026', { loginId: 'tanaka.hanako' })[0]?.en ?? '', /login ID or name/);
    assert.match(checkPasswordPolicy('Yamada Taro 1234', { displayName: 'yamada taro' })[0]?.en ?? '', /login ID or name/);
    assert.deepEqual(checkPasswordPolicy('blue kettle under snow', { loginId: 'tanaka.hanako' }), []);
  });
  it('does not deny the demo password', () => {
    assert.deepEqual(checkPasswordPolicy(DEMO_PASSWORD, { loginId: 'demo-admin' }), []);
  });
});

describe('TOTP (RFC 6238)', () => {
  const key = Buffer.from('12345678901234567890');
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) {
      assert.equal(hotp(key, Math.floor(t / 30), 8), code, `t=${t}`);
      assert.equal(totp(key, new Date(t * 1000)), code.slice(2), `6 digits t=${t}`);
    }
  });
  it('accepts ±1 step, refuses 2 steps away, and refuses steps already used', () => {
    const now = new Date(1_700_000_000_000);
    const code = totp(key, now);
    assert.equal(verifyTotp(key, code, new Date(now.getTime() + 30_000)), timeStep(now));
    assert.equal(verifyTotp(key, code, new Date(now.getTime() - 30_000)), timeStep(now));
    assert.equal(verifyTotp(key, code, new Date(now.getTime() + 61_000)), null);
    assert.equal(verifyTotp(key, code, now, timeStep(now)), null, 'same step twice');
    assert.equal(verifyTotp(key, '12345', now), null);
  });
  it('round-trips base32 and builds an otpauth URI', () => {
    const b = Buffer.from('hello world 1234');
    assert.deepEqual(base32Decode(base32Encode(b)), b);
    assert.equal(base32Encode(Buffer.from('12345678901234567890')), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.match(
      otpauthUri({ secret: 'ABC', account: 'demo-admin', issuer: 'madoguchi' }),
      /^otpauth:\/\/totp\/madoguchi%3Ademo-admin\?secret=ABC&issuer=madoguchi/,
    );
    const codes = generateRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    for (const c of codes) assert.match(c, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });
});

describe('lockout, sessions and login ids', () => {
  it('computes lock ends and Retry-After', () => {
    const now = new Date('2026-04-01T09:00:00Z');
    const until = lockedUntilAfter(now, 15);
    assert.equal(until.toISOString(), '2026-04-01T09:15:00.000Z');
    assert.equal(retryAfterSeconds(until, now), 900);
    assert.equal(retryAfterSeconds(until, new Date(until.getTime() + 1)), 0);
    assert.equal(retryAfterSeconds(null, now), 0);
  });
  it('normalises login ids with NFKC and lower case', () => {
    assert.equal(normaliseLoginId(' ＤＥＭＯ－admin '.replace('－', '-')), 'demo-admin');
    assert.equal(normaliseLoginId('Ｔａｎａｋａ'), 'tanaka');
  });
  it('expires sessions on idle and absolute limits', () => {
    const created = new Date('2026-04-01T09:00:00Z');
    const row = { last_seen_at: created, expires_at: new Date(created.getTime() + 12 * 3_600_000) };
    assert.ok(isSessionLive(row, new Date(created.getTime() + 29 * 60_000), 30));
    assert.ok(!isSessionLive(row, new Date(created.getTime() + 30 * 60_000), 30));
    assert.ok(
      !isSessionLive(
        { ...row, last_seen_at: new Date(created.getTime() + 12 * 3_600_000 - 1000) },
        new Date(created.getTime() + 12 * 3_600_000),
        30,
      ),
    );
  });
  it('names the cookie __Host- in production only', () => {
    const c = testConfig();
    assert.equal(sessionCookieName(c), 'madoguchi_staff');
    assert.equal(sessionCookieName({ ...c, env: 'production' }), '__Host-madoguchi_staff');
  });
  it('reminds about password renewal after the configured days only', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    assert.ok(isPasswordRenewalDue(changed, new Date('2026-04-02T00:00:00Z'), 90));
    assert.ok(!isPasswordRenewalDue(changed, new Date('2026-03-01T00:00:00Z'), 90));
    assert.ok(!isPasswordRenewalDue(changed, new Date('2030-01-01T00:00:00Z'), 0));
  });
});

describe('access policy', () => {
  const m = (departmentId: string, role: 'sys-admin' | 'dept-admin' | 'staff') => ({
    departmentId,
    departmentCode: departmentId,
    departmentName: departmentId,
    role,
  });
  const sys = { memberships: [m('seisaku', 'sys-admin')] };
  const admin = { memberships: [m('fukushi', 'dept-admin'), m('shimin', 'staff')] };
  it('scopes citizen data to memberships, even for a sys-admin', () => {
    assert.deepEqual(readableDepartmentIds(sys), ['seisaku']);
    assert.throws(
      () => assertDepartmentAccess(sys, 'fukushi'),
      (e: { status?: number }) => e.status === 404,
    );
    assert.doesNotThrow(() => assertDepartmentAccess(admin, 'shimin'));
  });
  it('knows administrators and what they may grant', () => {
    assert.ok(isSystemAdmin(sys) && !isSystemAdmin(admin));
    assert.ok(isDepartmentAdmin(admin, 'fukushi') && !isDepartmentAdmin(admin, 'shimin'));
    assert.deepEqual(grantableRoles(admin, 'fukushi'), ['dept-admin', 'staff']);
    assert.deepEqual(grantableRoles(admin, 'shimin'), []);
    assert.ok(canManageAccount(admin, { memberships: [m('fukushi', 'staff')] }));
    assert.ok(!canManageAccount(admin, { memberships: [m('shoukou', 'staff')] }));
    assert.ok(!canManageAccount(admin, { memberships: [m('fukushi', 'sys-admin')] }));
  });
  it('requires MFA for administrators in production, for all when configured', () => {
    const cfg = (env: string, all: boolean) => ({ env, staff: { requireMfaForAll: all } });
    assert.ok(isMfaRequired(cfg('production', false), [{ role: 'dept-admin' }]));
    assert.ok(!isMfaRequired(cfg('production', false), [{ role: 'staff' }]));
    assert.ok(!isMfaRequired(cfg('demo', false), [{ role: 'sys-admin' }]));
    assert.ok(isMfaRequired(cfg('demo', true), [{ role: 'staff' }]));
  });
});
