/** Rendering shared by the staff home's alert box and the security events screen. */
import type { Lang } from '../../../platform/i18n.js';
import { postButtonForm } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import type { SecurityEvent } from '../../security/index.js';
import { homeMessages } from './home.messages.js';

/** The subject of an event: the account (login id, linked) when it is a staff account, else the raw id. */
export function subjectOf(e: SecurityEvent, logins: Map<string, string>): SafeHtml {
  if (!e.subject) return html``;
  const login = logins.get(e.subject);
  return login ? html`<a href="/staff/accounts/${e.subject}">${login}</a>` : html`<code>${e.subject}</code>`;
}

/** The 確認済みにする button; `back` is where the acknowledgement returns to. */
export function acknowledgeForm(lang: Lang, e: SecurityEvent, csrf: string, back: '/staff' | '/staff/security-events'): SafeHtml {
  return postButtonForm({
    action: `/staff/security-events/${e.id}/acknowledge`,
    csrf,
    hidden: { back },
    label: homeMessages.t(lang, 'acknowledge'),
    kind: 'secondary',
    small: true,
  });
}
