/** The inventory part of the privacy module (being built: issue 14). */
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';

export function inventoryPart(_registers: RegisterSource): PrivacyPart {
  return {};
}
