/**
 * Attachments (添付ファイル): the upload API, the staff download, and the job that deletes uploads no
 * application claimed. The operations other parts use (storeUpload, claimFiles, listFiles,
 * readFileForStaff) are imported from their own files.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerUploadRoute } from './api/upload.route.js';
import { deleteUnclaimedJob } from './delete-unclaimed.job.js';
import { registerFileDownloadPage } from './staff/file-download.page.js';

export function registerAttachments(app: FastifyInstance, ctx: AppContext): void {
  registerUploadRoute(app, ctx);
  registerFileDownloadPage(app, ctx);
}

export const jobs: JobDefinition[] = [deleteUnclaimedJob];
