/** Which card office a staff request works on: the current department when it runs one, else the first readable one. */
import type { FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { errors } from '../../http/errors.js';
import type { StaffActor } from '../../http/actor.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf } from '../audit/index.js';
import { readableDepartmentIds } from '../staff/index.js';
import { getCardSettings, type CardSettings } from './internal/card-settings.js';

export async function officeOf(ctx: AppContext, actor: StaffActor): Promise<CardSettings> {
  const ids = readableDepartmentIds(actor);
  const order = actor.currentDepartmentId && ids.includes(actor.currentDepartmentId) ? [actor.currentDepartmentId, ...ids] : ids;
  for (const id of order) {
    const s = await getCardSettings(ctx.db, id);
    if (s) return s;
  }
  throw errors.notFound({ ja: 'あなたの所属にはカード交付窓口がありません。', en: 'None of your departments runs a card issuance office.' });
}

/** Department of the booking site a staff request works on (internet zone: the department of its locations). */
export async function siteDepartmentOf(ctx: AppContext, actor: StaffActor): Promise<{ id: string; code: string }> {
  const ids = readableDepartmentIds(actor);
  const r = await ctx.db.query<{ id: string; code: string }>(
    // a department runs the site once it has a pickup place or has imported a bundle (then adds its places)
    `SELECT d.id, d.code FROM departments d WHERE d.id = ANY($1::uuid[])
       AND (EXISTS (SELECT 1 FROM card_net_locations l WHERE l.department_id = d.id)
         OR EXISTS (SELECT 1 FROM card_net_bundle_imports b WHERE b.department_id = d.id))
     ORDER BY d.code`,
    [ids],
  );
  const cur = r.rows.find((x) => x.id === actor.currentDepartmentId) ?? r.rows[0];
  if (!cur) throw errors.notFound({
      ja: 'あなたの所属は予約サイトを運用していません。まず `madoguchi card import-bundle` で庁内からのファイルを取り込むと、受取場所を追加できます。',
      en: 'None of your departments runs the booking site. Import a bundle from the internal zone first (`madoguchi card import-bundle`), then add pickup places here.',
    });
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
export const cardSiteDepartments = (ctx: AppContext) => departmentsFrom(
  ctx,
  'SELECT department_id AS id FROM card_net_locations UNION SELECT department_id FROM card_net_bundle_imports',
);

/** A nav `visible` test: shown only to members of a department in the set (what the pages behind it need). */
export const memberOfAny = (set: DepartmentSet) => (actor: StaffActor) => set.hasAny(readableDepartmentIds(actor));

export const audit = (req: FastifyRequest) => auditContextOf(req);

/** File uploads (multipart) for this module's routes only: fields land in req.body, files as Buffers. */
export async function withUploads(app: FastifyInstance, fn: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 300 * 1024 * 1024, files: 1, fields: 10 } });
    fn(scope);
  });
}

export function uploaded(req: FastifyRequest, field = 'file'): Buffer | undefined {
  const v = (req.body as Record<string, unknown> | undefined)?.[field];
  return Buffer.isBuffer(v) && v.length > 0 ? v : undefined;
}

export function field(req: FastifyRequest, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : '';
}
