/**
 * The documentation behind RFC 9457 `type` URIs: `<PUBLIC_BASE_URL>/problems/<code>` is a small page
 * per problem code (title, meaning, what to do; Japanese or English), generated from the catalogue
 * in errors.ts, plus an index at /problems. A client that dereferences `type` lands here.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, problemType, problemTypes, type ProblemType } from './errors.js';
import type { Lang } from './i18n.js';
import { problemDocsMessages } from './problem-docs.messages.js';
import { parseOrThrow } from './validation.js';
import { html } from '../web/html.js';
import { layout } from '../web/layout.js';

/** The `type` URI of a problem code: its documentation page, or `about:blank` for a code the catalogue lacks. */
export function problemTypeUri(publicBaseUrl: string, code: string): string {
  return problemType(code) ? `${publicBaseUrl}/problems/${code}` : 'about:blank';
}

function problemPage(lang: Lang, code: string, p: ProblemType) {
  const m = problemDocsMessages.in(lang);
  return layout({
    lang,
    title: p.title[lang],
    path: `/problems/${code}`,
    main: html`<h1 class="page-title">${p.title[lang]}</h1>
<dl>
  <dt>code</dt><dd><code>${code}</code></dd>
  <dt>${m('status')}</dt><dd>${String(p.status)}</dd>
  <dt>${m('meaning')}</dt><dd>${p.meaning[lang]}</dd>
  <dt>${m('action')}</dt><dd>${p.action[lang]}</dd>
</dl>
<p class="muted">${m('detail')}</p>
<p><a href="/problems">${m('all')}</a></p>`,
  });
}

function indexPage(lang: Lang) {
  const m = problemDocsMessages.in(lang);
  const rows = Object.entries(problemTypes as Record<string, ProblemType>).map(
    ([code, p]) =>
      html`<tr><td><a href="/problems/${code}"><code>${code}</code></a></td><td>${String(p.status)}</td><td>${p.title[lang]}</td></tr>`,
  );
  return layout({
    lang,
    title: m('index'),
    path: '/problems',
    main: html`<h1 class="page-title">${m('index')}</h1>
<p>${m('detail')}</p>
<table class="table"><thead><tr><th scope="col">code</th><th scope="col">${m('status')}</th><th scope="col">title</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  });
}

const codeParams = z.object({ code: z.string().max(64) });

export function registerProblemDocs(app: FastifyInstance): void {
  app.get('/problems', async (req, reply) => {
    reply.header('Cache-Control', 'public, max-age=3600');
    return reply.type('text/html; charset=utf-8').send(indexPage(req.lang).toString());
  });
  app.get('/problems/:code', async (req, reply) => {
    const { code } = parseOrThrow(codeParams, req.params);
    const p = problemType(code);
    if (!p) throw errors.notFound();
    reply.header('Cache-Control', 'public, max-age=3600');
    return reply.type('text/html; charset=utf-8').send(problemPage(req.lang, code, p).toString());
  });
}
