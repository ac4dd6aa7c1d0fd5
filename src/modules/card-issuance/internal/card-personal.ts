/**
 * Personal fields of a card, encrypted together as one JSON object per row (one envelope instead of
 * seven: the import of 500,000 rows spends its time here), and the keyed blind indexes used for
 * exact search. Search therefore works on exact, normalised values only (kana, birth date, address,
 * numbers); a prefix or partial search over the encrypted data is not possible.
 */
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import { normaliseAddress, normaliseKana, normaliseNumber } from '../shared/normalise.js';

export type Personal = {
  name: string;
  kana: string;
  birthDate: string;
  sex: '1' | '2' | '9';
  postalCode: string;
  address: string;
  applicationId: string;
};

const CONTEXT = 'card_int_cards.personal';

const personalJson = (p: Personal) => JSON.stringify([p.name, p.kana, p.birthDate, p.sex, p.postalCode, p.address, p.applicationId]);

export function encryptPersonal(crypto: FieldCrypto, p: Personal): string {
  return crypto.encrypt(personalJson(p), CONTEXT);
}

/** A batch of an import under one data key (FieldCrypto.encryptMany); decrypted like any other. */
export function encryptPersonalMany(crypto: FieldCrypto, ps: readonly Personal[]): string[] {
  return crypto.encryptMany(ps.map(personalJson), CONTEXT);
}

export function decryptPersonal(crypto: FieldCrypto, ciphertext: string): Personal {
  const [name, kana, birthDate, sex, postalCode, address, applicationId] = JSON.parse(crypto.decrypt(ciphertext, CONTEXT)) as string[];
  return { name, kana, birthDate, sex, postalCode, address, applicationId } as Personal;
}

const same = (v: string) => v;

/** Blind indexes; each takes raw input and normalises it the same way the import did. */
export const cardIndex = {
  kana: (c: FieldCrypto, v: string) => c.blindIndex(normaliseKana(v), 'card.kana', same),
  birth: (c: FieldCrypto, isoDate: string) => c.blindIndex(isoDate, 'card.birth', same),
  address: (c: FieldCrypto, v: string) => c.blindIndex(normaliseAddress(v), 'card.address', same),
  application: (c: FieldCrypto, v: string) => c.blindIndex(normaliseNumber(v), 'card.application', same),
};

export const encryptText = (c: FieldCrypto, v: string, field: string) => c.encrypt(v, `card_int_cards.${field}`);
export const decryptText = (c: FieldCrypto, v: string, field: string) => c.decrypt(v, `card_int_cards.${field}`);
