/** The roster's pure rules against hand-computed examples. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addYears,
  ageOn,
  checkEvent,
  checkPerson,
  experienceOn,
  fteOf,
  type HistoryEvent,
  normaliseQualificationNumber,
  staffStateOn,
  warningsOf,
  wholeMonthsBetween,
} from './roster-rules.js';

const ev = (seq: number, kind: HistoryEvent['kind'], effectiveOn: string, o: Partial<HistoryEvent> = {}): HistoryEvent => ({
  seq,
  kind,
  effectiveOn,
  role: null,
  employment: null,
  weeklyHours: null,
  ...o,
});

const hire = ev(1, 'hire', '2019-04-01', { role: 'nursery-teacher', employment: 'full-time', weeklyHours: 40 });
const history: HistoryEvent[] = [
  hire,
  ev(2, 'role-change', '2022-04-01', { role: 'sub-chief' }),
  ev(3, 'leave-start', '2023-06-10'),
  ev(4, 'leave-end', '2024-04-01'),
  ev(5, 'employment-change', '2024-04-01', { employment: 'part-time', weeklyHours: 30 }),
  ev(6, 'role-change', '2025-04-01', { role: 'chief' }),
  ev(7, 'retire', '2026-03-31'),
];

describe('experience', () => {
  it('hired 2019-04-01 with 24 months prior is 9 years on 2026-04-01 (84 + 24 = 108 months)', () => {
    assert.deepEqual(experienceOn({ hiredOn: '2019-04-01', priorExperienceMonths: 24 }, '2026-04-01'), { months: 108, years: 9 });
  });
  it('counts a month only when its day is reached', () => {
    assert.equal(wholeMonthsBetween('2019-04-15', '2019-05-14'), 0);
    assert.equal(wholeMonthsBetween('2019-04-15', '2019-05-15'), 1);
    assert.equal(wholeMonthsBetween('2019-04-01', '2026-03-31'), 83);
    assert.equal(wholeMonthsBetween('2026-04-01', '2025-04-01'), 0);
  });
  it('is the prior experience alone before the hire, and stops at retirement', () => {
    assert.deepEqual(experienceOn({ hiredOn: '2027-04-01', priorExperienceMonths: 30 }, '2026-04-01'), { months: 30, years: 2 });
    // 2020-04-01 .. 2023-03-31 = 35 whole months, + 13 prior = 48 = 4 years, also 2 years later
    assert.deepEqual(experienceOn({ hiredOn: '2020-04-01', priorExperienceMonths: 13, retiredOn: '2023-03-31' }, '2025-04-01'), {
      months: 48,
      years: 4,
    });
  });
  it('ages and 常勤換算', () => {
    assert.equal(ageOn('2011-04-02', '2026-04-01'), 14);
    assert.equal(ageOn('2011-04-01', '2026-04-01'), 15);
    assert.equal(fteOf('full-time', 45), 1);
    assert.equal(fteOf('part-time', 30), 0.75);
    assert.equal(fteOf('part-time', 25.5), 0.64); // 0.6375 → 0.64
    assert.equal(addYears('2024-02-29', 1), '2025-02-28');
  });
});

describe('staffStateOn', () => {
  it('reads role, employment, leave and retirement as of each date', () => {
    assert.equal(staffStateOn(history, '2019-03-31').status, 'not-hired');
    assert.deepEqual(
      { ...staffStateOn(history, '2019-04-01') },
      {
        status: 'employed',
        hiredOn: '2019-04-01',
        role: 'nursery-teacher',
        employment: 'full-time',
        weeklyHours: 40,
        leaveSince: null,
        retiredOn: null,
      },
    );
    assert.equal(staffStateOn(history, '2022-03-31').role, 'nursery-teacher');
    assert.equal(staffStateOn(history, '2022-04-01').role, 'sub-chief');
    const onLeave = staffStateOn(history, '2024-03-31');
    assert.equal(onLeave.status, 'on-leave');
    assert.equal(onLeave.leaveSince, '2023-06-10');
    const back = staffStateOn(history, '2024-04-01');
    assert.equal(back.status, 'employed');
    assert.equal(back.employment, 'part-time');
    assert.equal(back.weeklyHours, 30);
    assert.equal(staffStateOn(history, '2025-04-01').role, 'chief');
    // the retirement day is the last day on the roster
    assert.equal(staffStateOn(history, '2026-03-31').status, 'employed');
    assert.equal(staffStateOn(history, '2026-04-01').status, 'retired');
  });
  it('orders events by date, whatever order they are given in', () => {
    assert.equal(staffStateOn([...history].reverse(), '2022-05-01').role, 'sub-chief');
  });
});

describe('checks at entry', () => {
  const today = '2026-04-10';
  const fields = (list: { field: string; message: { ja: string } }[]) => list.map((e) => `${e.field}: ${e.message.ja}`);
  const person = { birthDate: '1990-05-01', hiredOn: '2019-04-01', employment: 'full-time' as const, weeklyHours: 40, qualifications: [] };

  it('accepts a plain record', () => assert.deepEqual(checkPerson(person, today), []));
  it('refuses a birth date in the future, someone under 15 at hire, a hire before birth or over a year ahead', () => {
    assert.deepEqual(fields(checkPerson({ ...person, birthDate: '2026-04-11', hiredOn: '2026-04-12' }, today)), [
      'birthDate: 生年月日が未来の日付になっています。',
    ]);
    assert.match(fields(checkPerson({ ...person, birthDate: '2011-04-02', hiredOn: '2026-04-01' }, today))[0]!, /^birthDate: .*15歳未満/);
    assert.match(fields(checkPerson({ ...person, hiredOn: '1990-04-30' }, today))[0]!, /^hiredOn: 採用日が生年月日より前/);
    assert.equal(checkPerson({ ...person, hiredOn: '2027-04-10' }, today).length, 0);
    assert.match(fields(checkPerson({ ...person, hiredOn: '2027-04-11' }, today))[0]!, /^hiredOn: 採用日は1年後/);
  });
  it('needs part-time hours below 40', () => {
    assert.match(fields(checkPerson({ ...person, employment: 'part-time', weeklyHours: 40 }, today))[0]!, /^weeklyHours: .*40時間未満/);
    assert.match(fields(checkPerson({ ...person, employment: 'part-time', weeklyHours: undefined }, today))[0]!, /^weeklyHours: /);
    assert.deepEqual(checkPerson({ ...person, employment: 'part-time', weeklyHours: 39.5 }, today), []);
  });
  it('needs the registration number of a 保育士 licence, normalised from full-width', () => {
    assert.match(
      fields(checkPerson({ ...person, qualifications: ['hoikushi'] }, today))[0]!,
      /^qualificationNumber: .*保育士登録番号を入力/,
    );
    assert.equal(normaliseQualificationNumber('１２－０１２３４５'), '12-012345');
    assert.equal(normaliseQualificationNumber(' 第 東京ー012345 号'), '東京-012345');
    assert.equal(normaliseQualificationNumber('  '), undefined);
    assert.deepEqual(checkPerson({ ...person, qualifications: ['hoikushi'], qualificationNumber: '12-012345' }, today), []);
    assert.match(
      fields(checkPerson({ ...person, qualifications: ['hoikushi'], qualificationNumber: 'abc' }, today))[0]!,
      /^qualificationNumber: .*数字とハイフン/,
    );
  });
  it('warns of a nursery teacher without the licence', () => {
    assert.deepEqual(warningsOf({ role: 'nursery-teacher', qualifications: ['kyoyu'] }), ['nursery-teacher-without-hoikushi']);
    assert.deepEqual(warningsOf({ role: 'nursery-teacher', qualifications: ['hoikushi'] }), []);
    assert.deepEqual(warningsOf({ role: 'cook', qualifications: [] }), []);
  });
});

describe('checks of a change', () => {
  const today = '2026-04-10';
  const open = history.slice(0, 6); // not retired
  const first = (h: HistoryEvent[], e: Parameters<typeof checkEvent>[1]) =>
    checkEvent(h, e, today).map((x) => `${x.field}: ${x.message.ja}`)[0];

  it('refuses a date before the hire, before the latest record, after retirement, or over a year ahead', () => {
    assert.match(first([hire], { kind: 'leave-start', effectiveOn: '2019-03-31' })!, /^effectiveOn: 採用日（2019-04-01）より前/);
    assert.match(first(open, { kind: 'leave-start', effectiveOn: '2025-03-31' })!, /^effectiveOn: 最後の記録（2025-04-01）より前/);
    assert.match(first(history, { kind: 'leave-start', effectiveOn: '2026-04-01' })!, /^effectiveOn: 退職日（2026-03-31）より後/);
    assert.match(first(history, { kind: 'retire', effectiveOn: '2026-03-31' })!, /^kind: すでに退職/);
    assert.match(first(open, { kind: 'leave-start', effectiveOn: '2027-04-11' })!, /^effectiveOn: 日付は1年後/);
    assert.match(first(open, { kind: 'hire', effectiveOn: '2026-04-01' })!, /^kind: /);
  });
  it('pairs leave: an end only during a leave and after its start; no second start', () => {
    assert.match(first(open, { kind: 'leave-end', effectiveOn: '2026-04-01' })!, /^kind: 休職の開始が記録されていない/);
    const leave = [hire, ev(2, 'leave-start', '2025-05-01')];
    assert.match(first(leave, { kind: 'leave-end', effectiveOn: '2025-05-01' })!, /^effectiveOn: 復職日は休職の開始日（2025-05-01）より後/);
    assert.equal(first(leave, { kind: 'leave-end', effectiveOn: '2025-05-02' }), undefined);
    assert.match(first(leave, { kind: 'leave-start', effectiveOn: '2025-06-01' })!, /^kind: すでに休職中/);
  });
  it('needs a change to change something', () => {
    assert.match(first([hire], { kind: 'role-change', effectiveOn: '2020-04-01' })!, /^role: /);
    assert.match(first([hire], { kind: 'role-change', effectiveOn: '2020-04-01', role: 'nursery-teacher' })!, /^role: 現在と同じ/);
    assert.equal(first([hire], { kind: 'role-change', effectiveOn: '2020-04-01', role: 'chief' }), undefined);
    assert.match(
      first([hire], { kind: 'employment-change', effectiveOn: '2020-04-01', employment: 'full-time', weeklyHours: 40 })!,
      /^employment: 現在と同じ/,
    );
    assert.match(
      first([hire], { kind: 'employment-change', effectiveOn: '2020-04-01', employment: 'part-time', weeklyHours: 40 })!,
      /^weeklyHours: /,
    );
  });
});
