import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { GENESIS_HASH } from './audit-chain.js';
import { csvHeader, csvLines, jsonLines } from './audit-export-format.js';
import type { AuditEntry } from './search-audit.js';

const entry: AuditEntry = {
  seq: 1,
  occurredAt: new Date('2026-04-01T23:30:05.123Z'),
  actorType: 'staff',
  actorId: null,
  actorLabel: '=HYPERLINK("http://evil.example","x")',
  departmentId: null,
  departmentCode: '00123',
  departmentName: null,
  departmentNameEn: null,
  action: 'reservation.view',
  outcome: 'success',
  recordType: 'reservation',
  recordId: '2222E222',
  recordLabel: null,
  clientIp: '10.0.0.1',
  requestId: null,
  detail: { n: 1 },
  prevHash: GENESIS_HASH,
  hash: '1234567890123456789012345678901234567890123456789012345678901234',
};

const cells = () => {
  const rows = parse(csvHeader() + csvLines([entry]), { bom: true, columns: true }) as Record<string, string>[];
  return rows[0]!;
};

describe('audit log CSV', () => {
  it('writes times in Japan time with the +09:00 offset, like the other exports', () => {
    assert.equal(cells().occurred_at, '2026-04-02T08:30:05.123+09:00');
    // JSON Lines keeps the exact instant
    assert.equal(JSON.parse(jsonLines([entry])).occurredAt, '2026-04-01T23:30:05.123Z');
  });

  it('keeps the genesis hash and other digit-only text as text a spreadsheet will not turn into a number', () => {
    const c = cells();
    assert.equal(c.prev_hash, `="${GENESIS_HASH}"`);
    assert.equal(c.hash, `="${entry.hash}"`);
    assert.equal(c.record_id, '="2222E222"');
    assert.equal(c.department_code, '="00123"');
    assert.equal(c.client_ip, '="10.0.0.1"');
    assert.equal(c.action, 'reservation.view');
  });

  it('still neutralises formulas', () => {
    assert.equal(cells().actor_label, `'=HYPERLINK("http://evil.example","x")`);
  });
});
