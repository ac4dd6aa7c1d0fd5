/**
 * /staff/privacy/breach — the breach-impact report for the privacy officer (any scope, a staff account or
 * tables) and department heads (their departments' procedures and services): the form, the draft on screen,
 * its PDF and JSON, and the officer's contact list of the people affected (CSV). Every POST carries the
 * session's CSRF token; every draft and export is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { addDays, jstDate } from '../../../../platform/japan-time.js';
import { auditContextOf } from '../../../audit/index.js';
import type { RegisterSource } from '../../privacy-part.js';
import { canReadContactList, canReadInventory, canSeeScope, inventoryDepartments } from '../../privacy.policy.js';
import { readRegister } from '../../read-register.js';
import { breachReportPdf } from '../breach-pdf.js';
import { breachMessages } from '../breach.messages.js';
import { type BreachForm, breachForm as formSchema } from '../breach.schemas.js';
import { draftBreachReport, exportBreachContacts } from '../draft-breach-report.js';
import { BREACH_URL, breachForm, type FormValues, renderFormPage, renderReportPage, type ScopeOption } from './breach.view.js';

async function scopeOptions(ctx: AppContext, registers: RegisterSource, actor: StaffActor, lang: Lang): Promise<ScopeOption[]> {
  const modules = await readRegister(ctx.db, registers());
  const isOfficer = inventoryDepartments(actor) === 'all';
  const out = new Map<string, ScopeOption>();
  for (const m of modules) {
    if (isOfficer) out.set(`module:${m.module}`, { value: `module:${m.module}`, label: `module:${m.module}` });
    for (const s of m.scopes)
      if (canSeeScope(actor, s))
        out.set(s.id, { value: s.id, label: breachMessages.t(lang, 'scopeWithId', { labels: s.label[lang], id: s.id }) });
  }
  if (isOfficer) for (const z of ['zone:internet', 'zone:internal']) out.set(z, { value: z, label: z });
  return [...out.values()];
}

const valuesOf = (f: BreachForm): FormValues => ({
  from: f.from,
  to: f.to,
  scope: f.scope,
  staff: f.staff,
  tables: f.tables,
  cause: f.cause,
  measures: f.measures,
});

export function registerBreachPages(app: FastifyInstance, ctx: AppContext, registers: RegisterSource): void {
  const form = async (
    req: FastifyRequest,
    actor: StaffActor,
    csrf: string,
    v: FormValues,
    errors: { field: string; message: string }[] = [],
  ) =>
    breachForm(
      {
        lang: req.lang,
        csrf,
        scopes: await scopeOptions(ctx, registers, actor, req.lang),
        isOfficer: inventoryDepartments(actor) === 'all',
      },
      v,
      errors,
    );
  const invalid = async ({
    req,
    actor,
    csrf,
    raw,
    errors,
  }: {
    req: FastifyRequest;
    actor: StaffActor;
    csrf: string;
    raw: Record<string, string>;
    errors: { field: string; message: string }[];
  }) => renderFormPage(req, await form(req, actor, csrf, raw, errors));
  /** A scope the register does not know comes back as the form with the field marked (422). */
  const orForm = async <T>(req: FastifyRequest, actor: StaffActor, csrf: string, body: BreachForm, fn: () => Promise<T>) => {
    try {
      return { ok: true as const, value: await fn() };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return {
        ok: false as const,
        page: { html: renderFormPage(req, await form(req, actor, csrf, valuesOf(body), pageErrorsOf(err, req.lang))), status: 422 },
      };
    }
  };

  definePage(app, {
    method: 'GET',
    url: BREACH_URL,
    summary: 'The breach-impact report form (privacy officer; department heads for their departments)',
    auth: 'staff',
    allow: canReadInventory,
    deny: 403,
    async handler({ req, actor, csrf }) {
      const today = jstDate(ctx.clock.now());
      return renderFormPage(req, await form(req, actor, csrf, { from: addDays(today, -30), to: today }));
    },
  });

  definePage(app, {
    method: 'POST',
    url: BREACH_URL,
    summary: 'Draft the breach-impact report on screen (audited)',
    auth: 'staff',
    body: formSchema,
    allow: canReadInventory,
    deny: 403,
    invalid,
    async handler({ req, actor, csrf, body, lang }) {
      const r = await orForm(req, actor, csrf, body, () =>
        draftBreachReport(ctx, registers(), { actor, form: body, audit: auditContextOf(req), format: 'screen', lang }),
      );
      if (!r.ok) return r.page;
      return renderReportPage(req, {
        report: r.value.report,
        csrf,
        values: valuesOf(body),
        mayExportContacts: canReadContactList(actor) && (r.value.impact.notifiable ? r.value.impact.people > 0 : false),
        form: await form(req, actor, csrf, valuesOf(body)),
      });
    },
  });

  for (const format of ['pdf', 'json'] as const)
    definePage(app, {
      method: 'POST',
      url: `${BREACH_URL}/report.${format}`,
      summary: `Download the breach-impact report as ${format.toUpperCase()} (audited)`,
      auth: 'staff',
      body: formSchema,
      allow: canReadInventory,
      deny: 403,
      invalid,
      async handler({ req, reply, actor, csrf, body, lang }) {
        const r = await orForm(req, actor, csrf, body, () =>
          draftBreachReport(ctx, registers(), { actor, form: body, audit: auditContextOf(req), format, lang }),
        );
        if (!r.ok) return r.page;
        const name = `breach-report-${body.from}-${body.to}.${format}`;
        reply.header('Content-Disposition', `attachment; filename="${name}"`);
        if (format === 'pdf') await reply.type('application/pdf').send(await breachReportPdf(r.value.report));
        else
          await reply.type('application/json; charset=utf-8').send(JSON.stringify({ ...r.value.impact, draft: r.value.report }, null, 2));
        return sent;
      },
    });

  definePage(app, {
    method: 'POST',
    url: `${BREACH_URL}/contacts.csv`,
    summary: 'Download the contact list of the people affected (privacy officer only; audited with the count)',
    auth: 'staff',
    body: formSchema,
    allow: canReadContactList,
    deny: 403,
    invalid,
    async handler({ req, reply, actor, csrf, body, lang }) {
      const r = await orForm(req, actor, csrf, body, () =>
        exportBreachContacts(ctx, registers(), { actor, form: body, audit: auditContextOf(req), lang }),
      );
      if (!r.ok) return r.page;
      await reply
        .type('text/csv; charset=UTF-8')
        .header('Content-Disposition', `attachment; filename="breach-contacts-${body.from}-${body.to}.csv"`)
        .header('Cache-Control', 'no-store')
        .send(r.value.body);
      return sent;
    },
  });
}
