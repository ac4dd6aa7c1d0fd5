/**
 * Key material: field-encryption keys (with ids, for rotation), the blind-index key, the audit
 * checkpoint signing key (Ed25519), the application secret and the backup key. Production reads them
 * from configuration; demo generates them once and keeps them in <dataDir>/demo-secrets.json.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_SECRET_MARK, type Config } from '../config.js';

export type KeyRing = { current: string; keys: Map<string, Buffer> };

export type Secrets = {
  encryption: KeyRing;
  blindIndexKey: { id: string; key: Buffer };
  auditSigning: { id: string; privateKey: crypto.KeyObject; publicKey: crypto.KeyObject };
  appSecret: Buffer;
  /** Card issuance exchange-file keys (Ed25519); absent keys fail at the point of use. */
  card: CardKeys;
  /**
   * MADOGUCHI_BACKUP_KEY: encrypts backup files (the first key) and opens older ones (all keys). Kept apart
   * from the field-encryption keys, so a stolen backup and a stolen key ring do not come together.
   */
  backup: KeyRing;
};

export type CardSigningKey = { id: string; privateKey: crypto.KeyObject; publicKey: crypto.KeyObject };
export type CardKeys = {
  /** This zone's signing key (in zone 'both': the internal half's). */
  signing?: CardSigningKey;
  /** Zone 'both' only: the internet half's signing key. */
  peerSigning?: CardSigningKey;
  /** Public keys the peer zone signs with, by key id. */
  peerPublic: Map<string, crypto.KeyObject>;
  /** Internal zone: X25519 private keys that open the booking file's sealed fields, by key id (all still open; rotation). */
  fileKeys: Map<string, crypto.KeyObject>;
  /** Internet zone: the internal zone's X25519 public key that booking-file fields are sealed for. */
  peerFilePublic?: { id: string; publicKey: crypto.KeyObject };
};

const CARD_KEY_NAMES = [
  'MADOGUCHI_CARD_SIGNING_KEY',
  'MADOGUCHI_CARD_PEER_SIGNING_KEY',
  'MADOGUCHI_CARD_PEER_PUBLIC_KEY',
  'MADOGUCHI_CARD_FILE_KEY',
  'MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY',
] as const;

function cardSigningKey(spec: string, name: string): CardSigningKey {
  const [id, b64] = splitKey(spec, name);
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${name}: must be an Ed25519 key`);
  return { id, privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

/** Parses the card keys; in zone 'both' the internet half's public key is trusted too. */
export function parseCardKeys(v: Partial<Record<(typeof CARD_KEY_NAMES)[number], string>>): CardKeys {
  const signing = v.MADOGUCHI_CARD_SIGNING_KEY ? cardSigningKey(v.MADOGUCHI_CARD_SIGNING_KEY, 'MADOGUCHI_CARD_SIGNING_KEY') : undefined;
  const peerSigning = v.MADOGUCHI_CARD_PEER_SIGNING_KEY
    ? cardSigningKey(v.MADOGUCHI_CARD_PEER_SIGNING_KEY, 'MADOGUCHI_CARD_PEER_SIGNING_KEY')
    : undefined;
  const peerPublic = new Map<string, crypto.KeyObject>();
  for (const part of (v.MADOGUCHI_CARD_PEER_PUBLIC_KEY ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = splitKey(part, 'MADOGUCHI_CARD_PEER_PUBLIC_KEY');
    const key = crypto.createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('MADOGUCHI_CARD_PEER_PUBLIC_KEY: must be an Ed25519 key');
    peerPublic.set(id, key);
  }
  const fileKeys = new Map<string, crypto.KeyObject>();
  for (const part of (v.MADOGUCHI_CARD_FILE_KEY ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = splitKey(part, 'MADOGUCHI_CARD_FILE_KEY');
    const key = crypto.createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'x25519') throw new Error('MADOGUCHI_CARD_FILE_KEY: must be an X25519 private key');
    if (fileKeys.has(id)) throw new Error(`MADOGUCHI_CARD_FILE_KEY: key id "${id}" appears twice`);
    fileKeys.set(id, key);
  }
  let peerFilePublic: CardKeys['peerFilePublic'];
  if (v.MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY) {
    // One key only: the booking site seals for the internal zone's current key. Rotation happens inside.
    if (v.MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY.includes(','))
      throw new Error("MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: give one key, the internal zone's current file key");
    const [id, b64] = splitKey(v.MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY.trim(), 'MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY');
    const publicKey = crypto.createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'x25519') throw new Error('MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: must be an X25519 public key');
    peerFilePublic = { id, publicKey };
  }
  return { signing, peerSigning, peerPublic, fileKeys, peerFilePublic };
}

/**
 * The internal zone's booking-file key pair: the private key stays inside (MADOGUCHI_CARD_FILE_KEY),
 * the public key goes to the booking site (MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY), same key id.
 */
function generateFileKeyValues(prefix: string, stamp: string) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('x25519');
  return {
    MADOGUCHI_CARD_FILE_KEY: `${prefix}cf${stamp}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: `${prefix}cf${stamp}:${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
  };
}

/** Demo / zone 'both': two key pairs (internal and internet half) that trust each other. */
export function generateCardKeyValues(prefix = ''): Record<(typeof CARD_KEY_NAMES)[number], string> {
  const stamp = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(2).toString('hex')}`;
  const internal = crypto.generateKeyPairSync('ed25519').privateKey;
  const internet = crypto.generateKeyPairSync('ed25519');
  return {
    MADOGUCHI_CARD_SIGNING_KEY: `${prefix}ci${stamp}:${internal.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    MADOGUCHI_CARD_PEER_SIGNING_KEY: `${prefix}cn${stamp}:${internet.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    MADOGUCHI_CARD_PEER_PUBLIC_KEY: `${prefix}cn${stamp}:${internet.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
    ...generateFileKeyValues(prefix, stamp),
  };
}

/** "kid:base64,kid2:base64" → key ring; the first key encrypts, all decrypt. */
export function parseKeyRing(spec: string, name: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, b64] = splitKey(part, name);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`${name}: key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    if (keys.has(id)) throw new Error(`${name}: key id "${id}" appears twice`);
    keys.set(id, key);
    if (!current) current = id;
  }
  if (!current) throw new Error(`${name}: no key given`);
  return { current, keys };
}

function splitKey(spec: string, name: string): [string, string] {
  const i = spec.indexOf(':');
  if (i <= 0) throw new Error(`${name}: expected "keyid:base64", got a value without a key id`);
  const id = spec.slice(0, i);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`${name}: key id "${id}" may use letters, digits, - and _`);
  return [id, spec.slice(i + 1)];
}

