/** Which scopes an item belongs to: named ones, else those its primary table's rows can belong to. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersonalItem, PersonalTable } from '../../platform/personal-data.js';
import { itemsOfScope, type ModuleRegister, scopeIdsOfTable } from './read-register.js';

const table = (name: string, scope: string): PersonalTable => ({
  table: name,
  scope,
  person: null,
  subject: 'citizen',
  createdAt: null,
  nonPersonal: [],
});
const item = (key: string, tableName: string, scopes?: string[]): PersonalItem => ({
  key,
  label: { ja: key, en: key },
  category: 'name',
  subject: 'citizen',
  isSensitive: false,
  purpose: { ja: '', en: '' },
  storedAt: [{ table: tableName, column: 'c', protection: 'encrypted' }],
  readers: { roles: [], departments: 'owning' },
  recipients: [],
  retention: { ja: '', en: '' },
  ...(scopes ? { scopes } : {}),
});

describe('itemsOfScope', () => {
  const m = {
    module: 'x',
    scopes: [],
    register: {
      module: 'x',
      tables: [
        table('bookings', "'service:' || t.service_id"),
        table('links', "'module:x-my-page'"),
        table('payments', "CASE WHEN t.a IS NULL THEN 'module:x-payments' ELSE 'procedure:' || t.p END"),
        table('odd', 't.scope_id'),
      ],
      nonPersonalTables: [],
      items: [],
      scopes: async () => [],
    },
    items: [
      item('name', 'bookings'),
      item('link', 'links'),
      item('fee', 'payments'),
      item('anything', 'odd'),
      item('field', 'bookings', ['service:1']),
    ],
  } satisfies ModuleRegister;
  const keys = (scopeId: string) => itemsOfScope(m, scopeId).map((i) => i.key);

  it('reads the scope ids and prefixes from the expression', () => {
    assert.deepEqual(scopeIdsOfTable(m.register.tables[2]!), ['module:x-payments', 'procedure:']);
    assert.deepEqual(scopeIdsOfTable(m.register.tables[3]!), []);
  });

  it('gives each scope only the items its tables can hold', () => {
    assert.deepEqual(keys('service:1'), ['name', 'anything', 'field']);
    assert.deepEqual(keys('service:2'), ['name', 'anything']);
    assert.deepEqual(keys('module:x-my-page'), ['link', 'anything']);
    assert.deepEqual(keys('procedure:9'), ['fee', 'anything']);
    assert.deepEqual(keys('module:x-payments'), ['fee', 'anything']);
  });
});
