import type { Lang } from '../http/i18n.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export function errorPage(o: {
  lang: Lang;
  status: number;
  title: string;
  fieldErrors: { field: string; message: string }[];
  requestId: string;
}): SafeHtml {
  const back = o.lang === 'ja' ? '前の画面に戻る' : 'Go back';
  return layout({
    lang: o.lang,
    title: o.title,
    main: html`<div class="notice notice--error" role="alert">
  <h1 class="page-title">${o.title}</h1>
  ${o.fieldErrors.length ? html`<ul>${o.fieldErrors.map((f) => html`<li>${f.field}: ${f.message}</li>`)}</ul>` : ''}
  <p class="muted">${o.lang === 'ja' ? '問い合わせ番号' : 'Reference'}: <code>${o.requestId}</code></p>
</div>
<p><a href="/">${back}</a></p>`,
  });
}
