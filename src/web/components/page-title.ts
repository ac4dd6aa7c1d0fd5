import type { Lang } from '../../http/i18n.js';
import { cm } from './messages.js';

/** With errors the tab title says so first, so a screen reader hears it on arrival. */
export function shellTitle(lang: Lang, title: string, hasErrors: boolean | undefined): string {
  return hasErrors ? `${cm(lang, 'errorTitlePrefix')}${title}` : title;
}
