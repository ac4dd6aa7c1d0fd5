/**
 * Card ids for bulk imports: UUIDs in the version 7 layout, in line order: the import's time in
 * milliseconds, then a 32-bit counter, then 42 random bits. Ids that grow keep PostgreSQL's
 * primary-key index appending instead of splitting pages all over (random ids cost seconds on
 * 500,000 rows). They reveal no more than received_at and line_no already do.
 */

/** Writes the id's 16 bytes at `out[at]`; `random` supplies 6 bytes from `r`. */
export function writeOrderedCardId(timeMs: number, seq: number, random: Uint8Array, r: number, out: Uint8Array, at: number): void {
  const high = Math.floor(timeMs / 2 ** 16);
  out[at] = (high >>> 24) & 0xff;
  out[at + 1] = (high >>> 16) & 0xff;
  out[at + 2] = (high >>> 8) & 0xff;
  out[at + 3] = high & 0xff;
  out[at + 4] = (timeMs >>> 8) & 0xff;
  out[at + 5] = timeMs & 0xff;
  // The counter: 4 bits after the version, 8, 6 after the variant bits, 8, and 6 beside 2 random bits.
  out[at + 6] = 0x70 | ((seq >>> 28) & 0x0f);
  out[at + 7] = (seq >>> 20) & 0xff;
  out[at + 8] = 0x80 | ((seq >>> 14) & 0x3f);
  out[at + 9] = (seq >>> 6) & 0xff;
  out[at + 10] = ((seq & 0x3f) << 2) | ((random[r] as number) & 3);
  out.set(random.subarray(r + 1, r + 6), at + 11);
}
