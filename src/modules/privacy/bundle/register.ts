/** The bundle part of the privacy module (being built: issue 14). */
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';

export function bundlePart(_registers: RegisterSource): PrivacyPart {
  return {};
}
