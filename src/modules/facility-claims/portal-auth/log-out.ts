/** A facility user logs out: the session row is deleted (a copied cookie stops working) and the event audited. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { endFacilitySession, facilityAuditContext, type FacilityActor } from '../shared/facility-session.js';
import { recordLoginAudit } from './login-audit.js';

export async function logOutFacility(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, actor: FacilityActor): Promise<void> {
  await endFacilitySession(ctx, reply, actor);
  const a = facilityAuditContext(req, actor);
  await ctx.db.transaction((tx) =>
    recordLoginAudit(ctx, tx, {
      actor: a.actor,
      clientIp: req.ip,
      requestId: req.id,
      action: 'facility.logout',
      userId: actor.userId,
      detail: {},
    }),
  );
}
