/** Schemas of the payment routes and pages (request validation, handler types and the OpenAPI document). */
import { z } from 'zod';

export const referenceParams = z.object({ referenceNumber: z.string().min(1).max(40) });

export const paymentStartOut = z
  .object({ url: z.url().describe("The provider's hosted payment page: send the citizen there (a full redirect, no iframe)") })
  .meta({ id: 'PaymentStart' });

export const webhookOut = z.object({ received: z.literal(true) }).meta({ id: 'PaymentWebhookReceived' });

/** The pay form posted from the application's status and completion pages. */
export const payParams = z.object({ referenceNumber: z.string().min(1).max(40) });
export const payBody = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/), _csrf: z.string().optional() });

/** The return page: only the provider's session id is read (and only to find one of our payments). */
export const returnQuery = z
  .object({
    session_id: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,255}$/)
      .optional()
      .catch(undefined),
    payment: z.uuid().optional().catch(undefined),
  })
  .passthrough();
