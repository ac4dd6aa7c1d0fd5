/**
 * The notice over a record's sensitive answers (要配慮個人情報) on a staff detail screen: after a reveal, that
 * they are shown; for a person allowed to read them, the form asking the reason (POST to `action`, never a
 * GET URL, with a single-use token so a reload shows nothing); for anyone else, who may read them. The
 * module passes what differs by record (the intro, who may read, the example reason); the rest is here.
 */
import { randomUUID } from 'node:crypto';
import type { Lang } from '../../http/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { button, csrfInput } from './buttons.js';
import { cm } from './messages.js';
import { notice } from './notice.js';
import { textArea } from './text-area.js';
import type { FieldMessage } from './types.js';

export type SensitiveRevealOptions = {
  lang: Lang;
  /** Where the form posts (the module's reveal route). */
  action: string;
  csrf: string;
  /** How many sensitive answers the record holds (nothing is shown for none). */
  count: number;
  isRevealed: boolean;
  /** The previous form was posted a second time (a reload): nothing was shown or recorded. */
  isReplayed: boolean;
  mayRead: boolean;
  /** The roles allowed to read, for the note to those who may not. */
  readers: readonly ('dept-admin' | 'staff')[];
  texts: {
    /** "This application holds {count} sensitive answers…" */
    intro: string;
    /** "… may be read by {roles}", given the roles in words. */
    whoMay: (roles: string) => string;
    /** Nobody may read them on screen (and who can change that). */
    nobody: string;
    reasonHint: string;
  };
  raw: Record<string, string | undefined>;
  errors: readonly FieldMessage[];
  headingLevel?: 2 | 3;
};

export function sensitiveReveal(o: SensitiveRevealOptions): SafeHtml {
  if (!o.count) return html``;
  if (o.isRevealed) return notice({ kind: 'warning', body: cm(o.lang, 'sensitiveRevealed') });
  if (!o.mayRead) {
    const roles = o.readers
      .map((r) => cm(o.lang, r === 'dept-admin' ? 'readerDeptAdmin' : 'readerStaff'))
      .join(cm(o.lang, 'readerSeparator'));
    return notice({ kind: 'info', body: roles ? o.texts.whoMay(roles) : o.texts.nobody });
  }
  const replayed = o.isReplayed ? notice({ kind: 'info', body: cm(o.lang, 'sensitiveReplayed') }) : '';
  const heading =
    o.headingLevel === 3 ? html`<h3>${cm(o.lang, 'sensitiveHeading')}</h3>` : html`<h2>${cm(o.lang, 'sensitiveHeading')}</h2>`;
  return html`${replayed}<form method="post" action="${o.action}" class="card">
  ${heading}
  <p>${o.texts.intro}</p>
  ${csrfInput(o.csrf)}
  <input type="hidden" name="once" value="${randomUUID()}">
  ${textArea({ lang: o.lang, name: 'reason', id: 'sensitive-reason', label: cm(o.lang, 'sensitiveReason'), hint: o.texts.reasonHint, required: true, rows: 2, maxLength: 200, value: o.raw.reason, errors: [...o.errors] })}
  ${button({ label: cm(o.lang, 'sensitiveRevealButton'), kind: 'secondary' })}
</form>`;
}
