/** The page frame shared by citizen and staff pages: language, skip link, header, main, footer. */
import type { Lang } from '../http/i18n.js';
import { assetUrl } from './asset-urls.js';
import { cm } from './components/messages.js';
import { html, type SafeHtml } from './html.js';

export type PageOptions = {
  lang: Lang;
  title: string;
  main: SafeHtml;
  /** Header content right of the site name (navigation, account menu). */
  header?: SafeHtml;
  siteName?: string;
  /** Where the site name leads (default `/`; the facility portal's process serves no `/`). */
  siteHref?: string;
  /** Extra script files under /assets (progressive enhancement only; pages work without them). */
  scripts?: string[];
  /**
   * Script URLs used as given, after `scripts` (a route such as /line/liff.js, or an SDK on another
   * origin — the page's Content-Security-Policy must allow that origin).
   */
  scriptUrls?: string[];
  /** The current URL: the language switch links back to it (same path and query, other language). */
  path?: string;
};

/** The current page in the other language: the same path and query string, with only `lang` changed. */
export function languageSwitchHref(current: string | undefined, lang: Lang): string {
  const [pathPart = '', query = ''] = (current ?? '').split('#')[0]?.split(/\?(.*)/s) ?? [];
  // Only a local absolute path: never a scheme-relative `//host` or anything a browser would leave the site for.
  const path = /^\/(?![/\\])[^\s]*$/.test(pathPart) ? pathPart : '/';
  const params = new URLSearchParams(query);
  params.delete('lang');
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

export function layout(o: PageOptions): SafeHtml {
  const site = o.siteName ?? cm(o.lang, 'siteName');
  const other = o.lang === 'ja' ? 'en' : 'ja';
  const switchHref = languageSwitchHref(o.path, other);
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} | ${site}</title>
<link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('tokens.css')}">
<link rel="stylesheet" href="${assetUrl('app.css')}">
${(o.scripts ?? []).map((s) => html`<script src="${assetUrl(s)}" defer></script>`)}${(o.scriptUrls ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#main">${cm(o.lang, 'skipToMain')}</a>
<header class="site-header">
  <div class="site-header__inner">
    <a class="site-name" href="${o.siteHref ?? '/'}">${site}</a>
    ${o.header ?? ''}
    <a class="lang-switch" href="${switchHref}" lang="${other}" hreflang="${other}">${cm(o.lang, 'switchLanguage')}</a>
  </div>
</header>
<main id="main" class="main">
${o.main}
</main>
<footer class="site-footer"><p>madoguchi</p></footer>
</body>
</html>`;
}
