/**
 * JSON API of child counts. Facility users (their session's facility only): the months, a month's counts,
 * confirm and query. City staff of the two childcare divisions: a month's overview; the enrolment
 * division: the import (a text/csv body, read only after the session, the CSRF header and the division
 * were checked, up to 5 MB).
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import { authenticate } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { assertCanFacility, facilityDepartmentOf } from '../facility.policy.js';
import { requireFacilityApi } from '../shared/facility-session.js';
import { confirmCounts } from './confirm-counts.js';
import type { CountProblem } from './count-file.js';
import {
  confirmBody,
  facilityMonthAnswer,
  facilityMonthsAnswer,
  importAnswer,
  importQuery,
  monthParams,
  overviewAnswer,
  queryBody,
  reviewAnswer,
} from './counts.schemas.js';
import { importCounts, MAX_COUNT_FILE_BYTES } from './import-counts.js';
import { queryCounts } from './query-counts.js';
import { countMonthsOf, facilityMonthCounts, monthOverview } from './read-counts.js';

const facilitySecurity = ['facilitySession'] as const;
const tags = ['facility-claims'];

/** Where a problem is, as the `field` of a problem+json error: `file`, `lines.<n>` or `lines.<n>.<column>`. */
export const problemField = (p: CountProblem) => (p.line === null ? 'file' : `lines.${p.line}${p.column ? `.${p.column}` : ''}`);

export function registerFacilityCountApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/counts',
    summary: "The months with child counts of the session's facility",
    tags,
    auth: 'public',
    security: facilitySecurity,
    responses: { 200: { description: 'Newest first', schema: facilityMonthsAnswer }, 401: { description: 'No facility session' } },
    async handler({ req }) {
      const actor = await requireFacilityApi(ctx, req);
      const months = await countMonthsOf(ctx.db, actor.facilityId);
      return { items: months.map((x) => ({ month: x.month, status: x.status, importId: x.importId, total: x.total })) };
    },
  });
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/counts/:month',
    summary: "A month's child counts of the session's facility",
    description: 'Children on the first day of the month per class (classes absent from the imported file are not listed), and the review.',
    tags,
    auth: 'public',
    security: facilitySecurity,
    params: monthParams,
    responses: {
      200: { description: 'The counts', schema: facilityMonthAnswer },
      401: { description: 'No facility session' },
      404: { description: 'No counts for this month (or not this facility’s)' },
    },
    async handler({ req, params }) {
      const actor = await requireFacilityApi(ctx, req);
      const d = await facilityMonthCounts(ctx.db, ctx.crypto, params.month, { facilityId: actor.facilityId });
      if (!d) throw errors.notFound();
      return {
        month: d.month,
        importId: d.review.importId,
        importedAt: new Date(d.review.importedAt).toISOString(),
        status: d.review.status,
        counts: d.counts,
        total: d.total,
        query: d.review.queryText,
        answer: d.review.answerText,
      };
    },
  });
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/counts/:month/confirm',
    // i18n-exempt: OpenAPI text for developers, naming the screen's button
    summary: "Confirm a month's child counts (確認しました)",
    description: 'Audited as facility.counts.confirm.',
    tags,
    auth: 'public',
    security: facilitySecurity,
    params: monthParams,
    body: confirmBody,
    responses: {
      200: { description: 'Confirmed', schema: reviewAnswer },
      401: { description: 'No facility session' },
      403: { description: 'Missing or wrong X-CSRF-Token' },
      404: { description: 'No counts for this month' },
      422: { description: 'The counts were imported again after the import named by importId' },
    },
    async handler({ req, params, body }) {
      const actor = await requireFacilityApi(ctx, req);
      return confirmCounts(ctx, req, actor, { month: params.month, importId: body.importId });
    },
  });
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/counts/:month/query',
    // i18n-exempt: OpenAPI text for developers, naming the screen's form
    summary: "Query a month's child counts (照会): a message to the city's enrolment division",
    description: 'Audited as facility.counts.query (the length of the message, never its text).',
    tags,
    auth: 'public',
    security: facilitySecurity,
    params: monthParams,
    body: queryBody,
    responses: {
      200: { description: 'Queried', schema: reviewAnswer },
      401: { description: 'No facility session' },
      403: { description: 'Missing or wrong X-CSRF-Token' },
      404: { description: 'No counts for this month' },
      422: { description: 'Empty or too long a message' },
    },
    async handler({ req, params, body }) {
      const actor = await requireFacilityApi(ctx, req);
      return queryCounts(ctx, req, actor, { month: params.month, message: body.message });
    },
  });
}

export function registerStaffCountApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/facility-counts',
    summary: "A month's child counts: every facility's total and answer, and the totals by class",
    tags,
    auth: 'staff',
    query: importQuery,
    responses: {
      200: { description: 'The month', schema: overviewAnswer },
      404: { description: 'Not a member of a childcare division' },
    },
    async handler({ query, staff }) {
      assertCanFacility(staff, 'view', ctx.config);
      return monthOverview(ctx.db, query.month);
    },
  });
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_COUNT_FILE_BYTES }, (_req, body, done) => done(null, body));
    // who is sending is known before a byte of the body is read
    scope.addHook('onRequest', async (req) => {
      const staff = await authenticate('staff', req);
      assertCanFacility(staff, 'import-counts', ctx.config);
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > MAX_COUNT_FILE_BYTES) throw errors.payloadTooLarge();
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (!req.raw.complete) reply.header('Connection', 'close');
      return payload;
    });
    defineApi(scope, {
      method: 'POST',
      url: '/api/v1/staff/facility-counts/import',
      summary: "Import a month's child counts from the core system (CSV, all or nothing)",
      description: [
        'The body is the CSV file itself (`Content-Type: text/csv`, CP932 or UTF-8 with or without BOM, at most 5 MB), in the',
        'format of docs/facility-claims/child-counts-csv.md. A column that looks like a child’s personal data (name, kana, birth',
        'date, address, phone, guardian, individual number) refuses the whole file and records a security event; any other',
        'unknown column is refused too. Every bad line is listed in `errors` (`field` = `lines.<n>.<column>`); one bad line',
        'stores nothing. A file byte-identical to an earlier import of the month is refused. A re-import replaces the counts',
        'of the facilities in the file and sets their review back to pending where a number changed. Enrolment division only;',
        'audited as facility.counts.import.',
      ].join(' '),
      tags,
      auth: 'staff',
      query: importQuery,
      streamedBody: { contentType: 'text/csv', schema: { type: 'string', description: 'The CSV file' } },
      responses: {
        201: { description: 'Imported', schema: importAnswer },
        403: { description: 'Not a member of the enrolment division' },
        404: { description: 'Not a member of a childcare division' },
        413: { description: 'Larger than 5 MB' },
        415: { description: 'The body is not text/csv' },
        422: { description: 'Refused: every problem in `errors`, nothing stored' },
      },
      async handler({ req, reply, query, staff }) {
        assertCanFacility(staff, 'import-counts', ctx.config);
        if (!Buffer.isBuffer(req.body)) throw errors.unsupportedMediaType();
        const result = await importCounts(ctx, {
          month: query.month,
          bytes: req.body,
          importedBy: staff.id,
          audit: auditContextOf(req),
          departmentId: facilityDepartmentOf(staff, ctx.config) ?? null,
        });
        if (!result.ok) throw errors.validation(result.problems.map((p) => ({ field: problemField(p), message: p.message })));
        reply.code(201);
        const { ok: _ok, ...answer } = result;
        return answer;
      },
    });
  });
}
