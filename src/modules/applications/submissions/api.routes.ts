/**
 * The applicant's JSON API: submit, read (Bearer accessToken), withdraw and resubmit a correction.
 * Thin: schema → one operation → present. A wrong 整理番号 and a wrong token get the same 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { readApplication, type ApplicationView } from './read-application.js';
import { resubmitCorrection } from './resubmit-correction.js';
import { submitApplication } from './submit-application.js';
import * as s from './submissions.schemas.js';
import { withdrawApplication } from './withdraw-application.js';

function bearer(req: FastifyRequest): string {
  const m = /^Bearer\s+([A-Za-z0-9_-]{10,100})$/.exec(req.headers.authorization ?? '');
  return m?.[1] ?? '';
}

export function presentApplication(v: ApplicationView): z.output<typeof s.applicantOut> {
  return {
    referenceNumber: v.referenceNumber,
    procedureId: v.procedureId,
    status: v.status,
    submittedAt: jstIso(v.submittedAt),
    payment: v.payment,
    correctionFields: v.correctionFields,
    answers: v.answers,
    history: v.history.map((h) => ({ status: h.status, at: jstIso(h.at), comment: h.comment })),
  };
}

const notFound = { description: 'No application with this reference number and token (the same answer for either)' };

export function registerApplicantApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/applications',
    summary: 'Submit an application to a procedure',
    description:
      'Validates every answer (field errors in `errors` as answers.<key>), checks the application period and capacity, and answers with the 整理番号 and the secret accessToken. A fee due at submission is paid afterwards with POST /api/v1/applications/{referenceNumber}/payment; the application is kept even if the payment provider is down. A confirmation e-mail goes to the procedure’s contact e-mail answer.', // i18n-exempt: OpenAPI description
    tags: ['applications'],
    auth: 'public',
    body: s.submitBody,
    responses: {
      201: { description: 'Submitted', schema: s.submittedOut },
      409: { description: 'procedure_closed (outside the application period) or procedure_full (capacity reached)' },
      422: { description: 'Answers refused: `errors` lists each field (answers.<key>) with its message' },
    },
    handler: async ({ req, reply, body }) => {
      const r = await submitApplication(ctx, {
        procedureId: body.procedureId,
        answers: body.answers,
        lang: body.lang ?? req.lang,
        channel: 'api',
      });
      reply.code(201);
      return { referenceNumber: r.referenceNumber, accessToken: r.accessToken, status: r.status, payment: r.payment };
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/applications/:referenceNumber',
    summary: 'An application as its applicant sees it: status, history, payment',
    tags: ['applications'],
    auth: 'public',
    security: ['applicationToken'],
    params: s.referenceParams,
    responses: {
      200: { description: 'The application', schema: s.applicantOut },
      404: notFound,
      429: { description: 'Too many failed look-ups' },
    },
    handler: async ({ req, params }) =>
      presentApplication(await readApplication(ctx, params.referenceNumber, bearer(req), { clientIp: req.ip })),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/applications/:referenceNumber/withdraw',
    // i18n-exempt: OpenAPI summary for developers, in English with the Japanese term
    summary: 'Withdraw the application (取り下げ) while it is not closed or paid',
    tags: ['applications'],
    auth: 'public',
    security: ['applicationToken'],
    params: s.referenceParams,
    responses: {
      200: { description: 'Withdrawn', schema: s.applicantOut },
      404: notFound,
      409: { description: 'status_transition: it can no longer be withdrawn' },
    },
    handler: async ({ req, params }) =>
      presentApplication(await withdrawApplication(ctx, params.referenceNumber, bearer(req), { clientIp: req.ip })),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/applications/:referenceNumber/correction',
    summary: 'Resubmit after a correction request: only the fields named in correctionFields change',
    tags: ['applications'],
    auth: 'public',
    security: ['applicationToken'],
    params: s.referenceParams,
    body: s.correctionBody,
    responses: {
      200: { description: 'Resubmitted (status received again)', schema: s.applicantOut },
      404: notFound,
      409: { description: 'status_transition: no correction is asked for' },
      422: { description: 'A corrected answer is refused' },
    },
    handler: async ({ req, params, body }) =>
      presentApplication(await resubmitCorrection(ctx, params.referenceNumber, bearer(req), body.answers, { clientIp: req.ip })),
  });
}
