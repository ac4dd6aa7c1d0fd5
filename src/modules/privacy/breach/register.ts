/** The breach part of the privacy module (being built: issue 14). */
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';

export function breachPart(_registers: RegisterSource): PrivacyPart {
  return {};
}
