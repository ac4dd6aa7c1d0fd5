/**
 * The exchange file between the zones (moved on removable media, never over a network link).
 *
 *   { "format": "madoguchi-card-exchange/1",
 *     "manifest": { kind, fileId, sequence, createdAt, department, counts, parts: { <name>: { sha256, count } }, seal?, office? },
 *     "signature": { alg: "Ed25519", keyId, value },
 *     "parts": { <name>: [ rows… ] } }
 *
 * The signature covers the format and the canonical JSON of the manifest (keys sorted); the manifest
 * carries the SHA-256 and row count of each part (over JSON.stringify of the part's array). So a
 * changed row, a dropped row, a truncated file, a file signed by an unknown key, or a bundle passed
 * off as a booking file (kind) are all refused before anything is written. Replays (a file id or
 * sequence already imported) are refused by the importing zone's unique constraints. Booking files
 * carry `seal` (field-seal.ts): e-mail and memo are encrypted for the internal zone before signing.
 * Bundles carry `office` (written since migration 0043; optional, so older bundles still read): the
 * office's contact printed on its letters and its password policy. Pure.
 */
import crypto from 'node:crypto';
import type { Text } from '../../../http/i18n.js';
import type { Lang } from '../../../platform/i18n.js';
import { exchangeFileMessages as m } from './exchange-file.messages.js';
import type { SealHeader } from './field-seal.js';
import type { PasswordPolicy } from './password.js';

export const EXCHANGE_FORMAT = 'madoguchi-card-exchange/1';

export type ExchangeKind = 'card-bundle' | 'card-bookings';

export type Manifest = {
  kind: ExchangeKind;
  fileId: string;
  sequence: number;
  createdAt: string;
  department: string;
  counts: Record<string, number>;
  parts: Record<string, { sha256: string; count: number }>;
  /** Personal fields of the parts are sealed for the receiving zone (booking files). */
  seal?: SealHeader;
  /** The card office as its letters present it (bundles only). Signed with the rest of the manifest. */
  office?: OfficeInfo;
};

/** What the booking site may know of a card office: its public contact and how its passwords look. */
export type OfficeInfo = { contactOffice: string; contactPhone: string; contactHours: string; passwordPolicy: PasswordPolicy };

export type ExchangeFile = { manifest: Manifest; parts: Record<string, unknown[]> };

export class ExchangeFileError extends Error {
  constructor(
    readonly code:
      | 'not_exchange_file'
      | 'wrong_kind'
      | 'foreign_key'
      | 'bad_signature'
      | 'part_mismatch'
      | 'replayed'
      | 'bad_row'
      | 'cannot_decrypt',
    readonly text: Text,
  ) {
    super(text.en);
  }
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const signedBytes = (manifest: Manifest) => Buffer.from(`${EXCHANGE_FORMAT}\n${canonicalJson(manifest)}`, 'utf8');

export type SigningKey = { id: string; privateKey: crypto.KeyObject };

/** Builds the signed file text. */
export function writeExchangeFile(
  input: Omit<Manifest, 'parts' | 'counts'> & { parts: Record<string, unknown[]> },
  key: SigningKey,
): { text: string; manifest: Manifest; sha256: string } {
  const partTexts = Object.fromEntries(Object.entries(input.parts).map(([k, rows]) => [k, JSON.stringify(rows)]));
  const manifest: Manifest = {
    kind: input.kind,
    fileId: input.fileId,
    sequence: input.sequence,
    createdAt: input.createdAt,
    department: input.department,
    counts: Object.fromEntries(Object.entries(input.parts).map(([k, rows]) => [k, rows.length])),
    parts: Object.fromEntries(
      Object.entries(input.parts).map(([k, rows]) => [k, { sha256: sha256(partTexts[k] as string), count: rows.length }]),
    ),
    ...(input.seal ? { seal: input.seal } : {}),
    ...(input.office ? { office: input.office } : {}),
  };
  const signature = crypto.sign(null, signedBytes(manifest), key.privateKey).toString('base64');
  // Written by hand so the parts are serialised exactly once (500,000 rows are tens of megabytes).
  const head = JSON.stringify({ format: EXCHANGE_FORMAT, manifest, signature: { alg: 'Ed25519', keyId: key.id, value: signature } });
  const partsText = Object.entries(partTexts)
    .map(([k, t]) => `${JSON.stringify(k)}:${t}`)
    .join(',\n');
  const text = `${head.slice(0, -1)},\n"parts":{\n${partsText}}}\n`;
  return { text, manifest, sha256: sha256(text) };
}

const notExchange = () => new ExchangeFileError('not_exchange_file', m.text('notExchangeFile'));

/** Parses and verifies a file; throws ExchangeFileError with a message for the operator. */
export function readExchangeFile(text: string, expectedKind: ExchangeKind, trusted: ReadonlyMap<string, crypto.KeyObject>): ExchangeFile {
  let doc: { format?: unknown; manifest?: Manifest; signature?: { alg?: unknown; keyId?: unknown; value?: unknown }; parts?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw notExchange();
  }
  if (
    !doc ||
    doc.format !== EXCHANGE_FORMAT ||
    !doc.manifest ||
    typeof doc.manifest !== 'object' ||
    !doc.signature ||
    !doc.parts ||
    typeof doc.parts !== 'object'
  )
    throw notExchange();
  const { manifest, signature } = doc;
  const key = typeof signature.keyId === 'string' ? trusted.get(signature.keyId) : undefined;
  if (!key || signature.alg !== 'Ed25519')
    throw new ExchangeFileError(
      'foreign_key',
      inBoth((lang) => m.t(lang, 'foreignKey', { keyId: signature.keyId == null ? m.t(lang, 'unknownKey') : String(signature.keyId) })),
    );
  let ok = false;
  try {
    ok = typeof signature.value === 'string' && crypto.verify(null, signedBytes(manifest), key, Buffer.from(signature.value, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new ExchangeFileError('bad_signature', m.text('badSignature'));
  if (manifest.kind !== expectedKind)
    throw new ExchangeFileError('wrong_kind', m.text('wrongKind', { kind: String(manifest.kind), expected: expectedKind }));
  const parts = doc.parts as Record<string, unknown>;
  const out: Record<string, unknown[]> = {};
  for (const [name, spec] of Object.entries(manifest.parts ?? {})) {
    const rows = parts[name];
    if (!Array.isArray(rows) || rows.length !== spec.count || sha256(JSON.stringify(rows)) !== spec.sha256)
      throw new ExchangeFileError('part_mismatch', m.text('partMismatch', { part: name }));
    out[name] = rows;
  }
  if (Object.keys(parts).some((k) => !(k in (manifest.parts ?? {})))) throw new ExchangeFileError('part_mismatch', m.text('unsignedPart'));
  return { manifest, parts: out };
}

export const replayed = (what: 'fileId' | 'sequence') =>
  new ExchangeFileError('replayed', m.text(what === 'fileId' ? 'replayedFile' : 'replayedSequence'));

/** A message in both languages whose placeholders differ by language (a word or a list separator of the catalogue). */
export const inBoth = (f: (lang: Lang) => string): Text => ({ ja: f('ja'), en: f('en') });
