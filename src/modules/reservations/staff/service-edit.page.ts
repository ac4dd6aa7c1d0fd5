/**
 * /staff/reservation-services/:id — one service's screen (department administrators of its
 * department), and its settings form (POST …/settings). The other forms of the screen post to
 * service-schedule, service-fields and service-exceptions pages and come back here when refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect, type PageResult } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import type { FieldMessage } from '../../../web/components/index.js';
import { auditContextOf } from '../../audit/index.js';
import { loadServiceSettings, updateService } from '../manage-services.js';
import { managesAnyService } from '../reservations.policy.js';
import { renderEditScreen, type ServiceForm } from './service-edit.view.js';
import { savedQuery, serviceParams, serviceSettingsForm } from './service-forms.schema.js';
import { rawOf } from './service-settings.view.js';

type ScreenInput = { req: FastifyRequest; lang: Lang; actor: StaffActor; csrf: string; params: { id: string } };

/** The service's screen with one of its forms refused (422): what was typed, and the problems next to the fields. */
export async function refusedServiceScreen(
  ctx: AppContext,
  i: ScreenInput,
  form: ServiceForm,
  raw: Record<string, string>,
  errors: FieldMessage[],
): Promise<PageResult> {
  const { service, exceptions } = await loadServiceSettings(ctx, i.actor, i.params.id);
  return { html: renderEditScreen(i.req, i.lang, { service, exceptions, csrf: i.csrf, refused: { form, raw, errors } }), status: 422 };
}

/**
 * Runs a change of the screen. An operation's refusal with field errors (422) gives the screen again
 * with what was typed; `fieldOf` names the form field an operation's error path belongs to. Nothing
 * (undefined) when the change was made.
 */
export async function tryChange(
  ctx: AppContext,
  i: ScreenInput,
  form: ServiceForm,
  change: () => Promise<unknown>,
  fieldOf: (field: string) => string = (f) => f,
): Promise<PageResult | undefined> {
  try {
    await change();
    return undefined;
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    const errors = pageErrorsOf(err, i.lang).map((e) => ({ ...e, field: fieldOf(e.field) }));
    return refusedServiceScreen(ctx, i, form, rawOf(i.req.body), errors);
  }
}

/** tryChange, then back to the screen with 「保存しました」. */
export async function changeService(...args: Parameters<typeof tryChange>): Promise<PageResult> {
  return (await tryChange(...args)) ?? redirect(`/staff/reservation-services/${args[1].params.id}?saved=1`);
}

/** The policy gate of every page of one service: the service itself is checked by the operations (404 for another department's). */
export const mayManageServices = (actor: StaffActor) => managesAnyService(actor);

export function registerServiceEditPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservation-services/:id',
    summary: "One booking service's settings, schedule, input fields, closures and openings",
    auth: 'staff',
    params: serviceParams,
    query: savedQuery,
    allow: mayManageServices,
    async handler({ req, lang, actor, csrf, params, query }) {
      const { service, exceptions } = await loadServiceSettings(ctx, actor, params.id);
      return renderEditScreen(req, lang, { service, exceptions, csrf, saved: query.saved });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/settings',
    summary: "Save a booking service's settings",
    auth: 'staff',
    params: serviceParams,
    allow: mayManageServices,
    body: serviceSettingsForm,
    invalid: (i) => refusedServiceScreen(ctx, i, 'settings', i.raw, i.errors),
    handler: (i) => changeService(ctx, i, 'settings', () => updateService(ctx, i.actor, i.params.id, i.body, auditContextOf(i.req))),
  });
}
