/**
 * computeInventory on a small hand-made register over throwaway tables, independent of the modules'
 * own declarations: items counted at their primary storage (a plain JSON property present and not null,
 * an encrypted container non-null), rows erased after use (holdsData) left out, the same person in two
 * tables counted once, tables without a person left out of the scope's records, a table absent from the
 * database skipped with its items, departments joined, and one grouped query per table however many scopes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import type { Queryable } from '../../../platform/db.js';
import type { PersonalDataRegister, PersonalItem, StoredAt } from '../../../platform/personal-data.js';
import { ensureDepartment } from '../../staff/test-support.js';
import { computeInventory } from './compute-inventory.js';

const bi = (en: string) => ({ ja: en, en });

function item(key: string, storedAt: StoredAt, scopes?: string[]): PersonalItem {
  return {
    key,
    label: bi(key),
    category: 'application_answer',
    subject: 'citizen',
    isSensitive: key === 'test.age',
    purpose: bi('testing'),
    storedAt: [storedAt],
    readers: { roles: ['dept-admin'], departments: 'owning' },
    recipients: [],
    retention: bi('a year'),
    ...(scopes ? { scopes } : {}),
  };
}

describe('computeInventory', () => {
  let app: TestApp;
  let somu: string;
  let registers: PersonalDataRegister[];

  before(async () => {
    app = await startTestApp();
    somu = await ensureDepartment(app, 'inv-somu');
    await app.ctx.db.exec(`
      CREATE TABLE tmp_inv_people (id int PRIMARY KEY, service text, person text, created_at timestamptz,
        name_enc text, answers jsonb, answers_enc text, erased boolean NOT NULL DEFAULT false);
      CREATE TABLE tmp_inv_visits (id int PRIMARY KEY, service text, person text, created_at timestamptz, note text);
      CREATE TABLE tmp_inv_log (id int PRIMARY KEY, service text, message text);
      CREATE TABLE tmp_inv_solo (id int PRIMARY KEY, who text, created_at timestamptz);
      INSERT INTO tmp_inv_people VALUES
        (1, 'a', 'p1', '2026-01-05T00:00:00Z', 'x', '{"age":"30"}', 'c', false),
        (2, 'a', 'p2', '2026-01-03T00:00:00Z', NULL, '{"age":null}', NULL, false),
        (3, 'a', 'p3', '2025-12-01T00:00:00Z', 'y', '{"age":"40"}', 'c', true),
        (4, 'b', 'p1', '2026-02-01T00:00:00Z', 'z', '{}', 'c', false),
        (5, 'gone', 'p9', '2020-01-01T00:00:00Z', 'z', '{}', 'c', false);
      INSERT INTO tmp_inv_visits VALUES
        (1, 'a', 'p1', '2026-01-04T00:00:00Z', 'n'),
        (2, 'a', 'p4', '2026-01-02T00:00:00Z', NULL),
        (3, 'b', 'p5', '2026-03-01T00:00:00Z', 'm');
      INSERT INTO tmp_inv_log VALUES (1, 'a', 'hello'), (2, 'a', NULL), (3, 'a', 'again');
      INSERT INTO tmp_inv_solo VALUES (1, 'x', '2026-04-01T00:00:00Z'), (2, 'x', '2026-04-02T00:00:00Z'), (3, 'y', NULL);
    `);
    const scope = (id: string, departmentId: string | null) => ({
      id,
      label: bi(id),
      departmentId,
      zone: 'internet' as const,
      isPublic: true,
    });
    const table = (name: string, person: string | null, createdAt: string | null, extra = {}) => ({
      table: name,
      scope: `'service:' || t.service`,
      person,
      subject: 'citizen' as const,
      createdAt,
      nonPersonal: ['id'],
      ...extra,
    });
    registers = [
      {
        module: 'testmod',
        tables: [
          table('tmp_inv_people', 't.person', 't.created_at', { holdsData: 'NOT t.erased' }),
          table('tmp_inv_visits', 't.person', 'created_at'),
          table('tmp_inv_log', null, null),
          table('tmp_inv_absent', 't.person', null),
        ],
        nonPersonalTables: [],
        items: [
          item('test.name', { table: 'tmp_inv_people', column: 'name_enc', protection: 'encrypted' }),
          item('test.age', { table: 'tmp_inv_people', column: 'answers', property: 'age', protection: 'plain' }, ['service:a']),
          item('test.q1', { table: 'tmp_inv_people', column: 'answers_enc', property: 'q1', protection: 'encrypted' }),
          item('test.q2', { table: 'tmp_inv_people', column: 'answers_enc', property: 'q2', protection: 'encrypted' }),
          item('test.note', { table: 'tmp_inv_visits', column: 'note', protection: 'plain' }),
          item('test.message', { table: 'tmp_inv_log', column: 'message', protection: 'plain' }),
          item('test.ghost', { table: 'tmp_inv_absent', column: 'x', protection: 'plain' }),
        ],
        async scopes() {
          return [scope('service:b', null), scope('service:a', somu), scope('service:c', null)];
        },
      },
      {
        module: 'solo',
        tables: [
          {
            table: 'tmp_inv_solo',
            scope: `'module:solo'`,
            person: 't.who',
            subject: 'staff',
            createdAt: 't.created_at',
            nonPersonal: ['id'],
          },
        ],
        nonPersonalTables: [],
        items: [item('solo.who', { table: 'tmp_inv_solo', column: 'who', protection: 'hashed' })],
        async scopes() {
          return [scope('module:solo', null)];
        },
      },
    ];
  });
  after(() => app?.close());

  it('counts items, records, people and the oldest record per scope, by hand', async () => {
    const r = await computeInventory(app.ctx.db, registers, new Date('2026-05-01T00:00:00Z'));
    assert.equal(r.generatedAt, '2026-05-01T00:00:00.000Z');
    assert.match(r.schemaVersion, /^\d+$/);
    assert.ok(Number(r.schemaVersion) > 50);
    const view = r.scopes.map((s) => ({
      scope: s.scope.id,
      module: s.module,
      department: s.department?.code ?? null,
      records: s.records,
      people: s.people,
      oldest: s.oldest,
      items: Object.fromEntries(s.items.map((i) => [i.key, i.records])),
    }));
    assert.deepEqual(view, [
      {
        // department first (inv-somu), then the scopes without one: module, then name
        scope: 'service:a',
        module: 'testmod',
        department: 'inv-somu',
        records: 4, // people rows 1 and 2 (row 3 erased), visits 1 and 2; the log has no person
        people: 3, // p1 (in both tables, once), p2, p4
        oldest: '2026-01-02T00:00:00.000Z', // visit 2; the erased row of 2025-12-01 is not held
        items: { 'test.name': 1, 'test.age': 1, 'test.q1': 1, 'test.q2': 1, 'test.note': 1, 'test.message': 2 },
      },
      {
        scope: 'module:solo',
        module: 'solo',
        department: null,
        records: 3,
        people: 2,
        oldest: '2026-04-01T00:00:00.000Z',
        items: { 'solo.who': 3 },
      },
      {
        scope: 'service:b',
        module: 'testmod',
        department: null,
        records: 2,
        people: 2,
        oldest: '2026-02-01T00:00:00.000Z',
        items: { 'test.name': 1, 'test.q1': 1, 'test.q2': 1, 'test.note': 1, 'test.message': 0 },
      },
      {
        scope: 'service:c',
        module: 'testmod',
        department: null,
        records: 0,
        people: 0,
        oldest: null,
        items: { 'test.name': 0, 'test.q1': 0, 'test.q2': 0, 'test.note': 0, 'test.message': 0 },
      },
    ]);
    const a = r.scopes[0]!;
    assert.deepEqual(
      a.items.map((i) => [i.key, i.isEncrypted, i.isSensitive]),
      [
        ['test.name', true, false],
        ['test.age', false, true],
        ['test.q1', true, false],
        ['test.q2', true, false],
        ['test.note', false, false],
        ['test.message', false, false],
      ],
    );
    assert.equal(r.scopes[1]!.items[0]!.isEncrypted, true, 'a one-way hash counts as protected');
    assert.deepEqual(a.department, { id: somu, code: 'inv-somu', name: 'inv-somu 課', nameEn: null });
  });

  it('reads each table once, whatever the number of scopes', async () => {
    const many = registers.map((r) =>
      r.module === 'testmod'
        ? {
            ...r,
            async scopes() {
              return Array.from({ length: 300 }, (_, i) => ({
                id: `service:${i}`,
                label: bi(String(i)),
                departmentId: null,
                zone: 'internet' as const,
                isPublic: false,
              }));
            },
          }
        : r,
    );
    const seen: string[] = [];
    const db: Queryable = {
      query: (sql, params) => {
        seen.push(sql);
        return app.ctx.db.query(sql, params);
      },
      exec: (sql) => app.ctx.db.exec(sql),
    };
    const r = await computeInventory(db, many, new Date('2026-05-01T00:00:00Z'));
    assert.equal(r.scopes.length, 301);
    const fromTable = (t: string) => seen.filter((s) => s.includes(`FROM "${t}" t`) && !s.includes('UNION ALL')).length;
    assert.deepEqual(['tmp_inv_people', 'tmp_inv_visits', 'tmp_inv_log', 'tmp_inv_solo', 'tmp_inv_absent'].map(fromTable), [1, 1, 1, 1, 0]);
    assert.equal(seen.filter((s) => s.includes('UNION ALL')).length, 1, 'one query for the people of testmod’s two tables');
  });
});
