import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAddressAllowed, parseCidr } from './cidr.js';
import { windowStartOf } from './throttle.js';

describe('CIDR allow-list', () => {
  it('matches IPv4 ranges, including IPv4-mapped IPv6 addresses', () => {
    assert.ok(isAddressAllowed('10.1.2.3', ['10.0.0.0/8']));
    assert.ok(isAddressAllowed('::ffff:10.1.2.3', ['10.0.0.0/8']));
    assert.ok(!isAddressAllowed('11.0.0.1', ['10.0.0.0/8']));
    assert.ok(isAddressAllowed('192.168.1.77', ['192.168.1.77']));
    assert.ok(!isAddressAllowed('192.168.1.78', ['192.168.1.77/32']));
    assert.ok(isAddressAllowed('172.16.31.255', ['172.16.0.0/12']));
    assert.ok(!isAddressAllowed('172.32.0.1', ['172.16.0.0/12']));
  });
  it('matches IPv6 ranges', () => {
    assert.ok(isAddressAllowed('2001:db8::1', ['2001:db8::/32']));
    assert.ok(isAddressAllowed('2001:0db8:ffff::1', ['2001:db8::/32']));
    assert.ok(!isAddressAllowed('2001:db9::1', ['2001:db8::/32']));
    assert.ok(isAddressAllowed('::1', ['::1']));
    assert.ok(!isAddressAllowed('127.0.0.1', ['::1/128']));
  });
  it('treats an empty list as no restriction and malformed entries as no match', () => {
    assert.ok(isAddressAllowed('203.0.113.9', []));
    assert.equal(parseCidr('10.0.0.0/33'), null);
    assert.equal(parseCidr('nonsense'), null);
    assert.ok(!isAddressAllowed('10.0.0.1', ['nonsense']));
  });
  it('aligns throttle windows', () => {
    assert.equal(windowStartOf(new Date('2026-04-01T09:07:31Z'), 300).toISOString(), '2026-04-01T09:05:00.000Z');
  });
});
