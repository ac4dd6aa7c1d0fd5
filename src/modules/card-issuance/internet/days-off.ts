/** Days the card counters are closed: weekends, national holidays (reservation engine's calendar), 29 Dec – 3 Jan. Pure. */
import { holidayOn } from '../../reservations/index.js';

export function isDayOff(date: string): boolean {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (w === 0 || w === 6) return true;
  const md = date.slice(5);
  if (md >= '12-29' || md <= '01-03') return true;
  return holidayOn(date) !== undefined;
}
