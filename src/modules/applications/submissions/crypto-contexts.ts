/**
 * Associated data of each encrypted column of this part (field-crypto binds a ciphertext to its
 * column, so a value cannot be moved to another). The names follow `<table>.<column>`, which the
 * inbox uses to read the same columns.
 */
export const ANSWERS_CONTEXT = 'app_applications.answers_enc';
export const EMAIL_CONTEXT = 'app_applications.email_enc';
export const DRAFT_ANSWERS_CONTEXT = 'app_drafts.answers_enc';
export const DRAFT_EMAIL_CONTEXT = 'app_drafts.email_enc';
export const COMMENT_CONTEXT = 'app_status_history.comment_enc';
export const FILENAME_CONTEXT = 'app_files.filename_enc';
/** A secret handed to a mail job (the status link's or resume link's token), encrypted in the job's payload. */
export const JOB_TOKEN_CONTEXT = 'jobs.payload.application_token';
