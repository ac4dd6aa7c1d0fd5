/**
 * A staff member opens (downloads) an attachment: the decrypted content, only for a member of the
 * application's department (anyone else gets the same 404 as for a file that does not exist), and
 * an audit record for every download, written in the transaction that reads the file. The file of a
 * sensitive field (要配慮個人情報) is listed only after its application's sensitive answers were read with a
 * reason (inbox/get-application.ts), and only a role the procedure lets read them may download it (403).
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import { can, canReadSensitive } from '../applications.policy.js';
import { ACCEPTED_KINDS, CONTENT_TYPES, downloadName, type FileKind } from './file-kinds.js';
import { contentContext, FILENAME_CONTEXT } from './store-upload.js';

export type StaffFile = { filename: string; contentType: string; data: Buffer };

export async function readFileForStaff(
  ctx: AppContext,
  actor: StaffActor,
  ref: { applicationId: string; fileId: string },
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<StaffFile> {
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{
      department_id: string;
      filename_enc: string;
      content_type: string;
      content_enc: Uint8Array;
      sensitive: boolean;
      sensitive_readers: string[];
    }>(
      // sensitive: the file's field is classed so in the version the application was filled in
      `SELECT a.department_id, f.filename_enc, f.content_type, f.content_enc, p.sensitive_readers,
         EXISTS (SELECT 1 FROM app_procedure_versions v,
                   jsonb_array_elements(v.definition->'steps') st, jsonb_array_elements(st->'fields') fd
                  WHERE v.procedure_id = a.procedure_id AND v.version = a.procedure_version
                    AND fd->>'key' = f.field_key AND fd->>'privacy' = 'sensitive') AS sensitive
         FROM app_files f JOIN app_applications a ON a.id = f.application_id
         JOIN app_procedures p ON p.id = a.procedure_id
        WHERE f.id = $1 AND f.application_id = $2`,
      [ref.fileId, ref.applicationId],
    );
    const row = r.rows[0];
    if (!row || !can(actor, 'view', row.department_id)) throw errors.notFound();
    const sensitive = row.sensitive;
    if (sensitive && !canReadSensitive(actor, { departmentId: row.department_id, sensitiveReaders: row.sensitive_readers }))
      throw errors.forbidden();
    const kind = ACCEPTED_KINDS.find((k) => CONTENT_TYPES[k] === row.content_type) as FileKind;
    const enc = Buffer.from(row.content_enc.buffer, row.content_enc.byteOffset, row.content_enc.byteLength);
    const data = ctx.crypto.decryptBytes(enc, contentContext(ref.fileId));
    const filename = downloadName(ctx.crypto.decrypt(row.filename_enc, FILENAME_CONTEXT), kind);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'application.file.download',
        departmentId: row.department_id,
        recordType: 'app_file',
        recordId: ref.fileId,
        detail: { applicationId: ref.applicationId, contentType: row.content_type, sizeBytes: data.length, sensitive },
      },
      ctx.clock.now(),
    );
    return { filename, contentType: row.content_type, data };
  });
}
