/**
 * 「住所を検索」: fills the address field of each postal-code field from the bundled postal dataset
 * (src/platform/postal; no network at run time). Only an empty address field is filled, so nothing the
 * citizen typed is overwritten. A code covering several towns fills what they share (prefecture and
 * city, for instance); an unknown code fills nothing (the citizen types the address).
 */
import { lookupPostalCode, type PostalAddress } from '../../../platform/postal/index.js';
import { allFields, type ProcedureDefinition } from './definition.js';
import { type Answers, isFieldVisible } from './validate-answers.js';

/** The longest address every candidate starts with: prefecture, then city, then town while all agree. */
function commonAddress(candidates: PostalAddress[]): string {
  const [first] = candidates;
  if (!first) return '';
  let out = '';
  for (const part of ['prefecture', 'city', 'town'] as const) {
    if (candidates.some((c) => c[part] !== first[part])) break;
    out += first[part];
  }
  return out;
}

/** The answers with empty address fields filled from their postal codes (a new object; the input is not changed). */
export async function fillAddress(def: ProcedureDefinition, answers: Answers): Promise<Answers> {
  const out: Answers = { ...answers };
  for (const field of allFields(def)) {
    if (field.type !== 'postalCode' || !field.addressField || !isFieldVisible(field, out)) continue;
    const code = out[field.key];
    const current = out[field.addressField];
    if (typeof code !== 'string' || (typeof current === 'string' ? current.trim() : current?.length)) continue;
    const address = commonAddress(await lookupPostalCode(code));
    if (address) out[field.addressField] = address;
  }
  return out;
}
