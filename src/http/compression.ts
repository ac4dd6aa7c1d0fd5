/**
 * Compresses text answers (HTML, CSS, JavaScript, JSON, SVG, CSV held in memory) of 1 KB or more with
 * Brotli or gzip, as the client accepts. Streamed answers (CSV and PDF downloads, files) are sent as
 * they are: compressing them would buffer or reorder nothing useful and hides their length.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const THRESHOLD = 1024;
const COMPRESSIBLE = /^(text\/(?!event-stream)|application\/(?:[a-z.+-]*\+)?(?:json|xml|javascript)|image\/svg\+xml)/i;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (q > 0), Brotli first. */
export function acceptedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set((name ?? '').trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

/**
 * The encoding compressPayload will send a compressible body of this many bytes in, for this request: a handler
 * names the representation (its ETag) before the body is sent.
 */
export function encodingFor(req: FastifyRequest, bytes: number): Encoding | undefined {
  return bytes < THRESHOLD ? undefined : acceptedEncoding(req.headers['accept-encoding']);
}

/**
 * A strong ETag names one representation, and a compressed body is another one: it gets its own tag ("…-gzip",
 * "…-br", as Apache's mod_deflate does), so a cache never takes gzip bytes for the identity answer's.
 */
export function representationEtag(etag: string, encoding: Encoding | undefined): string {
  return encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

// Static assets are the same Buffer on every request: compress each once, at the best ratio. Shared
// answers (a cached availability answer, served to every reader for seconds) are compressed once per
// encoding at the fast setting and kept as long as the Buffer lives.
const cache = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>();
const staticBodies = new WeakSet<Buffer>();
const sharedBodies = new WeakSet<Buffer>();

/** Marks a body that never changes while the process runs (a static asset), so its compressed form is kept. */
export function markStatic(body: Buffer): Buffer {
  staticBodies.add(body);
  return body;
}

/** Marks a body many requests send for a while (a cached answer): compressed once per encoding, not per request. */
export function markShared(body: Buffer): Buffer {
  sharedBodies.add(body);
  return body;
}

/** The compressed body: at once when it was compressed before (a static or shared body), else a promise. */
function encode(body: Buffer, encoding: Encoding, kind: 'static' | 'shared' | 'once'): Buffer | Promise<Buffer> {
  const cached = kind !== 'once' ? cache.get(body)?.[encoding] : undefined;
  return cached ?? compress(body, encoding, kind);
}

async function compress(body: Buffer, encoding: Encoding, kind: 'static' | 'shared' | 'once'): Promise<Buffer> {
  const out =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: kind === 'static' ? 11 : 5,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : await gzip(body, { level: 6 });
  if (kind !== 'once') cache.set(body, { ...cache.get(body), [encoding]: out });
  return out;
}

/**
 * An onSend hook's work: the payload to send, at once unless it has to be compressed now (most answers need
 * no promise: not compressible, too small, or compressed before).
 */
export function compressPayload(req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams and empty bodies
  const type = String(reply.getHeader('content-type') ?? '');
  if (!COMPRESSIBLE.test(type) || reply.hasHeader('content-encoding')) return payload;
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/accept-encoding/i.test(vary)) reply.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (body.length < THRESHOLD || reply.statusCode === 204 || reply.statusCode === 304) return payload;
  const encoding = acceptedEncoding(req.headers['accept-encoding']);
  if (!encoding) return payload;
  const kind = !Buffer.isBuffer(payload) ? 'once' : staticBodies.has(payload) ? 'static' : sharedBodies.has(payload) ? 'shared' : 'once';
  const encoded = (out: Buffer) => {
    reply.header('Content-Encoding', encoding);
    reply.removeHeader('content-length');
    return out;
  };
  const out = encode(body, encoding, kind);
  return out instanceof Promise ? out.then(encoded) : encoded(out);
}
