/**
 * The chat simulator: a fake LINE app in the browser. Befriend or block the bot, tap the rich menu,
 * quick replies and buttons, send text, and open links (liff.line.me links open madoguchi's LIFF
 * endpoint the way LINE does, with an ID token the stand-in issued for this fake user: liff-sdk.ts). Server-rendered forms; no
 * inline scripts or styles (the CSP forbids them).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { html, type SafeHtml } from '../web/html.js';
import { LIFF_URL, primaryRedirectUrl } from './liff-sdk.js';
import type { EventInput, LineStandin } from './standin.js';
import { newUserId, userIdFor, type BotMessage, type TalkEntry } from './standin-state.js';
import { standinMessages } from './standin.messages.js';
import { z } from 'zod';

/** The simulator's form fields, all optional strings (a missing or repeated field reads as empty). */
const fields = z
  .object({
    id: z.string(),
    user: z.string(),
    text: z.string(),
    type: z.string(),
    data: z.string(),
    shown: z.string(),
    area: z.string(),
    url: z.string(),
  })
  .partial()
  .catch({});
const form = (input: unknown) => fields.parse(input ?? {});

/** The simulator imitates the LINE app as people in Japan see it: Japanese. */
const t = standinMessages.in('ja');

const CSS = `
body{margin:0;font-family:system-ui,"Noto Sans JP",sans-serif;background:#8cabd9;color:#111}
.sim{max-width:480px;margin:0 auto;background:#8cabd9;min-height:100vh;display:flex;flex-direction:column}
.sim header{background:#243447;color:#fff;padding:.6rem 1rem;display:flex;gap:.5rem;align-items:center;justify-content:space-between;flex-wrap:wrap}
.sim header h1{font-size:1rem;margin:0}
.sim header form{display:inline}
.talk{flex:1;padding:1rem;display:flex;flex-direction:column;gap:.6rem}
.msg{max-width:80%;padding:.5rem .75rem;border-radius:1rem;white-space:pre-wrap;word-break:break-word;background:#fff}
.msg--user{align-self:flex-end;background:#85e249}
.msg--system{align-self:center;background:rgba(0,0,0,.25);color:#fff;font-size:.8rem}
.msg--bot{align-self:flex-start}
.msg--push::before{content:"push";display:block;font-size:.7rem;color:#666}
.card{background:#fff;border-radius:1rem;padding:.75rem;max-width:85%;align-self:flex-start}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .6rem;margin:.5rem 0}
.card dt{color:#666}.card dd{margin:0}
.btn{display:inline-block;margin:.2rem .2rem 0 0;padding:.45rem .8rem;border-radius:.5rem;border:1px solid #06c755;background:#06c755;color:#fff;text-decoration:none;font-size:.9rem;cursor:pointer}
.btn--ghost{background:#fff;color:#06c755}
.quick{display:flex;gap:.3rem;flex-wrap:wrap;padding:0 1rem .5rem}
.quick form{display:inline}
.menu{background:#fff}
.menu img{width:100%;display:block}
.menu .areas{display:flex}
.menu .areas form{flex:1}
.menu .areas button{width:100%;padding:.6rem .2rem;border:0;border-right:1px solid #ddd;background:#f6f6f6;cursor:pointer}
.compose{display:flex;gap:.4rem;padding:.5rem;background:#fff;border-top:1px solid #ddd}
.compose input{flex:1;padding:.5rem;border:1px solid #ccc;border-radius:1rem}
.hint{font-size:.8rem;color:#234;padding:0 1rem}
`;

type Action = { type: string; label?: string; data?: string; uri?: string; text?: string; displayText?: string };

