/**
 * The backup file: a header in clear, then AES-256-GCM sealed frames — the dump in chunks, then the manifest.
 *
 *   "MDGBKUP1" | u32 header length | header JSON { format, cipher, kdf, keyId, salt, chunkBytes, database }
 *   frame*: u8 type (1 dump, 2 manifest) | u32 ciphertext length | ciphertext | 16-byte tag
 *
 * Each file has its own key, HKDF-SHA256(backup key named by keyId, random salt), so the frame index can be
 * the nonce. Every frame's associated data is SHA-256(signature + header) | type | index: the header is
 * authenticated, and frames cannot be dropped, reordered or moved between files. The manifest frame is the
 * last one; a file that ends without it is truncated. Chunks are sealed as the dump streams in and opened
 * one at a time, so neither side holds more than one chunk, and no chunk reaches the caller unauthenticated.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KeyRing } from '../../../platform/secrets.js';

const SIGNATURE = Buffer.from('MDGBKUP1', 'ascii');
const FORMAT = 1;
const TYPE_DUMP = 1;
const TYPE_MANIFEST = 2;
const TAG_BYTES = 16;
const DEFAULT_CHUNK = 1 << 20;
/** A frame never claims more than this; a larger length means a damaged file (and no huge allocation). */
const MAX_FRAME = 64 << 20;

export type BackupManifest = {
  format: 1;
  createdAt: string;
  database: 'postgres' | 'pglite';
  /** pg_dump's custom format, or PGlite's data directory as a gzip-compressed tar. */
  dumpFormat: 'pg_dump-custom' | 'pglite-datadir-tar-gzip';
  /** The newest applied migration. */
  schemaVersion: number;
  /** Rows per table of schema public, counted in the dump's own snapshot. */
  tables: Record<string, number>;
  auditHead: { seq: number; hash: string };
  dump: { bytes: number; sha256: string };
};

type Header = {
  format: number;
  cipher: 'AES-256-GCM';
  kdf: 'HKDF-SHA256';
  keyId: string;
  salt: string;
  chunkBytes: number;
  /** Which database wrote it, so a reader knows how to restore before it reaches the manifest. */
  database: BackupManifest['database'];
};

/** A backup file that cannot be opened: the message says which file, what is wrong and what to do. */
export class BackupFileError extends Error {}

function fileKey(master: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, salt, 'madoguchi backup file v1', 32));
}

function frameAad(headerHash: Buffer, type: number, index: number): Buffer {
  const b = Buffer.alloc(headerHash.length + 9);
  headerHash.copy(b);
  b.writeUInt8(type, headerHash.length);
  b.writeBigUInt64BE(BigInt(index), headerHash.length + 1);
  return b;
}

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

