/** POST /api/v1/card/session — the pinned JSON log-in of the booking site (shares verifyCardCredential with the form). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../../../http/api-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatReservationId } from '../../shared/normalise.js';
import { startCardSession } from '../card-session.js';
import { credentialError } from '../credential-error.js';
import { verifyCardCredential } from '../verify-credential.js';

export function registerCardSessionApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/card/session',
    summary: 'Log in to the card booking site with the log-in id printed on the letter (reservationId) and password',
    tags: ['card'],
    auth: 'public',
    body: z.object({
      reservationId: z.string().min(1).max(64),
      password: z.string().min(1).max(128),
      shippingNo: z.string().max(64).optional(),
    }),
    responses: {
      200: { description: 'Logged in; the session cookie is set', schema: z.object({ reservationId: z.string(), csrfToken: z.string() }) },
      401: { description: 'Wrong log-in id or password (the same answer for an unknown id)' },
      423: { description: 'Locked after repeated failures' },
      428: { description: 'The site is under attack: the shipping number on the letter is needed as well' },
      429: { description: 'Too many failed attempts on this id from this client' },
    },
    async handler({ req, reply, body }) {
      const c = await verifyCardCredential(ctx, { ...body, clientIp: req.ip });
      if (c.result !== 'ok') throw credentialError(c);
      const s = await startCardSession(ctx, reply, c.reservationId);
      return { reservationId: formatReservationId(c.reservationId), csrfToken: s.csrfToken };
    },
  });
}
