/**
 * Attaches uploaded files to an application or a save-and-resume draft, in the caller's transaction.
 *
 * A file can be claimed when it belongs to no application yet (or already to this one: a resubmission
 * names its files again) and one of these holds:
 * - it was uploaded with the same owner token (the browser's owner cookie; API_UPLOAD_OWNER for API
 *   uploads, where the id itself is the capability) and is younger than a day, or
 * - it is attached to the draft the application is submitted from (`fromDraftId`: the resume link
 *   may be opened on another device, whose cookie differs; the draft's secret link is the proof).
 *
 * One conditional UPDATE per call: two applications claiming the same file race on its row lock and
 * the second finds it taken. Any id that cannot be claimed fails the whole call with a field error
 * (the caller's transaction rolls back); nothing says whose file it was.
 */
import { errors } from '../../../http/errors.js';
import type { Queryable } from '../../../platform/db.js';
import { attachmentMessages } from './attachments.messages.js';
import { ACCEPTED_KINDS, CONTENT_TYPES, type FileKind, kindList } from './file-kinds.js';
import { ownerTokenHash } from './store-upload.js';

/** Unclaimed uploads live this long (then delete-unclaimed.job.ts removes them). */
export const UNCLAIMED_LIFETIME_MS = 24 * 60 * 60 * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ClaimTarget = { applicationId: string; draftId?: undefined } | { draftId: string; applicationId?: undefined };

export type ClaimInput = ClaimTarget & {
  ownerToken: string;
  fileIds: readonly string[];
  /** The field the files answer (stored on the file, shown to staff). */
  fieldKey?: string;
  /** The draft the application is submitted from: its files are claimable whoever's cookie sends them. */
  fromDraftId?: string;
  /** The kinds the field accepts (ProcedureDefinition field.validation.fileKinds); absent = any accepted kind. */
  kinds?: readonly string[];
  /** Field the refusal names (default `answers.<fieldKey>`, or "fileIds"). */
  errorField?: string;
  now: Date;
};

export type ClaimedFile = { id: string; kind: FileKind; sizeBytes: number };

export async function claimFiles(tx: Queryable, input: ClaimInput): Promise<ClaimedFile[]> {
  const field = input.errorField ?? (input.fieldKey ? `answers.${input.fieldKey}` : 'fileIds');
  const ids = [...new Set(input.fileIds.map((x) => x.toLowerCase()))];
  if (!ids.length) return [];
  if (ids.some((x) => !UUID.test(x))) throw errors.validation([{ field, message: attachmentMessages.text('notClaimable') }]);
  const allowed = (input.kinds ?? ACCEPTED_KINDS).filter((k): k is FileKind => (ACCEPTED_KINDS as readonly string[]).includes(k));
  const since = new Date(input.now.getTime() - UNCLAIMED_LIFETIME_MS);
  const r = await tx.query<{ id: string; content_type: string; size_bytes: number }>(
    `UPDATE app_files SET
       application_id = COALESCE($3::uuid, application_id),
       draft_id = CASE WHEN $3::uuid IS NULL THEN $4::uuid ELSE draft_id END,
       field_key = COALESCE($5, field_key)
     WHERE id = ANY($1::uuid[])
       AND (application_id IS NULL OR application_id = $3::uuid)
       AND ((owner_token_hash = $2 AND created_at > $6)
            OR (draft_id IS NOT NULL AND (draft_id = $7::uuid OR draft_id = $4::uuid))
            OR (application_id IS NOT NULL AND application_id = $3::uuid))
       AND content_type = ANY($8::text[])
     RETURNING id, content_type, size_bytes`,
    [
      ids,
      ownerTokenHash(input.ownerToken),
      input.applicationId ?? null,
      input.draftId ?? null,
      input.fieldKey ?? null,
      since,
      input.fromDraftId ?? null,
      allowed.map((k) => CONTENT_TYPES[k]),
    ],
  );
  if (r.rows.length !== ids.length) {
    // A wrong kind for this field gets its own message; everything else is "not found" (no oracle).
    const wrongKind = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM app_files WHERE id = ANY($1::uuid[]) AND owner_token_hash = $2 AND NOT (content_type = ANY($3::text[]))`,
      [ids, ownerTokenHash(input.ownerToken), allowed.map((k) => CONTENT_TYPES[k])],
    );
    if ((wrongKind.rows[0]?.n ?? 0) > 0)
      throw errors.validation([
        {
          field,
          message: {
            ja: attachmentMessages.t('ja', 'kindNotAllowedForField', { kinds: kindList(allowed, 'ja') }),
            en: attachmentMessages.t('en', 'kindNotAllowedForField', { kinds: kindList(allowed, 'en') }),
          },
        },
      ]);
    throw errors.validation([{ field, message: attachmentMessages.text('notClaimable') }]);
  }
  return r.rows.map((f) => ({
    id: f.id,
    kind: ACCEPTED_KINDS.find((k) => CONTENT_TYPES[k] === f.content_type) as FileKind,
    sizeBytes: Number(f.size_bytes),
  }));
}
