/**
 * The frame of pages opened inside LINE (LIFF): the shared layout, plus scripts by URL (the LIFF SDK
 * and the page's entry script), which the route's Content-Security-Policy must allow.
 */
import type { Lang } from '../../http/i18n.js';
import type { SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { shellTitle } from './page-title.js';

export type LineShellOptions = {
  lang: Lang;
  title: string;
  main: SafeHtml;
  /** Default: the shared site name (まどぐち / madoguchi). */
  siteName?: string;
  path?: string;
  /** Script URLs, loaded deferred in order (e.g. the LIFF SDK, then /line/liff.js). */
  scriptUrls?: string[];
  hasErrors?: boolean;
};

export function lineShell(o: LineShellOptions): SafeHtml {
  return layout({
    lang: o.lang,
    title: shellTitle(o.lang, o.title, o.hasErrors),
    main: o.main,
    siteName: o.siteName,
    path: o.path,
    scriptUrls: o.scriptUrls,
  });
}
