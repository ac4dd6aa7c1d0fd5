/** Time comes from a clock so rules, windows and reminders are testable. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The system clock, shifted by an offset that can be changed. `npm start` in demo mode runs on one:
 * the demo seed sets it into the past days to write a week of applications and payments through the
 * real operations, and the payment stand-in in the same process shares it, so both agree on when.
 */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
