/**
 * Who may open the demo's pages. The demo mailbox shows every mail the SMTP stand-in received,
 * including signed My Page links, and the demo's staff passwords are published in the README: so it
 * answers only a browser on this machine — a loopback client with no proxy in between. (The demo
 * module itself is loaded only in a demo process; see modulesFor in src/modules/index.ts.)
 */
import type { FastifyRequest } from 'fastify';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** True for a request from this machine: its socket and the address fastify derived are loopback, and nothing forwarded it. */
function isLocalRequest(req: Pick<FastifyRequest, 'headers' | 'ip' | 'socket'>): boolean {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(req.ip) && LOOPBACK.test(req.socket.remoteAddress ?? '');
}

/** The demo mailbox: local requests only. */
export function mayOpenDemoMailbox(req: Pick<FastifyRequest, 'headers' | 'ip' | 'socket'>): boolean {
  return isLocalRequest(req);
}
