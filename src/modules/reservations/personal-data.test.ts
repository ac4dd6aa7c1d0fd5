/**
 * The reservations module's register on the demo data: every counter and consultation service is a
 * scope of its department (card pickup locations are not), the fields staff defined join as items of
 * their own service — the household-finance consultation's reason as sensitive, readable by the roles the
 * service allows — a field classed 'none' is left out, and the declared person expression counts the
 * demo's five synthetic people.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { reservationsPersonalData as register } from './personal-data.js';

describe('reservations: privacy register', () => {
  let app: TestApp;
  /** Service id by its demo department's code. */
  const services = new Map<string, string>();

  before(async () => {
    app = await startTestApp({ demo: true });
    const r = await app.ctx.db.query<{ id: string; code: string }>(
      `SELECT s.id, d.code FROM rsv_services s JOIN departments d ON d.id = s.department_id WHERE s.kind <> 'card_pickup'`,
    );
    for (const row of r.rows) services.set(row.code, row.id);
  });
  after(() => app?.close());

  it('lists each demo service as a scope of its department, the My Page scope, and no card pickup location', async () => {
    const scopes = await register.scopes(app.ctx.db);
    const depts = await app.ctx.db.query<{ id: string; code: string }>('SELECT id, code FROM departments');
    const codeOf = new Map(depts.rows.map((d) => [d.id, d.code]));
    assert.deepEqual(
      scopes
        .filter((s) => s.id.startsWith('service:'))
        .map((s) => [s.label.en, s.departmentId && codeOf.get(s.departmentId)])
        .sort(),
      [
        ['Benefit application support', 'fukushi'],
        ['Household finance consultation', 'seikatsu'],
        ['Labour consultation', 'shoukou'],
        ['General counter (certificates, notifications)', 'shimin'],
      ].sort(),
    );
    assert.deepEqual(
      scopes.filter((s) => !s.id.startsWith('service:')).map((s) => s.id),
      ['module:reservations-my-page'],
    );
    const pickups = await app.ctx.db.query<{ id: string }>(`SELECT id FROM rsv_services WHERE kind = 'card_pickup'`);
    assert.ok(pickups.rows.length > 0, 'the demo has card pickup locations');
    for (const p of pickups.rows) assert.ok(!scopes.some((s) => s.id === `service:${p.id}`));
  });

  it('adds each defined personal field as an item of its service; sensitive ones as sensitive, read by the allowed roles', async () => {
    const items = await register.definedItems!(app.ctx.db);
    const household = services.get('seikatsu') as string;
    const labour = services.get('shoukou') as string;
    const benefit = services.get('fukushi') as string;
    const counter = services.get('shimin') as string;
    // benefit: letter_name, reason, remarks; household: reason, remarks; labour: topic, remarks; counter: reason
    assert.deepEqual(
      items.map((i) => i.key).sort(),
      [
        `service:${benefit}.letter_name`,
        `service:${benefit}.reason`,
        `service:${benefit}.remarks`,
        `service:${household}.reason`,
        `service:${household}.remarks`,
        `service:${labour}.remarks`,
        `service:${labour}.topic`,
        `service:${counter}.reason`,
      ].sort(),
    );
    assert.deepEqual(
      items
        .filter((i) => i.isSensitive)
        .map((i) => i.key)
        .sort(),
      [`service:${household}.reason`, `service:${labour}.topic`].sort(),
    );
    const reason = items.find((i) => i.key === `service:${household}.reason`);
    assert.deepEqual(reason?.scopes, [`service:${household}`]);
    assert.deepEqual(reason?.storedAt, [{ table: 'rsv_reservations', column: 'fields_enc', property: 'reason', protection: 'encrypted' }]);
    assert.deepEqual(reason?.readers.roles, ['dept-admin', 'staff']);
    assert.equal(reason?.readers.departments, 'owning');
    assert.equal(reason?.category, 'application_answer');
    assert.match(reason?.retention.en ?? '', /\b90 days\b/);
  });

  it("leaves out a field classed 'none', and a sensitive field nobody may read is read by no staff", async () => {
    const household = services.get('seikatsu') as string;
    await app.ctx.db.query(`UPDATE rsv_service_fields SET classification = 'none' WHERE service_id = $1 AND key = 'remarks'`, [household]);
    await app.ctx.db.query(`UPDATE rsv_services SET sensitive_readers = '{}' WHERE id = $1`, [household]);
    const items = await register.definedItems!(app.ctx.db);
    assert.deepEqual(
      items.filter((i) => i.scopes?.includes(`service:${household}`)).map((i) => i.key),
      [`service:${household}.reason`],
    );
    const reason = items.find((i) => i.key === `service:${household}.reason`);
    assert.deepEqual([reason?.readers.roles, reason?.readers.departments], [[], 'none']);
  });

  it("counts the demo's bookings by person: five synthetic people, three of them reachable by e-mail", async () => {
    const t = register.tables.find((x) => x.table === 'rsv_reservations');
    assert.ok(t?.person && t.holdsData && t.contact?.email);
    const r = await app.ctx.db.query<{ people: number; mailable: number; records: number }>(
      `SELECT count(DISTINCT ${t.person})::int AS people, count(DISTINCT ${t.person}) FILTER (WHERE t.${t.contact.email.column} IS NOT NULL)::int AS mailable,
              count(*)::int AS records
         FROM rsv_reservations t WHERE ${t.holdsData}`,
    );
    const row = r.rows[0];
    assert.equal(row?.people, 5);
    assert.equal(row?.mailable, 3);
    assert.ok((row?.records ?? 0) > 5, 'the demo books more than once per person');
  });
});
