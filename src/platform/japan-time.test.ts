import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  formatDateLong,
  formatJstDateTime,
  formatJstDay,
  formatJstDayNumeric,
  formatJstMonthDayTime,
  formatJstTimestamp,
  formatWhen,
  isValidDate,
  jstDate,
  jstDayEnd,
  jstDayStart,
  jstInstant,
  jstIso,
  jstIsoMillis,
  jstMonth,
  jstTime,
  monthRange,
  weekday,
} from './japan-time.js';

describe('japan-time', () => {
  it('changes the Tokyo day at 15:00Z, not at midnight UTC', () => {
    assert.equal(jstDate(new Date('2026-12-01T14:59:59.999Z')), '2026-12-01');
    assert.equal(jstDate(new Date('2026-12-01T15:00:00.000Z')), '2026-12-02');
    assert.equal(jstTime(new Date('2026-12-01T15:00:00Z')), '00:00');
    assert.equal(jstDayStart('2026-12-02').toISOString(), '2026-12-01T15:00:00.000Z');
    assert.equal(jstDayEnd('2026-12-02').toISOString(), '2026-12-02T15:00:00.000Z');
    // the year changes at 15:00Z on 31 December
    assert.equal(jstDate(new Date('2026-12-31T15:00:00Z')), '2027-01-01');
    assert.equal(jstMonth(new Date('2026-11-30T15:00:00Z')), '2026-12');
    assert.equal(jstMonth('2026-12-31'), '2026-12');
  });

  it('assumes no daylight saving: every Tokyo day is 24 hours, also across the dates other zones change clocks', () => {
    for (const day of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2024-02-29']) {
      assert.equal(jstDayEnd(day).getTime() - jstDayStart(day).getTime(), 86_400_000, day);
      assert.equal(jstIso(jstInstant(day, '02:30')), `${day}T02:30:00+09:00`);
    }
    // and it agrees with the time-zone database for a whole year, hour by hour
    const tz = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000 * 7) {
      const p = Object.fromEntries(tz.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      assert.equal(`${jstDate(new Date(t))} ${jstTime(new Date(t))}`, `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
    }
  });

  it('writes machine strings with the +09:00 offset', () => {
    const d = new Date('2026-12-01T00:05:07.123Z');
    assert.equal(jstIso(d), '2026-12-01T09:05:07+09:00');
    assert.equal(jstIsoMillis(d), '2026-12-01T09:05:07.123+09:00');
    assert.equal(new Date(jstIso(d)).getTime(), Date.parse('2026-12-01T00:05:07Z'));
    assert.equal(jstInstant('2026-12-01', '09:00').toISOString(), '2026-12-01T00:00:00.000Z');
    assert.equal(jstInstant('2026-12-01').toISOString(), '2026-11-30T15:00:00.000Z');
  });

  it('does date-key arithmetic across months, years and leap days', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-03-01', -1), '2027-02-28');
    assert.deepEqual(monthRange('2028-02'), { first: '2028-02-01', last: '2028-02-29' });
    assert.deepEqual(monthRange('2026-12-15'), { first: '2026-12-01', last: '2026-12-31' });
    assert.equal(weekday('2026-12-01'), 2);
    assert.equal(isValidDate('2026-02-29'), false);
    assert.equal(isValidDate('2028-02-29'), true);
    assert.equal(isValidDate('2026-1-01'), false);
  });

  it('agrees with the calendar of Date on every day from 1899 to 2101 and at the ends of years 0000–9999', () => {
    // addDays and isValidDate use integer arithmetic; Date is the reference
    const viaDate = (date: string, days: number) => {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const from = Date.UTC(1899, 0, 1);
    for (let t = from; t < Date.UTC(2102, 0, 1); t += 86_400_000) {
      const key = new Date(t).toISOString().slice(0, 10);
      assert.ok(isValidDate(key), key);
      for (const days of [1, -1, 30, -62, 366]) assert.equal(addDays(key, days), viaDate(key, days), `${key} ${days}`);
    }
    for (const [key, days] of [
      ['0000-01-01', -1],
      ['0000-03-01', -1],
      ['9999-12-31', 1],
      ['9999-12-01', 30],
    ] as const)
      assert.equal(addDays(key, days), viaDate(key, days), `${key} ${days}`);
    for (const key of ['2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00', '1900-02-29', '2026-01-0a', ' 2026-01-01', '２０２６-01-01'])
      assert.equal(isValidDate(key), false, key);
    assert.equal(isValidDate('2000-02-29'), true);
  });

  it('formats for people in Japanese and English', () => {
    const d = new Date('2026-12-01T00:05:07Z'); // Tue 1 Dec 2026, 09:05:07 in Tokyo
    assert.equal(formatDateLong('2026-12-01', 'ja'), '2026年12月1日（火）');
    assert.equal(formatDateLong('2026-12-01', 'en'), 'Tue 1 Dec 2026');
    assert.equal(formatWhen(d, new Date('2026-12-01T00:35:00Z'), 'ja'), '2026年12月1日（火） 09:05〜09:35');
    assert.equal(formatWhen(d, null, 'en'), 'Tue 1 Dec 2026 09:05');
    assert.equal(formatJstDateTime(d, 'ja'), '2026/12/01 9:05');
    assert.equal(formatJstDateTime(d, 'en'), '1 Dec 2026, 09:05');
    assert.equal(formatJstDay(new Date('2026-11-30T15:00:00Z'), 'ja'), '2026/12/01');
    assert.equal(formatJstDayNumeric(new Date('2026-11-30T15:00:00Z')), '2026/12/1');
    assert.equal(formatJstMonthDayTime(d, 'ja'), '12/1 09:05');
    assert.equal(formatJstTimestamp(d), '2026/12/01 09:05:07');
  });
});
