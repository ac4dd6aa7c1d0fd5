/**
 * The transparency pages built from a hand-made register, independent of the modules' own
 * declarations: which scopes are public, which items a page lists, and each item in words.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PersonalDataRegister, PersonalItem, Scope } from '../../../platform/personal-data.js';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ensureDepartment } from '../../staff/test-support.js';
import { listPublicScopes, readPublicScope } from './read-transparency.js';
import { matchesEtag, pageEtag } from './revalidate.js';
import { pathOfScope } from './scope-paths.js';
import { readersText, scopeMain, indexMain } from './transparency.view.js';

const b = (ja: string, en: string) => ({ ja, en });
const item = (key: string, o: Partial<PersonalItem> = {}): PersonalItem => ({
  key,
  label: b(`${key}の項目`, `${key} item`),
  category: 'contact',
  subject: 'citizen',
  isSensitive: false,
  purpose: b(`${key}の目的`, `${key} purpose`),
  storedAt: [{ table: 'example_rows', column: key, protection: 'encrypted' }],
  readers: { roles: ['staff', 'dept-admin', 'sys-admin'], departments: 'owning', others: b('ご本人（マイページ）', 'You (My Page)') },
  recipients: [],
  retention: b(`${key}は90日後に消去`, `${key} erased after 90 days`),
  ...o,
});

describe('transparency pages from a hand-made register', () => {
  let app: TestApp;
  let register: PersonalDataRegister;

  before(async () => {
    app = await startTestApp();
    const dept = await ensureDepartment(app, 'transparency-unit', '透明課');
    const scope = (id: string, o: Partial<Scope> = {}): Scope => ({
      id,
      label: b(`${id} の窓口`, `${id} counter`),
      departmentId: dept,
      zone: 'internet',
      isPublic: true,
      ...o,
    });
    register = {
      module: 'example',
      tables: [],
      nonPersonalTables: [],
      items: [
        item('email', {
          recipients: [{ to: 'mail_server', receives: b('メールアドレスと通知文', 'the address and the notice text') }],
        }),
        item('handled_by', { subject: 'staff', category: 'activity_record' }),
        item('phone', {
          storedAt: [{ table: 'example_rows', column: 'phone', protection: 'plain' }],
          readers: { roles: [], departments: 'none' },
        }),
      ],
      async scopes() {
        return [
          scope('service:open'),
          scope('service:closed', { isPublic: false }),
          scope('module:back-office', { zone: 'internal' }),
          scope('service:nodept', { departmentId: null }),
        ];
      },
      async definedItems() {
        return [
          item('service:open.health', { category: 'application_answer', isSensitive: true, scopes: ['service:open'] }),
          item('service:nodept.size', { category: 'application_answer', scopes: ['service:nodept'] }),
        ];
      },
    };
  });
  after(() => app?.close());

  it('lists only scopes marked public in the internet zone, with their departments', async () => {
    const list = await listPublicScopes(app.ctx.db, [register]);
    assert.deepEqual(
      list.map((s) => [s.scope.id, s.department?.ja ?? null]),
      [
        ['service:open', '透明課'],
        ['service:nodept', null],
      ],
    );
    const html = indexMain('ja', list).toString();
    assert.match(html, /<a href="\/privacy\/services\/open">service:open の窓口<\/a> <span class="muted">（透明課）<\/span>/);
    assert.doesNotMatch(html, /closed|back-office/);
  });

  it('a page lists the scope’s own and module-wide items about citizens, never staff items or another scope’s fields', async () => {
    const page = await readPublicScope(app.ctx.db, [register], 'service:open');
    assert.deepEqual(
      page?.items.map((i) => i.key),
      ['email', 'phone', 'service:open.health'],
    );
    assert.equal(page?.department?.ja, '透明課');
  });

  it('refuses scopes that are not public, internal or unknown', async () => {
    for (const id of ['service:closed', 'module:back-office', 'service:nope'])
      assert.equal(await readPublicScope(app.ctx.db, [register], id), undefined, id);
  });

  it('writes each item in plain Japanese: why, how long, who else receives what, who reads it, how it is stored', async () => {
    const page = await readPublicScope(app.ctx.db, [register], 'service:open');
    assert.ok(page);
    const html = scopeMain('ja', page).toString();
    assert.match(html, /<h1 class="page-title">service:open の窓口で取り扱う個人情報<\/h1>/);
    assert.match(html, /<dt>利用目的<\/dt><dd>emailの目的<\/dd>/);
    assert.match(html, /<dt>保存期間<\/dt><dd>emailは90日後に消去<\/dd>/);
    assert.match(html, /<dt>市の外への提供<\/dt><dd><ul><li>メール送信サーバー：メールアドレスと通知文<\/li><\/ul><\/dd>/);
    assert.match(
      html,
      /<dt>市で見ることができる人<\/dt><dd>透明課の担当職員・所属長、システム管理者（個人情報保護の担当）、ご本人（マイページ）<\/dd>/,
    );
    assert.match(html, /<dt>保存の方法<\/dt><dd>暗号化して保存しています<\/dd>/);
    // the phone: nobody reads it on screen, stored as it is, given to nobody
    assert.match(html, /phoneの項目<\/h3>[\s\S]*?<dt>市の外への提供<\/dt><dd>ありません<\/dd>/);
    assert.match(html, /phoneの項目<\/h3>[\s\S]*?<dd>市の職員は画面で見ることはできません<\/dd>/);
    assert.match(html, /phoneの項目<\/h3>[\s\S]*?<dd>市のデータベースに保存しています（暗号化なし）<\/dd>/);
    // the sensitive field is marked, and only it
    assert.equal(html.match(/<span class="badge">要配慮個人情報<\/span>/g)?.length, 1);
    assert.match(html, /service:open.healthの項目 <span class="badge">要配慮個人情報<\/span>/);
    // what leaves the city: each recipient once, with what it receives
    assert.match(
      html,
      /<section aria-labelledby="shared">[\s\S]*<ul><li>メール送信サーバー<ul><li>メールアドレスと通知文<\/li><\/ul><\/li><\/ul>\s*<\/section>/,
    );
    assert.match(html, /透明課にお問い合わせください/);
    assert.match(html, /開示、訂正及び利用停止を請求することができます/);
    assert.doesNotMatch(html, /handled_by/);
  });

  it('reads in English too, and names no department when the scope has none', async () => {
    const page = await readPublicScope(app.ctx.db, [register], 'service:nodept');
    assert.ok(page);
    const html = scopeMain('en', page).toString();
    assert.match(html, /Personal data used by service:nodept counter/);
    assert.match(
      html,
      /<dd>staff, department heads of the department in charge; System administrators \(the privacy officer\); You \(My Page\)<\/dd>/,
    );
    assert.match(html, /<li>Mail server<ul><li>the address and the notice text<\/li><\/ul><\/li>/);
    assert.match(html, /service:nodept.size item<\/h3>/);
    assert.match(html, /contact the city office in charge/);
    assert.equal(readersText('en', { roles: ['payment_admin'], departments: 'all' }, null), 'payment officers of any department');
  });

  it('gives every kind of scope its address', () => {
    assert.equal(pathOfScope('service:6f1c'), '/privacy/services/6f1c');
    assert.equal(pathOfScope('procedure:ab-12'), '/privacy/procedures/ab-12');
    assert.equal(pathOfScope('facility:x'), '/privacy/facilities/x');
    assert.equal(pathOfScope('module:card-issuance-internet'), '/privacy/card-booking');
    assert.equal(pathOfScope('module:line'), '/privacy/modules/line');
    assert.equal(pathOfScope('other:x'), undefined);
  });

  it('compares ETags weakly', () => {
    const e = pageEtag('<p>x</p>');
    assert.match(e, /^W\/"[A-Za-z0-9_-]{32}"$/);
    assert.ok(matchesEtag(e, e));
    assert.ok(matchesEtag(`"other", ${e.slice(2)}`, e));
    assert.ok(matchesEtag('*', e));
    assert.ok(!matchesEtag(pageEtag('<p>y</p>'), e));
    assert.ok(!matchesEtag(undefined, e));
  });
});
