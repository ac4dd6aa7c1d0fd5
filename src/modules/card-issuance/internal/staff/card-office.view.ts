/** What the card office's screens share: the policy check every page declares, the page frame and outcome notices. */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import type { AppContext } from '../../../../platform/context.js';
import { notice } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import { assertCan, type CardAction } from '../../card.policy.js';
import { officeOf } from '../../staff-office.js';

/**
 * A page's `allow`: the person works in a card office (else 404, before anything of the request is
 * read) and the card policy lets them do `action` there (else its 403 with the reason).
 */
export const officeAllows =
  (ctx: AppContext, action: CardAction) =>
  async (actor: StaffActor): Promise<boolean> => {
    assertCan(actor, action, (await officeOf(ctx, actor)).departmentId);
    return true;
  };

export function renderCardOffice(req: FastifyRequest, title: string, main: SafeHtml): string {
  return renderStaffPage(req, { title, main, active: 'card' });
}

/** An outcome above a screen: announced politely, an error interrupts. */
export function outcome(kind: 'success' | 'error' | 'warning', title: string, lines: readonly string[] = []): SafeHtml {
  return notice({
    kind,
    role: kind === 'error' ? 'alert' : 'status',
    body: html`<p><strong>${title}</strong></p>${lines.length ? html`<ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>` : ''}`,
  });
}
