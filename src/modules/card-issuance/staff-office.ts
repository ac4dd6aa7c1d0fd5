/** Which card office a staff request works on: the current department when it runs one, else the first readable one. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError, errors } from '../../http/errors.js';
import { authenticate, type StaffActor } from '../../http/actor.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf } from '../audit/index.js';
import { cardDepartmentIds } from './card.policy.js';
import { getCardSettings, type CardSettings } from './internal/card-settings.js';
import { staffOfficeMessages } from './staff-office.messages.js';
import { stringField, stringFields } from '../../http/request-fields.js';

export async function officeOf(ctx: AppContext, actor: StaffActor): Promise<CardSettings> {
  const ids = cardDepartmentIds(actor);
  const order = actor.currentDepartmentId && ids.includes(actor.currentDepartmentId) ? [actor.currentDepartmentId, ...ids] : ids;
  for (const id of order) {
    const s = await getCardSettings(ctx.db, id);
    if (s) return s;
  }
  throw errors.notFound(staffOfficeMessages.text('noCardOffice'));
}

/** Department of the booking site a staff request works on (internet zone: the department of its locations). */
export async function siteDepartmentOf(ctx: AppContext, actor: StaffActor): Promise<{ id: string; code: string }> {
  const ids = cardDepartmentIds(actor);
  const r = await ctx.db.query<{ id: string; code: string }>(
    // a department runs the site once it has a pickup place or has imported a bundle (then adds its places)
    `SELECT d.id, d.code FROM departments d WHERE d.id = ANY($1::uuid[])
       AND (EXISTS (SELECT 1 FROM card_net_locations l WHERE l.department_id = d.id)
         OR EXISTS (SELECT 1 FROM card_net_bundle_imports b WHERE b.department_id = d.id))
     ORDER BY d.code`,
    [ids],
  );
  const cur = r.rows.find((x) => x.id === actor.currentDepartmentId) ?? r.rows[0];
  if (!cur) throw errors.notFound(staffOfficeMessages.text('noBookingSite'));
  return cur;
}

/**
 * A set of department ids loaded from the database and kept in memory, for the staff navigation
 * (whose visibility test is synchronous). `refresh()` reloads now; `hasAny` answers from the last load
 * and, once that is older than `ttlMs`, starts a reload in the background, so another process's change
 * (a card office set up by the demo seed or by SQL) shows within the TTL.
 */
export class DepartmentSet {
  private ids = new Set<string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly load: () => Promise<string[]>,
    private readonly onError: (err: unknown) => void,
    private readonly ttlMs = 60_000,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  refresh(): Promise<void> {
    this.loading ??= this.load()
      .then((ids) => {
        this.ids = new Set(ids);
        this.loadedAt = this.nowMs();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  hasAny(departmentIds: readonly string[]): boolean {
    if (!this.loading && this.nowMs() - this.loadedAt > this.ttlMs) this.refresh().catch(this.onError);
    return departmentIds.some((id) => this.ids.has(id));
  }
}

const departmentsFrom = (ctx: AppContext, sql: string) =>
  new DepartmentSet(
    async () => (await ctx.db.query<{ id: string }>(sql)).rows.map((r) => r.id),
    (err) => ctx.log.error({ err }, 'card nav: loading the departments failed'),
  );

/** Departments running a card office (internal zone): the ones `officeOf` can answer for. */
export const cardOfficeDepartments = (ctx: AppContext) => departmentsFrom(ctx, 'SELECT department_id AS id FROM card_int_settings');
/** Departments with booking-site pickup locations (internet zone): the ones `siteDepartmentOf` can answer for. */
export const cardSiteDepartments = (ctx: AppContext) =>
  departmentsFrom(ctx, 'SELECT department_id AS id FROM card_net_locations UNION SELECT department_id FROM card_net_bundle_imports');

/** A nav `visible` test: shown only to members of a department in the set (what the pages behind it need). */
export const memberOfAny = (set: DepartmentSet) => (actor: StaffActor) => set.hasAny(cardDepartmentIds(actor));

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Largest file a `withUploads` route accepts, in bytes (default UPLOAD_DEFAULT_MAX_BYTES). */
    uploadMaxBytes?: number;
  }
}

/** The default per-file limit of upload routes: booking files and bundles. The issuance list sets its own. */
export const UPLOAD_DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** An uploaded file after the request was authenticated: kept encrypted in a private temporary file. */
export type UploadedFile = { bytes: number; open(): Readable; read(): Buffer };

const uploads = new WeakMap<FastifyRequest, { fields: Record<string, string>; file?: UploadedFile; cleanup(): Promise<void> }>();

const tooLarge = (max: number) =>
  new AppError('file_too_large', 413, staffOfficeMessages.text('fileTooLarge', { megabytes: Math.floor(max / 1024 / 1024) }));

/**
 * File uploads (multipart) for this module's routes only. Nothing of the body is read before the
 * person is known: the session cookie is checked when the request arrives (onRequest), and the CSRF
 * token — from the X-CSRF-Token header, or from the `_csrf` form field, which forms send before the
 * file — before the file part is read. The file then streams to a temporary file (encrypted with a
 * key held only in memory, as the lists carry personal data; deleted when the response ends) up to
 * the route's `config.uploadMaxBytes`; more is a 413. A refused request closes the connection
 * instead of reading the rest of its body.
 */
export async function withUploads(app: FastifyInstance, fn: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 10, parts: 12, fieldSize: 4096, headerPairs: 20 } });
    scope.addHook('onRequest', async (req) => {
      try {
        await authenticate('staff', req);
      } catch (err) {
        // A valid session whose token is still to come in the form field: checked before the file is read.
        if (!(err instanceof AppError && err.code === 'csrf_failed' && req.headers['x-csrf-token'] === undefined)) throw err;
      }
    });
    scope.addHook('preHandler', async (req) => {
      const upload = await receive(req, req.routeOptions.config.uploadMaxBytes ?? UPLOAD_DEFAULT_MAX_BYTES);
      uploads.set(req, upload);
      req.body = upload.fields;
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (!req.raw.complete) reply.header('Connection', 'close');
      return payload;
    });
    scope.addHook('onResponse', async (req) => {
      await uploads.get(req)?.cleanup();
    });
    fn(scope);
  });
}

