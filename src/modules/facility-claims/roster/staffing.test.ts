/** staffingSummary against figures computed by hand. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RosterMember } from '../shared/types.js';
import { staffingSummary } from './staffing.js';

let n = 0;
const member = (o: Partial<RosterMember>): RosterMember => ({
  id: `m${++n}`,
  role: 'nursery-teacher',
  employment: 'full-time',
  weeklyHours: 40,
  qualifications: ['hoikushi'],
  hiredOn: '2020-04-01',
  onLeave: false,
  experienceYears: 0,
  experienceMonths: 0,
  fte: 1,
  ...o,
});

describe('staffingSummary', () => {
  it('computes headcount, care FTE, qualified care FTE, roles and the average experience', () => {
    const members = [
      member({ role: 'director', qualifications: [], experienceMonths: 360 }), // not care, not in the average
      member({ role: 'chief', experienceMonths: 240 }), // care 1, qualified; avg 240
      member({ experienceMonths: 60 }), // care 1, qualified; avg 60
      member({ qualifications: [], experienceMonths: 12 }), // care 1, not qualified; avg 12
      member({ employment: 'part-time', weeklyHours: 30, fte: 0.75, experienceMonths: 30 }), // care 0.75, qualified; avg 30 (30 h counts)
      member({ employment: 'part-time', weeklyHours: 20, fte: 0.5, qualifications: [], experienceMonths: 100 }), // care 0.5; not in avg (< 30 h)
      member({ role: 'kodomoen-teacher', qualifications: ['kyoyu'], experienceMonths: 50 }), // care 1, qualified by kyoyu; avg 50
      member({ role: 'assistant', qualifications: ['kyoyu'], experienceMonths: 10 }), // not care; avg 10
      member({ onLeave: true, experienceMonths: 500 }), // on leave: headcount only
      member({ role: 'cook', qualifications: ['chorishi'], experienceMonths: 36 }), // avg 36
    ];
    const s = staffingSummary(members, '2026-04-01');
    assert.equal(s.asOf, '2026-04-01');
    assert.equal(s.headcount, 10);
    // 1 + 1 + 1 + 0.75 + 0.5 + 1 = 5.25
    assert.equal(s.careFte, 5.25);
    // chief 1 + 1 + 0.75 + kodomoen (kyoyu) 1 = 3.75
    assert.equal(s.qualifiedCareFte, 3.75);
    assert.deepEqual(s.byRole, { director: 1, chief: 1, 'nursery-teacher': 5, 'kodomoen-teacher': 1, assistant: 1, cook: 1 });
    // counted: 240 + 60 + 12 + 30 + 50 + 10 + 36 = 438 months over 7 people = 5.214… years → 5.2
    assert.equal(s.averageExperienceYears, 5.2);
  });

  it('rounds the average down, and adds FTE in hundredths', () => {
    // 11 + 12 = 23 months / 2 people / 12 = 0.958… → 0.9 (not 1.0)
    const s = staffingSummary([member({ experienceMonths: 11 }), member({ experienceMonths: 12 })], '2026-04-01');
    assert.equal(s.averageExperienceYears, 0.9);
    const f = staffingSummary(
      [member({ employment: 'part-time', weeklyHours: 4, fte: 0.1 }), member({ employment: 'part-time', weeklyHours: 8, fte: 0.2 })],
      '2026-04-01',
    );
    assert.equal(f.careFte, 0.3);
    assert.equal(staffingSummary([], '2026-04-01').averageExperienceYears, 0);
  });
});
