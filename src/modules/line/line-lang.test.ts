/**
 * LINE in the user's language, through the LINE stand-in: "English" switches the conversation and
 * is remembered (line_users.lang); a booking made in English gets its confirmation and reminder
 * pushed in English, one made in Japanese in Japanese.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { allJobs } from '../../bootstrap.js';
import { startLineStandin, type LineStandin } from '../../line-standin/standin.js';
import { newUserId } from '../../line-standin/standin-state.js';
import { ManualClock } from '../../platform/clock.js';
import type { Lang } from '../../platform/i18n.js';
import { JobWorker } from '../../platform/jobs.js';
import { bookSlot } from '../reservations/index.js';
import { makeService } from '../reservations/testing.js';
import { postback } from './conversation.js';

const SECRET = 'lang-line-channel-secret-0123456789ab';
const TOKEN = 'lang-line-access-token';
const LIFF_ID = '1650000002-LaNgUaGe';
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

type Msg = {
  type: string;
  text?: string;
  altText?: string;
  quickReply?: { items: { action: { label: string; data: string } }[] };
  template?: { actions: { uri: string }[] };
};

describe('LINE in the language of the user and of the booking', () => {
  const clock = new ManualClock('2026-12-01T00:00:00Z'); // Tue 1 Dec 09:00 JST
  let app: TestApp;
  let standin: LineStandin;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let serviceId: string;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN, now: () => clock.now().getTime() });
    standin = s.standin;
    closeStandin = s.close;
    app = await startTestApp({
      listen: true,
      clock,
      env: {
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_LIFF_ID: LIFF_ID,
        LINE_API_BASE_URL: s.url,
        LINE_API_DATA_BASE_URL: s.url,
      },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    worker = new JobWorker(app.ctx, allJobs());
    const svc = await makeService(app.ctx, { name: '転入届', nameEn: 'Moving in', place: 'City Hall 1F' });
    await app.ctx.db.query(`UPDATE departments SET name = '市民課', name_en = 'Citizens Division' WHERE id = $1`, [svc.departmentId]);
    serviceId = svc.id;
  });
  after(async () => {
    await app.close();
    await closeStandin();
  });

  async function say(userId: string, input: Parameters<LineStandin['act']>[1]): Promise<Msg[]> {
    const ev = await standin.act(userId, input);
    await worker.drain();
    const rec = standin.state.sent.find((r) => r.replyToken === ev.replyToken);
    assert.ok(rec, `no reply to ${input.type}`);
    return rec.messages as Msg[];
  }

  it('switches to English on "English", remembers it, and back on 日本語', async () => {
    const userId = newUserId();
    const [hello] = await say(userId, { type: 'follow' });
    assert.match(hello!.text!, /友だち追加ありがとうございます/);
    const [switched] = await say(userId, { type: 'message', text: 'English' });
    assert.ok(!JAPANESE.test(switched!.text!), switched!.text);
    assert.deepEqual(
      switched!.quickReply!.items.map((i) => i.action.label),
      ['Book', 'My bookings', 'Help'],
    );
    const stored = await app.ctx.db.query<{ lang: string }>('SELECT lang FROM line_users WHERE line_user_id = $1', [userId]);
    assert.equal(stored.rows[0]?.lang, 'en');

    // later turns stay English: department and service in their English names, the booking page opened in English
    const [depts] = await say(userId, { type: 'postback', data: postback.book });
    assert.match(depts!.text!, /^Which division/);
    const dept = depts!.quickReply!.items.find((i) => i.action.label === 'Citizens Division');
    assert.ok(dept, JSON.stringify(depts));
    const [link] = await say(userId, { type: 'postback', data: dept.action.data });
    assert.equal(link!.template!.actions[0]!.uri, `https://liff.line.me/${LIFF_ID}/services/${serviceId}?lang=en`);
    assert.ok(!JAPANESE.test(JSON.stringify(link)), JSON.stringify(link));
    const [help] = await say(userId, { type: 'message', text: 'help' });
    assert.match(help!.text!, /^How to use/);

    const [back] = await say(userId, { type: 'message', text: '日本語' });
    assert.match(back!.text!, /日本語でご案内します/);
    const [ja] = await say(userId, { type: 'message', text: '予約' });
    assert.match(ja!.text!, /どちらの課/);
  });

  async function pushedNotices(lang: Lang, start: string, i: number): Promise<string[]> {
    const userId = newUserId();
    await standin.act(userId, { type: 'follow' });
    await worker.drain();
    await bookSlot(app.ctx, {
      serviceId,
      start: new Date(start),
      contact: { name: `試験 花子${i}`, phone: `090-5550-200${i}`, fields: { topic: 'other' } },
      channel: 'line',
      lineUserId: userId,
      lang,
    });
    await worker.drain();
    clock.set('2026-12-02T01:00:00Z'); // 10:00 JST the day before: the reminder
    await worker.drain();
    clock.set('2026-12-01T00:00:00Z');
    return standin
      .sentTo(userId)
      .filter((r) => r.via === 'push' && r.delivered)
      .map((r) => JSON.stringify(r.messages));
  }

  it('pushes the confirmation and reminder of an English booking in English', async () => {
    const pushed = await pushedNotices('en', '2026-12-03T01:00:00Z', 1);
    assert.equal(pushed.length, 2);
    const [confirmation, reminder] = pushed as [string, string];
    assert.ok(confirmation.includes('Booking confirmed'), confirmation);
    assert.ok(confirmation.includes('Thu 3 Dec 2026 10:00–10:30'), confirmation);
    assert.ok(confirmation.includes('Moving in'), confirmation);
    assert.ok(reminder.includes('Your appointment is coming up'), reminder);
    for (const m of [confirmation, reminder]) assert.ok(!JAPANESE.test(m.replace(/\\u[0-9a-f]{4}/gi, '')), m);
  });

  it('pushes the notices of a Japanese booking in Japanese', async () => {
    const pushed = await pushedNotices('ja', '2026-12-03T01:30:00Z', 2);
    assert.equal(pushed.length, 2);
    const [confirmation, reminder] = pushed as [string, string];
    assert.ok(confirmation.includes('ご予約を受け付けました'), confirmation);
    assert.ok(
      confirmation.includes('2026年12月3日（木） 10:30〜11:00') || confirmation.includes('2026年12月3日（木）10:30〜11:00'),
      confirmation,
    );
    assert.ok(reminder.includes('ご予約の日が近づいています'), reminder);
  });
});
