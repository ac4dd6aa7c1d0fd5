/** The staff frame: staff navigation, the department switcher, the user menu. */
import type { Lang } from '../../http/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { navList } from './nav-list.js';
import { shellTitle } from './page-title.js';
import type { NavItem } from './types.js';

export type StaffShellOptions = {
  lang: Lang;
  title: string;
  main: SafeHtml;
  /** E.g. 「まどぐち 職員」. */
  siteName: string;
  /** Where the site name leads (default `/`). */
  siteHref?: string;
  path?: string;
  /** The staff menu (e.g. label 「職員メニュー」); left out before sign-in is complete. */
  nav?: { label: string; items: readonly NavItem[] };
  /** After the menu: the department switcher form or the department's name. */
  context?: SafeHtml;
  /** The person's menu (see userMenu) or a lone log-out form. */
  userMenu?: SafeHtml;
  hasErrors?: boolean;
  scripts?: string[];
};

export function staffShell(o: StaffShellOptions): SafeHtml {
  const header = [o.nav ? navList(o.nav) : undefined, o.context, o.userMenu].filter((x): x is SafeHtml => x !== undefined);
  return layout({
    lang: o.lang,
    title: shellTitle(o.lang, o.title, o.hasErrors),
    main: o.main,
    header: header.length ? html`${header.map((h, i) => (i ? html`\n${h}` : h))}` : undefined,
    siteName: o.siteName,
    siteHref: o.siteHref,
    path: o.path,
    scripts: o.scripts,
  });
}
