/**
 * The child counts import against a real database: a CP932 file, a child's personal-data column refused with
 * a security event and nothing stored, an unknown column, every bad line reported with nothing stored, a
 * re-import replacing counts and resetting the review where a number changed, a duplicate file, the CLI and
 * a whole city (172 facilities × 11 classes). Synthetic data only.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { parseArgs } from '../../../cli.js';
import { CliError } from '../../../platform/cli-command.js';
import { ensureDepartment } from '../../staff/test-support.js';
import { insertTestFacility, type TestFacility } from '../testing.js';
import { CHILD_CLASSES } from '../shared/types.js';
import { readCsvText } from '../../../platform/csv/read.js';
import { classifyHeading, parseCountFile } from './count-file.js';
import { countCommands } from './counts.cli.js';
import { importCounts, type CountImportInput } from './import-counts.js';
import { childCountsFor } from './read-counts.js';

const HEADER = '施設コード,認定区分,年齢区分,保育必要量,人数';
const csv = (lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

describe('child counts import', () => {
  let app: TestApp;
  let a: TestFacility;
  let staffDept: string;

  const run = (month: string, bytes: Buffer, extra: Partial<CountImportInput> = {}) =>
    importCounts(app.ctx, {
      month,
      bytes,
      importedBy: null,
      audit: { actor: { type: 'system', id: 'test', label: 'test' }, clientIp: '192.0.2.10' },
      departmentId: staffDept,
      ...extra,
    });
  const stored = async (month: string) =>
    (
      await app.ctx.db.query<{ code: string; cert_class: number; age_band: string; need: string; count: number }>(
        `SELECT f.code, c.cert_class, c.age_band, c.need, c.count FROM fc_child_counts c JOIN fc_facilities f ON f.id = c.facility_id
          WHERE c.month = $1 ORDER BY f.code, c.cert_class, c.age_band, c.need`,
        [`${month}-01`],
      )
    ).rows.map((r) => `${r.code}:${r.cert_class}:${r.age_band}:${r.need}=${r.count}`);
  const importsOf = async (month: string) =>
    Number(
      (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_count_imports WHERE month = $1', [`${month}-01`])).rows[0]
        ?.n,
    );

  before(async () => {
    app = await startTestApp();
    staffDept = await ensureDepartment(app, app.ctx.config.facility.enrolmentDepartmentCode);
    a = await insertTestFacility(app.ctx, { code: 'IMP-A' });
    await insertTestFacility(app.ctx, { code: 'IMP-B', type: 'kodomoen', capacity1: 30 });
  });
  after(() => app.close());

  it('imports a CP932 file with Japanese labels and codes, and audits it without its content', async () => {
    const text = [
      '施設コード,認定区分,年齢区分,保育必要量,人数,対象年月',
      'IMP-A,3号,0歳,保育標準時間,6,2026/04',
      'IMP-A,3,1・2歳,短時間,11,2026-04',
      'IMP-A,2号,4歳以上児,標準,24,',
      'IMP-B,1号,満3歳,教育標準時間,3,2026-04',
      'IMP-B,1,age4plus,education,１２,2026-04',
      'IMP-B,２,age3,short,7,2026-4',
    ].join('\r\n');
    const bytes = iconv.encode(text, 'cp932');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)); // really not UTF-8
    const r = await run('2026-04', bytes, { fileName: 'counts-2026-04.csv' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.encoding, 'cp932');
    assert.equal(r.lineCount, 6);
    assert.equal(r.facilityCount, 2);
    assert.deepEqual(await stored('2026-04'), [
      'IMP-A:2:age4plus:standard=24',
      'IMP-A:3:age0:standard=6',
      'IMP-A:3:age1-2:short=11',
      'IMP-B:1:age4plus:education=12',
      'IMP-B:1:mansan:education=3',
      'IMP-B:2:age3:short=7',
    ]);
    // the contract of the claims part: CHILD_CLASSES order, absent classes left out
    const forA = await childCountsFor(app.ctx.db, a.id, '2026-04');
    assert.deepEqual(forA.counts, [
      { certClass: 2, ageBand: 'age4plus', need: 'standard', count: 24 },
      { certClass: 3, ageBand: 'age0', need: 'standard', count: 6 },
      { certClass: 3, ageBand: 'age1-2', need: 'short', count: 11 },
    ]);
    assert.equal(forA.importId, r.importId);
    assert.equal(forA.reviewStatus, 'pending');
    assert.deepEqual(await childCountsFor(app.ctx.db, a.id, '2026-05'), { counts: [], importId: null, reviewStatus: null });
    const audit = await app.ctx.db.query<{ detail: Record<string, unknown>; record_id: string; department_id: string }>(
      `SELECT detail, record_id, department_id FROM audit_log WHERE action = 'facility.counts.import' ORDER BY seq DESC LIMIT 1`,
    );
    const row = audit.rows[0]!;
    assert.equal(row.record_id, r.importId);
    assert.equal(row.department_id, staffDept);
    assert.deepEqual(Object.keys(row.detail).sort(), ['changedFacilities', 'encoding', 'facilities', 'fileSha256', 'lines', 'month']);
    assert.equal(row.detail.lines, 6);
    assert.doesNotMatch(JSON.stringify(row.detail), /IMP-|保育/);
  });

  it('refuses a file with a 児童名 column: nothing stored, a security event, a message naming the column and why', async () => {
    const events = async () =>
      Number(
        (
          await app.ctx.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM security_events WHERE kind = 'facility.count_personal_column'`,
          )
        ).rows[0]?.n,
      );
    const before = await events();
    const r = await run('2026-05', Buffer.from(`施設コード,児童名,認定区分,年齢区分,保育必要量,人数\nIMP-A,市川 花子,3,0歳,標準,1\n`));
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.reason, 'personal-column');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.message.ja, /児童名列（2列目）は子どもの個人情報（氏名）/);
    assert.match(r.problems[0]!.message.en, /Column 2 \(児童名\) looks like personal data of a child \(a name\)/);
    assert.equal(await importsOf('2026-05'), 0);
    assert.deepEqual(await stored('2026-05'), []);
    assert.equal(await events(), before + 1);
    const ev = await app.ctx.db.query<{ detail: Record<string, unknown>; client_ip: string }>(
      `SELECT detail, client_ip FROM security_events WHERE kind = 'facility.count_personal_column' ORDER BY id DESC LIMIT 1`,
    );
    assert.deepEqual(ev.rows[0]!.detail.columns, [{ position: 2, kind: 'name' }]);
    assert.doesNotMatch(JSON.stringify(ev.rows[0]!.detail), /児童名|花子/); // the heading itself is never recorded
  });

  it('recognises personal headings after NFKC and without spaces, and accepts the allow-listed ones only', () => {
    const kinds: [string, string][] = [
      ['ﾌﾘｶﾞﾅ', 'kana'],
      ['児 童 名', 'name'],
      ['園児氏名', 'name'],
      ['Child Name', 'name'],
      ['birth_date', 'birth'],
      ['ＤＯＢ', 'birth'],
      ['生年月日', 'birth'],
      ['月齢', 'age-months'],
      ['現住所', 'address'],
      ['保護者電話番号', 'phone'],
      ['保護者名', 'guardian'],
      ['guardian', 'guardian'],
      ['宛名番号', 'individual-id'],
      ['child_id', 'individual-id'],
      ['TEL', 'phone'],
    ];
    for (const [heading, what] of kinds) assert.deepEqual(classifyHeading(heading), { kind: 'personal', what }, heading);
    assert.deepEqual(classifyHeading('Facility_Code'), { kind: 'column', key: 'facilityCode' });
    assert.deepEqual(classifyHeading(' 人 数 '), { kind: 'column', key: 'count' });
    assert.deepEqual(classifyHeading('cert class'), { kind: 'column', key: 'certClass' });
    assert.deepEqual(classifyHeading('備考'), { kind: 'unknown' });
    assert.deepEqual(classifyHeading('施設名'), { kind: 'unknown' });
  });

  it('reads the examples of docs/facility-claims/child-counts-csv.md without a problem', async () => {
    const doc = fs.readFileSync(new URL('../../../../docs/facility-claims/child-counts-csv.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((x) => x[1] as string);
    assert.equal(blocks.length, 2);
    const parsed = await Promise.all(blocks.map(async (text) => parseCountFile(await readCsvText(text), '2026-04')));
    assert.deepEqual(
      parsed.map((p) => [p.problems.length, p.lines.length]),
      [
        [0, 12],
        [0, 3],
      ],
    );
    assert.deepEqual(parsed[1]!.lines[2], { line: 4, facilityCode: 'K0002', certClass: 1, ageBand: 'mansan', need: 'education', count: 2 });
  });

  it('refuses an unknown column, naming it; nothing stored', async () => {
    const r = await run('2026-05', Buffer.from(`${HEADER},備考\nIMP-A,3,0歳,標準,1,\n`));
    assert.ok(!r.ok);
    assert.equal(r.reason, 'columns');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.message.ja, /備考列（6列目）は取り込める列ではありません/);
    assert.equal(await importsOf('2026-05'), 0);
  });

  it('reports every bad line with its number and stores nothing when one line is bad', async () => {
    const r = await run(
      '2026-06',
      csv([
        'IMP-A,3,0歳,標準,5', // 2 good
        'NOPE-1,3,0歳,標準,5', // 3 unknown facility
        'IMP-A,3,1・2歳,標準,9', // 4 good
        'IMP-A,3,3歳,標準,4', // 5 3号 has no 3歳
        'IMP-A,2,4歳以上,標準,abc', // 6 not a number
        'IMP-A,2,3歳,短時間,10000', // 7 over 9999
        'IMP-A,3,0歳,保育標準時間,2', // 8 duplicate of line 2
        'IMP-B,1,3歳,標準,2', // 9 1号 is 教育 only
        'IMP-B,4,3歳,教育,1', // 10 no class 4
        'IMP-B,1,3歳,教育,-1', // 11 negative
        'IMP-B,1,4歳以上,教育,2.5', // 12 not whole
      ]),
    );
    assert.ok(!r.ok);
    assert.equal(r.reason, 'lines');
    assert.deepEqual(
      r.problems.map((p) => `${p.line}:${p.column ?? ''}`),
      ['3:facilityCode', '5:ageBand', '6:count', '7:count', '8:', '9:ageBand', '10:certClass', '11:count', '12:count'],
    );
    assert.match(r.problems[0]!.message.ja, /施設コード「NOPE-1」の施設は登録されていません/);
    assert.match(r.problems[4]!.message.ja, /2 行目にもあります/);
    assert.equal(await importsOf('2026-06'), 0);
    assert.deepEqual(await stored('2026-06'), []);
  });

  it('refuses a line whose 対象年月 is another month', async () => {
    const r = await run('2026-06', Buffer.from(`${HEADER},対象年月\nIMP-A,3,0歳,標準,5,2026-06\nIMP-B,2,3歳,標準,5,2026-07\n`));
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => `${p.line}:${p.column}`),
      ['3:month'],
    );
  });

  it('replaces the counts of the facilities in a re-import and sets the review back to pending only where a number changed', async () => {
    const first = await run('2026-07', csv(['IMP-A,3,0歳,標準,5', 'IMP-A,3,1・2歳,標準,9', 'IMP-B,2,3歳,標準,20']));
    assert.ok(first.ok);
    await app.ctx.db.query(`UPDATE fc_count_reviews SET status = 'confirmed' WHERE month = '2026-07-01'`);
    // A: the 1・2歳 class is gone (9 → 0) and 0歳 is the same; B: the same numbers in another order with 0 for a new class
    const second = await run('2026-07', csv(['IMP-B,2,4歳以上,短時間,0', 'IMP-B,2,3歳,標準,20', 'IMP-A,3,0歳,標準,5']));
    assert.ok(second.ok, JSON.stringify(second));
    assert.equal(second.changedFacilityCount, 1);
    assert.deepEqual(await stored('2026-07'), ['IMP-A:3:age0:standard=5', 'IMP-B:2:age3:standard=20', 'IMP-B:2:age4plus:short=0']);
    const reviews = await app.ctx.db.query<{ code: string; status: string; import_id: string }>(
      `SELECT f.code, r.status, r.import_id FROM fc_count_reviews r JOIN fc_facilities f ON f.id = r.facility_id WHERE r.month = '2026-07-01' ORDER BY f.code`,
    );
    assert.deepEqual(
      reviews.rows.map((x) => [x.code, x.status, x.import_id]),
      [
        ['IMP-A', 'pending', second.importId],
        ['IMP-B', 'confirmed', second.importId],
      ],
    );
    // a file of one facility leaves the other's counts alone
    const third = await run('2026-07', csv(['IMP-A,3,0歳,標準,6']));
    assert.ok(third.ok);
    assert.deepEqual(await stored('2026-07'), ['IMP-A:3:age0:standard=6', 'IMP-B:2:age3:standard=20', 'IMP-B:2:age4plus:short=0']);
  });

  it('refuses a file byte-identical to an earlier import of the same month, not of another month', async () => {
    const bytes = csv(['IMP-A,3,0歳,標準,3', 'IMP-B,1,満3歳,教育,2']);
    assert.ok((await run('2026-08', bytes)).ok);
    const again = await run('2026-08', bytes);
    assert.ok(!again.ok);
    assert.equal(again.reason, 'duplicate');
    assert.match(again.problems[0]!.message.ja, /すでに取り込まれています/);
    assert.equal(await importsOf('2026-08'), 1);
    // one more byte (a trailing line feed) is another file
    assert.ok((await run('2026-08', Buffer.concat([bytes, Buffer.from('\r\n')]))).ok);
    assert.ok((await run('2026-09', bytes)).ok);
  });

  it('imports by the CLI as the system actor "cli", and exits 2 on a refused file', async () => {
    const command = countCommands.find((c) => c.name === 'facility counts import')!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-counts-'));
    const exec = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      try {
        const code = await command.run(app.ctx, parseArgs(command, argv), {
          out: (l) => out.push(l),
          err: (l) => err.push(l),
          readStdin: async () => '',
        });
        return { code: code ?? 0, out, err };
      } catch (e) {
        if (e instanceof CliError) return { code: 2, out, err: [e.message] };
        throw e;
      }
    };
    try {
      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, iconv.encode(`${HEADER}\r\nIMP-A,3,0歳,標準,4\r\nIMP-B,2,3歳,短時間,8\r\n`, 'cp932'));
      const ok = await exec(['--month', '2026-10', good]);
      assert.equal(ok.code, 0, ok.err.join('\n'));
      assert.match(ok.out[0]!, /^Imported 2026-10: 2 lines, 2 facilities .*encoding cp932/);
      assert.deepEqual(await stored('2026-10'), ['IMP-A:3:age0:standard=4', 'IMP-B:2:age3:short=8']);
      const audit = await app.ctx.db.query<{ actor_type: string; actor_label: string; actor_id: string }>(
        `SELECT actor_type, actor_label, actor_id FROM audit_log WHERE action = 'facility.counts.import' ORDER BY seq DESC LIMIT 1`,
      );
      assert.deepEqual(audit.rows[0], { actor_type: 'system', actor_label: 'cli', actor_id: 'cli' });
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, `${HEADER}\nIMP-A,3,0歳,標準,x\nIMP-A,9,0歳,標準,1\n`);
      const refused = await exec(['--month', '2026-11', bad]);
      assert.equal(refused.code, 2);
      assert.match(refused.err.join('\n'), /2行目 \[人数\]: 人数は 0 から 9999 までの整数/);
      assert.match(refused.err.join('\n'), /3行目 \[認定区分\]/);
      assert.equal(await importsOf('2026-11'), 0);
      assert.equal((await exec(['--month', '2026-13', good])).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports a whole city: 172 facilities × 11 classes', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 172; i++) codes.push((await insertTestFacility(app.ctx, { code: `CITY-${String(i).padStart(3, '0')}` })).code);
    const age = { age0: '0歳', 'age1-2': '1・2歳', age3: '3歳', age4plus: '4歳以上', mansan: '満3歳' } as const;
    const need = { standard: '標準', short: '短時間', education: '教育' } as const;
    const lines: string[] = [];
    let expected = 0;
    codes.forEach((code, i) =>
      CHILD_CLASSES.forEach((c, k) => {
        const n = (i * 7 + k * 3) % 40;
        expected += n;
        lines.push(`${code},${c.certClass}号,${age[c.ageBand]},${need[c.need]},${n}`);
      }),
    );
    const r = await run('2027-01', iconv.encode(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'cp932'));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems.slice(0, 3)));
    assert.equal(r.lineCount, 172 * 11);
    assert.equal(r.facilityCount, 172);
    const sum = await app.ctx.db.query<{ n: number; total: number }>(
      `SELECT count(*)::int AS n, sum(count)::int AS total FROM fc_child_counts WHERE month = '2027-01-01'`,
    );
    assert.deepEqual(sum.rows[0], { n: 172 * 11, total: expected });
    const reviews = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM fc_count_reviews WHERE month = '2027-01-01' AND status = 'pending'`,
    );
    assert.equal(reviews.rows[0]!.n, 172);
  });
});