function signingKey(spec: string): Secrets['auditSigning'] {
  const [id, b64] = splitKey(spec, 'MADOGUCHI_AUDIT_SIGNING_KEY');
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('MADOGUCHI_AUDIT_SIGNING_KEY: must be an Ed25519 key');
  return { id, privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

/** Fresh values for every secret, in the configuration's format (used by `madoguchi keys generate`). */
export function generateSecretValues(prefix = ''): Record<string, string> {
  // Key ids carry the date and a random suffix, so keys generated the same day stay distinct.
  const stamp = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(2).toString('hex')}`;
  const rnd = () => crypto.randomBytes(32).toString('base64');
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return {
    MADOGUCHI_ENCRYPTION_KEYS: `${prefix}k${stamp}:${rnd()}`,
    MADOGUCHI_BLIND_INDEX_KEY: `${prefix}b${stamp}:${rnd()}`,
    MADOGUCHI_AUDIT_SIGNING_KEY: `${prefix}s${stamp}:${der}`,
    MADOGUCHI_APP_SECRET: `${prefix}a${stamp}:${rnd()}`,
    // Backups are encrypted with their own key, kept apart from the field-encryption keys (operations guide).
    MADOGUCHI_BACKUP_KEY: `${prefix}bk${stamp}:${rnd()}`,
    // Production requires the booking-file keys (see config.ts): internal zone gets the first, the booking site the second.
    ...generateFileKeyValues(prefix, stamp),
  };
}

function fromValues(v: Record<string, string | undefined>): Omit<Secrets, 'backup'> {
  const missing = Object.entries(v)
    .filter(([, val]) => !val)
    .map(([k]) => k);
  if (missing.length) throw new Error(`Missing secrets: ${missing.join(', ')}`);
  const [bid, bkey] = splitKey(v.MADOGUCHI_BLIND_INDEX_KEY as string, 'MADOGUCHI_BLIND_INDEX_KEY');
  const blind = Buffer.from(bkey, 'base64');
  if (blind.length < 32) throw new Error('MADOGUCHI_BLIND_INDEX_KEY: must be at least 32 bytes');
  const [, app] = splitKey(v.MADOGUCHI_APP_SECRET as string, 'MADOGUCHI_APP_SECRET');
  const appSecret = Buffer.from(app, 'base64');
  if (appSecret.length < 32) throw new Error('MADOGUCHI_APP_SECRET: must be at least 32 bytes');
  return {
    encryption: parseKeyRing(v.MADOGUCHI_ENCRYPTION_KEYS as string, 'MADOGUCHI_ENCRYPTION_KEYS'),
    blindIndexKey: { id: bid, key: blind },
    auditSigning: signingKey(v.MADOGUCHI_AUDIT_SIGNING_KEY as string),
    appSecret,
    card: { peerPublic: new Map(), fileKeys: new Map() },
  };
}

/**
 * Production and any configured environment: the configured keys. Demo without configured keys:
 * generated once under the data directory (or in memory for an in-memory database).
 */
export function loadSecrets(config: Config, options: { inMemory?: boolean } = {}): Secrets {
  const configured = {
    MADOGUCHI_ENCRYPTION_KEYS: config.encryptionKeys,
    MADOGUCHI_BLIND_INDEX_KEY: config.blindIndexKey,
    MADOGUCHI_AUDIT_SIGNING_KEY: config.auditSigningKey,
    MADOGUCHI_APP_SECRET: config.appSecret,
  };
  const card = {
    MADOGUCHI_CARD_SIGNING_KEY: config.cardSigningKey,
    MADOGUCHI_CARD_PEER_SIGNING_KEY: config.cardPeerSigningKey,
    MADOGUCHI_CARD_PEER_PUBLIC_KEY: config.cardPeerPublicKey,
    MADOGUCHI_CARD_FILE_KEY: config.cardFileKey,
    MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY: config.cardPeerFilePublicKey,
  };
  const complete = (s: Omit<Secrets, 'backup'>, generated?: Record<string, string>): Secrets => {
    // Card keys: configured ones win; in demo and test, generated ones fill the gaps (zone 'both').
    const useGenerated = generated && config.env !== 'production' && !card.MADOGUCHI_CARD_SIGNING_KEY;
    // The backup key: the configured one; else (demo, test) the generated one kept with the other demo secrets.
    const backupSpec = config.operations.backup.key ?? (config.env === 'production' ? undefined : generated?.MADOGUCHI_BACKUP_KEY);
    if (!backupSpec) throw new Error('MADOGUCHI_BACKUP_KEY: required (generate with `madoguchi keys generate`)');
    return {
      ...s,
      card: parseCardKeys(useGenerated ? { ...generated, ...definedOnly(card) } : definedOnly(card)),
      backup: parseKeyRing(backupSpec, 'MADOGUCHI_BACKUP_KEY'),
    };
  };
  if (config.env === 'production') return complete(fromValues(configured));
  if (options.inMemory) {
    const generated = { ...generateSecretValues(DEMO_SECRET_MARK), ...generateCardKeyValues(DEMO_SECRET_MARK) };
    return complete(fromValues({ ...generated, ...definedOnly(configured) }), generated);
  }
  const file = path.join(config.dataDir, 'demo-secrets.json');
  const read = () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : undefined);
  const write = (values: Record<string, string>) => {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(values, null, 2), { mode: 0o600 });
  };
  if (Object.values(configured).every(Boolean)) {
    if (config.operations.backup.key) return complete(fromValues(configured));
    // Configured keys but no backup key outside production: only the backup key is the data directory's demo one.
    let kept = read();
    if (!kept?.MADOGUCHI_BACKUP_KEY)
      write((kept = { ...kept, MADOGUCHI_BACKUP_KEY: generateSecretValues(DEMO_SECRET_MARK).MADOGUCHI_BACKUP_KEY as string }));
    return complete(fromValues(configured), { MADOGUCHI_BACKUP_KEY: kept.MADOGUCHI_BACKUP_KEY as string });
  }
  let stored = read();
  if (!stored) write((stored = generateSecretValues(DEMO_SECRET_MARK)));
  if (!stored.MADOGUCHI_CARD_SIGNING_KEY || !stored.MADOGUCHI_CARD_FILE_KEY || !stored.MADOGUCHI_BACKUP_KEY) {
    // Demo data directories created before card issuance (or its booking-file keys, or backups) existed get
    // the missing keys added once; keys already there are kept (each pair comes from one generation).
    const fresh = generateSecretValues(DEMO_SECRET_MARK);
    stored = { ...generateCardKeyValues(DEMO_SECRET_MARK), MADOGUCHI_BACKUP_KEY: fresh.MADOGUCHI_BACKUP_KEY as string, ...stored };
    write(stored);
  }
  return complete(fromValues({ ...stored, ...definedOnly(configured) }), stored);
}

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as Record<string, string>;
}
