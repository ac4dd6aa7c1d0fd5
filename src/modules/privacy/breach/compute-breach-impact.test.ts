/**
 * computeBreachImpact on a hand-made register over throwaway tables, independent of the modules' own
 * declarations, with hand-counted numbers: the window in Japan-time days (a row created at 23:30 JST on the
 * last day is in, one at 00:00 JST the next day is out), rows erased since named but not counted, an item
 * bound to one scope, reachable people by channel, column and zone scopes, a staff account's views and
 * exports from the audit log (an entry outside the window left out, a listed row no longer there and a
 * list that records only its count said plainly), and unknown scopes refused naming what exists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import type { PersonalDataRegister, PersonalItem, StoredAt } from '../../../platform/personal-data.js';
import { recordAudit } from '../../audit/index.js';
import { ensureDepartment, makeStaff } from '../../staff/test-support.js';
import { computeBreachImpact } from './compute-breach-impact.js';
import { UnknownStaffError } from './staff-activity.js';

const bi = (en: string) => ({ ja: en, en });
const NOW = new Date('2026-03-01T00:00:00Z');

function item(key: string, storedAt: StoredAt, extra: Partial<PersonalItem> = {}): PersonalItem {
  return {
    key,
    label: bi(key),
    category: 'application_answer',
    subject: 'citizen',
    isSensitive: false,
    purpose: bi('testing'),
    storedAt: [storedAt],
    readers: { roles: ['dept-admin'], departments: 'owning' },
    recipients: [],
    retention: bi('a year'),
    ...extra,
  };
}

describe('computeBreachImpact', () => {
  let app: TestApp;
  let registers: PersonalDataRegister[];
  const impact = (scope: string, from = '2026-01-01', to = '2026-01-31') =>
    computeBreachImpact(app.ctx.db, registers, { from, to, scope }, NOW, { crypto: app.ctx.crypto });

  before(async () => {
    app = await startTestApp();
    const somu = await ensureDepartment(app, 'br-somu');
    const other = await ensureDepartment(app, 'br-other');
    await app.ctx.db.exec(`
      CREATE TABLE tmp_br_bookings (id text PRIMARY KEY, service text, person text, created_at timestamptz,
        name_enc text, email text, phone text, addr jsonb, answers jsonb, erased boolean NOT NULL DEFAULT false);
      CREATE TABLE tmp_br_notes (id text PRIMARY KEY, service text, body text);
      INSERT INTO tmp_br_bookings VALUES
        ('b1', 'a', 'p1', '2026-01-10T10:00:00+09:00', 'x', 'p1@example.jp', NULL, NULL, '{"sick":"yes"}', false),
        ('b2', 'a', 'p2', '2026-01-20T10:00:00+09:00', 'y', NULL, '090-0000-0000', NULL, '{}', false),
        ('b3', 'a', 'p3', '2026-01-05T10:00:00+09:00', NULL, NULL, NULL, NULL, NULL, true),
        ('b4', 'a', 'p1', '2026-02-15T10:00:00+09:00', 'z', 'p1@example.jp', NULL, NULL, '{}', false),
        ('b5', 'b', 'p5', '2026-01-12T10:00:00+09:00', 'w', NULL, NULL, '{"postal":"565-0000"}', '{"sick":"no"}', false),
        ('b6', 'a', 'p6', '2026-01-31T23:30:00+09:00', 'v', NULL, NULL, NULL, '{}', false),
        ('b7', 'a', 'p7', '2026-02-01T00:00:00+09:00', 'u', 'p7@example.jp', NULL, NULL, '{}', false);
      INSERT INTO tmp_br_notes VALUES ('n1', 'a', 'hello'), ('n2', 'a', NULL), ('n3', 'b', 'there');
    `);
    const scope = (id: string, departmentId: string) => ({ id, label: bi(id), departmentId, zone: 'internet' as const, isPublic: true });
    const at = (column: string, protection: StoredAt['protection'] = 'plain', property?: string): StoredAt => ({
      table: 'tmp_br_bookings',
      column,
      protection,
      ...(property ? { property } : {}),
    });
    registers = [
      {
        module: 'brtest',
        tables: [
          {
            table: 'tmp_br_bookings',
            scope: `'service:' || t.service`,
            person: 't.person',
            subject: 'citizen',
            createdAt: 't.created_at',
            holdsData: 'NOT t.erased',
            contact: { email: at('email'), phone: at('phone'), post: at('addr', 'plain', 'postal') },
            auditRecordType: 'tmpbooking',
            nonPersonal: ['id', 'service', 'created_at', 'erased'],
          },
          {
            table: 'tmp_br_notes',
            scope: `'service:' || t.service`,
            person: null,
            subject: 'citizen',
            createdAt: null,
            nonPersonal: ['id'],
          },
        ],
        nonPersonalTables: [],
        items: [
          item('br.name', at('name_enc', 'encrypted'), { category: 'name' }),
          item('br.email', at('email'), { category: 'contact' }),
          item('br.phone', at('phone'), { category: 'contact' }),
          item('br.address', at('addr', 'plain', 'postal'), { category: 'address' }),
          item('br.sick', at('answers', 'plain', 'sick'), { isSensitive: true, scopes: ['service:a'] }),
          item('br.note', { table: 'tmp_br_notes', column: 'body', protection: 'plain' }, { category: 'free_text' }),
        ],
        async scopes() {
          return [scope('service:a', somu), scope('service:b', other)];
        },
      },
    ];
  });
  after(() => app?.close());

  it('one service: the rows holding data in the window, items, people, channels and what was not counted', async () => {
    const r = await impact('service:a');
    assert.equal(r.records, 3, 'b1, b2, b6 (b3 erased, b4 and b7 after the window)');
    assert.equal(r.people, 3);
    assert.deepEqual(
      r.items.map((i) => [i.key, i.records, i.sensitive, i.encrypted]),
      [
        ['br.name', 3, false, true],
        ['br.email', 1, false, false],
        ['br.phone', 1, false, false],
        ['br.sick', 1, true, false],
        ['br.note', 1, false, false],
      ],
    );
    assert.deepEqual(r.encryption, { encrypted: 3, hashed: 0, plain: 4 });
    assert.deepEqual(r.notifiable, { email: 1, line: 0, phone: 1, post: 0, none: 1 });
    assert.deepEqual(
      r.departments.map((d) => d.code),
      ['br-somu'],
    );
    assert.deepEqual(
      r.scopes.map((s) => s.id),
      ['service:a'],
    );
    assert.deepEqual(r.notes, [
      { kind: 'erased', table: 'tmp_br_bookings', rows: 1 },
      { kind: 'noCreatedAt', table: 'tmp_br_notes' },
    ]);
  });

  it('a window before anything was created finds nothing; the next day includes b7', async () => {
    const none = await impact('service:a', '2025-01-01', '2025-12-31');
    assert.equal(none.records, 0);
    assert.deepEqual(
      none.items.map((i) => i.key),
      ['br.note'],
      'the notes table records no creation time',
    );
    const more = await impact('service:a', '2026-01-01', '2026-02-01');
    assert.equal(more.records, 4);
    assert.deepEqual(more.notifiable, { email: 2, line: 0, phone: 1, post: 0, none: 1 });
  });

  it('a column set and a zone', async () => {
    const col = await impact('table:tmp_br_bookings.email');
    assert.deepEqual([col.records, col.people, col.items.map((i) => i.key)], [1, 1, ['br.email']]);
    const zone = await impact('zone:internet');
    assert.equal(zone.people, 4);
    assert.deepEqual(zone.notifiable, { email: 1, line: 0, phone: 1, post: 1, none: 1 });
    assert.deepEqual(
      zone.departments.map((d) => d.code),
      ['br-other', 'br-somu'],
    );
  });

  it('a staff account: what it opened or exported in the window, from the audit log', async () => {
    const id = await makeStaff(app, { loginId: 'br-clerk', dept: 'br-somu' });
    const actor = { type: 'staff' as const, id, label: 'br-clerk' };
    await app.ctx.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        { actor, action: 'tmpbooking.view', recordType: 'tmpbooking', recordId: 'b2' },
        new Date('2026-01-21T01:00:00Z'),
      );
      await recordAudit(
        tx,
        { actor, action: 'tmpbooking.export', detail: { ids: ['b5', 'b9'], count: 2 } },
        new Date('2026-01-22T01:00:00Z'),
      );
      await recordAudit(tx, { actor, action: 'tmpbooking.list', detail: { count: 7 } }, new Date('2026-01-23T01:00:00Z'));
      await recordAudit(
        tx,
        { actor, action: 'tmpbooking.view', recordType: 'tmpbooking', recordId: 'b1' },
        new Date('2026-02-02T01:00:00Z'),
      );
    });
    const r = await impact('staff:br-clerk');
    assert.deepEqual([r.records, r.people, r.staffActivity], [2, 2, { entries: 3, referenced: 3 }]);
    assert.deepEqual(
      r.items.map((i) => [i.key, i.records]),
      [
        ['br.name', 2],
        ['br.phone', 1],
        ['br.address', 1],
      ],
      'b2 and b5; the sick answer of b5 belongs to another service',
    );
    assert.deepEqual(r.notes, [
      { kind: 'unresolved', action: 'tmpbooking.list', entries: 1, records: 7 },
      { kind: 'gone', rows: 1 },
    ]);
    await assert.rejects(impact('staff:nobody'), UnknownStaffError);
  });

  it('refuses an unknown scope naming what exists', async () => {
    await assert.rejects(impact('service:zzz'), /Unknown scope service:zzz; existing service scopes: service:a \(service:a\), service:b/);
    await assert.rejects(impact('table:nope'), /No declared table "nope".*tmp_br_bookings/);
    await assert.rejects(
      impact('table:tmp_br_bookings.service'),
      /holds no declared personal data item; its items are in: addr, answers, email/,
    );
    await assert.rejects(impact('planet:mars'), /Unknown kind of scope "planet:"/);
    await assert.rejects(impact('service:a', '2026-02-01', '2026-01-01'), /ends \(2026-01-01\) before it starts/);
  });
});
