/** The transparency part of the privacy module (being built: issue 14). */
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';

export function transparencyPart(_registers: RegisterSource): PrivacyPart {
  return {};
}
