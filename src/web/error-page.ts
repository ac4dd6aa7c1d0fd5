import type { Lang } from '../http/i18n.js';
import { html, type SafeHtml } from './html.js';
import { cm } from './components/messages.js';
import { layout } from './layout.js';

export function errorPage(o: {
  lang: Lang;
  status: number;
  title: string;
  fieldErrors: { field: string; message: string }[];
  requestId: string;
}): SafeHtml {
  const back = cm(o.lang, 'goBack');
  // The tab and history show an error at once, never the title of the form that led here.
  const kind = cm(o.lang, o.status === 404 ? 'notFound' : 'error');
  return layout({
    lang: o.lang,
    title: o.status === 404 ? kind : `${kind}: ${o.title}`,
    main: html`<div class="notice notice--error" role="alert" tabindex="-1" autofocus>
  <h1 class="page-title">${o.title}</h1>
  ${o.fieldErrors.length ? html`<ul>${o.fieldErrors.map((f) => html`<li>${f.field}: ${f.message}</li>`)}</ul>` : ''}
  <p class="muted">${cm(o.lang, 'reference')}: <code>${o.requestId}</code></p>
</div>
<p><a href="/">${back}</a></p>`,
  });
}