/** Writes one backup file: `write` the dump as it comes, then `finish` with the manifest. */
export class BackupWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private dumpBytes = 0;
  private readonly dumpHash = crypto.createHash('sha256');
  private readonly fileHash = crypto.createHash('sha256');
  private size = 0;

  private constructor(
    private readonly fh: fs.promises.FileHandle,
    private readonly key: Buffer,
    private readonly headerHash: Buffer,
    private readonly chunkBytes: number,
  ) {}

  /** Creates `file` (which must not exist) and writes its header under the ring's current key. */
  static async create(
    file: string,
    ring: KeyRing,
    database: BackupManifest['database'],
    chunkBytes = DEFAULT_CHUNK,
  ): Promise<BackupWriter> {
    const master = ring.keys.get(ring.current) as Buffer;
    const salt = crypto.randomBytes(32);
    const header: Header = {
      format: FORMAT,
      cipher: 'AES-256-GCM',
      kdf: 'HKDF-SHA256',
      keyId: ring.current,
      salt: salt.toString('base64'),
      chunkBytes,
      database,
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    const prefix = Buffer.concat([SIGNATURE, length, json]);
    const fh = await fs.promises.open(file, 'wx', 0o600);
    const w = new BackupWriter(fh, fileKey(master, salt), crypto.createHash('sha256').update(prefix).digest(), chunkBytes);
    await w.append(prefix);
    return w;
  }

  /** Adds dump bytes; seals a frame each time a chunk is full. */
  async write(data: Uint8Array): Promise<void> {
    const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.dumpBytes += b.length;
    this.dumpHash.update(b);
    this.pending.push(b);
    this.pendingBytes += b.length;
    while (this.pendingBytes >= this.chunkBytes) {
      const all = Buffer.concat(this.pending);
      await this.seal(TYPE_DUMP, all.subarray(0, this.chunkBytes));
      const rest = all.subarray(this.chunkBytes);
      this.pending = rest.length ? [Buffer.from(rest)] : [];
      this.pendingBytes = rest.length;
    }
  }

  /** Seals the rest of the dump and the manifest (with the dump's size and SHA-256); closes the file. */
  async finish(manifest: Omit<BackupManifest, 'dump'>): Promise<{ manifest: BackupManifest; size: number; sha256: string }> {
    if (this.pendingBytes) await this.seal(TYPE_DUMP, Buffer.concat(this.pending));
    this.pending = [];
    const full: BackupManifest = { ...manifest, dump: { bytes: this.dumpBytes, sha256: this.dumpHash.digest('hex') } };
    await this.seal(TYPE_MANIFEST, Buffer.from(JSON.stringify(full), 'utf8'));
    await this.fh.sync();
    await this.fh.close();
    return { manifest: full, size: this.size, sha256: this.fileHash.digest('hex') };
  }

  /** Closes without finishing (the caller removes the partial file). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }

  private async seal(type: number, plain: Buffer): Promise<void> {
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce(this.index));
    cipher.setAAD(frameAad(this.headerHash, type, this.index));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(5);
    head.writeUInt8(type, 0);
    head.writeUInt32BE(body.length, 1);
    await this.append(Buffer.concat([head, body, cipher.getAuthTag()]));
    this.index++;
  }

  private async append(b: Buffer): Promise<void> {
    this.fileHash.update(b);
    this.size += b.length;
    await this.fh.write(b);
  }
}

/**
 * The database kind a file says it holds, read from its header before anything is authenticated: only to
 * choose how to restore it; readBackupFile then authenticates the header with the first block.
 */
export async function readBackupDatabaseKind(file: string): Promise<BackupManifest['database']> {
  let database: unknown;
  const fh = await fs.promises.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new BackupFileError(`Cannot open the backup file ${file}: ${err.code === 'ENOENT' ? 'it does not exist' : err.message}.`);
  });
  try {
    const b = Buffer.alloc(SIGNATURE.length + 4 + 4096);
    const { bytesRead } = await fh.read(b, 0, b.length, 0);
    const length = bytesRead >= SIGNATURE.length + 4 ? b.readUInt32BE(SIGNATURE.length) : 0;
    if (b.subarray(0, SIGNATURE.length).equals(SIGNATURE) && length <= bytesRead - SIGNATURE.length - 4)
      database = (JSON.parse(b.subarray(SIGNATURE.length + 4, SIGNATURE.length + 4 + length).toString('utf8')) as Partial<Header>).database;
  } catch {
    /* reported below */
  } finally {
    await fh.close();
  }
  if (database !== 'postgres' && database !== 'pglite')
    throw new BackupFileError(`${path.basename(file)} is not a madoguchi backup file (no readable backup header).`);
  return database;
}

/**
 * Opens `file`, authenticates every frame and hands each dump chunk to `onChunk` in order (only after its
 * tag checked). Resolves with the manifest once the whole file checked out, the dump's size and SHA-256
 * included; throws a BackupFileError naming the problem otherwise.
 */
