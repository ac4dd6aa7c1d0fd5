/**
 * What a booking's encryption costs in the web process, measured here in-process (the same code the server
 * runs): the five values of a booking (name, phone, e-mail, answers, stored answer) each under its own data
 * key (v1, before) and under one data key for the record (v2, what bookings write), then reading them back.
 * Interleaved rounds, medians; µs per booking.
 */
import { createFieldCrypto } from '../src/platform/field-crypto.js';
import { generateSecretValues, loadSecrets } from '../src/platform/secrets.js';
import { loadConfig } from '../src/config.js';
import { median } from './load.js';

const VALUES: [string, string][] = [
  ['負荷 試験一二三', 'reservations.name'],
  ['09012345678', 'reservations.phone'],
  ['bench@example.jp', 'reservations.email'],
  ['{"f_reason":"転入の手続き"}', 'reservations.fields'],
  ['{"status":201,"body":{"reservationNumber":"12345678"}}', 'reservations.idempotency'],
];

export type BookingCryptoCost = { writePerValueUs: number; writeRecordUs: number; readPerValueUs: number; readRecordUs: number };

export function bookingCryptoCost(rounds = 7, perRound = 2000): BookingCryptoCost {
  const fc = createFieldCrypto(
    loadSecrets(loadConfig({ MADOGUCHI_ENV: 'test', ...generateSecretValues('bench-') }, { testHarness: true })),
  );
  const perValue = () => VALUES.map(([p, c]) => fc.encrypt(p, c));
  const record = () => fc.encryptRecord(VALUES);
  const v1 = perValue();
  const v2 = record();
  const kinds: Record<keyof BookingCryptoCost, () => unknown> = {
    writePerValueUs: perValue,
    writeRecordUs: record,
    readPerValueUs: () => v1.map((v, i) => fc.decrypt(v, VALUES[i]![1])),
    readRecordUs: () => v2.map((v, i) => fc.decrypt(v, VALUES[i]![1])),
  };
  const times = Object.fromEntries(Object.keys(kinds).map((k) => [k, [] as number[]])) as Record<keyof BookingCryptoCost, number[]>;
  for (let r = -1; r < rounds; r++) {
    for (const [k, f] of Object.entries(kinds) as [keyof BookingCryptoCost, () => unknown][]) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) f();
      if (r >= 0) times[k].push(Number(process.hrtime.bigint() - t) / perRound / 1000); // round -1 warms up
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)])) as BookingCryptoCost;
}
