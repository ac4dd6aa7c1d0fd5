/**
 * Caching of the transparency pages. They change only when a procedure's or service's definition
 * changes, and those changes are made on other modules' screens with nothing this module could listen
 * to; so the page is computed on every request (a few small queries over definition tables) and sent
 * with an ETag of its content and `no-cache`: a browser keeps it and asks again each time, and an
 * unchanged page costs a 304 without a body, while a changed definition shows at once.
 *
 * `private`, not `public`: every public page may set the anonymous form cookie (http/form-csrf.ts) on
 * a browser's first visit, and a shared cache must never hand one browser's cookie to another.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sent, type PageResult } from '../../../http/page-route.js';

/** A weak ETag (compression changes the bytes, not the page). */
export const pageEtag = (body: string) => `W/"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Does If-None-Match name this ETag (or `*`)? Weak comparison, as RFC 9110 asks for a GET. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((v) => {
    const x = v.trim();
    return x === '*' || x.replace(/^W\//, '') === bare;
  });
}

/** Sends the page with its validator, or 304 when the browser already holds this very page. */
export function revalidated(req: FastifyRequest, reply: FastifyReply, body: string): PageResult {
  const etag = pageEtag(body);
  reply.header('Cache-Control', 'private, no-cache').header('ETag', etag).header('Vary', 'Accept-Language, Cookie');
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    void reply.code(304).send();
    return sent;
  }
  return body;
}
