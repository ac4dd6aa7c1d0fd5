/** GET /api/v1/procedures — the published procedures taking applications now (public, pinned shape). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { allFields, type LocalisedText } from './definition.js';
import { listOpenProcedures, type PublishedProcedure } from './read-procedures.js';
import { procedureListQuery, publicProcedureOut } from './procedures.schemas.js';

const textIn = (t: LocalisedText, lang: Lang) => (lang === 'en' && t.en ? t.en : t.ja);

function present(p: PublishedProcedure, lang: Lang): z.output<typeof publicProcedureOut> {
  const d = p.definition;
  const fee = d.fee;
  return {
    id: p.id,
    departmentId: p.departmentId,
    title: textIn(d.title, lang),
    fee: !fee ? null : fee.kind === 'fixed' ? { amount: fee.amount, timing: fee.timing } : { unitPrice: fee.unitPrice, timing: fee.timing },
    fields: allFields(d).map((f) => ({
      key: f.key,
      label: textIn(f.label, lang),
      type: f.type,
      required: f.required,
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: textIn(o.label, lang) })) } : {}),
    })),
  };
}

export function registerProcedureApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/procedures',
    summary: 'Procedures taking applications now, with their fields and fees',
    description:
      'Published procedures that are not archived and whose application period includes now. Titles and labels are in ' +
      'Japanese, or English where the procedure has English texts when `lang=en` (also the lang cookie or Accept-Language). ' +
      'A field shown only on a condition is listed too; a required one is required only when shown.',
    tags: ['applications'],
    auth: 'public',
    query: procedureListQuery,
    responses: { 200: { description: 'Open procedures', schema: z.array(publicProcedureOut) } },
    handler: async ({ req, query }) => {
      const lang = query.lang ?? req.lang;
      return (await listOpenProcedures(ctx.db, ctx.clock.now())).map((p) => present(p, lang));
    },
  });
}
