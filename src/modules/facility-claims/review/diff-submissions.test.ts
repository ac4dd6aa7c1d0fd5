/** The diff against the last approved version, as a pure function over two hand-built contents. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSubmissions } from './diff-submissions.js';
import { previousPeriod } from './review.repository.js';
import { additionContent, monthlyContent, shoguContent, staffLine, testProfile } from './testing.js';

const facility = testProfile({ id: '00000000-0000-4000-8000-000000000001', code: 'F001' });

describe('diffSubmissions', () => {
  it('finds nothing between two equal contents (values compared by value, keys in any order)', () => {
    const a = monthlyContent(facility);
    const b = JSON.parse(JSON.stringify(a));
    b.items[0].value = {};
    assert.deepEqual(diffSubmissions(a, b), []);
  });

  it('finds a changed count, the changed amount of its class and the changed total of a monthly claim', () => {
    const before = monthlyContent(facility);
    const after = monthlyContent(facility, {
      counts: [
        { certClass: 2, ageBand: 'age3', need: 'standard', count: 22 }, // 20 → 22
        { certClass: 2, ageBand: 'age4plus', need: 'standard', count: 40 },
        { certClass: 3, ageBand: 'age0', need: 'standard', count: 9 },
        { certClass: 3, ageBand: 'age1-2', need: 'short', count: 21 },
      ],
    });
    const changes = diffSubmissions(before, after);
    const by = (key: string) => changes.find((c) => c.key === key);
    assert.deepEqual(
      [by('count.2.age3.standard')?.before, by('count.2.age3.standard')?.after, by('count.2.age3.standard')?.kind],
      [20, 22, 'changed'],
    );
    assert.equal(by('count.2.age3.standard')?.label.ja, '2号認定 3歳児 保育標準時間');
    assert.deepEqual([by('amount.2.age3.standard')?.before, by('amount.2.age3.standard')?.after], [20 * 101_230, 22 * 101_230]);
    // total: 20×101,230 + 40×92,340 + 9×212,560 + 21×138,910 + 310,000
    //      = 2,024,600 + 3,693,600 + 1,913,040 + 2,917,110 + 310,000 = 10,858,350; two more age-3 children add 202,460
    assert.deepEqual([by('total')?.before, by('total')?.after], [10_858_350, 11_060_810]);
    assert.deepEqual([by('count.total')?.before, by('count.total')?.after], [90, 92]);
    assert.equal(by('count.2.age4plus.standard'), undefined, 'an unchanged class is not listed');
    assert.deepEqual(
      changes.map((c) => c.section),
      ['counts', 'counts', 'amounts', 'amounts'],
    );
  });

  it('finds an added staff member, a removed one and a changed role on an addition application', () => {
    const before = additionContent(facility, [staffLine('s1', '青木 花子'), staffLine('s2', '井上 次郎')]);
    const after = additionContent(facility, [
      staffLine('s1', '青木 花子', { role: 'chief' }),
      staffLine('s3', '上田 三郎', { employment: 'part-time', weeklyHours: 30 }),
    ]);
    const changes = diffSubmissions(before, after).filter((c) => c.section === 'staff');
    assert.deepEqual(
      changes.map((c) => [c.key, c.kind]),
      [
        ['staff.s1.role', 'changed'],
        ['staff.s2', 'removed'],
        ['staff.s3', 'added'],
      ],
    );
    const added = changes.find((c) => c.key === 'staff.s3')!;
    assert.equal(added.after, '上田 三郎');
    assert.equal(added.label.ja, '上田 三郎（保育士）');
    const role = changes.find((c) => c.key === 'staff.s1.role')!;
    assert.deepEqual(
      [role.before, role.after],
      [
        { ja: '保育士', en: 'Nursery teacher' },
        { ja: '主任保育士・主幹保育教諭', en: 'Chief nursery teacher' },
      ],
    );
  });

  it('finds changed items of an addition application and changed 処遇改善 figures and improvements per person', () => {
    const a1 = additionContent(facility, []);
    const a2 = additionContent(facility, []);
    a2.additions[0]!.value = { staff: 3 };
    a2.additions[1]!.conditionsMet = true;
    assert.deepEqual(
      diffSubmissions(a1, a2).map((c) => [c.key, c.before, c.after]),
      [
        ['additions.team-hoiku.value', '{staff:2}', '{staff:3}'],
        ['additions.kyujitsu-hoiku.conditionsMet', false, true],
      ],
    );
    const staff = [{ ...staffLine('s1', '青木 花子'), improvementYearly: 480_000, kubun3Group: 'A' as const }];
    const s1 = shoguContent(facility, staff);
    const s2 = shoguContent(facility, [{ ...staff[0]!, improvementYearly: 360_000 }]);
    s2.kubun1 = { rate: 13, yearlyAmount: 6_630_000 };
    assert.deepEqual(
      diffSubmissions(s1, s2).map((c) => [c.key, c.before, c.after]),
      [
        ['shogu.kubun1.rate', 12, 13],
        ['shogu.kubun1.yearlyAmount', 6_120_000, 6_630_000],
        ['shogu.totals.improvementYearly', 480_000, 360_000],
        ['staff.s1.improvementYearly', 480_000, 360_000],
      ],
    );
  });

  it('compares with the previous month, and a yearly form with the previous fiscal year', () => {
    assert.equal(previousPeriod('2026-11'), '2026-10');
    assert.equal(previousPeriod('2027-01'), '2026-12');
    assert.equal(previousPeriod('2026'), '2025');
  });
});
