/**
 * findSlot finds a slot arithmetically; these check it against the day's slots as slotsOfDay builds
 * them, minute by minute over days with overlapping ranges, extra openings, closures and an odd duration.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jstInstant } from '../../platform/japan-time.js';
import { findSlot, slotsOfDay, type ServiceRules } from './rules.js';

const rules = (durationMinutes: number): ServiceRules => ({
  id: 's1',
  durationMinutes,
  capacity: 2,
  opensDaysAhead: 30,
  bookUntilMinutes: 60,
  changeUntilMinutes: 120,
  closedOnNationalHolidays: true,
  closedYearEnd: true,
  schedule: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '11:10', end: '12:30' },
    { weekday, start: '13:00', end: '14:15' },
  ]),
  exceptions: [
    { serviceId: null, day: '2026-12-05', kind: 'open', start: '10:05', end: '11:00' },
    { serviceId: 's1', day: '2026-12-02', kind: 'closed', start: null, end: null },
  ],
});

describe('findSlot', () => {
  it('finds exactly the slots slotsOfDay lists, minute by minute (and none between minutes)', () => {
    for (const duration of [30, 25, 7]) {
      const r = rules(duration);
      // Mon, Tue (closed), Sat (extra opening), Sun, a holiday (23 Nov 2026)
      for (const day of ['2026-12-01', '2026-12-02', '2026-12-05', '2026-12-06', '2026-11-23']) {
        const listed = new Map(slotsOfDay(r, day).map((s) => [s.start.getTime(), s.end.getTime()]));
        let found = 0;
        for (let minute = 0; minute < 1440; minute++) {
          const at = new Date(jstInstant(day, '00:00').getTime() + minute * 60_000);
          const slot = findSlot(r, at);
          assert.equal(slot?.end.getTime(), listed.get(at.getTime()), `${duration} min, ${day} +${minute}`);
          if (slot) found++;
          assert.equal(findSlot(r, new Date(at.getTime() + 1000)), undefined);
        }
        assert.equal(found, listed.size);
      }
    }
    // hand-checked: 30-minute slots on a Monday are 09:00…11:30, 11:10, 11:40 and 13:00, 13:30
    assert.equal(slotsOfDay(rules(30), '2026-12-01').length, 10);
    assert.equal(findSlot(rules(30), jstInstant('2026-12-01', '11:40'))?.end.getTime(), jstInstant('2026-12-01', '12:10').getTime());
    assert.equal(findSlot(rules(30), jstInstant('2026-12-01', '13:45')), undefined);
  });
});
