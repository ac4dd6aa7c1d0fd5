/**
 * In-memory state of the LINE platform stand-in: users, the talk of each user with the bot, reply
 * tokens, retry keys, rich menus and LIFF ID tokens. Everything the bot sends is recorded.
 */
import crypto from 'node:crypto';
import { standinMessages } from './standin.messages.js';

export type BotMessage = Record<string, unknown> & { type: string };

export type TalkEntry =
  | { seq: number; at: Date; from: 'user'; text: string }
  | { seq: number; at: Date; from: 'system'; text: string }
  | { seq: number; at: Date; from: 'bot'; via: 'reply' | 'push'; messages: BotMessage[]; delivered: boolean };

export type SentRecord = {
  seq: number;
  at: Date;
  via: 'reply' | 'push';
  to: string;
  replyToken?: string;
  retryKey?: string;
  messages: BotMessage[];
  delivered: boolean;
};

export type RichMenu = {
  richMenuId: string;
  body: Record<string, unknown> & { name?: string; areas?: unknown[] };
  image?: { type: string; data: Buffer };
};

export type StandinUser = { userId: string; displayName: string; following: boolean };

export function newUserId(): string {
  return `U${crypto.randomBytes(16).toString('hex')}`;
}

/** A stable fake user id for a name ("demo" → the same id on every start). */
export function userIdFor(name: string): string {
  return `U${crypto.createHash('sha256').update(`line-standin-user:${name}`).digest('hex').slice(0, 32)}`;
}

export function newEventId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(crypto.randomBytes(26), (b) => alphabet[b % 32]).join('');
}

export class StandinState {
  private seq = 0;
  readonly users = new Map<string, StandinUser>();
  readonly talk = new Map<string, TalkEntry[]>();
  readonly sent: SentRecord[] = [];
  readonly replyTokens = new Map<string, { userId: string; used: boolean; issuedAt: number }>();
  readonly retryKeys = new Map<string, SentRecord>();
  readonly richMenus = new Map<string, RichMenu>();
  defaultRichMenuId: string | undefined;
  readonly idTokens = new Map<string, { sub: string; aud: string; exp: number; iat: number }>();
  /** Raw webhook deliveries, for redelivery and inspection. */
  readonly deliveries: { webhookEventId: string; body: string; status: number }[] = [];

  nextSeq(): number {
    return ++this.seq;
  }

  user(userId: string, displayName?: string): StandinUser {
    let u = this.users.get(userId);
    if (!u) {
      u = { userId, displayName: displayName ?? standinMessages.t('ja', 'defaultUserName', { id: userId.slice(1, 5) }), following: false };
      this.users.set(userId, u);
    }
    return u;
  }

  talkOf(userId: string): TalkEntry[] {
    let t = this.talk.get(userId);
    if (!t) this.talk.set(userId, (t = []));
    return t;
  }

  addUserLine(userId: string, from: 'user' | 'system', text: string): void {
    this.talkOf(userId).push({ seq: this.nextSeq(), at: new Date(), from, text });
  }

  recordSent(r: Omit<SentRecord, 'seq' | 'at'>): SentRecord {
    const rec: SentRecord = { ...r, seq: this.nextSeq(), at: new Date() };
    this.sent.push(rec);
    if (rec.delivered) this.talkOf(r.to).push({ seq: rec.seq, at: rec.at, from: 'bot', via: r.via, messages: r.messages, delivered: true });
    return rec;
  }

  issueReplyToken(userId: string): string {
    const token = crypto.randomBytes(16).toString('hex');
    this.replyTokens.set(token, { userId, used: false, issuedAt: Date.now() });
    return token;
  }

  issueIdToken(sub: string, aud: string, nowSeconds: number): string {
    const token = `standin.${crypto.randomBytes(24).toString('base64url')}`;
    this.idTokens.set(token, { sub, aud, iat: nowSeconds, exp: nowSeconds + 3600 });
    return token;
  }
}
