/**
 * /staff/reservation-services — the services of the person's departments, and the new-service form
 * for department administrators. A refused new service comes back with every field as typed and
 * each problem next to its field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { button, csrfInput, dataTable, errorSummary, selectField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { createService, listServicesForStaff } from '../manage-services.js';
import { managesAnyService } from '../reservations.policy.js';
import { newServiceForm } from './service-forms.schema.js';
import { rawOf, servicesPage, settingsFieldId, settingsFields, settingsValuesOf, type SettingsValues } from './service-settings.view.js';
import { servicesMessages as sm } from './services.messages.js';

/** New services get a Monday–Friday morning schedule, to be edited on the service's screen. */
const FIRST_SCHEDULE = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));

type Typed = { values: SettingsValues; errors: FieldMessage[] };

async function render(ctx: AppContext, req: FastifyRequest, lang: Lang, actor: StaffActor, csrf: string, typed?: Typed): Promise<string> {
  const t = sm.in(lang);
  const { services, adminDepartments } = await listServicesForStaff(ctx, actor);
  const table = dataTable({
    lang,
    caption: t('listCaption'),
    hideCaption: true,
    emptyText: t('noServices'),
    columns: [
      { key: 'department', label: t('department') },
      { key: 'name', label: t('name') },
      { key: 'slot', label: t('slotCapacity') },
      { key: 'open', label: t('isOpen') },
    ],
    rows: services.map((s) => ({
      department: s.departmentName,
      name: s.canManage ? html`<a href="/staff/reservation-services/${s.id}">${s.name}</a>` : s.name,
      slot: t('slotAndCapacity', { minutes: s.durationMinutes, capacity: s.capacity }),
      open: s.isActive ? '○' : '−',
    })),
  });
  const errors = typed?.errors ?? [];
  const values = typed?.values ?? settingsValuesOf();
  const form = adminDepartments.length
    ? html`<h2 id="new-service">${t('newService')}</h2>
<form method="post" action="/staff/reservation-services" novalidate>${csrfInput(csrf)}
  ${selectField({
    lang,
    errors,
    name: 'departmentId',
    id: settingsFieldId('departmentId'),
    label: t('department'),
    markOptional: false,
    value: values.departmentId,
    options: adminDepartments.map((m) => ({ value: m.departmentId, label: m.departmentName })),
  })}
  ${settingsFields(lang, values, errors)}
  ${button({ label: t('create') })}
</form>`
    : html``;
  const main = html`<h1 class="page-title">${t('listTitle')}</h1>
${errorSummary({ title: t('checkInput'), errors, fieldId: settingsFieldId })}
${table}
${form}`;
  return servicesPage(req, t('listTitle'), main);
}

export function registerServiceListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservation-services',
    summary: 'The booking services of my departments, and the new-service form for administrators',
    auth: 'staff',
    // Every member may see the services of their departments (listServicesForStaff scopes them);
    // only administrators get links to manage them and the new-service form.
    handler: ({ req, lang, actor, csrf }) => render(ctx, req, lang, actor, csrf),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services',
    summary: 'Create a booking service in one of my departments',
    auth: 'staff',
    allow: (actor) => managesAnyService(actor),
    body: newServiceForm,
    invalid: async ({ req, lang, actor, csrf, raw, errors }) => render(ctx, req, lang, actor, csrf, { values: raw, errors }),
    async handler({ req, lang, actor, csrf, body }) {
      const { departmentId, ...settings } = body;
      try {
        const id = await createService(ctx, actor, departmentId, settings, [], FIRST_SCHEDULE, auditContextOf(req));
        return redirect(`/staff/reservation-services/${id}?saved=1`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        const html = await render(ctx, req, lang, actor, csrf, { values: rawOf(req.body), errors: pageErrorsOf(err, lang) });
        return { html, status: 422 };
      }
    },
  });
}
