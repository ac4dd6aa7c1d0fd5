/**
 * The LINE channel end to end through the local LINE stand-in: madoguchi's LINE base URLs point at
 * the stand-in, the stand-in signs and sends webhooks to madoguchi, and records what the bot sends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers.js';
import { allJobs } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { startLineStandin, type LineStandin } from '../../src/line-standin/standin.js';
import { newUserId } from '../../src/line-standin/standin-state.js';
import { deployRichMenu, lineUserOf, pushLineNotice, type LineNotice } from '../../src/modules/line/index.js';
import { postback } from '../../src/modules/line/conversation.js';

const SECRET = 'e2e-line-channel-secret-abcdef012345';
const TOKEN = 'e2e-line-access-token';
const LIFF_ID = '1650000000-AbCdEfGh';

type Msg = {
  type: string;
  text?: string;
  quickReply?: { items: { action: { label: string; data: string } }[] };
  template?: { actions: { uri: string }[] };
};

describe('LINE channel through the stand-in', () => {
  let app: TestApp;
  let standin: LineStandin;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let serviceId: string;
  let departmentId: string;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN });
    standin = s.standin;
    closeStandin = s.close;
    app = await startTestApp({
      listen: true,
      env: {
        LINE_CONTACT_TEXT: 'テスト市 代表電話 099-999-9999（平日 9時〜17時）',
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_LIFF_ID: LIFF_ID,
        LINE_API_BASE_URL: s.url,
        LINE_API_DATA_BASE_URL: s.url,
      },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    standin.liffEndpointUrl = `${app.url}/line/liff`;
    worker = new JobWorker(app.ctx, allJobs());
    const d = await app.ctx.db.query<{ id: string }>(`INSERT INTO departments (code, name) VALUES ('line-e2e', '市民課') RETURNING id`);
    departmentId = d.rows[0]!.id;
    const sv = await app.ctx.db.query<{ id: string }>(
      `INSERT INTO rsv_services (department_id, name, duration_minutes, capacity) VALUES ($1, '転入届', 30, 2), ($1, '住民票の写し', 15, 3) RETURNING id`,
      [departmentId],
    );
    serviceId = sv.rows[0]!.id;
  });
  after(async () => {
    await app.close();
    await closeStandin();
  });

  /** A user action, then the worker runs the queued event job; returns the messages of the reply. */
  async function say(userId: string, input: Parameters<LineStandin['act']>[1]): Promise<Msg[]> {
    const ev = await standin.act(userId, input);
    await worker.drain();
    const rec = standin.state.sent.find((r) => r.replyToken === ev.replyToken);
    assert.ok(rec, `no reply to ${input.type}`);
    return rec.messages as Msg[];
  }

  it("replies to a signed follow event with a reply call carrying that event's reply token", async () => {
    const userId = newUserId();
    const ev = await standin.act(userId, { type: 'follow' });
    assert.equal(standin.state.deliveries.at(-1)?.status, 200);
    await worker.drain();
    const replies = standin.state.sent.filter((r) => r.to === userId);
    assert.equal(replies.length, 1);
    assert.equal(replies[0]!.via, 'reply');
    assert.equal(replies[0]!.replyToken, ev.replyToken);
    assert.match((replies[0]!.messages[0] as Msg).text ?? '', /友だち追加ありがとうございます/);
  });

  it('refuses a forged webhook and does nothing for it', async () => {
    const userId = newUserId();
    const ev = standin.buildEvent(userId, { type: 'message', text: '予約' });
    const status = await standin.deliver([ev], 'Zm9yZ2VkIHNpZ25hdHVyZQ==');
    assert.equal(status, 401);
    await worker.drain();
    assert.equal(standin.sentTo(userId).length, 0);
  });

  it('acts once on a redelivered event', async () => {
    const userId = newUserId();
    await say(userId, { type: 'follow' });
    const ev = await standin.act(userId, { type: 'message', text: 'ヘルプ' });
    assert.equal(await standin.redeliver(ev.webhookEventId as string), 200);
    await worker.drain();
    assert.equal(standin.sentTo(userId).length, 2); // the greeting and one help answer
  });

  it('guides a user from the book item to the booking page of a service, opened through LIFF', async () => {
    const userId = newUserId();
    await say(userId, { type: 'follow' });
    const [depts] = await say(userId, { type: 'postback', data: postback.book });
    const dept = depts!.quickReply!.items.find((i) => i.action.label === '市民課');
    assert.ok(dept);
    const [services] = await say(userId, { type: 'postback', data: dept.action.data });
    const svc = services!.quickReply!.items.find((i) => i.action.label === '転入届');
    assert.ok(svc);
    const [link] = await say(userId, { type: 'postback', data: svc.action.data });
    assert.equal(link!.template!.actions[0]!.uri, `https://liff.line.me/${LIFF_ID}/services/${serviceId}`);
  });

  it('understands 予約 確認 キャンセル ヘルプ and answers anything else politely', async () => {
    const userId = newUserId();
    await say(userId, { type: 'follow' });
    assert.ok((await say(userId, { type: 'message', text: '予約' }))[0]!.quickReply!.items.some((i) => i.action.label === '市民課'));
    assert.match((await say(userId, { type: 'message', text: '確認' }))[0]!.template!.actions[0]!.uri, /\/line\/my$/);
    assert.match((await say(userId, { type: 'message', text: 'キャンセル' }))[0]!.template!.actions[0]!.uri, /\/line\/my$/);
    assert.match((await say(userId, { type: 'message', text: 'ヘルプ' }))[0]!.text!, /使い方/);
    // a free question gets the menu and the city's contact, not the greeting again
    const [free] = await say(userId, { type: 'message', text: '住民票はどこで取れますか？' });
    assert.ok(free!.text!.includes(app.ctx.config.line.contactText));
    assert.doesNotMatch(free!.text!, /友だち追加ありがとうございます/);
    assert.deepEqual(
      free!.quickReply!.items.map((i) => i.action.data),
      [postback.book, postback.myBookings, postback.help],
    );
    assert.match((await say(userId, { type: 'message', text: '明日は晴れますか' }))[0]!.text!, /お問い合わせください/);
    const kept = await app.ctx.db.query(`SELECT id FROM jobs WHERE queue = 'line.webhook-event' AND payload::text LIKE '%晴れますか%'`);
    assert.equal(kept.rows.length, 0, 'message text is not kept after the answer');
  });

  const notice: LineNotice = {
    kind: 'confirmation',
    reservationNumber: 'ABCD2345',
    serviceName: '転入届',
    date: '2026-12-01',
    dateText: '2026年12月1日（火）',
    time: '10:00',
    endTime: '10:30',
    place: '本庁舎1階 市民課',
    myPageUrl: 'http://localhost/my/r/x',
  };

  it('pushes a notice once even when the job is retried, and nothing after unfollow', async () => {
    const userId = newUserId();
    await say(userId, { type: 'follow' });
    const first = await app.ctx.db.transaction((tx) => pushLineNotice(app.ctx, tx, { lineUserId: userId, notice, retryKey: 'job-1' }));
    assert.equal(first, 'sent');
    // a retry after the first attempt's transaction was lost: LINE answers 409 to the same retry key
    await app.ctx.db.query(`DELETE FROM line_pushes WHERE line_user_id = $1`, [userId]);
    const retry = await app.ctx.db.transaction((tx) => pushLineNotice(app.ctx, tx, { lineUserId: userId, notice, retryKey: 'job-1' }));
    assert.equal(retry, 'already_sent');
    const pushes = standin.sentTo(userId).filter((r) => r.via === 'push');
    assert.equal(pushes.length, 1);
    assert.ok(pushes[0]!.retryKey);
    assert.equal(pushes[0]!.messages[0]!.type, 'flex');

    await standin.act(userId, { type: 'unfollow' });
    await worker.drain();
    const after = await app.ctx.db.transaction((tx) => pushLineNotice(app.ctx, tx, { lineUserId: userId, notice, retryKey: 'job-2' }));
    assert.equal(after, 'unfollowed');
    assert.equal(standin.sentTo(userId).filter((r) => r.via === 'push').length, 1);
    // and messages from a user who unfollowed are not answered
    const ev = standin.buildEvent(userId, { type: 'message', text: '予約' });
    await standin.deliver([ev]);
    await worker.drain();
    assert.equal(standin.state.sent.filter((r) => r.replyToken === ev.replyToken).length, 0);
  });

  it('deploys the rich menu idempotently: re-running replaces the old menu', async () => {
    const a = await deployRichMenu(app.ctx.config);
    const b = await deployRichMenu(app.ctx.config);
    assert.notEqual(a.richMenuId, b.richMenuId);
    assert.deepEqual(b.deleted, [a.richMenuId]);
    assert.equal(standin.state.richMenus.size, 1);
    assert.equal(standin.state.defaultRichMenuId, b.richMenuId);
    const menu = standin.state.richMenus.get(b.richMenuId)!;
    assert.equal(menu.image?.type, 'image/png');
    assert.equal(menu.body.areas?.length, 3);
  });

  it('signs a LIFF user in only with an ID token LINE verifies', async () => {
    const userId = newUserId();
    standin.state.user(userId).following = true;
    const token = standin.state.issueIdToken(userId, LIFF_ID.split('-')[0]!, Math.floor(Date.now() / 1000));
    const ok = await app.server.inject({
      method: 'POST',
      url: '/line/liff/session',
      payload: { idToken: token, to: `/services/${serviceId}` },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().redirect, `/services/${serviceId}`);
    const cookie = ok.cookies.find((c) => c.name === 'madoguchi_line')!;
    assert.ok(cookie.httpOnly);
    assert.equal(lineUserOf(app.ctx, { cookies: { madoguchi_line: cookie.value } } as never), userId);
    // a tampered cookie naming another user is not believed
    const other = cookie.value.replace(userId, newUserId());
    assert.equal(lineUserOf(app.ctx, { cookies: { madoguchi_line: other } } as never), undefined);
    // a token LINE does not know, or one for another channel, is refused
    const forged = await app.server.inject({ method: 'POST', url: '/line/liff/session', payload: { idToken: 'standin.forged', to: '/' } });
    assert.equal(forged.statusCode, 401);
    const otherChannel = standin.state.issueIdToken(userId, '1999999999', Math.floor(Date.now() / 1000));
    assert.equal(
      (await app.server.inject({ method: 'POST', url: '/line/liff/session', payload: { idToken: otherChannel } })).statusCode,
      401,
    );
    // an open redirect is not possible
    const t2 = standin.state.issueIdToken(userId, LIFF_ID.split('-')[0]!, Math.floor(Date.now() / 1000));
    const r2 = await app.server.inject({ method: 'POST', url: '/line/liff/session', payload: { idToken: t2, to: '//evil.example/' } });
    assert.equal(r2.json().redirect, '/');
  });
});
