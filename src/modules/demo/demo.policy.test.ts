import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayOpenDemoMailbox } from './demo.policy.js';

const req = (ip: string, socketIp: string, headers: Record<string, string> = {}) =>
  ({ ip, socket: { remoteAddress: socketIp }, headers }) as unknown as Parameters<typeof mayOpenDemoMailbox>[0];

describe('demo policy', () => {
  it('opens the mailbox to a browser on this machine (IPv4, IPv6, mapped IPv4)', () => {
    assert.equal(mayOpenDemoMailbox(req('127.0.0.1', '127.0.0.1')), true);
    assert.equal(mayOpenDemoMailbox(req('::1', '::1')), true);
    assert.equal(mayOpenDemoMailbox(req('::ffff:127.0.0.1', '::ffff:127.0.0.1')), true);
  });

  it('refuses another machine, and anything a proxy forwarded even from loopback', () => {
    assert.equal(mayOpenDemoMailbox(req('192.168.1.20', '192.168.1.20')), false);
    assert.equal(mayOpenDemoMailbox(req('127.0.0.1', '10.0.0.5')), false);
    assert.equal(mayOpenDemoMailbox(req('127.0.0.1', '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })), false);
    assert.equal(mayOpenDemoMailbox(req('127.0.0.1', '127.0.0.1', { forwarded: 'for=203.0.113.9' })), false);
  });
});
