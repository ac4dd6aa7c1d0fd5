/**
 * POST /api/v1/staff/reservations/{id}/sensitive-fields — a booking with its sensitive answers, read with
 * a reason (GET …/{id} masks them). Only for a role the service lets read them (403), another
 * department's booking is a 404; the reason and the field keys are audited (privacy.sensitive_read).
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../http/api-route.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf } from '../audit/index.js';
import { idParams, sensitiveReadApiBody, staffDetailOut } from './reservations.schemas.js';
import { detailForStaff } from './staff-queries.js';

export function registerSensitiveApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/reservations/:id/sensitive-fields',
    // i18n-exempt: OpenAPI text for developers, in English with the Japanese term
    summary: 'A booking with its sensitive answers (要配慮個人情報), read with a reason (audited)',
    description:
      'Only for a role the service lets read its sensitive answers (a department administrator sets it on the service’s settings); the reason (1–200 characters) and the field keys are recorded in the audit log (privacy.sensitive_read). A POST, so no URL shows them.',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    params: idParams,
    body: sensitiveReadApiBody,
    responses: {
      200: { description: 'The booking with every answer', schema: staffDetailOut },
      403: { description: 'Your role may not read this service’s sensitive answers' },
      404: { description: 'Not found or not in your departments' },
      422: { description: 'The reason is missing or longer than 200 characters' },
    },
    handler: async ({ req, reply, params, body, staff }) => {
      const d = await detailForStaff(ctx, staff, params.id, auditContextOf(req), req.lang, { reveal: { reason: body.reason ?? '' } });
      reply.header('Cache-Control', 'no-store');
      return d;
    },
  });
}
