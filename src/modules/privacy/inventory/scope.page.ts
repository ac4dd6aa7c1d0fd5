/**
 * /staff/privacy/scopes/:scopeId — one procedure, service or module in full: every item with its purpose,
 * where it is stored (table.column, encrypted, hashed or plain), who reads it, who outside receives what,
 * its retention and how many records hold it. A scope the actor may not see does not exist for them (404);
 * staff who read no inventory get 403. Viewing is audited with the scope as record.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../http/page-route.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { formatJstDateTime } from '../../../platform/japan-time.js';
import { summaryList } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { renderStaffPage } from '../../staff/index.js';
import type { RegisterSource } from '../privacy-part.js';
import { privacyMessages } from '../privacy.messages.js';
import { canReadInventory } from '../privacy.policy.js';
import { departmentLabel, moduleLabel, oldestDay, readersText, recipientTexts, storageText } from './inventory-format.js';
import { INVENTORY_URL } from './inventory.page.js';
import type { InventoryItem } from './inventory-report.js';
import { inventoryMessages } from './inventory.messages.js';
import { auditInventory, inventoryFor } from './view-inventory.js';

const lines = (texts: readonly string[]) => (texts.length === 1 ? texts[0] : html`<ul>${texts.map((x) => html`<li>${x}</li>`)}</ul>`);

function itemSection(i: InventoryItem, lang: Lang) {
  const t = inventoryMessages.in(lang);
  const p = privacyMessages.in(lang);
  return html`<section>
<h3>${i.label[lang]}${i.isSensitive ? html` <span class="badge">${p('sensitive')}</span>` : ''}</h3>
${summaryList({
  items: [
    { term: t('itemKey'), value: html`<code>${i.key}</code>` },
    { term: t('category'), value: p(`category.${i.category}`) },
    { term: t('subject'), value: p(`subject.${i.subject}`) },
    { term: t('purpose'), value: i.purpose[lang] },
    { term: t('storedAt'), value: lines(i.storedAt.map((s) => storageText(s, lang))) },
    { term: t('readers'), value: readersText(i.readers, lang) },
    { term: t('recipients'), value: i.recipients.length ? lines(recipientTexts(i.recipients, lang)) : t('noRecipients') },
    { term: t('retention'), value: i.retention[lang] },
    { term: t('records'), value: i.records },
  ],
})}
</section>`;
}

export function registerScopePage(app: FastifyInstance, ctx: AppContext, registers: RegisterSource): void {
  definePage(app, {
    method: 'GET',
    url: `${INVENTORY_URL}/scopes/:scopeId`,
    summary: 'One scope of the personal data inventory in full: purpose, storage, readers, recipients, retention of each item',
    auth: 'staff',
    params: z.object({ scopeId: z.string().min(1).max(200) }),
    allow: canReadInventory,
    deny: 403,
    async handler({ req, lang, actor, params }) {
      const t = inventoryMessages.in(lang);
      const report = await inventoryFor(ctx, registers, actor);
      const s = report.scopes.find((x) => x.scope.id === params.scopeId);
      if (!s) throw errors.notFound();
      const title = s.scope.label[lang];
      const main = html`<p><a href="${INVENTORY_URL}">${t('backToInventory')}</a></p>
<h1 class="page-title">${title}</h1>
<p class="muted">${t('generatedAt', { time: formatJstDateTime(new Date(report.generatedAt), lang) })}</p>
${summaryList({
  items: [
    { term: t('scopeId'), value: html`<code>${s.scope.id}</code>` },
    { term: t('module'), value: moduleLabel(s.module, lang) },
    { term: t('department'), value: departmentLabel(s.department, lang) },
    { term: t('zone'), value: t(`zone.${s.scope.zone}`) },
    { term: t('isPublic'), value: s.scope.isPublic ? t('publicYes') : t('publicNo') },
    { term: t('records'), value: s.records },
    { term: t('people'), value: s.people },
    { term: t('oldest'), value: oldestDay(s.oldest) || t('none') },
  ],
})}
<h2>${t('itemsCaption', { scope: title })}</h2>
${s.items.length ? s.items.map((i) => itemSection(i, lang)) : html`<p>${t('noItems')}</p>`}`;
      await auditInventory(ctx, auditContextOf(req), {
        action: 'privacy.inventory_viewed',
        scopeId: s.scope.id,
        departmentId: s.scope.departmentId,
        detail: { module: s.module, items: s.items.length },
      });
      return renderStaffPage(req, { title: t('title'), main, active: 'privacy' });
    },
  });
}