async function receive(req: FastifyRequest, maxBytes: number) {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let file: UploadedFile | undefined;
  let dir: string | undefined;
  const cleanup = async () => {
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  };
  let authenticated = false;
  const ensureAuthenticated = async () => {
    if (authenticated) return;
    req.body = fields;
    await authenticate('staff', req);
    authenticated = true;
  };
  try {
    if (!req.isMultipart()) {
      Object.assign(fields, stringFields(req.body));
    } else {
      for await (const part of req.parts({ limits: { fileSize: maxBytes } })) {
        if (part.type === 'field') {
          if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
          continue;
        }
        await ensureAuthenticated();
        if (part.fieldname !== 'file' || file) {
          await streamToNull(part.file);
          continue;
        }
        dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'madoguchi-upload-'));
        file = await store(part.file, path.join(dir, 'file'));
        if (part.file.truncated) throw tooLarge(maxBytes);
        if (file.bytes === 0) file = undefined; // a form sent without choosing a file
      }
    }
    await ensureAuthenticated();
  } catch (err) {
    await cleanup();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  }
  return { fields, file, cleanup };
}

async function streamToNull(s: Readable): Promise<void> {
  for await (const _ of s) void _;
}

async function store(source: Readable, file: string): Promise<UploadedFile> {
  const key = crypto.randomBytes(32);
  const iv = crypto.randomBytes(16);
  let bytes = 0;
  source.on('data', (c: Buffer) => (bytes += c.length));
  await pipeline(source, crypto.createCipheriv('aes-256-ctr', key, iv), fs.createWriteStream(file, { mode: 0o600 }));
  const open = () => {
    const decipher = crypto.createDecipheriv('aes-256-ctr', key, iv);
    const input = fs.createReadStream(file);
    input.once('error', (err) => decipher.destroy(err));
    return input.pipe(decipher);
  };
  return {
    bytes,
    open,
    read() {
      const decipher = crypto.createDecipheriv('aes-256-ctr', key, iv);
      return Buffer.concat([decipher.update(fs.readFileSync(file)), decipher.final()]);
    },
  };
}

/** The uploaded file of a `withUploads` route (undefined when none was chosen). */
export function uploadedFile(req: FastifyRequest): UploadedFile | undefined {
  return uploads.get(req)?.file;
}

/** The uploaded file's bytes: for the small files (booking files, bundles, result files) whose readers take a buffer. */
export function uploaded(req: FastifyRequest): Buffer | undefined {
  return uploadedFile(req)?.read();
}
