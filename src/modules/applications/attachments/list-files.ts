/**
 * The files of an application, for the staff detail page and the citizen's status page: id, field,
 * name (decrypted), kind and size — never the content. Reading the content is read-file-for-staff.ts
 * (audited); the caller of this list audits its own page view.
 */
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { ACCEPTED_KINDS, CONTENT_TYPES, type FileKind } from './file-kinds.js';
import { FILENAME_CONTEXT } from './store-upload.js';

export type FileSummary = {
  id: string;
  fieldKey: string | null;
  filename: string;
  kind: FileKind;
  contentType: string;
  sizeBytes: number;
  scanStatus: 'clean' | 'not_scanned';
  metadataStripped: boolean;
  createdAt: Date;
};

/** The staff download address of a file (the inbox links to it). */
export const staffFileUrl = (applicationId: string, fileId: string) => `/staff/applications/${applicationId}/files/${fileId}`;

export async function listFiles(ctx: Pick<AppContext, 'crypto'>, q: Queryable, applicationId: string): Promise<FileSummary[]> {
  const r = await q.query<{
    id: string;
    field_key: string | null;
    filename_enc: string;
    content_type: string;
    size_bytes: number;
    scan_status: 'clean' | 'not_scanned';
    metadata_stripped: boolean;
    created_at: Date;
  }>(
    `SELECT id, field_key, filename_enc, content_type, size_bytes, scan_status, metadata_stripped, created_at
       FROM app_files WHERE application_id = $1 ORDER BY created_at, id`,
    [applicationId],
  );
  return r.rows.map((f) => ({
    id: f.id,
    fieldKey: f.field_key,
    filename: ctx.crypto.decrypt(f.filename_enc, FILENAME_CONTEXT),
    kind: ACCEPTED_KINDS.find((k) => CONTENT_TYPES[k] === f.content_type) as FileKind,
    contentType: f.content_type,
    sizeBytes: Number(f.size_bytes),
    scanStatus: f.scan_status,
    metadataStripped: f.metadata_stripped,
    createdAt: f.created_at,
  }));
}
