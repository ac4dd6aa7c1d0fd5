/** The My Number card pickup booking site's frame (internet zone): its own site name, no menu. */
import type { Lang } from '../../http/i18n.js';
import type { SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { shellTitle } from './page-title.js';

export type CardSiteShellOptions = {
  lang: Lang;
  title: string;
  main: SafeHtml;
  /** E.g. 「マイナンバーカード受取予約」. */
  siteName: string;
  /** Where the language switch leads: the page's own URL, or the form's page when answering a POST. */
  path?: string;
  /** Header content such as the signed-in booking's log-out form. */
  header?: SafeHtml;
  hasErrors?: boolean;
  scripts?: string[];
};

export function cardSiteShell(o: CardSiteShellOptions): SafeHtml {
  return layout({
    lang: o.lang,
    title: shellTitle(o.lang, o.title, o.hasErrors),
    main: o.main,
    header: o.header,
    siteName: o.siteName,
    path: o.path,
    scripts: o.scripts,
  });
}
