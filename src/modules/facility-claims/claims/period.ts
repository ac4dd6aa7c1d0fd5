/** The period of a form: a month (YYYY-MM) for the monthly claim, a fiscal year (YYYY, April–March) for the yearly forms. */
import { fiscalYearOf, type SubmissionForm } from '../shared/types.js';

export type FormPeriod = {
  form: SubmissionForm;
  period: string;
  fiscalYear: number;
  /** The date the form is made up to: the month's first day, or April 1 of the fiscal year. */
  asOf: string;
  /** The last day of the period. */
  periodEnd: string;
};

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(d)}`;
}

/** The period, or undefined when `period` does not fit the form (a month for the monthly claim, a year otherwise). */
export function formPeriod(form: SubmissionForm, period: string): FormPeriod | undefined {
  if (form === 'monthly-claim') {
    const m = /^(\d{4})-(\d{2})$/.exec(period);
    if (!m) return undefined;
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12 || year < 2015 || year > 2100) return undefined;
    return { form, period, fiscalYear: fiscalYearOf(period), asOf: `${period}-01`, periodEnd: lastDayOf(year, month) };
  }
  if (!/^\d{4}$/.test(period)) return undefined;
  const fy = Number(period);
  if (fy < 2015 || fy > 2099) return undefined;
  return { form, period, fiscalYear: fy, asOf: `${fy}-04-01`, periodEnd: `${fy + 1}-03-31` };
}

/** The twelve months (YYYY-MM) of a fiscal year, April first. */
export function monthsOfFiscalYear(fy: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${m >= 4 ? fy : fy + 1}-${pad(m)}`;
  });
}
