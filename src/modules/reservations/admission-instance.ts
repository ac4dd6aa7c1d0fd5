/**
 * The process's admission limiter for booking transactions. In-flight: twice the database pool
 * (transactions wait on hot slot rows, not on CPU); queue: bounded so a rush gets a quick 503
 * with Retry-After instead of a timeout.
 */
import { Admission } from './admission.js';

export let admission = new Admission(32, 2000, 8000);

export function configureAdmission(o: { poolSize: number }): void {
  admission = new Admission(Math.max(4, o.poolSize * 2), 2000, 8000);
}

/** Replaces the limiter (tests simulate an overloaded process with it). */
export function useAdmission(a: Admission): Admission {
  const previous = admission;
  admission = a;
  return previous;
}
