/** Test support for the citizen pages: a browser's form cookie and the CSRF token bound to it. */
import type { FastifyInstance } from 'fastify';

export type FormSession = { cookie: string; csrf: string };

/** Opens the My Page log-in form as a fresh browser would and returns its cookie and token. */
export async function citizenFormSession(server: FastifyInstance): Promise<FormSession> {
  const r = await server.inject({ method: 'GET', url: '/my/login' });
  const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
  if (!cookie || !csrf) throw new Error('the log-in form set no CSRF cookie or token');
  return { cookie, csrf };
}

/** Merges Set-Cookie answers into a Cookie header (later values win; cleared cookies are dropped). */
export function withCookies(cookie: string, answer: { cookies: { name: string; value: string }[] }): string {
  const jar = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  );
  for (const c of answer.cookies) {
    if (c.value) jar.set(c.name, c.value);
    else jar.delete(c.name);
  }
  return [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
}
