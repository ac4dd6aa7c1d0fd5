/**
 * The LINE Messaging API adapter (official SDK). Base URLs come from configuration, so the same code
 * talks to api.line.me / api-data.line.me or to the local stand-in.
 *
 * Endpoints used: POST /v2/bot/message/reply, POST /v2/bot/message/push (X-Line-Retry-Key),
 * POST /v2/bot/richmenu, GET /v2/bot/richmenu/list, DELETE /v2/bot/richmenu/{id},
 * POST /v2/bot/user/all/richmenu/{id}, POST (data) /v2/bot/richmenu/{id}/content,
 * POST /oauth2/v2.1/verify (LIFF ID token).
 */
import crypto from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Config } from '../../config.js';

export type LineMessage = messagingApi.Message;

export class LineNotConfigured extends Error {
  constructor() {
    super('LINE channel is not configured (LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN)');
  }
}

export function messagingClient(config: Config): messagingApi.MessagingApiClient {
  const token = config.line.channelAccessToken;
  if (!token) throw new LineNotConfigured();
  return new messagingApi.MessagingApiClient({ channelAccessToken: token, baseURL: config.line.apiBaseUrl });
}

export function blobClient(config: Config): messagingApi.MessagingApiBlobClient {
  const token = config.line.channelAccessToken;
  if (!token) throw new LineNotConfigured();
  return new messagingApi.MessagingApiBlobClient({ channelAccessToken: token, baseURL: config.line.apiDataBaseUrl });
}

/** LINE wants a UUID as retry key; any stable string (e.g. "notice-job-42") maps to one. */
export function retryKeyUuid(key: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)) return key.toLowerCase();
  const h = crypto.createHash('sha256').update(`madoguchi-line-retry:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function isHttpStatus(err: unknown, ...statuses: number[]): boolean {
  return err instanceof HTTPFetchError && statuses.includes(err.status);
}

/** The LINE Login channel id a LIFF app belongs to: the part of the LIFF id before '-'. */
export function liffChannelId(liffId: string): string {
  return liffId.split('-')[0] as string;
}

export type VerifiedIdToken = { sub: string; aud: string; exp: number };

/** Verifies a LIFF ID token with LINE's verify endpoint; undefined when LINE refuses it. */
export async function verifyIdToken(config: Config, idToken: string, nowSeconds: number): Promise<VerifiedIdToken | undefined> {
  const liffId = config.line.liffId;
  if (!liffId) throw new LineNotConfigured();
  const clientId = liffChannelId(liffId);
  const res = await fetch(`${config.line.apiBaseUrl}/oauth2/v2.1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ id_token: idToken, client_id: clientId }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 400) return undefined;
  if (!res.ok) throw new Error(`LINE verify endpoint answered ${res.status}`);
  const body = (await res.json()) as { sub?: unknown; aud?: unknown; exp?: unknown };
  if (typeof body.sub !== 'string' || !/^U[0-9a-f]{32}$/.test(body.sub)) return undefined;
  if (body.aud !== clientId) return undefined;
  if (typeof body.exp !== 'number' || body.exp <= nowSeconds) return undefined;
  return { sub: body.sub, aud: body.aud, exp: body.exp };
}
