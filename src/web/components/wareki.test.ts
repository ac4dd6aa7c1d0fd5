import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatWareki } from './wareki.js';

describe('formatWareki', () => {
  it('changes from Showa to Heisei between 1989-01-07 and 1989-01-08', () => {
    assert.equal(formatWareki('1989-01-07'), '昭和64年1月7日');
    assert.equal(formatWareki('1989-01-08'), '平成元年1月8日');
  });

  it('changes from Heisei to Reiwa between 2019-04-30 and 2019-05-01', () => {
    assert.equal(formatWareki('2019-04-30'), '平成31年4月30日');
    assert.equal(formatWareki('2019-05-01'), '令和元年5月1日');
    assert.equal(formatWareki('2020-01-01'), '令和2年1月1日');
  });

  it('writes later Reiwa years and the older eras', () => {
    assert.equal(formatWareki('2026-12-01'), '令和8年12月1日');
    assert.equal(formatWareki('1926-12-24'), '大正15年12月24日');
    assert.equal(formatWareki('1926-12-25'), '昭和元年12月25日');
    assert.equal(formatWareki('1912-07-29'), '明治45年7月29日');
    assert.equal(formatWareki('1912-07-30'), '大正元年7月30日');
    assert.equal(formatWareki('1873-01-01'), '明治6年1月1日');
  });

  it('reads a Date in Japan time, not UTC', () => {
    // 2019-04-30T15:00Z is 2019-05-01 00:00 in Japan: already Reiwa.
    assert.equal(formatWareki(new Date('2019-04-30T15:00:00Z')), '令和元年5月1日');
    assert.equal(formatWareki(new Date('2019-04-30T14:59:59Z')), '平成31年4月30日');
  });

  it('writes English with the era name and the year number', () => {
    assert.equal(formatWareki('2019-05-01', 'en'), 'Reiwa 1, May 1');
    assert.equal(formatWareki('1989-01-07', 'en'), 'Showa 64, January 7');
  });

  it('gives nothing for what is not a real date or predates the Gregorian calendar in Japan', () => {
    for (const bad of ['', '2026-02-30', '2026-13-01', '26-12-01', '2026-12-1', 'abc', '<script>'])
      assert.equal(formatWareki(bad), undefined, bad);
    assert.equal(formatWareki('1872-12-31'), undefined);
    assert.equal(formatWareki(new Date(Number.NaN)), undefined);
  });
});
