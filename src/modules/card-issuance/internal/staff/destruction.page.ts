/**
 * /staff/card/destruction — the cards due for destruction (廃棄予定; every member of the office sees
 * the list) and the bulk confirmation that they were destroyed (only its department administrator,
 * card policy 'confirm-destruction'). A refused confirmation keeps the ticks as they were.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage } from '../../../../http/page-route.js';
import { zodMessage } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatJstDayNumeric } from '../../../../platform/japan-time.js';
import { button, checkboxes, csrfInput, dataTable, errorSummary, linkButton, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { formatReservationId } from '../../shared/normalise.js';
import { officeOf } from '../../staff-office.js';
import { confirmDestruction, DESTRUCTION_PAGE_SIZE } from '../card-destruction.js';
import { listDueForDestruction } from '../list-due-for-destruction.js';
import { cardSettingsMessages } from './card-settings.messages.js';
import { officeAllows, outcome, renderCardOffice } from './card-office.view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const day = (d: Date | null) => (d ? formatJstDayNumeric(d) : '—');

const destructionBody = z.object({
  // The ticked cards (one `cardId` per box); anything that is not an id is ignored.
  cardId: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).filter((x) => UUID.test(x)))
    .pipe(z.array(z.string()).min(1, zodMessage(cardSettingsMessages, 'selectDestroyed'))),
  confirm: z
    .string()
    .default('')
    .refine((v) => v === 'yes', zodMessage(cardSettingsMessages, 'tickConfirm')),
});

type View = { actor: StaffActor; csrf: string; message?: SafeHtml; errors?: FieldMessage[]; ticked?: ReadonlySet<string> };

async function render(ctx: AppContext, req: FastifyRequest, o: View): Promise<string> {
  const lang = req.lang;
  const t = cardSettingsMessages.in(lang);
  const office = await officeOf(ctx, o.actor);
  const v = await listDueForDestruction(ctx, { staff: o.actor, departmentId: office.departmentId, ...auditContextOf(req) });
  const { cards, total } = v;
  const title = t('destructionTitle');
  const columns = [
    ...(v.mayConfirm ? [{ key: 'destroy' as const, label: t('destroy') }] : []),
    { key: 'controlNo' as const, label: t('controlNo') },
    { key: 'arrived' as const, label: t('arrived') },
    { key: 'uncollected' as const, label: t('uncollected') },
    { key: 'due' as const, label: t('due') },
  ];
  const table = dataTable({
    lang,
    caption: title,
    hideCaption: true,
    columns,
    rows: cards.map((c, i) => ({
      // Ticked unless a refused confirmation left it unticked.
      destroy: html`<input type="checkbox" id="destroy-${i}" name="cardId" value="${c.id}"${o.ticked && !o.ticked.has(c.id) ? '' : html` checked`}>`,
      controlNo: v.mayConfirm
        ? html`<label for="destroy-${i}">${formatReservationId(c.controlNo)}</label>`
        : formatReservationId(c.controlNo),
      arrived: day(c.receivedAt),
      uncollected: day(c.uncollectedAt),
      due: day(c.dueAt),
    })),
  });
  const shown = cards.length;
  const count =
    total > shown
      ? v.mayConfirm
        ? t('showingEarliestNext', { total, shown, next: Math.min(DESTRUCTION_PAGE_SIZE, total - shown) })
        : t('showingEarliest', { total, shown })
      : t('allCards', { total });
  const list = !shown
    ? html`<p class="muted">${t('noneDue')}</p>`
    : !v.mayConfirm
      ? html`<p class="hint">${t('destructionAdminOnly')}</p>${table}<p>${count}</p>`
      : html`<form method="post" action="/staff/card/destruction">${csrfInput(o.csrf)}
${table}
<p>${count}</p>
${checkboxes({
  name: 'confirm',
  id: 'destroy-confirm',
  lang,
  label: t('confirmDestroyedLegend'),
  markOptional: false,
  choices: [{ value: 'yes', label: t('confirmDestroyed') }],
  errors: o.errors,
})}
${button({ label: t('confirmDestruction') })}</form>`;
  const main = html`<h1 class="page-title">${title}</h1>
${errorSummary({ title: t('checkInput'), errors: o.errors ?? [], fieldId: (f) => (f === 'cardId' ? 'destroy-0' : 'destroy-confirm') })}${o.message ?? ''}
<p>${t('destructionIntro', { after: v.lifecycle.destroyAfterDays, min: v.lifecycle.destroyMinDaysAfterReceipt })} <a href="/staff/card/deadlines">${t('changePeriods')}</a></p>
${list}
<p>${linkButton({ href: '/staff/card', label: t('backToOffice'), kind: 'secondary' })}</p>`;
  return renderCardOffice(req, title, main);
}

export function registerDestructionPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card/destruction',
    summary: 'Card office: cards due for destruction (audited list)',
    auth: 'staff',
    allow: officeAllows(ctx, 'view'),
    handler: ({ req, actor, csrf }) => render(ctx, req, { actor, csrf }),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/card/destruction',
    summary: 'Card office: confirm that the ticked cards were destroyed (department administrator)',
    auth: 'staff',
    allow: officeAllows(ctx, 'confirm-destruction'),
    body: destructionBody,
    invalid: ({ req, actor, csrf, raw, errors }) =>
      render(ctx, req, { actor, csrf, errors, ticked: new Set((raw.cardId ?? '').split('\n').filter(Boolean)) }),
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      const r = await confirmDestruction(ctx, {
        staff: actor,
        departmentId: office.departmentId,
        cardIds: body.cardId,
        ...auditContextOf(req),
      });
      const t = cardSettingsMessages.in(lang);
      const text = t('destroyed', { count: r.destroyed }) + (r.skipped ? t('skipped', { count: r.skipped }) : '');
      return render(ctx, req, { actor, csrf, message: outcome(r.skipped ? 'warning' : 'success', text) });
    },
  });
}
