/**
 * POST /staff/card-site/locations (add) and /staff/card-site/locations/:code (change) — a pickup
 * place's settings. A refused form comes back with what was typed and each message at its field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { LOCATION_FIELDS, saveLocation, type LocationForm } from '../save-location.js';
import { cardSiteStaffMessages as m } from './card-site-staff.messages.js';
import { done, refused, renderCardSite } from './card-site.view.js';

const text = z.string().catch('');
/** The form's fields as typed (checked by saveLocation, field by field); the weekdays come once per ticked box. */
export const locationBody = z.object({
  ...Object.fromEntries(LOCATION_FIELDS.map((k) => [k, text])),
  weekdays: z.union([z.string(), z.array(z.string())]).catch(''),
}) as unknown as z.ZodType<Record<Exclude<(typeof LOCATION_FIELDS)[number], 'weekdays'>, string> & { weekdays: string | string[] }>;

export const locationParams = z.object({ code: z.string().min(1).max(40) });

async function save(
  ctx: AppContext,
  req: FastifyRequest,
  i: { actor: StaffActor; csrf: string; body: z.output<typeof locationBody> },
  code: string | null,
) {
  const lang = req.lang;
  const dept = await siteDepartmentOf(ctx, i.actor);
  const form = { ...i.body, weekdays: Array.isArray(i.body.weekdays) ? i.body.weekdays.join(',') : i.body.weekdays } as LocationForm;
  const r = await saveLocation(ctx, { departmentId: dept.id, code, form, ...auditContextOf(req) });
  if (!r.ok) {
    // the place's own form, or the "add" form (code ''), opens again with the typed values; a code in use is a conflict
    const formState = { ...form, code: r.isCodeTaken ? '' : (code ?? ''), errors: r.errors };
    const html = await renderCardSite(ctx, req, { actor: i.actor, csrf: i.csrf, message: refused(m.t(lang, 'checkForm')), formState });
    return { html, status: r.isCodeTaken ? 409 : 422 };
  }
  const message = done(r.overCapacity ? m.t(lang, 'savedOverCapacity', { n: r.overCapacity }) : m.t(lang, 'saved'));
  return renderCardSite(ctx, req, { actor: i.actor, csrf: i.csrf, message });
}

export function registerLocationPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/locations',
    summary: 'Booking-site staff: add a pickup place',
    auth: 'staff',
    body: locationBody,
    handler: (i) => save(ctx, i.req, i, null),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/locations/:code',
    summary: 'Booking-site staff: change a pickup place',
    auth: 'staff',
    params: locationParams,
    body: locationBody,
    handler: (i) => save(ctx, i.req, i, i.params.code),
  });
}
