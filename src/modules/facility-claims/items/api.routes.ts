/**
 * The items API for facility users: GET /api/v1/facility/items/{fiscalYear} (each item, in effect today,
 * and its history) and PUT /api/v1/facility/items/{fiscalYear}/{code} (claimed, value, effectiveFrom).
 * Always the session's facility: no facility id is read from the request.
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { facilityAuditContext, requireFacilityApi } from '../shared/facility-session.js';
import { itemsDate } from './items-date.js';
import { apiItemParams, itemListResponse, fiscalYearParams, setItemBody, setItemResponse } from './items.schemas.js';
import { listItems } from './list-items.js';
import { setItem } from './set-item.js';

const TAGS = ['facility-claims', 'facility'];

export function registerItemsApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/items/:fiscalYear',
    summary: "Your facility's application items (additions and deductions) of a fiscal year: each item's state in effect and its history",
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    params: fiscalYearParams,
    responses: { 200: { description: 'The items', schema: itemListResponse }, 401: { description: 'No facility session' } },
    handler: async ({ req, params }) => {
      const actor = await requireFacilityApi(ctx, req);
      const asOf = itemsDate(ctx, params.fiscalYear);
      const items = await listItems(ctx.db, actor.facilityId, params.fiscalYear, asOf);
      return {
        fiscalYear: params.fiscalYear,
        asOf,
        items: items.map((i) => ({
          code: i.code,
          level: i.level,
          inEffect: i.inEffect,
          history: i.history.map((h) => ({ ...h, recordedAt: jstIso(h.recordedAt) })),
        })),
      };
    },
  });

  defineApi(app, {
    method: 'PUT',
    url: '/api/v1/facility/items/:fiscalYear/:code',
    summary: 'Set one application item from a date: claimed or not, and the values it needs',
    description:
      'effectiveFrom must fall inside the fiscal year (April 1 – March 31). The value is checked by the item’s schema (e.g. team-hoiku {"staff": 1}, shogu {"kubun3": {"personsA": 1, "personsB": 2}}); 422 with field errors in Japanese and English. A second change on the same date replaces that date’s row. Audited (facility.items.update).',
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    params: apiItemParams,
    body: setItemBody,
    responses: {
      200: { description: 'Saved', schema: setItemResponse },
      401: { description: 'No facility session' },
      403: { description: 'X-CSRF-Token missing or not this session’s (csrf_failed)' },
      404: { description: 'Unknown item code' },
      422: { description: 'Field errors (validation_failed)' },
    },
    handler: async ({ req, params, body }) => {
      const actor = await requireFacilityApi(ctx, req);
      return setItem(ctx, actor, facilityAuditContext(req, actor), {
        fiscalYear: params.fiscalYear,
        code: params.code,
        claimed: body.claimed,
        value: body.value ?? {},
        effectiveFrom: body.effectiveFrom,
      });
    },
  });
}
