/** Request and answer schemas of the facility log-in and account API (the OpenAPI document is built from them). */
import { z } from 'zod';

export const logInBody = z.object({
  loginId: z.string().min(1).max(100).describe('The log-in ID the city registered'),
  password: z.string().min(1).max(1024),
});

export const logInResponse = z
  .object({
    otpRequired: z.literal(true),
    challengeId: z.string().describe('Send it with the e-mailed code to POST /api/v1/facility/session/otp; valid 10 minutes'),
  })
  .meta({ id: 'FacilityLogInChallenge', description: 'The password was right: a one-time code was mailed to the registered address' });

export const codeBody = z.object({
  challengeId: z.string().min(1).max(64),
  code: z.string().min(1).max(32).describe('The 6-digit code from the e-mail'),
});

export const sessionCreatedResponse = z
  .object({ csrfToken: z.string().describe('Send as X-CSRF-Token on every state-changing request of this session') })
  .meta({ id: 'FacilitySessionOpened', description: 'The session cookie is set' });

export const sessionResponse = z
  .object({
    loginId: z.string(),
    facility: z.object({ code: z.string(), name: z.string(), type: z.string() }),
    csrfToken: z.string(),
  })
  .meta({ id: 'FacilitySession', description: 'Who is logged in, and their facility' });

export const accountBody = z
  .object({
    // a wrong type reads as missing (422 required), so a body with an `email` always reaches the 403
    currentPassword: z.string().max(1024).optional().catch(undefined),
    newPassword: z.string().max(1024).optional().catch(undefined),
    email: z.unknown().optional().describe('Refused (403) whatever its value: the address is registered only by city staff'),
  })
  .meta({ id: 'FacilityAccountChange' });
