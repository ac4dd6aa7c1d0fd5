/** The date "in effect" refers to for a fiscal year's items: today, kept inside the fiscal year. */
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { fiscalYearOf } from '../shared/types.js';
import { fiscalYearRange } from './set-item.js';

export function itemsDate(ctx: Pick<AppContext, 'clock'>, fiscalYear: number): string {
  const today = jstDate(ctx.clock.now());
  const { from, to } = fiscalYearRange(fiscalYear);
  if (today < from) return from;
  if (today > to) return to;
  return today;
}

/** The fiscal year of today (Japan time). */
export const currentFiscalYear = (ctx: Pick<AppContext, 'clock'>): number => fiscalYearOf(jstDate(ctx.clock.now()));
