import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intentOf, pageOf, postback, respond, type CatalogueDepartment } from './conversation.js';

const catalogue: CatalogueDepartment[] = [
  {
    id: 'd1',
    name: '市民課',
    services: [
      { id: 's1', name: '転入届' },
      { id: 's2', name: '住民票の写し' },
    ],
  },
  { id: 'd2', name: '福祉課', services: [{ id: 's3', name: '介護保険の相談' }] },
  { id: 'd3', name: '空の課', services: [] },
];
const links = { bookingPage: (id: string) => `https://x.example/services/${id}`, myPage: () => 'https://x.example/my' };
const city = { contactText: 'テスト市役所 代表 099-999-9999（平日 9:00〜17:00）' };
type Quick = { text: string; quickReply: { items: { action: { label: string; data: string } }[] } };

describe('conversation', () => {
  it('understands the keywords, full-width and half-width alike', () => {
    assert.equal(intentOf({ kind: 'text', text: '予約したい' }).kind, 'book');
    assert.equal(intentOf({ kind: 'text', text: '予約の確認' }).kind, 'my-bookings');
    assert.equal(intentOf({ kind: 'text', text: 'キャンセル' }).kind, 'cancel');
    assert.equal(intentOf({ kind: 'text', text: 'ヘルプ' }).kind, 'help');
    assert.equal(intentOf({ kind: 'text', text: 'ｷｬﾝｾﾙ' }).kind, 'cancel');
    assert.equal(intentOf({ kind: 'text', text: '今日の天気は' }).kind, 'fallback');
  });

  it('guides department → service → a link to that service booking page', () => {
    const book = respond({ kind: 'text', text: '予約' }, catalogue, links, city)[0] as {
      quickReply: { items: { action: { label: string; data: string } }[] };
    };
    assert.deepEqual(
      book.quickReply.items.map((i) => i.action.label),
      ['市民課', '福祉課'],
    );
    const dept = respond({ kind: 'postback', data: postback.department('d1') }, catalogue, links, city)[0] as {
      quickReply: { items: { action: { data: string } }[] };
    };
    assert.deepEqual(
      dept.quickReply.items.map((i) => i.action.data),
      [postback.service('s1'), postback.service('s2')],
    );
    const link = respond({ kind: 'postback', data: postback.service('s2') }, catalogue, links, city)[0] as {
      template: { actions: { uri: string }[] };
    };
    assert.equal(link.template.actions[0]?.uri, 'https://x.example/services/s2');
    const single = respond({ kind: 'postback', data: postback.department('d2') }, catalogue, links, city)[0] as {
      template: { actions: { uri: string }[] };
    };
    assert.equal(single.template.actions[0]?.uri, 'https://x.example/services/s3');
  });

  it('answers an unknown service politely', () => {
    const m = respond({ kind: 'postback', data: postback.service('nope') }, catalogue, links, city)[0] as { text: string };
    assert.match(m.text, /受け付けていません/);
  });

  it('answers a free question with the menu and the city contact, not the greeting', () => {
    for (const q of ['住民票はどこで取れますか', '住民票はどこで取れますか？', 'こんにちは、粗大ごみの出し方を教えて', 'あいうえお']) {
      assert.equal(intentOf({ kind: 'text', text: q }).kind, 'fallback', q);
      const [m] = respond({ kind: 'text', text: q }, catalogue, links, city) as Quick[];
      assert.doesNotMatch(m!.text, /友だち追加ありがとうございます/);
      assert.ok(m!.text.includes(city.contactText), 'names the city contact');
      assert.deepEqual(
        m!.quickReply.items.map((i) => i.action.data),
        [postback.book, postback.myBookings, postback.help],
      );
    }
    assert.equal(intentOf({ kind: 'text', text: 'こんにちは！' }).kind, 'greeting');
  });
});

describe('conversation: more choices than one quick reply holds', () => {
  const many = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, name: `${prefix === 'd' ? '課' : '手続'}${i + 1}` }));
  const big: CatalogueDepartment[] = [
    ...many(30, 'd').map((d, i) => ({ ...d, services: i === 0 ? many(16, 's') : [{ id: `only${i}`, name: 'x' }] })),
  ];
  const labels = (m: Quick) => m.quickReply.items.map((i) => i.action.label);
  const next = (m: Quick) => m.quickReply.items.find((i) => i.action.label.startsWith('もっと見る'))?.action.data;
  const prev = (m: Quick) => m.quickReply.items.find((i) => i.action.label.includes('前へ'))?.action.data;

  it('pages 12, then 11, then the rest, never more than 13 items', () => {
    assert.deepEqual(pageOf([1, 2, 3], 0), { items: [1, 2, 3], page: 0, pages: 1, hasPrev: false, hasNext: false });
    const thirteen = Array.from({ length: 13 }, (_, i) => i);
    assert.equal(pageOf(thirteen, 0).items.length, 13);
    const thirty = Array.from({ length: 30 }, (_, i) => i);
    assert.deepEqual(
      [0, 1, 2].map((p) => pageOf(thirty, p).items),
      [thirty.slice(0, 12), thirty.slice(12, 23), thirty.slice(23)],
    );
    assert.deepEqual(pageOf(thirty, 99).page, 2);
    const fourteen = Array.from({ length: 14 }, (_, i) => i);
    assert.deepEqual([pageOf(fourteen, 0).items.length, pageOf(fourteen, 1).items.length], [12, 2]);
  });

  it('reaches every one of 30 departments through 「もっと見る」 and goes back with 「前へ」', () => {
    const seen: string[] = [];
    let m = respond({ kind: 'text', text: '予約' }, big, links, city)[0] as Quick;
    assert.equal(prev(m), undefined);
    for (let guard = 0; guard < 5; guard++) {
      assert.ok(m.quickReply.items.length <= 13);
      seen.push(...labels(m).filter((l) => l.startsWith('課')));
      const n = next(m);
      if (!n) break;
      m = respond({ kind: 'postback', data: n }, big, links, city)[0] as Quick;
      assert.ok(prev(m), 'a later page offers 前へ');
      assert.match(m.text, /ページ/);
    }
    assert.deepEqual(
      seen,
      big.map((d) => d.name),
    );
    const back = respond({ kind: 'postback', data: prev(m)! }, big, links, city)[0] as Quick;
    assert.ok(labels(back).includes('課13'));
  });

  it('pages the services of a department with 16 of them', () => {
    const first = respond({ kind: 'postback', data: postback.department('d1') }, big, links, city)[0] as Quick;
    assert.equal(first.quickReply.items.length, 13);
    const second = respond({ kind: 'postback', data: next(first)! }, big, links, city)[0] as Quick;
    assert.deepEqual(
      labels(second).filter((l) => l.startsWith('手続')),
      ['手続13', '手続14', '手続15', '手続16'],
    );
    assert.equal(new URLSearchParams(prev(second)!).get('id'), 'd1');
  });
});
