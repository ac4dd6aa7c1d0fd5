/** Internal-zone staff pages under /staff/card (never registered in an internet-zone process). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../../../http/actor.js';
import { errors, type FieldError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { formatJstDateTime, formatJstDayNumeric } from '../../../platform/japan-time.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { csrfField, readableDepartmentIds, registerStaffNav, renderStaffPage } from '../../staff/index.js';
import { ExchangeFileError } from '../shared/exchange-file.js';
import { ZoneKeyError } from '../shared/zone-keys.js';
import { formatReservationId } from '../shared/normalise.js';
import { audit, cardOfficeDepartments, field, memberOfAny, officeOf, uploaded, uploadedFile, withUploads } from '../staff-office.js';
import { addCardNote, cardDashboard, changeCardState } from './card-progress.js';
import { CARD_STATES, STATE_LABELS, isCardState } from './card-states.js';
import { exportBundle } from './export-bundle.js';
import { importBookings } from './import-bookings.js';
import { formatErrorReport, importIssuanceList } from './import-issuance-list.js';
import { importProgressResults } from './import-progress-results.js';
import { lettersSection, registerLetterRoutes } from './letters.routes.js';
import { searchCards, viewCard } from './search-cards.js';
import { getCardDeadlines, overdueCards, setCardDeadlines } from './card-deadlines.js';
import { DEFAULT_HEADERS, ISSUANCE_FIELDS, type ColumnMapping } from './issuance-list-layout.js';
import { upsertCardSettings } from './card-settings.js';
import { recordAudit } from '../../audit/index.js';
import { fieldErrorsOf } from '../../../http/validation.js';
import { daysField, lifecycleSettingsSection } from './lifecycle-settings.section.js';
import { cardLifecycleSchema, getCardLifecycle, setCardLifecycle } from './card-lifecycle-settings.js';
import { countDueForDestruction } from './card-destruction.js';
import { registerDestructionRoutes } from './destruction.routes.js';
import { cardContactSchema, getCardContact, setCardContact } from './card-contact-settings.js';
import { contactSettingsSection } from './contact-settings.section.js';
import { assertCan, can } from '../card.policy.js';

type L = 'ja' | 'en';
const t = (lang: L, ja: string, en: string) => (lang === 'ja' ? ja : en);
const fmt = (d: Date | null | undefined, lang: L) => (d ? formatJstDateTime(d, lang) : '');
const page = (req: FastifyRequest, title: string, main: SafeHtml) => renderStaffPage(req, { title, main, active: 'card' });

function notice(kind: 'success' | 'error' | 'warning', title: string, lines: string[] = []): SafeHtml {
  return html`<div class="notice notice--${kind}" role="${kind === 'error' ? 'alert' : 'status'}"><p><strong>${title}</strong></p>${
    lines.length ? html`<ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>` : ''
  }</div>`;
}

export async function registerInternalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Only members of a card office see the entry (everyone else would get 404 behind it).
  const offices = cardOfficeDepartments(ctx);
  await offices.refresh();
  registerStaffNav(app, { key: 'card', href: '/staff/card', label: { ja: 'カード交付', en: 'Card issuance' }, visible: memberOfAny(offices), order: 80 });
  const staff = { config: { auth: 'staff' as const } };

  const dashboard = async (req: FastifyRequest, message?: SafeHtml) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const d = await cardDashboard(ctx, office.departmentId);
    const dueForDestruction = await countDueForDestruction(ctx.db, office.departmentId, ctx.clock.now());
    return page(
      req,
      t(lang, 'カード交付管理', 'Card issuance'),
      html`<h1 class="page-title">${t(lang, 'カード交付管理（庁内）', 'Card issuance (internal zone)')}</h1>
${message ?? ''}
<section class="card"><h2>${t(lang, '状態別の枚数', 'Cards by state')}</h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="${t(lang, '状態別の枚数', 'Cards by state')}"><table><thead><tr>${CARD_STATES.map((s) => html`<th scope="col">${STATE_LABELS[s][lang]}</th>`)}<th scope="col">${t(lang, '合計', 'Total')}</th></tr></thead>
<tbody><tr>${CARD_STATES.map((s) => html`<td>${d.byState[s] ?? 0}</td>`)}<td>${d.total}</td></tr></tbody></table></div>
<h3>${t(lang, '受取場所別の予約', 'Bookings by location')}</h3>
${d.byLocation.length ? html`<ul>${d.byLocation.map((l) => html`<li>${l.location}: ${l.count}</li>`)}</ul>` : html`<p class="muted">${t(lang, 'まだありません。', 'None yet.')}</p>`}
<h3>${t(lang, '日別（直近14日）', 'Per day (last 14 days)')}</h3>
<div class="table-wrap" role="region" tabindex="0" aria-label="${t(lang, '日別の件数', 'Per day')}"><table><thead><tr><th scope="col">${t(lang, '日付', 'Day')}</th><th scope="col">${STATE_LABELS.received[lang]}</th><th scope="col">${STATE_LABELS.letter_sent[lang]}</th><th scope="col">${STATE_LABELS.booked[lang]}</th><th scope="col">${STATE_LABELS.issued[lang]}</th></tr></thead>
<tbody>${d.byDay.map((r) => html`<tr><td>${r.day}</td><td>${r.received}</td><td>${r.letters}</td><td>${r.booked}</td><td>${r.issued}</td></tr>`)}</tbody></table></div></section>

<p><a href="/staff/card/deadlines">${t(lang, '受取期限と期限切れの未受取カード', 'Pickup deadlines and overdue cards')}</a> ・ <a href="/staff/card/destruction">${t(lang, `廃棄予定のカード（${dueForDestruction}件）`, `Cards due for destruction (${dueForDestruction})`)}</a> ・ <a href="/staff/card/mapping">${t(lang, '交付対象者一覧の列の対応', 'Issuance-list column mapping')}</a></p>
<section class="card"><h2>${t(lang, '検索', 'Search')}</h2>
<p class="hint">${t(lang, '暗号化して保存しているため、完全一致のみ検索できます（前方一致・部分一致はできません）。フリガナは全角・半角・ひらがな・空白の違いを区別しません。', 'Data is stored encrypted: only exact matches can be found (no prefix or partial search). Kana ignores width, hiragana/katakana and spaces.')}</p>
<form method="get" action="/staff/card/search" class="filters">
<div class="form-field"><label for="kana">${t(lang, 'フリガナ', 'Name (kana)')}</label><input id="kana" name="kana"></div>
<div class="form-field"><label for="birth">${t(lang, '生年月日', 'Birth date')}</label><input id="birth" name="birthDate" placeholder="1980-04-01"></div>
<div class="form-field"><label for="address">${t(lang, '住所', 'Address')}</label><input id="address" name="address"></div>
<div class="form-field"><label for="number">${t(lang, '番号（製造管理番号＝ログインID・申請書ID・発送番号）', 'Number (control number = log-in ID, application or shipping)')}</label><input id="number" name="number"></div>
<button type="submit" class="button">${t(lang, '検索', 'Search')}</button></form></section>

<section class="card"><h2>${t(lang, '交付対象者一覧の取込', 'Import the issuance list')}</h2>
<p class="hint">${t(lang, 'CSV（見出し行に 製造管理番号, 申請書ID, 発送番号, 氏名, フリガナ, 生年月日, 性別, 郵便番号, 住所）。1件でも誤りがあれば何も取り込みません。', 'CSV with a header row (製造管理番号, 申請書ID, 発送番号, 氏名, フリガナ, 生年月日, 性別, 郵便番号, 住所). Any error: nothing is imported.')}</p>
<form method="post" action="/staff/card/import" enctype="multipart/form-data">${csrfField(req)}
<div class="form-field"><label for="list-file">${t(lang, 'ファイル', 'File')}<span class="required">${t(lang, '必須', 'Required')}</span></label><input id="list-file" type="file" name="file" accept=".csv,text/csv" required></div>
<div class="form-field"><label for="encoding">${t(lang, '文字コード', 'Encoding')}</label><select id="encoding" name="encoding"><option value="">${t(lang, '自動判定', 'Detect')}</option><option value="shift_jis">Shift_JIS</option><option value="utf-8">UTF-8</option></select></div>
<button type="submit" class="button">${t(lang, '取り込む', 'Import')}</button></form></section>

<section class="card"><h2>${t(lang, '進捗結果の取込', 'Import progress results')}</h2>
<form method="post" action="/staff/card/progress" enctype="multipart/form-data">${csrfField(req)}
<div class="form-field"><label for="progress-kind">${t(lang, '種類', 'Kind')}</label><select id="progress-kind" name="kind"><option value="setup">${t(lang, '交付前設定結果', 'Pre-issuance setup result')}</option><option value="issued">${t(lang, '交付済結果', 'Issued result')}</option></select></div>
<div class="form-field"><label for="progress-file">${t(lang, 'ファイル', 'File')}</label><input id="progress-file" type="file" name="file" required></div>
<button type="submit" class="button">${t(lang, '取り込む', 'Import')}</button></form></section>

${lettersSection(req, d.unprintedLetters)}

<section class="card"><h2>${t(lang, 'ファイル交換（予約サイト）', 'File exchange (booking site)')}</h2>
<form method="post" action="/staff/card/bundle">${csrfField(req)}<button type="submit" class="button">${t(lang, '予約サイト用ファイルを出力（署名付き）', 'Export the signed bundle')}</button></form>
<form method="post" action="/staff/card/bookings" enctype="multipart/form-data">${csrfField(req)}
<div class="form-field"><label for="bookings-file">${t(lang, '予約一覧ファイル（予約サイトから）', 'Booking file (from the booking site)')}</label><input id="bookings-file" type="file" name="file" required></div>
<button type="submit" class="button">${t(lang, '予約を取り込み照合', 'Import and match bookings')}</button></form></section>`,
    );
  };

  app.get('/staff/card', staff, async (req, reply) => reply.type('text/html; charset=utf-8').send(await dashboard(req)));

  // ---- Column mapping of the issuance list (the city's header for each field; empty = default) ----
  const mappingPage = async (req: FastifyRequest, message?: SafeHtml, typed?: ColumnMapping) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const current = typed ?? office.columnMapping;
    return page(
      req,
      t(lang, '列の対応', 'Column mapping'),
      html`<h1 class="page-title">${t(lang, '交付対象者一覧の列の対応', 'Issuance-list column mapping')}</h1>${message ?? ''}
<p class="hint">${t(lang, '届いたファイルの見出しが標準と違うときに、その見出しを入力します。空欄の項目は標準の見出しを使います。', "Enter your file's header where it differs from the default; an empty field uses the default header.")}</p>
<form method="post" action="/staff/card/mapping">${csrfField(req)}
${ISSUANCE_FIELDS.map((f) => html`<div class="form-field"><label for="map-${f}">${DEFAULT_HEADERS[f]}</label><p class="hint" id="hint-${f}">${t(lang, `標準: ${DEFAULT_HEADERS[f]}`, `Default: ${DEFAULT_HEADERS[f]}`)}</p><input id="map-${f}" name="${f}" maxlength="100" value="${current[f] ?? ''}" aria-describedby="hint-${f}"></div>`)}
<button type="submit" class="button">${t(lang, '保存', 'Save')}</button></form>
<p><a href="/staff/card">${t(lang, 'カード交付管理に戻る', 'Back to card issuance')}</a></p>`,
    );
  };
  app.get('/staff/card/mapping', staff, async (req, reply) => reply.type('text/html; charset=utf-8').send(await mappingPage(req)));
  app.post('/staff/card/mapping', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const mapping: ColumnMapping = {};
    for (const f of ISSUANCE_FIELDS) {
      const v = field(req, f).normalize('NFKC').trim();
      if (v && v !== DEFAULT_HEADERS[f]) mapping[f] = v;
    }
    const effective = ISSUANCE_FIELDS.map((f) => mapping[f] ?? DEFAULT_HEADERS[f]);
    const dupes = [...new Set(effective.filter((h, i) => effective.indexOf(h) !== i))];
    const bad = Object.values(mapping).some((v) => v.length > 100 || /[\u0000-\u001f\u007f,"]/.test(v));
    if (dupes.length || bad) {
      const text = dupes.length
        ? t(lang, `同じ見出しが複数の項目に指定されています: ${dupes.join('、')}`, `The same header is given for several fields: ${dupes.join(', ')}`)
        : t(lang, '見出しは100文字以内で、カンマ・引用符・制御文字を含めないでください。', 'Headers: up to 100 characters, no commas, quotes or control characters.');
      return reply.code(422).type('text/html; charset=utf-8').send(await mappingPage(req, notice('error', text), mapping));
    }
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await upsertCardSettings(tx, { ...office, columnMapping: mapping }, now);
      await recordAudit(tx, { ...audit(req), action: 'card.mapping.update', departmentId: office.departmentId, recordType: 'card_settings', detail: { fields: Object.keys(mapping) } }, now);
    });
    return reply.type('text/html; charset=utf-8').send(await mappingPage(req, notice('success', t(lang, '保存しました。', 'Saved.')), mapping));
  });

  // ---- Pickup deadlines (per office) and the list of overdue cards ----
  type Typed = { values: Record<string, string>; errors: FieldError[] };
  const deadlinesPage = async (req: FastifyRequest, message?: SafeHtml, typed?: { deadlines?: Typed; lifecycle?: Typed; contact?: Typed }) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const now = ctx.clock.now();
    const d = (await getCardDeadlines(ctx.db, office.departmentId))!;
    const lifecycle = (await getCardLifecycle(ctx.db, office.departmentId))!;
    const contact = (await getCardContact(ctx.db, office.departmentId))!;
    const cards = await overdueCards(ctx.db, office.departmentId, now);
    await ctx.db.transaction((tx) =>
      recordAudit(tx, { ...audit(req), action: 'card.overdue.list', departmentId: office.departmentId, recordType: 'card', detail: { count: cards.length } }, now),
    );
    return page(
      req,
      t(lang, '受取期限', 'Pickup deadlines'),
      html`<h1 class="page-title">${t(lang, '受取期限と期限切れの未受取カード', 'Pickup deadlines and overdue cards')}</h1>${message ?? ''}
<section class="card"><h2>${t(lang, '受取期限の設定', 'Deadline settings')}</h2>
<p class="hint">${t(lang, '期限は市町村ごとに定めます（例: 通知から約3か月、再通知から約2か月）。期限を過ぎても自動では廃棄しません。', 'Each city sets its own deadlines (e.g. about 3 months after the notice, 2 after a re-notice). Nothing is destroyed automatically.')}</p>
<form method="post" action="/staff/card/deadlines">${csrfField(req)}
${daysField(req, { id: 'notice-days', name: 'noticeDeadlineDays', label: t(lang, '交付通知書の受取期限（発送からの日数）', 'Notice deadline (days after sending)'), min: 1, max: 730, value: typed?.deadlines?.values.noticeDeadlineDays ?? d.noticeDeadlineDays, errors: typed?.deadlines?.errors })}
${daysField(req, { id: 'renotice-days', name: 'renoticeDeadlineDays', label: t(lang, '再通知の受取期限（再通知からの日数）', 'Re-notice deadline (days after the re-notice)'), min: 1, max: 730, value: typed?.deadlines?.values.renoticeDeadlineDays ?? d.renoticeDeadlineDays, errors: typed?.deadlines?.errors })}
<button type="submit" class="button">${t(lang, '保存', 'Save')}</button></form></section>
${lifecycleSettingsSection(req, typed?.lifecycle?.values ?? lifecycle, typed?.lifecycle?.errors, can(actor, 'change-lifecycle', office.departmentId))}
${contactSettingsSection(req, typed?.contact?.values ?? contact, typed?.contact?.errors)}
<section class="card"><h2>${t(lang, `期限切れの未受取カード（${cards.length}件）`, `Overdue cards (${cards.length})`)}</h2>
${cards.length
  ? html`<div class="table-wrap" role="region" tabindex="0" aria-label="${t(lang, '期限切れの未受取カード', 'Overdue cards')}"><table><thead><tr><th scope="col">${t(lang, '製造管理番号', 'Control number')}</th><th scope="col">${t(lang, '状態', 'State')}</th><th scope="col">${t(lang, '初回通知', 'First notice')}</th><th scope="col">${t(lang, '再通知', 'Re-notice')}</th><th scope="col">${t(lang, '期限', 'Deadline')}</th></tr></thead><tbody>
${cards.map((c) => html`<tr><td><a href="/staff/card/cards/${c.id}">${formatReservationId(c.controlNo)}</a></td><td>${STATE_LABELS[c.state][lang]}</td><td>${formatJstDayNumeric(c.firstNoticeAt)}</td><td>${c.renoticed ? formatJstDayNumeric(c.lastNoticeAt) : '—'}</td><td>${formatJstDayNumeric(c.deadline)}</td></tr>`)}
</tbody></table></div>`
  : html`<p class="muted">${t(lang, '期限を過ぎたカードはありません。', 'No card is past its deadline.')}</p>`}</section>`,
    );
  };
  app.get('/staff/card/deadlines', staff, async (req, reply) => reply.type('text/html; charset=utf-8').send(await deadlinesPage(req)));
  app.post('/staff/card/deadlines', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    assertCan(actor, 'change-deadlines', office.departmentId);
    const values = { noticeDeadlineDays: field(req, 'noticeDeadlineDays'), renoticeDeadlineDays: field(req, 'renoticeDeadlineDays') };
    const bad = Object.entries(values)
      .filter(([, v]) => !/^\s*[0-9]{1,3}\s*$/.test(v) || Number(v) < 1 || Number(v) > 730)
      .map(([k]) => ({ field: k, message: { ja: '期限は1〜730日の整数で入力してください。', en: 'Enter whole days from 1 to 730.' } }));
    if (bad.length)
      return reply.code(422).type('text/html; charset=utf-8').send(
        await deadlinesPage(req, notice('error', t(req.lang, '入力内容を確認してください。何も変更していません。', 'Please check what you entered. Nothing was changed.')), { deadlines: { values, errors: bad } }),
      );
    const [noticeDays, renoticeDays] = [Number(values.noticeDeadlineDays), Number(values.renoticeDeadlineDays)];
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await setCardDeadlines(tx, office.departmentId, { noticeDeadlineDays: noticeDays, renoticeDeadlineDays: renoticeDays }, now);
      await recordAudit(tx, { ...audit(req), action: 'card.deadlines.update', departmentId: office.departmentId, recordType: 'card_settings', detail: { notice: noticeDays, renotice: renoticeDays } }, now);
    });
    return reply.type('text/html; charset=utf-8').send(
      await deadlinesPage(req, html`<div class="notice notice--success" role="status"><p>${t(req.lang, '保存しました。', 'Saved.')}</p></div>`),
    );
  });

  app.post('/staff/card/lifecycle', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    assertCan(actor, 'change-lifecycle', office.departmentId);
    const lang = req.lang;
    const values = Object.fromEntries(['destroyAfterDays', 'destroyMinDaysAfterReceipt', 'personalRetentionDays'].map((k) => [k, field(req, k)]));
    const parsed = cardLifecycleSchema.safeParse(values);
    if (!parsed.success)
      return reply.code(422).type('text/html; charset=utf-8').send(
        await deadlinesPage(req, notice('error', t(lang, '入力内容を確認してください。何も変更していません。', 'Please check what you entered. Nothing was changed.')), { lifecycle: { values, errors: fieldErrorsOf(parsed.error) } }),
      );
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await setCardLifecycle(tx, office.departmentId, parsed.data, now);
      await recordAudit(tx, { ...audit(req), action: 'card.lifecycle.update', departmentId: office.departmentId, recordType: 'card_settings', detail: parsed.data }, now);
    });
    return reply.type('text/html; charset=utf-8').send(await deadlinesPage(req, notice('success', t(lang, '保存しました。', 'Saved.'))));
  });
  app.post('/staff/card/contact', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    assertCan(actor, 'change-deadlines', office.departmentId);
    const lang = req.lang;
    const values = Object.fromEntries(['contactOffice', 'contactPhone', 'contactHours'].map((k) => [k, field(req, k)]));
    const parsed = cardContactSchema.safeParse(values);
    if (!parsed.success)
      return reply.code(422).type('text/html; charset=utf-8').send(
        await deadlinesPage(req, notice('error', t(lang, '入力内容を確認してください。何も変更していません。', 'Please check what you entered. Nothing was changed.')), { contact: { values, errors: fieldErrorsOf(parsed.error) } }),
      );
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await setCardContact(tx, office.departmentId, parsed.data, now);
      // The office's public contact, not personal data: recorded so a wrong number on letters can be traced.
      await recordAudit(tx, { ...audit(req), action: 'card.contact.update', departmentId: office.departmentId, recordType: 'card_settings', detail: parsed.data }, now);
    });
    return reply.type('text/html; charset=utf-8').send(await deadlinesPage(req, notice('success', t(lang, '保存しました。', 'Saved.'))));
  });
  registerDestructionRoutes(app, ctx);

  await withUploads(app, (scope) => {
    // Issuance lists are large (hundreds of thousands of lines); result and booking files are small.
    scope.post('/staff/card/import', { config: { ...staff.config, uploadMaxBytes: 300 * 1024 * 1024 } }, async (req, reply) => {
      const actor = await authenticate('staff', req);
      const office = await officeOf(ctx, actor);
      const lang = req.lang;
      const file = uploadedFile(req);
      if (!file) throw errors.validation([{ field: 'file', message: { ja: 'ファイルを選んでください。', en: 'Choose a file.' } }]);
      const enc = field(req, 'encoding');
      const r = await importIssuanceList(ctx, {
        settings: office, fileName: 'upload.csv', open: () => file.open(),
        encoding: enc === 'shift_jis' || enc === 'utf-8' ? enc : undefined, ...audit(req),
      });
      const msg = r.ok
        ? notice('success', t(lang, `${r.rows}件を取り込みました（${r.encoding}）。`, `Imported ${r.rows} cards (${r.encoding}).`))
        : notice('error', t(lang, `取り込みませんでした（${r.errorCount}件の問題）。`, `Nothing was imported (${r.errorCount} problem(s)).`), formatErrorReport(r.errors, r.errorCount, lang));
      return reply.code(r.ok ? 200 : 422).type('text/html; charset=utf-8').send(await dashboard(req, msg));
    });
    scope.post('/staff/card/progress', { config: { ...staff.config, uploadMaxBytes: 32 * 1024 * 1024 } }, async (req, reply) => {
      const actor = await authenticate('staff', req);
      const office = await officeOf(ctx, actor);
      const lang = req.lang;
      const file = uploaded(req);
      const kind = field(req, 'kind');
      if (!file || (kind !== 'setup' && kind !== 'issued')) throw errors.validation([{ field: 'file', message: { ja: 'ファイルを選んでください。', en: 'Choose a file.' } }]);
      const r = await importProgressResults(ctx, { settings: office, kind, bytes: file, ...audit(req) });
      const msg = r.ok
        ? notice('success', t(lang, `${r.updated}件を更新しました。`, `Updated ${r.updated} cards.`))
        : notice('error', t(lang, '何も変更していません。', 'Nothing was changed.'), formatErrorReport(r.errors, r.errors.length, lang));
      return reply.code(r.ok ? 200 : 422).type('text/html; charset=utf-8').send(await dashboard(req, msg));
    });
    scope.post('/staff/card/bookings', staff, async (req, reply) => {
      const actor = await authenticate('staff', req);
      const office = await officeOf(ctx, actor);
      const lang = req.lang;
      const file = uploaded(req);
      if (!file) throw errors.validation([{ field: 'file', message: { ja: 'ファイルを選んでください。', en: 'Choose a file.' } }]);
      try {
        const r = await importBookings(ctx, { settings: office, text: file.toString('utf8'), ...audit(req) });
        const msg = notice(
          r.problems.length ? 'warning' : 'success',
          t(lang, `予約${r.rows}行: 予約済${r.booked}件、取消${r.cancelled}件、変更なし${r.unchanged}件、要確認${r.problems.length}件`, `${r.rows} rows: ${r.booked} booked, ${r.cancelled} cancelled, ${r.unchanged} unchanged, ${r.problems.length} to check`),
          r.problems.slice(0, 200).map((p) => `${formatReservationId(p.reservationId)} (${p.bookingRef}): ${p.reason === 'unmatched' ? t(lang, '該当カードなし', 'no such card') : p.reason === 'state_conflict' ? t(lang, 'カードの状態と矛盾', 'conflicts with the card state') : t(lang, '同じカードの予約が複数', 'several bookings for one card')}`),
        );
        return reply.type('text/html; charset=utf-8').send(await dashboard(req, msg));
      } catch (err) {
        if (err instanceof ZoneKeyError) return reply.code(503).type('text/html; charset=utf-8').send(await dashboard(req, notice('error', err.message)));
        if (!(err instanceof ExchangeFileError)) throw err;
        return reply.code(422).type('text/html; charset=utf-8').send(await dashboard(req, notice('error', err.text[lang])));
      }
    });
  });

  registerLetterRoutes(app, ctx);

  app.post('/staff/card/bundle', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    try {
      const r = await exportBundle(ctx, { settings: office, ...audit(req) });
      return reply.type('application/json').header('Content-Disposition', `attachment; filename="card-bundle-${r.sequence}.json"`).send(r.text);
    } catch (err) {
      if (!(err instanceof ZoneKeyError)) throw err;
      return reply.code(503).type('text/html; charset=utf-8').send(await dashboard(req, notice('error', err.message)));
    }
  });

  app.get('/staff/card/search', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const q = req.query as Record<string, string | undefined>;
    const r = await searchCards(ctx, office.departmentId, { kana: q.kana, birthDate: q.birthDate, address: q.address, number: q.number }, audit(req));
    const body =
      r === 'no_criteria'
        ? notice('warning', t(lang, '検索条件を入力してください。', 'Enter at least one criterion.'))
        : r === 'bad_date'
          ? notice('error', t(lang, '生年月日は YYYY-MM-DD または YYYYMMDD で入力してください。', 'Birth date as YYYY-MM-DD or YYYYMMDD.'))
          : html`<p>${t(lang, `${r.length}件`, `${r.length} found`)}</p><div class="table-wrap" role="region" tabindex="0" aria-label="${t(lang, '検索結果', 'Search results')}"><table><thead><tr>
<th scope="col">${t(lang, '製造管理番号', 'Control no.')}</th><th scope="col">${t(lang, '氏名', 'Name')}</th><th scope="col">${t(lang, 'フリガナ', 'Kana')}</th><th scope="col">${t(lang, '生年月日', 'Birth date')}</th><th scope="col">${t(lang, '住所', 'Address')}</th><th scope="col">${t(lang, '状態', 'State')}</th></tr></thead><tbody>
${r.map((c) => html`<tr><td><a href="/staff/card/cards/${c.id}">${formatReservationId(c.controlNo)}</a></td><td>${c.name}</td><td>${c.kana}</td><td>${c.birthDate}</td><td>${c.address}</td><td>${STATE_LABELS[c.state][lang]}</td></tr>`)}
</tbody></table></div>`;
    return reply.type('text/html; charset=utf-8').send(page(req, t(lang, 'カード検索', 'Card search'), html`<h1 class="page-title">${t(lang, 'カード検索結果', 'Card search')}</h1>${body}<p><a href="/staff/card">${t(lang, '戻る', 'Back')}</a></p>`));
  });

  const detail = async (req: FastifyRequest, message?: SafeHtml) => {
    const actor = await authenticate('staff', req);
    const lang = req.lang;
    const id = (req.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/.test(id)) throw errors.notFound();
    const c = await viewCard(ctx, readableDepartmentIds(actor), id, audit(req));
    if (!c) throw errors.notFound();
    const erasedAt = (await ctx.db.query<{ at: Date | null }>('SELECT personal_erased_at AS at FROM card_int_cards WHERE id = $1', [c.id])).rows[0]?.at;
    return page(
      req,
      t(lang, 'カード詳細', 'Card'),
      html`<h1 class="page-title">${formatReservationId(c.controlNo)}</h1>${message ?? ''}
${erasedAt ? notice('warning', t(lang, `保存期間を過ぎたため、${fmt(erasedAt, lang)}に個人情報を消去しました。`, `Personal data was erased on ${fmt(erasedAt, lang)} after the retention period.`)) : ''}
<dl class="card">
<dt>${t(lang, 'ログインID（製造管理番号）', 'Log-in ID (control number)')}</dt><dd>${formatReservationId(c.controlNo)}</dd>
<dt>${t(lang, '氏名', 'Name')}</dt><dd>${c.name}（${c.kana}）</dd>
<dt>${t(lang, '生年月日', 'Birth date')}</dt><dd>${c.birthDate}</dd>
<dt>${t(lang, '住所', 'Address')}</dt><dd>〒${c.postalCode} ${c.address}</dd>
<dt>${t(lang, '申請書ID・発送番号', 'Application id, shipping no.')}</dt><dd>${c.applicationId} / ${c.shippingNo}</dd>
<dt>${t(lang, '状態', 'State')}</dt><dd><span class="badge">${STATE_LABELS[c.state][lang]}</span></dd>
<dt>${t(lang, 'パスワード方式', 'Password policy')}</dt><dd>${c.passwordPolicy === 'random' ? t(lang, 'ランダム', 'Random') : t(lang, '誕生日4桁', 'Birth month-day')}</dd>
<dt>${t(lang, '交付案内', 'Letter')}</dt><dd>${c.letterPrintedAt ? `${fmt(c.letterPrintedAt, lang)}（${c.letterPrintCount}）` : t(lang, '未印刷', 'not printed')}</dd>
<dt>${t(lang, '予約（予約番号・場所・日時）', 'Booking (booking number, place, time)')}</dt><dd>${c.bookingRef ? `${c.bookingRef} ${c.bookingLocation?.split('|')[1] ?? ''} ${fmt(c.bookingStart, lang)} ${c.bookingGroup && c.bookingGroup.length > 1 ? `${t(lang, '同時予約', 'with')}: ${c.bookingGroup.map(formatReservationId).join(', ')}` : ''} ${c.bookingEmail ?? ''} ${c.bookingMemo ?? ''}` : '—'}</dd>
</dl>
<h2>${t(lang, '日付', 'Dates')}</h2><ul>${CARD_STATES.filter((s) => c.dates[s]).map((s) => html`<li>${STATE_LABELS[s][lang]}: ${fmt(c.dates[s], lang)}</li>`)}</ul>
<form method="post" action="/staff/card/cards/${c.id}/state" class="inline-form">${csrfField(req)}
<label for="to">${t(lang, '状態を変更', 'Change state')}</label><select id="to" name="to">${(['returned', 'uncollected', 'destroyed', 'issued', 'letter_sent'] as const).map((s) => html`<option value="${s}">${STATE_LABELS[s][lang]}</option>`)}</select>
<button type="submit" class="button button--secondary">${t(lang, '変更', 'Change')}</button></form>
<h2>${t(lang, 'メモ', 'Notes')}</h2><ul>${c.notes.map((n) => html`<li>${fmt(n.at, lang)} ${n.by ?? ''}: ${n.body}</li>`)}</ul>
<form method="post" action="/staff/card/cards/${c.id}/notes">${csrfField(req)}<div class="form-field"><label for="note">${t(lang, 'メモを追加', 'Add a note')}</label><textarea id="note" name="body" maxlength="1000" required></textarea></div>
<button type="submit" class="button button--secondary">${t(lang, '追加', 'Add')}</button></form>
<p><a href="/staff/card">${t(lang, '戻る', 'Back')}</a></p>`,
    );
  };
  app.get('/staff/card/cards/:id', staff, async (req, reply) => reply.type('text/html; charset=utf-8').send(await detail(req)));
  app.post('/staff/card/cards/:id/state', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const to = field(req, 'to');
    const id = (req.params as { id: string }).id;
    if (!isCardState(to) || !/^[0-9a-f-]{36}$/.test(id)) throw errors.validation([{ field: 'to', message: { ja: '状態を選んでください。', en: 'Choose a state.' } }]);
    const ok = await changeCardState(ctx, office.departmentId, id, to, audit(req));
    const lang = req.lang;
    return reply.code(ok ? 200 : 409).type('text/html; charset=utf-8').send(
      await detail(req, ok ? notice('success', t(lang, '変更しました。', 'Changed.')) : notice('error', t(lang, '現在の状態からは変更できません。', 'Not allowed from the current state.'))),
    );
  });
  app.post('/staff/card/cards/:id/notes', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const body = field(req, 'body').trim().slice(0, 1000);
    const id = (req.params as { id: string }).id;
    if (!body || !/^[0-9a-f-]{36}$/.test(id)) throw errors.validation([{ field: 'body', message: { ja: '入力してください。', en: 'This is required.' } }]);
    if (!(await addCardNote(ctx, office.departmentId, id, body, actor.id, audit(req)))) throw errors.notFound();
    return reply.redirect(`/staff/card/cards/${id}`, 303);
  });
}