export function registerSimulator(app: FastifyInstance, standin: LineStandin): void {
  const { state } = standin;
  const prefix = () => standin.options.prefix ?? '';
  const userParam = (q: unknown): string => {
    const u = form(q).user;
    return u !== undefined && /^U[0-9a-f]{32}$/.test(u) ? u : userIdFor('demo');
  };
  const back = (reply: FastifyReply, userId: string) => reply.redirect(`${prefix()}/simulator?user=${userId}#latest`, 303);
  const actAndWait = async (userId: string, input: EventInput, shown?: string) => {
    const ev = await standin.act(userId, input, shown);
    await standin.waitForReply(ev, 5000);
  };

  app.get('/simulator.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(CSS),
  );

  app.get('/', async (_req, reply) => reply.redirect(`${prefix()}/simulator`, 302));

  app.get('/simulator', async (req, reply) => {
    const userId = userParam(req.query);
    const user = state.user(userId, userId === userIdFor('demo') ? t('demoUserName') : undefined);
    const talk = state.talkOf(userId);
    const lastBot = [...talk].reverse().find((e) => e.from === 'bot' || e.from === 'user');
    const quick = lastBot?.from === 'bot' ? quickReplies(lastBot.messages) : [];
    const menu = state.defaultRichMenuId ? state.richMenus.get(state.defaultRichMenuId) : undefined;
    const p = prefix();
    const hidden = html`<input type="hidden" name="user" value="${userId}">`;
    const page = html`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('pageTitle')}</title><link rel="stylesheet" href="${p}/simulator.css"></head>
<body><div class="sim">
<header><h1>${t('accountName')} <small>— ${user.displayName}</small></h1>
${
  user.following
    ? html`<form method="post" action="${p}/simulator/unfollow">${hidden}<button class="btn btn--ghost">${t('block')}</button></form>`
    : html`<form method="post" action="${p}/simulator/follow">${hidden}<button class="btn">${t('follow')}</button></form>`
}
<a class="btn btn--ghost" href="${p}/simulator?user=${newUserId()}">${t('otherUser')}</a>
</header>
<p class="hint">${t('standinHint')} ${standinMessages.t('en', 'standinHint')}</p>
<main class="talk" aria-live="polite">
${talk.map((e) => entry(e, p, userId))}
<span id="latest"></span>
</main>
${quick.length ? html`<div class="quick" aria-label="${t('quickReplies')}">${quick.map((a) => actionControl(a, p, userId))}</div>` : ''}
${
  user.following && menu
    ? html`<section class="menu" aria-label="${t('richMenu')}">
  ${menu.image ? html`<img src="${p}/simulator/richmenu-image?id=${menu.richMenuId}" alt="">` : ''}
  <div class="areas">${(menu.body.areas as { action: Action }[]).map(
    (a, i) =>
      html`<form method="post" action="${p}/simulator/tap">${hidden}<input type="hidden" name="area" value="${i}"><button>${a.action.label ?? `#${i + 1}`}</button></form>`,
  )}</div></section>`
    : ''
}
${
  user.following
    ? html`<form class="compose" method="post" action="${p}/simulator/send">${hidden}<label for="text" hidden>${t('message')}</label><input id="text" name="text" autocomplete="off" placeholder="${t('messagePlaceholder')}" required maxlength="500"><button class="btn">${t('send')}</button></form>`
    : html`<p class="hint">${t('followToTalk')}</p>`
}
</div></body></html>`;
    return reply.type('text/html; charset=utf-8').send(page.toString());
  });

  app.get('/simulator/richmenu-image', async (req, reply) => {
    const m = state.richMenus.get(form(req.query).id ?? '');
    if (!m?.image) return reply.code(404).send({ message: 'Not found' });
    return reply.type(m.image.type).header('Cache-Control', 'public, max-age=60').send(m.image.data);
  });

  app.post('/simulator/follow', async (req, reply) => {
    const userId = userParam(req.body);
    await actAndWait(userId, { type: 'follow' });
    return back(reply, userId);
  });
  app.post('/simulator/unfollow', async (req, reply) => {
    const userId = userParam(req.body);
    await standin.act(userId, { type: 'unfollow' });
    return back(reply, userId);
  });
  app.post('/simulator/send', async (req, reply) => {
    const userId = userParam(req.body);
    const text = (form(req.body).text ?? '').slice(0, 500);
    if (text.trim() && state.user(userId).following) await actAndWait(userId, { type: 'message', text });
    return back(reply, userId);
  });
  app.post('/simulator/action', async (req, reply) => {
    const b = form(req.body);
    const userId = userParam(b);
    if (state.user(userId).following) {
      if (b.type === 'postback' && b.data) await actAndWait(userId, { type: 'postback', data: b.data }, b.shown || undefined);
      else if (b.type === 'message' && b.text) await actAndWait(userId, { type: 'message', text: b.text });
    }
    return back(reply, userId);
  });
  app.post('/simulator/tap', async (req, reply) => {
    const b = form(req.body);
    const userId = userParam(b);
    const menu = state.defaultRichMenuId ? state.richMenus.get(state.defaultRichMenuId) : undefined;
    const area = (menu?.body.areas as { action: Action }[] | undefined)?.[Number(b.area)];
    if (area && state.user(userId).following) {
      const a = area.action;
      if (a.type === 'postback' && a.data) await actAndWait(userId, { type: 'postback', data: a.data }, a.displayText);
      else if (a.type === 'message' && a.text) await actAndWait(userId, { type: 'message', text: a.text });
      else if (a.type === 'uri' && a.uri)
        return reply.redirect(`${prefix()}/simulator/open?user=${userId}&url=${encodeURIComponent(a.uri)}`, 303);
    }
    return back(reply, userId);
  });

  // Opens a link as LINE's in-app browser would. A LIFF URL goes to the LIFF endpoint URL with the rest
  // in liff.state (the primary redirect, liff-sdk.ts) and a fresh ID token for this user in the fragment.
  app.get('/simulator/open', async (req, reply) => {
    const q = form(req.query);
    const userId = userParam(q);
    const url = String(q.url ?? '');
    const liff = LIFF_URL.exec(url);
    if (liff && standin.liffEndpointUrl) {
      const channelId = liff[1] as string;
      const token = state.issueIdToken(userId, channelId, Math.floor(standin.now() / 1000));
      const primary = primaryRedirectUrl(standin.liffEndpointUrl, url) as string;
      return reply.redirect(`${primary}#id_token=${encodeURIComponent(token)}`, 303);
    }
    if (/^https?:\/\//.test(url)) return reply.redirect(url, 303);
    return reply.code(400).send({ message: 'unsupported link' });
  });
}

function quickReplies(messages: BotMessage[]): Action[] {
  const last = messages[messages.length - 1] as { quickReply?: { items?: { action: Action }[] } } | undefined;
  return (last?.quickReply?.items ?? []).map((i) => i.action);
}

function actionControl(a: Action, p: string, userId: string): SafeHtml {
  if (a.type === 'uri' && a.uri)
    return html`<a class="btn" href="${p}/simulator/open?user=${userId}&url=${encodeURIComponent(a.uri)}">${a.label ?? a.uri}</a>`;
  if (a.type === 'postback' || a.type === 'message')
    return html`<form method="post" action="${p}/simulator/action"><input type="hidden" name="user" value="${userId}"><input type="hidden" name="type" value="${a.type}"><input type="hidden" name="data" value="${a.data ?? ''}"><input type="hidden" name="text" value="${a.text ?? ''}"><input type="hidden" name="shown" value="${a.displayText ?? a.label ?? ''}"><button class="btn btn--ghost">${a.label ?? ''}</button></form>`;
  return html`<span class="btn btn--ghost">${a.label ?? a.type}</span>`;
}

/** Collects the texts and actions of a Flex bubble, in order. */
function flexParts(node: unknown, out: { texts: string[]; actions: Action[] }): void {
  if (!node || typeof node !== 'object') return;
  const n = node as {
    type?: string;
    text?: string;
    action?: Action;
    contents?: unknown;
    body?: unknown;
    header?: unknown;
    footer?: unknown;
  };
  if (n.type === 'text' && n.text) out.texts.push(n.text);
  if (n.type === 'button' && n.action) out.actions.push(n.action);
  for (const k of ['header', 'body', 'footer'] as const) flexParts(n[k], out);
  if (Array.isArray(n.contents)) for (const c of n.contents) flexParts(c, out);
  else flexParts(n.contents, out);
}

function botMessage(m: BotMessage, p: string, userId: string, via: string): SafeHtml {
  const cls = `msg msg--bot${via === 'push' ? ' msg--push' : ''}`;
  if (m.type === 'text') return html`<div class="${cls}">${String(m.text ?? '')}</div>`;
  if (m.type === 'template') {
    const t = m.template as { text?: string; title?: string; actions?: Action[] };
    return html`<div class="card">${t.title ? html`<strong>${t.title}</strong><br>` : ''}${t.text ?? ''}<div>${(t.actions ?? []).map((a) => actionControl(a, p, userId))}</div></div>`;
  }
  if (m.type === 'flex') {
    const parts = { texts: [] as string[], actions: [] as Action[] };
    flexParts(m.contents, parts);
    const [title, ...rest] = parts.texts;
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < rest.length; i += 2) pairs.push([rest[i] as string, rest[i + 1] as string]);
    return html`<div class="card${via === 'push' ? ' msg--push' : ''}"><strong>${title ?? String(m.altText ?? '')}</strong><dl>${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>${parts.actions.map((a) => actionControl(a, p, userId))}</div>`;
  }
  return html`<div class="${cls}">[${m.type}] ${String(m.altText ?? '')}</div>`;
}

function entry(e: TalkEntry, p: string, userId: string): SafeHtml {
  if (e.from === 'user') return html`<div class="msg msg--user">${e.text}</div>`;
  if (e.from === 'system') return html`<div class="msg msg--system">${e.text}</div>`;
  return html`${e.messages.map((m) => botMessage(m, p, userId, e.via))}`;
}
