/**
 * The citizens' pages on personal data (issue 14, part 7): `/privacy` lists every procedure and
 * service citizens can use; `/privacy/services/:id`, `/privacy/procedures/:id` (and facilities,
 * modules) and `/privacy/card-booking` show one, generated from the register. A scope that does not
 * exist, is not public (an inactive service, an unpublished or archived procedure) or lives in the
 * internal zone is a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../../http/errors.js';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { PersonalDataRegister } from '../../../platform/personal-data.js';
import { listPublicScopes, readPublicScope } from './read-transparency.js';
import { revalidated } from './revalidate.js';
import { NAMED_SCOPES, PATH_KINDS, scopeIdOf, type NamedScope, type PathKind } from './scope-paths.js';
import { transparencyMessages } from './transparency.messages.js';
import { indexMain, scopeMain, transparencyShell } from './transparency.view.js';

const kinds = Object.keys(PATH_KINDS) as [PathKind, ...PathKind[]];
const names = Object.keys(NAMED_SCOPES) as [NamedScope, ...NamedScope[]];
const scopeParams = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/) });
const namedParams = z.object({ name: z.enum(names) });

export function registerTransparencyPages(app: FastifyInstance, ctx: AppContext, registers: () => readonly PersonalDataRegister[]): void {
  definePage(app, {
    method: 'GET',
    url: '/privacy',
    summary: 'Citizens: every public procedure and service, each linking to what personal data it uses',
    auth: 'public',
    async handler({ req, reply, lang }) {
      const scopes = await listPublicScopes(ctx.db, registers());
      return revalidated(req, reply, transparencyShell(req, transparencyMessages.t(lang, 'indexTitle'), indexMain(lang, scopes)));
    },
  });

  const scopePage = async (req: FastifyRequest, reply: FastifyReply, scopeId: string) => {
    const page = await readPublicScope(ctx.db, registers(), scopeId);
    if (!page) throw errors.notFound();
    const name = page.scope.label[req.lang] || page.scope.label.ja;
    return revalidated(
      req,
      reply,
      transparencyShell(req, transparencyMessages.t(req.lang, 'scopeTitle', { name }), scopeMain(req.lang, page)),
    );
  };

  // one declaration per kind of scope, so the checks over every declared page (escaping, access) open each
  for (const kind of kinds)
    definePage(app, {
      method: 'GET',
      url: `/privacy/${kind}/:id`,
      summary: `Citizens: what one of the ${kind} collects, why, how long, who else receives it`,
      auth: 'public',
      params: scopeParams,
      handler: ({ req, reply, params }) => scopePage(req, reply, scopeIdOf(kind, params.id)),
    });

  definePage(app, {
    method: 'GET',
    url: '/privacy/:name',
    summary: 'Citizens: the same page for a whole site under a plain address (the card booking site: card-booking)',
    auth: 'public',
    params: namedParams,
    handler: ({ req, reply, params }) => scopePage(req, reply, NAMED_SCOPES[params.name]),
  });
}
