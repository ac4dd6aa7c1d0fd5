/**
 * The transparency part of the privacy module: the citizens' pages on what each procedure and service
 * collects (transparency.pages.ts). Served only by a process that serves citizens: an internal-zone
 * process (card issuance behind the city's network) has none.
 */
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';
import { registerTransparencyPages } from './transparency.pages.js';

export function transparencyPart(registers: RegisterSource): PrivacyPart {
  return {
    register(app, ctx) {
      if (ctx.config.cardZone === 'internal') return;
      registerTransparencyPages(app, ctx, registers);
    },
  };
}
