import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intentOf, postback, respond, type CatalogueDepartment } from './conversation.js';

const catalogue: CatalogueDepartment[] = [
  { id: 'd1', name: '市民課', services: [{ id: 's1', name: '転入届' }, { id: 's2', name: '住民票の写し' }] },
  { id: 'd2', name: '福祉課', services: [{ id: 's3', name: '介護保険の相談' }] },
  { id: 'd3', name: '空の課', services: [] },
];
const links = { bookingPage: (id: string) => `https://x.example/services/${id}`, myPage: () => 'https://x.example/my' };

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
    const book = respond({ kind: 'text', text: '予約' }, catalogue, links)[0] as { quickReply: { items: { action: { label: string; data: string } }[] } };
    assert.deepEqual(book.quickReply.items.map((i) => i.action.label), ['市民課', '福祉課']);
    const dept = respond({ kind: 'postback', data: postback.department('d1') }, catalogue, links)[0] as { quickReply: { items: { action: { data: string } }[] } };
    assert.deepEqual(dept.quickReply.items.map((i) => i.action.data), [postback.service('s1'), postback.service('s2')]);
    const link = respond({ kind: 'postback', data: postback.service('s2') }, catalogue, links)[0] as { template: { actions: { uri: string }[] } };
    assert.equal(link.template.actions[0]?.uri, 'https://x.example/services/s2');
    const single = respond({ kind: 'postback', data: postback.department('d2') }, catalogue, links)[0] as { template: { actions: { uri: string }[] } };
    assert.equal(single.template.actions[0]?.uri, 'https://x.example/services/s3');
  });

  it('answers an unknown service or message politely', () => {
    const m = respond({ kind: 'postback', data: postback.service('nope') }, catalogue, links)[0] as { text: string };
    assert.match(m.text, /受け付けていません/);
    const f = respond({ kind: 'text', text: 'あいうえお' }, catalogue, links)[0] as { text: string };
    assert.match(f.text, /申し訳ありません/);
  });
});
