/**
 * The export form (period, service, encoding, and the three buttons: .xlsx, CSV, check first), shown
 * by the export screen and again, with the refused fields marked, when a download's period is wrong.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { addDays, jstDate } from '../../../platform/japan-time.js';
import { button, dateField, errorSummary, radios, selectField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { servicesForStaff } from '../staff-queries.js';
import { staffMessages } from './staff.messages.js';
import { reservationsPage, serviceOptions } from './staff.view.js';

type ExportFormValues = { from?: string; to?: string; serviceId?: string; encoding?: string };

export async function renderExportForm(
  ctx: AppContext,
  req: FastifyRequest,
  staff: StaffActor,
  v: ExportFormValues,
  errors: readonly FieldMessage[] = [],
): Promise<string> {
  const lang = req.lang;
  const t = staffMessages.in(lang);
  const today = jstDate(ctx.clock.now());
  const services = await servicesForStaff(ctx, staff);
  const serviceId = services.some((s) => s.id === v.serviceId) ? v.serviceId : undefined;
  const from = v.from ?? today;
  // by default, every booking still to come: from today to the end of the longest booking window shown
  const window = Math.min(366, Math.max(1, ...services.filter((s) => !serviceId || s.id === serviceId).map((s) => s.opensDaysAhead)));
  const end = addDays(today, window) < from ? from : addDays(today, window);
  const to = v.to ?? end;
  const encoding = v.encoding === 'utf-8' ? 'utf-8' : 'shift_jis';
  const base = { lang, errors, markOptional: false };
  const main = html`<h1 class="page-title">${t('exportTitle')}</h1>
<p>${t('exportIntro')}</p>
${errorSummary({ title: t('checkInput'), errors, fieldId: (f) => `f-${f}` })}
<form method="get" action="/staff/reservations/export.csv">
  <div class="filters">
  ${dateField({ ...base, name: 'from', id: 'f-from', label: t('from'), value: from })}
  ${dateField({ ...base, name: 'to', id: 'f-to', label: t('to'), value: to })}
  ${selectField({ ...base, name: 'serviceId', id: 'f-serviceId', label: t('service'), value: serviceId, emptyLabel: t('allServices'), options: serviceOptions(lang, services) })}
  </div>
  ${radios({
    ...base,
    name: 'encoding',
    id: 'enc-sjis',
    label: t('encoding'),
    hint: t('sjisHint'),
    value: encoding,
    choices: [
      { value: 'shift_jis', label: t('encodingSjis') },
      { value: 'utf-8', label: t('encodingUtf8') },
    ],
  })}
  <p>
  <button type="submit" class="button" formaction="/staff/reservations/export.xlsx">${t('downloadXlsx')}</button>
  ${button({ label: t('downloadCsv') })}
  <button type="submit" class="button button--secondary" formaction="/staff/reservations/export/check">${t('checkCsv')}</button>
  </p>
</form>`;
  return reservationsPage(req, { title: t('exportTitle'), tab: 'export', main });
}