export async function readBackupFile(
  file: string,
  ring: KeyRing,
  onChunk: (chunk: Buffer) => Promise<void> | void = () => undefined,
): Promise<BackupManifest> {
  const name = path.basename(file);
  const fh = await fs.promises.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new BackupFileError(`Cannot open the backup file ${file}: ${err.code === 'ENOENT' ? 'it does not exist' : err.message}.`);
  });
  try {
    let offset = 0;
    const read = async (n: number, what: string): Promise<Buffer> => {
      const b = Buffer.alloc(n);
      const { bytesRead } = await fh.read(b, 0, n, offset);
      if (bytesRead < n)
        throw new BackupFileError(
          `${name} ends in the middle of its ${what} (at byte ${offset + bytesRead}): the file is truncated, e.g. an interrupted copy. Use another generation.`,
        );
      offset += n;
      return b;
    };
    const signature = await read(SIGNATURE.length + 4, 'header');
    if (!signature.subarray(0, SIGNATURE.length).equals(SIGNATURE))
      throw new BackupFileError(`${name} is not a madoguchi backup file (it does not start with the backup signature).`);
    const headerLength = signature.readUInt32BE(SIGNATURE.length);
    if (headerLength > 4096) throw new BackupFileError(`${name} has a damaged header (length ${headerLength}). Use another generation.`);
    const headerBytes = await read(headerLength, 'header');
    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      throw new BackupFileError(`${name} has a damaged header (not JSON). Use another generation.`);
    }
    if (header.format !== FORMAT || header.cipher !== 'AES-256-GCM' || header.kdf !== 'HKDF-SHA256')
      throw new BackupFileError(
        `${name} is in backup format ${String(header.format)}, which this version cannot read (it reads format ${FORMAT}).`,
      );
    const master = ring.keys.get(header.keyId);
    if (!master)
      throw new BackupFileError(
        `${name} was encrypted with backup key "${header.keyId}", which MADOGUCHI_BACKUP_KEY does not hold (it holds ${[...ring.keys.keys()].join(', ')}). Add that key after the current one to open older backups.`,
      );
    const key = fileKey(master, Buffer.from(header.salt, 'base64'));
    const headerHash = crypto.createHash('sha256').update(signature).update(headerBytes).digest();
    const dumpHash = crypto.createHash('sha256');
    let dumpBytes = 0;
    const { size } = await fh.stat();
    for (let index = 0; ; index++) {
      const frameStart = offset;
      if (offset === size)
        throw new BackupFileError(
          `${name} ends after ${index} blocks without its manifest: the file is truncated, e.g. an interrupted copy. Use another generation.`,
        );
      const head = await read(5, `block ${index}`);
      const type = head.readUInt8(0);
      const length = head.readUInt32BE(1);
      if ((type !== TYPE_DUMP && type !== TYPE_MANIFEST) || length > MAX_FRAME)
        throw new BackupFileError(
          `${name} is damaged or was altered: block ${index} (at byte ${frameStart}) has an invalid frame. Use another generation.`,
        );
      const body = await read(length, `block ${index}`);
      const tag = await read(TAG_BYTES, `block ${index}`);
      let plain: Buffer;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce(index));
        decipher.setAAD(frameAad(headerHash, type, index));
        decipher.setAuthTag(tag);
        plain = Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        throw new BackupFileError(
          `${name} is damaged or was altered: block ${index} (at byte ${frameStart})${index === 0 ? ' or the header' : ''} fails authentication (wrong key material, a changed byte, or blocks moved). Use another generation.`,
        );
      }
      if (type === TYPE_DUMP) {
        dumpHash.update(plain);
        dumpBytes += plain.length;
        await onChunk(plain);
        continue;
      }
      if (offset !== size)
        throw new BackupFileError(`${name} has ${size - offset} bytes after its manifest, which no backup writes. Use another generation.`);
      const manifest = JSON.parse(plain.toString('utf8')) as BackupManifest;
      const sha256 = dumpHash.digest('hex');
      if (manifest.dump.bytes !== dumpBytes || manifest.dump.sha256 !== sha256)
        throw new BackupFileError(
          `${name}: the dump does not match its manifest's checksum (manifest ${manifest.dump.bytes} bytes, sha256 ${manifest.dump.sha256}; found ${dumpBytes} bytes, sha256 ${sha256}).`,
        );
      return manifest;
    }
  } finally {
    await fh.close();
  }
}
