/**
 * Price tables against a real database: the demo's ensureSamplePriceTable importing the committed SAMPLE
 * table once (audited), the identical file refused by `madoguchi facility prices import`, a bad file refused
 * whole with line-numbered problems, the JSON form equivalent to the CSV (imported by the CLI, audited as
 * system "cli"), the newest table in force, the database's own refusals, and the sample covering every
 * demo facility.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { parseArgs } from '../../../cli.js';
import type { CertClass, ChildCount, FacilityType, ItemCode, ItemInEffect } from '../shared/types.js';
import { CHILD_CLASSES } from '../shared/types.js';
import { calculateMonthly } from './engine.js';
import { parsePriceTable } from './parse-price-table.js';
import { loadPriceTable } from './price-table.js';
import { commands } from './register.js';
import { SAMPLE_LABEL, SAMPLE_YEARS, sampleFile, sampleTableCsv } from './sample/generate.js';
import { ensureSamplePriceTable } from './sample-table.js';

const HEADER =
  'fiscal_year,region,facility_type,capacity_min,capacity_max,cert_class,age_band,need,item,unit,amount,experience_min,experience_max';

describe('price tables', () => {
  let app: TestApp;
  let dir: string;
  before(async () => {
    app = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-prices-'));
  });
  after(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(file: string): Promise<{ code: number; out: string[]; err: string[] }> {
    const command = commands.find((c) => c.name === 'facility prices import');
    assert.ok(command);
    const out: string[] = [];
    const err: string[] = [];
    const code = await command.run(app.ctx, parseArgs(command, [file]), {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => '',
    });
    return { code: code ?? 0, out, err };
  }
  const tableCount = async () => (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_price_tables')).rows[0]?.n;

  it('the committed sample files are the generator’s output', () => {
    for (const fy of SAMPLE_YEARS)
      assert.equal(fs.readFileSync(sampleFile(fy), 'utf8'), sampleTableCsv(fy), `fy${fy}-sample.csv is stale: run generate.ts`);
  });

  it('ensureSamplePriceTable imports the FY2026 sample once (audited), and the CLI refuses the committed file as identical', async () => {
    const lines = fs.readFileSync(sampleFile(2026), 'utf8').trim().split('\n').length - 2; // settings and header
    const first = await ensureSamplePriceTable(app.ctx, 2026);
    assert.equal(first.imported, true);
    const stored = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_price_entries WHERE table_id = $1', [
      first.tableId,
    ]);
    assert.equal(stored.rows[0]?.n, lines);
    const audit = await app.ctx.db.query<{ actor_type: string; actor_id: string; record_type: string; detail: { entries: number } }>(
      `SELECT actor_type, actor_id, record_type, detail FROM audit_log WHERE action = 'facility.prices.import' AND record_id = $1`,
      [first.tableId],
    );
    assert.deepEqual(
      audit.rows.map((a) => [a.actor_type, a.actor_id, a.record_type, a.detail.entries]),
      [['system', 'demo', 'fc_price_table', lines]],
    );
    const t = await loadPriceTable(app.ctx.db, 2026);
    assert.deepEqual(
      [t?.id, t?.label, t?.isSample, t?.rounding, t?.entries.length],
      [first.tableId, SAMPLE_LABEL, true, 'floor-10', lines],
    );
    assert.deepEqual(await ensureSamplePriceTable(app.ctx, 2026), { tableId: first.tableId, imported: false });

    // the committed file is the same bytes: refused as identical, nothing written
    const before = await tableCount();
    const again = await run(sampleFile(2026));
    assert.equal(again.code, 1);
    assert.match(again.err.join('\n'), /already imported/);
    assert.equal(await tableCount(), before);
  });

  it('refuses a file with bad lines whole, naming each line and what is wrong', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        '# label=bad table; is_sample=false; rounding=floor-10',
        HEADER,
        '2027,16,hoikusho,81,90,2,age3,standard,basic,per-child-month,45000,,', // line 3: fine
        '2027,17,hoikusho,81,90,2,age3,standard,basic,per-child-month,45000,,', // line 4: region 17
        '2027,16,hoikusho,81,90,2,age3,standard,basic,facility-month,45000,,', // line 5: basic is per child
        '2027,16,hoikusho,85,95,2,age3,standard,basic,per-child-month,45100,,', // line 6: overlaps line 3
        '2027,16,hoikusho,81,90,2,age3,standard,basic,per-child-month,abc,,', // line 7: amount
        '2027,*,*,,,*,*,*,shogu-kubun1-rate,rate-by-experience,10,,', // line 8: no experience_min
        '2026,16,hoikusho,1,20,2,age3,standard,basic,per-child-month,45000,,', // line 9: another year
      ].join('\n'),
    );
    const before = await tableCount();
    const r = await run(file);
    assert.equal(r.code, 1);
    const err = r.err.join('\n');
    assert.match(err, /line 4: region must be one of/);
    assert.match(err, /line 5: item basic takes unit per-child-month, not facility-month/);
    assert.match(err, /line 7: amount must be a number/);
    assert.match(err, /line 8: a rate-by-experience needs experience_min/);
    assert.match(err, /line 9: fiscal_year 2026 differs from the table's 2027/);
    assert.doesNotMatch(err, /line 3:/);
    assert.equal(await tableCount(), before);

    // the overlap is found once every line reads well
    fs.writeFileSync(
      file,
      [
        '# label=overlap; is_sample=false; rounding=floor-10',
        HEADER,
        '2027,16,hoikusho,81,90,2,age3,standard,basic,per-child-month,45000,,',
        '2027,16,hoikusho,85,95,2,age3,standard,basic,per-child-month,45100,,',
      ].join('\n'),
    );
    const o = await run(file);
    assert.equal(o.code, 1);
    assert.match(o.err.join('\n'), /line 4: overlaps line 3/);
  });

  it('reads the JSON form as the same table, and the newest import of a year is the one in force', async () => {
    const csv = [
      '# label=year 2028 v1; is_sample=false; rounding=round-10',
      HEADER,
      '2028,16,hoikusho,81,90,2,age3,standard,basic,per-child-month,45000,,',
      '2028,*,*,,,*,*,*,shogu-kubun1-rate,rate-by-experience,2.5,0,1.5',
    ].join('\n');
    const json = JSON.stringify({
      label: 'year 2028 v2',
      is_sample: false,
      rounding: 'round-10',
      entries: [
        {
          fiscal_year: 2028,
          region: 16,
          facility_type: 'hoikusho',
          capacity_min: 81,
          capacity_max: 90,
          cert_class: 2,
          age_band: 'age3',
          need: 'standard',
          item: 'basic',
          unit: 'per-child-month',
          amount: 45000,
        },
        {
          fiscal_year: 2028,
          region: '*',
          facility_type: '*',
          cert_class: '*',
          age_band: '*',
          need: '*',
          item: 'shogu-kubun1-rate',
          unit: 'rate-by-experience',
          amount: 2.5,
          experience_min: 0,
          experience_max: 1.5,
        },
      ],
    });
    const a = await parsePriceTable(Buffer.from(csv), 'a.csv');
    const b = await parsePriceTable(Buffer.from(json), 'b.json');
    assert.ok(a.ok && b.ok);
    const dims = (e: (typeof a.table.entries)[number]) => ({ ...e, line: 0 });
    assert.deepEqual(b.table.entries.map(dims), a.table.entries.map(dims));

    fs.writeFileSync(path.join(dir, 'v1.csv'), csv);
    fs.writeFileSync(path.join(dir, 'v2.json'), json);
    const v1 = await run(path.join(dir, 'v1.csv'));
    assert.equal(v1.code, 0, v1.err.join('\n'));
    const m = /^Imported price table ([0-9a-f-]{36}): fiscal year 2028, "year 2028 v1", 2 entries\.$/.exec(v1.out[0] ?? '');
    assert.ok(m, v1.out.join('\n'));
    const audit = await app.ctx.db.query<{ actor_type: string; actor_id: string }>(
      `SELECT actor_type, actor_id FROM audit_log WHERE action = 'facility.prices.import' AND record_id = $1`,
      [m[1]],
    );
    assert.deepEqual(audit.rows, [{ actor_type: 'system', actor_id: 'cli' }]);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await run(path.join(dir, 'v2.json'))).code, 0);
    const t = await loadPriceTable(app.ctx.db, 2028);
    assert.equal(t?.label, 'year 2028 v2');
    assert.equal(t?.entries.find((e) => e.item === 'shogu-kubun1-rate')?.amount, 2.5);
    assert.equal(await loadPriceTable(app.ctx.db, 2031), undefined);
  });

  it('the database itself refuses two entries of the same dimensions and a rate without an experience range', async () => {
    const t = await loadPriceTable(app.ctx.db, 2028);
    assert.ok(t);
    const insert = (line: number, unit: string, expMin: number | null) =>
      app.ctx.db.query(
        `INSERT INTO fc_price_entries (table_id, line, region_percent, facility_type, capacity_min, capacity_max, cert_class, age_band, need, item, unit, amount, experience_min)
         VALUES ($1, $2, 16, 'hoikusho', 81, 90, 2, 'age3', 'standard', 'basic', $3, 1, $4)`,
        [t.id, line, unit, expMin],
      );
    await assert.rejects(insert(900, 'per-child-month', null), /fc_price_entries_key|duplicate key/);
    await assert.rejects(insert(901, 'rate-by-experience', null), /check constraint/);
    // an imported table never changes (processes keep it by id): a correction is a new import
    await assert.rejects(
      app.ctx.db.query('UPDATE fc_price_entries SET amount = amount + 1 WHERE table_id = $1', [t.id]),
      /cannot be changed/,
    );
    await assert.rejects(app.ctx.db.query(`UPDATE fc_price_tables SET label = 'x' WHERE id = $1`, [t.id]), /cannot be changed/);
    assert.equal(await loadPriceTable(app.ctx.db, 2028), t, 'the same table object, not read again');
  });

  it('the FY2026 sample prices every class of every demo facility, with the claims each type makes, without a note', async () => {
    const table = await loadPriceTable(app.ctx.db, 2026);
    assert.ok(table?.isSample);
    const demo: { type: FacilityType; capacity1: number; capacity23: number; certs: CertClass[]; items: ItemCode[] }[] = [
      {
        type: 'hoikusho',
        capacity1: 0,
        capacity23: 90,
        certs: [2, 3],
        items: ['shukan-senin', 'jimu-yatoiage', 'eiyo-kanri', 'sansai-haichi', 'chinshaku'],
      },
      {
        type: 'kodomoen',
        capacity1: 30,
        capacity23: 120,
        certs: [1, 2, 3],
        items: ['shukan-senin', 'jimu-yatoiage', 'team-hoiku', 'genka-shokyaku'],
      },
      { type: 'shokibo-a', capacity1: 0, capacity23: 19, certs: [3], items: ['genka-shokyaku', 'chinshaku'] },
      { type: 'yochien', capacity1: 160, capacity23: 0, certs: [1], items: ['shukan-senin', 'jimu-yatoiage', 'sansai-haichi'] },
      { type: 'jigyoshonai', capacity1: 0, capacity23: 12, certs: [3], items: ['genka-shokyaku', 'chinshaku', 'ken-shogu', 'shi-encho'] },
    ];
    const values: Partial<Record<ItemCode, Record<string, unknown>>> = {
      'team-hoiku': { staff: 1 },
      'eiyo-kanri': { kind: 'employed' },
      'ken-shogu': { persons: 2 },
      'shi-encho': { minutes: 30, children: 3 },
      shogu: { kubun3: { personsA: 1, personsB: 1 } },
    };
    for (const f of demo) {
      const counts: ChildCount[] = CHILD_CLASSES.filter((c) => f.certs.includes(c.certClass)).map((c) => ({ ...c, count: 4 }));
      const items: ItemInEffect[] = [...f.items, 'shogu' as const].map((code) => ({
        code,
        claimed: true,
        effectiveFrom: '2026-04-01',
        value: values[code] ?? {},
      }));
      const r = calculateMonthly(table, {
        month: '2026-05',
        fiscalYear: 2026,
        facility: { type: f.type, regionPercent: 16, capacity1: f.capacity1, capacity23: f.capacity23 },
        counts,
        items,
        staffing: {
          asOf: '2026-05-01',
          headcount: 30,
          careFte: 40,
          qualifiedCareFte: 40,
          byRole: { director: 1, chief: 1, clerk: 1, nutritionist: 1, 'nursery-teacher': 30 },
          averageExperienceYears: 6.2,
        },
      });
      assert.deepEqual(r.notes, [], `${f.type}: ${JSON.stringify(r.notes)}`);
      assert.equal(r.lines.length, counts.length, f.type);
      for (const l of r.lines) {
        assert.ok(l.basic > 10_000 && l.basic < 400_000, `${f.type} ${l.certClass}/${l.ageBand}/${l.need}: ${l.basic}`);
        assert.ok(
          l.additions.some((a) => a.code === 'shogu' && a.perChild > 0),
          `${f.type}: 処遇改善 priced`,
        );
        assert.equal(l.unitPrice % 10, 0);
      }
    }
  });
});
