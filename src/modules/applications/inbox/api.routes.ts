/**
 * Staff API of the inbox (pinned): GET /api/v1/staff/applications (no answers), GET …/{id} (answers,
 * sensitive ones masked; every call audited), POST …/{id}/sensitive-answers (the same with the sensitive
 * answers, for a role the procedure allows, with a reason; audited), POST …/{id}/status. Another
 * department's application is a 404 on every route.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../../http/api-route.js';
import type { Lang } from '../../../platform/i18n.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { auditContextOf } from '../../audit/index.js';
import { staffFileUrl } from '../attachments/list-files.js';
import { allFields } from '../procedures/definition.js';
import { answerText } from './answer-text.js';
import { changeStatus } from './change-status.js';
import { getApplicationForStaff, type ApplicationDetail } from './get-application.js';
import { listApplications, type InboxItem } from './list-applications.js';
import { detailResponse, listQuery, listResponse, sensitiveReadApiBody, statusBody, statusResponse } from './inbox.schemas.js';

const idParams = z.object({ id: z.string().max(100) });

function itemJson(i: Omit<InboxItem, 'procedureTitle' | 'assignedStaffName' | 'isPaid'>): z.input<typeof listResponse>['items'][number] {
  return {
    id: i.id,
    referenceNumber: i.referenceNumber,
    procedureId: i.procedureId,
    procedureVersion: i.procedureVersion,
    departmentId: i.departmentId,
    status: i.status,
    submittedAt: jstIso(i.submittedAt),
    statusChangedAt: jstIso(i.statusChangedAt),
    paymentStatus: i.paymentStatus,
    feeAmount: i.feeAmount,
    assignedStaffId: i.assignedStaffId,
  };
}

function detailJson(d: ApplicationDetail, lang: Lang): z.input<typeof detailResponse> {
  const a = d.application;
  const label = (t: { ja: string; en?: string }) => (lang === 'en' && t.en) || t.ja;
  return {
    ...itemJson({ ...a, paymentStatus: d.paymentStatus }),
    channel: a.channel,
    lang: a.lang,
    correctionFields: a.correctionFields,
    retainUntil: a.retainUntil ? jstIso(a.retainUntil) : null,
    answers: d.answers
      ? allFields(d.definition).map((f) => {
          const masked = !d.sensitive.revealed && d.sensitive.keys.includes(f.key);
          return {
            key: f.key,
            label: label(f.label),
            type: f.type,
            privacy: f.privacy,
            value: masked ? null : (d.answers?.[f.key] ?? null),
            text: masked ? '' : answerText(f, d.answers?.[f.key], lang),
            masked,
          };
        })
      : null,
    payment: d.payment ? { ...d.payment, paidAt: d.payment.paidAt ? jstIso(d.payment.paidAt) : null } : null,
    history: d.history.map((h) => ({ ...h, changedAt: jstIso(h.changedAt) })),
    files: d.files.map((f) => ({
      id: f.id,
      fieldKey: f.fieldKey,
      filename: f.filename,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      url: staffFileUrl(a.id, f.id),
    })),
    allowedStatuses: d.allowedStatuses,
  };
}

export function registerInboxApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/applications',
    summary: 'Applications of your departments (no answers), filtered, sorted and paged (50 a page)',
    description:
      'Only the departments you are a member of (a payment_admin membership opens none). Filters: procedureId, status, from/to (submitted, Japan dates), payment=paid|unpaid, mine=1 (assigned to you), reference (a prefix of the reference number).',
    tags: ['applications', 'staff'],
    auth: 'staff',
    query: listQuery,
    responses: { 200: { description: 'The page of applications', schema: listResponse } },
    handler: async ({ query, staff }) => {
      const r = await listApplications(ctx, staff, query);
      return { items: r.items.map(itemJson), page: r.page, hasNext: r.hasNext };
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/applications/:id',
    summary: 'One application with its answers, payment and history (every call is audited)',
    tags: ['applications', 'staff'],
    auth: 'staff',
    params: idParams,
    responses: {
      200: { description: 'The application', schema: detailResponse },
      404: { description: 'Not found, or not an application of your departments' },
    },
    handler: async ({ req, params, staff }) =>
      detailJson(await getApplicationForStaff(ctx, staff, params.id, auditContextOf(req)), req.lang),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/applications/:id/sensitive-answers',
    // i18n-exempt: OpenAPI text for developers, in English with the Japanese term
    summary: 'One application with its sensitive answers (要配慮個人情報), read with a reason (audited)',
    description:
      'Only for a role the procedure lets read its sensitive answers (a department administrator sets it on the procedure’s settings); the reason (1–200 characters) and the field keys are recorded in the audit log (privacy.sensitive_read). A POST, so no URL shows them.',
    tags: ['applications', 'staff'],
    auth: 'staff',
    params: idParams,
    body: sensitiveReadApiBody,
    responses: {
      200: { description: 'The application with every answer', schema: detailResponse },
      403: { description: 'Your role may not read this procedure’s sensitive answers' },
      404: { description: 'Not found, or not an application of your departments' },
      422: { description: 'The reason is missing or longer than 200 characters' },
    },
    handler: async ({ req, reply, params, body, staff }) => {
      const d = await getApplicationForStaff(ctx, staff, params.id, auditContextOf(req), { reveal: { reason: body.reason ?? '' } });
      reply.header('Cache-Control', 'no-store');
      return detailJson(d, req.lang);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/applications/:id/status',
    summary: 'Change the status, with an optional comment to the citizen; correction_requested names the fields to correct',
    description:
      'The status rules decide (409 status_transition otherwise): e.g. a fee due after acceptance must be paid before completed. The citizen is notified by e-mail (and LINE when linked). Audited.',
    tags: ['applications', 'staff'],
    auth: 'staff',
    params: idParams,
    body: statusBody,
    responses: {
      200: { description: 'Changed', schema: statusResponse },
      404: { description: 'Not found, or not an application of your departments' },
      409: { description: 'This status cannot follow the current one (status_transition)' },
      422: { description: 'correctionFields missing or naming a field the application does not have' },
    },
    handler: async ({ req, params, body, staff }) => {
      const r = await changeStatus(ctx, staff, params.id, body, auditContextOf(req));
      return { id: r.id, status: r.status, correctionFields: r.correctionFields };
    },
  });
}
