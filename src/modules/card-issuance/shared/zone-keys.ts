/**
 * Which key signs and which keys are trusted, per zone half. In zone 'both' (demo) the process holds
 * two key pairs, one per half, so each half still only trusts the other's signature.
 */
import type crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import type { SigningKey } from './exchange-file.js';
import type { SealRecipient } from './field-seal.js';

export class ZoneKeyError extends Error {}

/** The internal half signs bundles with MADOGUCHI_CARD_SIGNING_KEY. */
export function internalSigningKey(ctx: AppContext): SigningKey {
  const k = ctx.secrets.card.signing;
  if (!k) throw new ZoneKeyError('MADOGUCHI_CARD_SIGNING_KEY is not configured: the internal zone cannot sign a bundle.');
  return k;
}

/** The internet half signs booking files: its own key (zone 'internet') or the peer signing key (zone 'both'). */
export function internetSigningKey(ctx: AppContext): SigningKey {
  const k = ctx.config.cardZone === 'both' ? ctx.secrets.card.peerSigning : ctx.secrets.card.signing;
  if (!k)
    throw new ZoneKeyError(
      ctx.config.cardZone === 'both'
        ? 'MADOGUCHI_CARD_PEER_SIGNING_KEY is not configured: in zone "both" the booking site needs its own signing key.'
        : 'MADOGUCHI_CARD_SIGNING_KEY is not configured: the booking site cannot sign a booking file.',
    );
  return k;
}

/** Keys the internal half accepts booking files from: the peer's public keys. */
export function trustedByInternal(ctx: AppContext): ReadonlyMap<string, crypto.KeyObject> {
  return ctx.secrets.card.peerPublic;
}

/** Keys the internet half accepts bundles from: the internal half's key (zone 'both') or the peer's public keys. */
export function trustedByInternet(ctx: AppContext): ReadonlyMap<string, crypto.KeyObject> {
  if (ctx.config.cardZone === 'both') {
    const k = ctx.secrets.card.signing;
    return new Map(k ? [[k.id, k.publicKey]] : []);
  }
  return ctx.secrets.card.peerPublic;
}

/** The booking site seals e-mail and memo for the internal zone's file key (MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY). */
export function internetFileRecipient(ctx: AppContext): SealRecipient {
  const k = ctx.secrets.card.peerFilePublic;
  if (!k)
    throw new ZoneKeyError(
      "MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY is not configured: the booking site cannot encrypt e-mail addresses and memos for the internal zone, so it writes no booking file. Set it to the public half of the internal zone's MADOGUCHI_CARD_FILE_KEY.",
    );
  return k;
}

/** The internal zone's private file keys (MADOGUCHI_CARD_FILE_KEY), by key id; older ones still open files in transit. */
export function internalFileKeys(ctx: AppContext): ReadonlyMap<string, crypto.KeyObject> {
  const k = ctx.secrets.card.fileKeys;
  if (!k.size)
    throw new ZoneKeyError(
      'MADOGUCHI_CARD_FILE_KEY is not configured: the internal zone cannot decrypt the e-mail addresses and memos of a booking file.',
    );
  return k;
}
