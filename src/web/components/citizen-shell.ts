/** The citizens' booking site frame: site name, the citizen menu, language switch. */
import type { Lang } from '../../http/i18n.js';
import type { SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { navList } from './nav-list.js';
import { shellTitle } from './page-title.js';
import type { NavItem } from './types.js';

export type CitizenShellOptions = {
  lang: Lang;
  title: string;
  main: SafeHtml;
  /** E.g. 「まどぐち 窓口予約」. */
  siteName: string;
  /** The request URL: the language switch returns to it. */
  path?: string;
  /** The header menu and its accessible name (e.g. 「メニュー」). */
  nav?: { label: string; items: readonly NavItem[] };
  /** The page shows a refused form: the title starts with 「入力内容を確認してください —」. */
  hasErrors?: boolean;
  scripts?: string[];
};

export function citizenShell(o: CitizenShellOptions): SafeHtml {
  return layout({
    lang: o.lang,
    title: shellTitle(o.lang, o.title, o.hasErrors),
    main: o.main,
    header: o.nav ? navList(o.nav) : undefined,
    siteName: o.siteName,
    path: o.path,
    scripts: o.scripts,
  });
}
