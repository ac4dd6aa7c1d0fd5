/**
 * The HTML log-in keeps its challenge id in an HttpOnly, SameSite=Strict cookie on /facility (never in a
 * URL, where it would reach logs and Referer headers), so the code form works only in the browser that
 * passed the password, and only for that attempt.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { CHALLENGE_ID_PATTERN, CODE_VALID_MINUTES } from './login-rules.js';

export const OTP_COOKIE = 'madoguchi_facility_otp';
const PATH = '/facility';

export function setChallengeCookie(ctx: Pick<AppContext, 'config'>, reply: FastifyReply, challengeId: string): void {
  reply.setCookie(OTP_COOKIE, challengeId, {
    path: PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.env === 'production',
    maxAge: CODE_VALID_MINUTES * 60,
  });
}

export function readChallengeCookie(req: FastifyRequest): string | undefined {
  const v = req.cookies?.[OTP_COOKIE];
  return v && CHALLENGE_ID_PATTERN.test(v) ? v : undefined;
}

export function clearChallengeCookie(reply: FastifyReply): void {
  reply.clearCookie(OTP_COOKIE, { path: PATH });
}
