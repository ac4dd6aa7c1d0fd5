/**
 * Takes one uploaded file: bounded read, virus scan (when clamd is configured), content check by
 * magic bytes, metadata stripping, encryption, one row in app_files that belongs to no application
 * yet (claim-files.ts attaches it; delete-unclaimed.job.ts removes it after a day otherwise).
 *
 * Order: the raw bytes are scanned first, so a known virus is recorded as a security event whatever
 * it pretends to be; then the content decides the kind (the declared name and Content-Type are not
 * trusted: a `.jpg` that is a ZIP is refused, a PNG named `.jpg` is stored as PNG); then the file is
 * cleaned (strip-metadata.ts) and what is stored is the cleaned file.
 *
 * Refusals are AppErrors with a field error on `field` (default "file"): 422 for the kind, the size,
 * damage, active PDF content and a virus; 503 with Retry-After when clamd is configured but cannot
 * answer (fail closed: the file is not taken unscanned).
 */
import crypto from 'node:crypto';
import { AppError, errors } from '../../../http/errors.js';
import type { Text } from '../../../http/i18n.js';
import type { AppContext } from '../../../platform/context.js';
import { recordSecurityEvent } from '../../security/index.js';
import { attachmentMessages } from './attachments.messages.js';
import { ClamdUnavailable, scanWithClamd } from './clamd-client.js';
import { CONTENT_TYPES, type FileKind, sniffKind } from './file-kinds.js';
import { CleanRefused, cleanFile } from './strip-metadata.js';

/**
 * The owner token of files uploaded through POST /api/v1/uploads. An API client has no cookie to bind
 * the file to: the file's id (a random UUID, 122 bits, returned only to the uploader) is the
 * capability, and such a file can be claimed by id alone within a day. A browser's uploads are bound
 * to its own owner cookie instead (claim-files.ts), so an id seen elsewhere does not attach them.
 */
export const API_UPLOAD_OWNER = 'madoguchi:api-upload';

export type StoredUpload = { id: string; kind: FileKind; contentType: string; size: number; scanned: boolean };

export type UploadInput = {
  /** The name the citizen's device gave (kept encrypted; shown to staff and on download). */
  filename: string;
  /** The Content-Type the client declared: informative only, the content decides. */
  declaredType?: string;
  /** The bytes, or a stream of them (read up to UPLOAD_MAX_BYTES + 1 at most). */
  data: Buffer | AsyncIterable<Buffer | Uint8Array>;
  /** The browser's owner-cookie value, or API_UPLOAD_OWNER. Stored as its SHA-256 only. */
  ownerToken: string;
  clientIp?: string | null;
  /** Field the refusal names (default "file"). */
  field?: string;
};

export const ownerTokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** The content's encryption context binds it to its row: one file's bytes cannot be moved to another. */
export const contentContext = (fileId: string) => `app_files.content_enc:${fileId}`;
/** The name is bound to its column, like every other encrypted column (other parts read it with this context). */
export const FILENAME_CONTEXT = 'app_files.filename_enc';

export async function storeUpload(ctx: AppContext, input: UploadInput): Promise<StoredUpload> {
  const field = input.field ?? 'file';
  const refuse = (message: Text) => errors.validation([{ field, message }]);
  const max = ctx.config.applications.uploadMaxBytes;
  const raw = await readAtMost(input.data, max, () => refuse(attachmentMessages.text('tooLarge', { size: sizeText(max) })));
  if (raw.length === 0) throw refuse(attachmentMessages.text('empty'));
  const sha256 = crypto.createHash('sha256').update(raw).digest('hex');

  let scanned = false;
  const clamd = ctx.config.applications.clamdAddress;
  if (clamd) {
    let verdict: Awaited<ReturnType<typeof scanWithClamd>>;
    try {
      verdict = await scanWithClamd(clamd, raw);
    } catch (err) {
      if (!(err instanceof ClamdUnavailable)) throw err;
      ctx.log.error({ err: err.message }, 'attachments: clamd is configured but cannot scan; upload refused');
      throw new AppError('service_busy', 503, attachmentMessages.text('scanUnavailable'), { retryAfterSeconds: 60 });
    }
    if (!verdict.clean) {
      const now = ctx.clock.now();
      await ctx.db.transaction((tx) =>
        recordSecurityEvent(
          tx,
          {
            kind: 'attachment.virus_found',
            severity: 'alert',
            clientIp: input.clientIp ?? null,
            subject: sha256,
            detail: { signature: verdict.signature, sizeBytes: raw.length },
          },
          now,
        ),
      );
      ctx.log.warn({ signature: verdict.signature, sha256 }, 'attachments: virus found, upload refused');
      throw refuse(attachmentMessages.text('virusFound'));
    }
    scanned = true;
  }

  const sniffed = sniffKind(raw.subarray(0, 16));
  if ('refused' in sniffed) throw refuse(attachmentMessages.text(sniffed.refused === 'heic' ? 'heicRefused' : 'kindNotAllowed'));
  let cleaned: ReturnType<typeof cleanFile>;
  try {
    cleaned = cleanFile(sniffed.kind, raw);
  } catch (err) {
    if (!(err instanceof CleanRefused)) throw err;
    throw refuse(
      attachmentMessages.text(err.reason === 'pdf_active' ? 'pdfActive' : err.reason === 'pdf_encrypted' ? 'pdfEncrypted' : 'damaged'),
    );
  }

  const id = crypto.randomUUID();
  const contentType = CONTENT_TYPES[sniffed.kind];
  await ctx.db.query(
    `INSERT INTO app_files (id, owner_token_hash, filename_enc, content_type, size_bytes, sha256, content_enc, scan_status,
       metadata_stripped, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      ownerTokenHash(input.ownerToken),
      ctx.crypto.encrypt(cleanFilename(input.filename), FILENAME_CONTEXT),
      contentType,
      cleaned.data.length,
      crypto.createHash('sha256').update(cleaned.data).digest('hex'),
      ctx.crypto.encryptBytes(cleaned.data, contentContext(id)),
      scanned ? 'clean' : 'not_scanned',
      cleaned.metadataStripped,
      ctx.clock.now(),
    ],
  );
  return { id, kind: sniffed.kind, contentType, size: cleaned.data.length, scanned };
}

/** A limit as people read it: "10 MB", "1.5 MB", "512 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.floor(bytes / 1024)} KB`;
}

/** Reads a stream into memory, refusing (without reading on) once it passes `max` bytes. */
async function readAtMost(data: UploadInput['data'], max: number, tooLarge: () => Error): Promise<Buffer> {
  if (Buffer.isBuffer(data)) {
    if (data.length > max) throw tooLarge();
    return data;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of data) {
    total += chunk.length;
    if (total > max) throw tooLarge();
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/**
 * The file's own name: no folders (browsers on Windows once sent C:\fakepath\…), no control
 * characters, NFC, at most 200 characters; "file" when nothing is left.
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  return [...clean].slice(0, 200).join('') || 'file';
}
