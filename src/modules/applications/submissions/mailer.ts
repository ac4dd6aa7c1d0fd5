/** The context's mailer for this part's e-mails (its SMTP settings and sender, never another context's). */
import { contextLocal } from '../../../platform/context.js';
import { createMailer, type Mailer } from '../../../platform/mailer.js';

export const applicationMailers = contextLocal<Mailer>((ctx) => createMailer(ctx.config));
