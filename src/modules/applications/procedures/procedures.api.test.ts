/**
 * GET /api/v1/procedures (pinned shape): only published, not archived procedures within their
 * application period; fees as { amount | unitPrice, timing }; the version citizens fill in is the
 * published one even while a newer draft exists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { ensureDepartment } from '../../staff/test-support.js';
import type { ProcedureDefinition } from './definition.js';
import { insertProcedure, insertVersion, markArchived, markPublished } from './procedures.repository.js';
import { starterDefinition } from './create-procedure.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

type Listed = { id: string; departmentId: string; title: string; fee: unknown; fields: { key: string; options?: unknown }[] };

describe('GET /api/v1/procedures', () => {
  let app: TestApp;
  let dept = '';
  const base = starterDefinition({ title: { ja: '講座の申込' }, description: { ja: '説明' }, eligibility: { ja: '市内在住の方' } });

  async function procedure(def: ProcedureDefinition, o: { publish?: boolean; archive?: boolean; draft?: ProcedureDefinition } = {}) {
    const now = clock.now();
    const id = await insertProcedure(app.ctx.db, { departmentId: dept, createdBy: null, now });
    await insertVersion(app.ctx.db, { procedureId: id, version: 1, definition: def, createdBy: null, now });
    if (o.publish !== false) await markPublished(app.ctx.db, id, 1, now);
    if (o.draft) await insertVersion(app.ctx.db, { procedureId: id, version: 2, definition: o.draft, createdBy: null, now });
    if (o.archive) await markArchived(app.ctx.db, id, now);
    return id;
  }
  const list = async () => (await app.server.inject({ method: 'GET', url: '/api/v1/procedures' })).json() as Listed[];

  before(async () => {
    app = await startTestApp({ clock });
    dept = await ensureDepartment(app, 'apitest');
  });
  after(async () => app.close());

  it('lists published procedures in their period, with the pinned fee shapes', async () => {
    const fixed = await procedure({ ...base, fee: { kind: 'fixed', amount: 1000, timing: 'after_acceptance' }, revenueAccountCode: 'r' });
    const perUnit = await procedure({
      ...base,
      steps: [
        {
          ...(base.steps[0] as ProcedureDefinition['steps'][number]),
          fields: [
            ...(base.steps[0]?.fields ?? []),
            {
              key: 'copies',
              label: { ja: '通数' },
              type: 'number',
              required: true,
              privacy: 'none',
              validation: { integer: true, min: 1 },
            },
            {
              key: 'kind',
              label: { ja: '種類', en: 'Kind' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'radio',
              options: [{ value: 'a', label: { ja: 'エー' } }],
            },
          ],
        },
      ],
      fee: { kind: 'per_unit', unitPrice: 300, quantityField: 'copies', unitLabel: { ja: '通' }, timing: 'on_submission' },
      revenueAccountCode: 'r',
    });
    const future = await procedure({ ...base, opensAt: '2026-12-10T09:00:00+09:00' });
    const past = await procedure({ ...base, closesAt: '2026-11-30T17:00:00+09:00' });
    const unpublished = await procedure(base, { publish: false });
    const archived = await procedure(base, { archive: true });
    const withDraft = await procedure(base, { draft: { ...base, title: { ja: '次の版' } } });

    const items = await list();
    const ids = items.map((p) => p.id);
    for (const id of [fixed, perUnit, withDraft]) assert.ok(ids.includes(id), id);
    for (const id of [future, past, unpublished, archived]) assert.ok(!ids.includes(id), id);
    const byId = new Map(items.map((p) => [p.id, p]));
    assert.deepEqual(byId.get(fixed)?.fee, { amount: 1000, timing: 'after_acceptance' });
    assert.deepEqual(byId.get(perUnit)?.fee, { unitPrice: 300, timing: 'on_submission' });
    assert.deepEqual(byId.get(perUnit)?.fields.at(-1), {
      key: 'kind',
      label: '種類',
      type: 'choice',
      required: true,
      options: [{ value: 'a', label: 'エー' }],
    });
    assert.equal(byId.get(withDraft)?.title, '講座の申込');
    assert.equal(byId.get(fixed)?.departmentId, dept);

    clock.set('2026-12-10T09:00:00+09:00');
    assert.ok((await list()).some((p) => p.id === future));
  });
});
