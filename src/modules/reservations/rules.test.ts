import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holidayOn, holidaysOfYear, isYearEndClosure } from './holidays.js';
import { jstIso, jstDate, jstInstant } from '../../platform/japan-time.js';
import { dayMark, dayStatus, findSlot, openingRanges, slotsOfDay, windowProblem, type ServiceRules } from './rules.js';

const official: Record<number, string[]> = {
  2025: [
    '01-01',
    '01-13',
    '02-11',
    '02-23',
    '02-24',
    '03-20',
    '04-29',
    '05-03',
    '05-04',
    '05-05',
    '05-06',
    '07-21',
    '08-11',
    '09-15',
    '09-23',
    '10-13',
    '11-03',
    '11-23',
    '11-24',
  ],
  2026: [
    '01-01',
    '01-12',
    '02-11',
    '02-23',
    '03-20',
    '04-29',
    '05-03',
    '05-04',
    '05-05',
    '05-06',
    '07-20',
    '08-11',
    '09-21',
    '09-22',
    '09-23',
    '10-12',
    '11-03',
    '11-23',
  ],
  2027: [
    '01-01',
    '01-11',
    '02-11',
    '02-23',
    '03-21',
    '03-22',
    '04-29',
    '05-03',
    '05-04',
    '05-05',
    '07-19',
    '08-11',
    '09-20',
    '09-23',
    '10-11',
    '11-03',
    '11-23',
  ],
};

describe('Japanese national holidays', () => {
  for (const [year, days] of Object.entries(official))
    it(`matches the Cabinet Office list for ${year}`, () => {
      assert.deepEqual(
        [...holidaysOfYear(Number(year)).keys()],
        days.map((d) => `${year}-${d}`),
      );
    });
  it('names substitute and citizens’ holidays', () => {
    assert.equal(holidayOn('2026-05-06')?.name, '振替休日');
    assert.equal(holidayOn('2026-09-22')?.name, '国民の休日');
    assert.equal(holidayOn('2027-03-22')?.name, '振替休日');
    assert.equal(holidayOn('2026-05-07'), undefined);
  });
  it('knows the year-end closure 12/29–1/3', () => {
    assert.ok(isYearEndClosure('2026-12-29') && isYearEndClosure('2027-01-03'));
    assert.ok(!isYearEndClosure('2026-12-28') && !isYearEndClosure('2027-01-04'));
  });
});

const rules = (o: Partial<ServiceRules> = {}): ServiceRules => ({
  id: 's1',
  durationMinutes: 30,
  capacity: 2,
  opensDaysAhead: 30,
  bookUntilMinutes: 60,
  changeUntilMinutes: 120,
  closedOnNationalHolidays: true,
  closedYearEnd: true,
  schedule: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '13:00', end: '14:15' },
  ]),
  exceptions: [],
  ...o,
});

describe('slots and closed days', () => {
  it('fills ranges with whole slots in Tokyo time', () => {
    const s = slotsOfDay(rules(), '2026-12-01');
    assert.equal(s.length, 6 + 2); // 13:00-14:15 holds two 30-minute slots
    assert.equal(jstIso(s[0]!.start), '2026-12-01T09:00:00+09:00');
    assert.equal(s[0]!.start.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.equal(jstIso(s[7]!.end), '2026-12-01T14:00:00+09:00');
  });
  it('closes weekends, national holidays and substitute holidays', () => {
    assert.equal(slotsOfDay(rules(), '2026-12-05').length, 0); // Saturday
    assert.equal(slotsOfDay(rules(), '2026-05-06').length, 0); // 振替休日 (Wednesday)
    assert.equal(slotsOfDay(rules(), '2026-09-22').length, 0); // 国民の休日 (Tuesday)
    assert.deepEqual(dayStatus(rules(), '2026-09-22'), { open: false, reason: 'holiday', holidayName: '国民の休日' });
    assert.ok(slotsOfDay(rules({ closedOnNationalHolidays: false }), '2026-05-06').length > 0);
  });
  it('closes 12/29–1/3 by default and opens it when configured', () => {
    assert.equal(slotsOfDay(rules(), '2026-12-29').length, 0);
    assert.equal(dayStatus(rules(), '2026-12-30').reason, 'year_end');
    assert.ok(slotsOfDay(rules({ closedYearEnd: false }), '2026-12-29').length > 0);
    assert.ok(slotsOfDay(rules(), '2026-12-28').length > 0);
  });
  it('applies city closures and extra openings, the service’s own first', () => {
    const cityClosed = rules({ exceptions: [{ serviceId: null, day: '2026-12-02', kind: 'closed', start: null, end: null }] });
    assert.equal(slotsOfDay(cityClosed, '2026-12-02').length, 0);
    const extra = rules({ exceptions: [{ serviceId: 's1', day: '2026-12-06', kind: 'open', start: '10:00', end: '11:00' }] });
    assert.deepEqual(openingRanges(extra, '2026-12-06'), [{ start: '10:00', end: '11:00' }]);
    const both = rules({
      exceptions: [
        { serviceId: null, day: '2026-12-02', kind: 'closed', start: null, end: null },
        { serviceId: 's1', day: '2026-12-02', kind: 'open', start: '15:00', end: '16:00' },
      ],
    });
    assert.equal(slotsOfDay(both, '2026-12-02').length, 6 + 2 + 2);
  });
  it('finds only real slot starts', () => {
    assert.ok(findSlot(rules(), jstInstant('2026-12-01', '09:30')));
    assert.equal(findSlot(rules(), jstInstant('2026-12-01', '09:15')), undefined);
    assert.equal(findSlot(rules(), jstInstant('2026-12-01', '12:00')), undefined);
  });
});

describe('booking window', () => {
  const now = new Date('2026-12-01T08:00:00+09:00');
  it('refuses the past and the last hour', () => {
    assert.equal(windowProblem(rules(), jstInstant('2026-12-01', '07:30'), now, 'book'), 'past');
    assert.equal(windowProblem(rules(), jstInstant('2026-12-01', '08:30'), now, 'book'), 'too_late');
    assert.equal(windowProblem(rules(), jstInstant('2026-12-01', '09:00'), now, 'book'), null);
  });
  it('uses the change limit for changes', () => {
    assert.equal(windowProblem(rules(), jstInstant('2026-12-01', '09:30'), now, 'change'), 'too_late');
    assert.equal(windowProblem(rules(), jstInstant('2026-12-01', '10:00'), now, 'change'), null);
  });
  it('opens N days ahead at midnight Tokyo time', () => {
    assert.equal(windowProblem(rules(), jstInstant('2026-12-31', '09:00'), now, 'book'), null);
    assert.equal(windowProblem(rules(), jstInstant('2027-01-01', '09:00'), now, 'book'), 'not_open_yet');
    // 23:59 on 12/01 Tokyo is 14:59 UTC: still the same Tokyo day
    assert.equal(jstDate(new Date('2026-12-01T14:59:00Z')), '2026-12-01');
    assert.equal(jstDate(new Date('2026-12-01T15:00:00Z')), '2026-12-02');
  });
});

describe('day marks', () => {
  it('shows ◎, △, × and －', () => {
    assert.equal(dayMark(10, 16, true), '◎');
    assert.equal(dayMark(4, 16, true), '△');
    assert.equal(dayMark(1, 2, true), '△');
    assert.equal(dayMark(0, 16, true), '×');
    assert.equal(dayMark(0, 0, false), '－');
  });
});
