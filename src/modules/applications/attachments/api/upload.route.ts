/**
 * POST /api/v1/uploads — one file (multipart/form-data, a part named `file`) → 201 `{ id }`, the id an
 * application's file answer names (`POST /api/v1/applications` with `answers: { <field>: "<id>" }`).
 *
 * Cheap refusals come before the body is read: the per-client rate limit (a row in the database,
 * shared by every process), a Content-Length over the limit, a body that is not multipart. The file
 * then streams into memory up to UPLOAD_MAX_BYTES and no further (storeUpload refuses the byte after
 * it), and a refused request closes its connection instead of reading the rest.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../../../http/api-route.js';
import { AppError, errors } from '../../../../http/errors.js';
import type { Text } from '../../../../http/i18n.js';
import type { AppContext } from '../../../../platform/context.js';
import { hitThrottle } from '../../../security/index.js';
import { attachmentMessages } from '../attachments.messages.js';
import { API_UPLOAD_OWNER, sizeText, storeUpload } from '../store-upload.js';

/** Uploads per client address: generous (a household or an office behind one address sends several files per application). */
const UPLOAD_LIMIT = { limit: 60, windowSeconds: 600 };
/** Room for the multipart framing around the file when judging Content-Length before reading. */
const MULTIPART_OVERHEAD = 16 * 1024;

const uploadAnswer = z
  .object({
    id: z.uuid().describe('The file id: name it as the answer of a file field within 24 hours, after which an unclaimed upload is deleted'),
    contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']).describe('What the content is (decided by its bytes)'),
    sizeBytes: z.number().int().describe('Size as stored, after image metadata was removed'),
  })
  .meta({ id: 'Upload' });

export function registerUploadRoute(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: false });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (!req.raw.complete) reply.header('Connection', 'close');
      return payload;
    });
    defineApi(scope, {
      method: 'POST',
      url: '/api/v1/uploads',
      summary: 'Upload an attachment for an application',
      description: [
        [
          'Send one file as `multipart/form-data` in a part named `file` (other parts are ignored). Accepted: PDF, JPEG and PNG,',
          'judged by the content, not by the name or the declared type (a `.jpg` that is a ZIP is refused; HEIC is refused).',
          'Images lose their metadata (EXIF with GPS, XMP, IPTC, text chunks; only the orientation is kept); a PDF with',
          'JavaScript, launch actions, embedded files or encryption is refused. When the city runs ClamAV the file is',
          'virus-scanned first; while the scanner cannot answer, uploads are refused with 503 and Retry-After.',
        ].join(' '),
        [
          "The answer's `id` is the capability: it is returned only to the uploader (a random UUID), and a file uploaded",
          'here can be named by one application, within 24 hours; afterwards, or once claimed, it cannot be claimed again.',
          'Files uploaded by the browser forms are bound to that browser instead and cannot be claimed through the API.',
          `Limits: the file size (UPLOAD_MAX_BYTES, 10 MiB by default) and ${UPLOAD_LIMIT.limit} uploads per client address per`,
          `${UPLOAD_LIMIT.windowSeconds / 60} minutes.`,
        ].join(' '),
      ].join('\n\n'),
      tags: ['applications'],
      auth: 'public',
      streamedBody: {
        contentType: 'multipart/form-data',
        schema: {
          type: 'object',
          properties: { file: { type: 'string', format: 'binary', description: 'The file (PDF, JPEG or PNG)' } },
          required: ['file'],
        },
      },
      responses: {
        201: { description: 'Stored (not yet part of any application)', schema: uploadAnswer },
        415: { description: 'The body is not multipart/form-data' },
        422: {
          description:
            'Refused: not an accepted kind, too large, empty, damaged, active PDF content, or a virus (`errors[].field` is `file`)',
        },
        429: { description: 'Too many uploads from this address; see Retry-After' },
        503: { description: 'The virus scanner is configured but cannot answer; try again after Retry-After' },
      },
      async handler({ req, reply }) {
        const throttle = await hitThrottle(ctx.db, `app-upload:ip:${req.ip}`, UPLOAD_LIMIT, ctx.clock.now());
        if (!throttle.allowed) throw errors.tooManyRequests(throttle.retryAfterSeconds);
        const max = ctx.config.applications.uploadMaxBytes;
        const refuse = (message: Text) => errors.validation([{ field: 'file', message }]);
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > max + MULTIPART_OVERHEAD)
          throw refuse(attachmentMessages.text('tooLarge', { size: sizeText(max) }));
        if (!req.isMultipart()) throw new AppError('unsupported_media_type', 415, attachmentMessages.text('notMultipart'));
        const part = await req.file({ limits: { fileSize: max + 1, files: 1, fields: 10, parts: 12, fieldSize: 1024, headerPairs: 20 } });
        if (part?.fieldname !== 'file') throw refuse(attachmentMessages.text('noFile'));
        const stored = await storeUpload(ctx, {
          filename: part.filename,
          declaredType: part.mimetype,
          data: part.file,
          ownerToken: API_UPLOAD_OWNER,
          clientIp: req.ip,
        });
        reply.code(201);
        return { id: stored.id, contentType: stored.contentType, sizeBytes: stored.size };
      },
    });
  });
}
