/**
 * Availability: which slots of a service have room. Reading it must stay cheap during an opening
 * rush, so a month is computed once (rules + one indexed read of its slot rows) and kept in this
 * process's memory for a few seconds; the booking window is applied per request on top (it moves
 * with the clock). Writes in this process drop the month at once; other processes' writes show
 * within the TTL, 3 s, or, while this process hears PostgreSQL's announcements of every seat and
 * settings change (availability-listener.ts), at once, and the TTL grows to a minute. HTTP clients are
 * told at most 3 s of freshness either way: they hear no announcements. The count is advisory: taking
 * the seat is what the database guards.
 *
 * The cache belongs to a context (`availabilityOf(ctx)`), as it holds that context's database
 * rows: two apps in one process never serve each other's months.
 */
import crypto from 'node:crypto';
import { markShared, representationEtag } from '../../http/compression.js';
import { contextLocal, type AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { addDays, jstDate, jstDayEnd, jstDayStart, jstIso, monthRange } from '../../platform/japan-time.js';
import { dayMark, dayStatus, slotsOfDay, windowProblem, type DayMark, type DayStatus, type ServiceRules } from './rules.js';
import { findService, loadExceptions, rulesOf, type Service } from './services.repository.js';

export type SlotAvailability = { start: Date; end: Date; capacity: number; remaining: number };
type MonthEntry = { expires: number; service: Service; rules: ServiceRules; slots: SlotAvailability[]; days: Map<string, DayStatus> };

export const AVAILABILITY_TTL_MS = 3000;
/** The TTL while every change is announced to this process (LISTEN/NOTIFY): a safety net, not the refresh. */
export const AVAILABILITY_TTL_ANNOUNCED_MS = 60_000;
const REFRESH_MS = 500;

/**
 * Every live context's cache, held weakly: for writes that run on a bare transaction and so do not
 * know their context (the seat engine's pickup settings, closures and seats, called by card
 * issuance). They drop the affected months in every context of the process: at worst a
 * recomputation in a context that did not need one, never a stale month; no data is shared.
 */
const liveCaches = new Set<WeakRef<AvailabilityCache>>();

function everyCache(fn: (cache: AvailabilityCache) => void): void {
  for (const ref of liveCaches) {
    const cache = ref.deref();
    if (cache) fn(cache);
    else liveCaches.delete(ref);
  }
}

/** Drops the cached months of every context in this process (settings written without a context). */
export function clearAvailabilityEverywhere(): void {
  everyCache((c) => c.clear());
}

/** Shortens the life of one month in every context's cache (a seat taken or freed without a context). */
export function invalidateAvailabilityEverywhere(serviceId: string, start: Date): void {
  everyCache((c) => c.invalidate(serviceId, start));
}

class AvailabilityCache {
  private ttlMs = AVAILABILITY_TTL_MS;
  private months = new Map<string, Promise<MonthEntry | undefined>>();
  private expiry = new Map<string, number>();
  private services = new Map<string, { expires: number; value: Promise<Service | undefined> }>();
  /** Rendered API answers per (service, range), dropped with their service's months. */
  private answers = new Map<string, AnswerEntry>();

  private rulesByMonth = new Map<string, { expires: number; value: Promise<ServiceRules> }>();

  /**
   * A write in this process shortens the life of the affected month to REFRESH_MS, so counts follow
   * quickly but a rush of bookings still recomputes a month at most a few times a second.
   */
  invalidate(serviceId: string, start: Date): void {
    this.invalidateMonth(serviceId, jstDate(start).slice(0, 7));
  }

  /** The same for a month 'YYYY-MM' (announced by another process: availability-listener.ts). */
  invalidateMonth(serviceId: string, month: string): void {
    const soon = Date.now() + REFRESH_MS;
    const key = `${serviceId}:${month}`;
    const exp = this.expiry.get(key);
    if (exp !== undefined && exp > soon) this.expiry.set(key, soon);
    for (const [k, a] of this.answers) if (k.startsWith(serviceId) && a.expires > soon) a.expires = soon;
  }

  /**
   * Whether every change is announced to this process now. Either way the cache starts again: on
   * connecting, announcements made while it was not listening were missed; on losing it, months kept
   * for a minute would otherwise outlive the 3 s they may be stale.
   */
  setAnnounced(on: boolean): void {
    this.ttlMs = on ? AVAILABILITY_TTL_ANNOUNCED_MS : AVAILABILITY_TTL_MS;
    this.clear();
  }

  /** Whether every change is announced to this process now (its months live a minute). */
  isAnnounced(): boolean {
    return this.ttlMs === AVAILABILITY_TTL_ANNOUNCED_MS;
  }

  /** Drops everything cached of one service (its settings, fields, schedule or calendar changed elsewhere). */
  invalidateService(serviceId: string): void {
    this.services.delete(serviceId);
    const prefix = `${serviceId}:`;
    for (const k of this.rulesByMonth.keys()) if (k.startsWith(prefix)) this.rulesByMonth.delete(k);
    for (const k of this.months.keys()) if (k.startsWith(prefix)) this.months.delete(k);
    for (const k of this.expiry.keys()) if (k.startsWith(prefix)) this.expiry.delete(k);
    for (const k of this.answers.keys()) if (k.startsWith(serviceId)) this.answers.delete(k);
  }

  /** A service's rules for a month (settings + calendar exceptions); not affected by bookings. */
  rules(db: Queryable, service: Service, month: string): Promise<ServiceRules> {
    const key = `${service.id}:${month}`;
    const now = Date.now();
    const hit = this.rulesByMonth.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.rulesByMonth.size > 5000) this.rulesByMonth.clear();
    const { first, last } = monthRange(month);
    const value = loadExceptions(db, service.id, first, last).then((ex) => rulesOf(service, ex));
    value.catch(() => this.rulesByMonth.delete(key));
    this.rulesByMonth.set(key, { expires: now + this.ttlMs, value });
    return value;
  }

  clear(): void {
    this.rulesByMonth.clear();
    this.months.clear();
    this.expiry.clear();
    this.services.clear();
    this.answers.clear();
  }

  /** A service's settings, shared for the TTL (booking re-reads nothing else that could be stale for long). */
  service(db: Queryable, id: string): Promise<Service | undefined> {
    const now = Date.now();
    const hit = this.services.get(id);
    if (hit && hit.expires > now) return hit.value;
    if (this.services.size > 5000) this.services.clear();
    const value = findService(db, id, { anyKind: true }).catch((err: unknown) => {
      this.services.delete(id);
      throw err;
    });
    this.services.set(id, { expires: now + this.ttlMs, value });
    return value;
  }

  answer(key: string): AnswerEntry | undefined {
    return this.answers.get(key);
  }

  keepAnswer(key: string, text: string): AnswerEntry {
    if (this.answers.size > 5000) this.answers.clear();
    // one Buffer for every reader of this answer: its compressed forms are made once (compression.ts)
    const body = markShared(Buffer.from(text));
    const entry = { expires: Date.now() + this.ttlMs, body, etag: strongEtag(body) };
    this.answers.set(key, entry);
    return entry;
  }

  /** One computation per (service, month) per TTL, shared by concurrent readers. */
  month(db: Queryable, serviceId: string, month: string): Promise<MonthEntry | undefined> {
    const key = `${serviceId}:${month}`;
    const now = Date.now();
    const exp = this.expiry.get(key);
    const hit = this.months.get(key);
    if (hit && exp !== undefined && exp > now) return hit;
    if (this.months.size > 5000) this.clear();
    const p = computeMonth(db, serviceId, month).catch((err: unknown) => {
      this.months.delete(key);
      throw err;
    });
    this.months.set(key, p);
    this.expiry.set(key, now + this.ttlMs);
    return p;
  }
}

type AnswerEntry = { expires: number; body: Buffer; etag: string; refreshing?: boolean };

/** A cached answer as a reader gets it: the body, its strong validator and how long it stays fresh. */
export type CachedAnswer = { body: Buffer; etag: string; freshForSeconds: number };

/** A strong ETag: the body's SHA-256 (computed once per cached answer, not per request). */
function strongEtag(body: Buffer): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Does an If-None-Match header name this answer (or `*`)? Weak forms match too, as RFC 9110 asks for GET, and so
 * does the tag of any of its encodings (representationEtag): the content behind them is the same.
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const tags = [etag, representationEtag(etag, 'gzip'), representationEtag(etag, 'br')];
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || tags.includes(v);
  });
}

const answerOf = (e: AnswerEntry, now: number): CachedAnswer => ({
  body: e.body,
  etag: e.etag,
  freshForSeconds: Math.max(0, Math.min(AVAILABILITY_TTL_MS / 1000, Math.floor((e.expires - now) / 1000))),
});

/** How long past its expiry an answer may still be served while a fresh one is computed. */
export const STALE_WHILE_REFRESH_MS = 30_000;

const caches = contextLocal(() => {
  const cache = new AvailabilityCache();
  liveCaches.add(new WeakRef(cache));
  return cache;
});

/** This context's availability cache; writes drop what they change (`invalidate`, `clear`). */
export function availabilityOf(ctx: AppContext): AvailabilityCache {
  return caches.get(ctx);
}

/**
 * A cached rendered answer: fresh within the TTL; after it, served stale (at most
 * STALE_WHILE_REFRESH_MS) while one background refresh runs, so readers never queue behind the
 * database during a rush. With nothing cached, the caller waits for the first computation.
 */
export async function cachedAnswer(ctx: AppContext, key: string, render: () => Promise<string>): Promise<CachedAnswer> {
  const cache = availabilityOf(ctx);
  const entry = cache.answer(key);
  const now = Date.now();
  if (entry && entry.expires > now) return answerOf(entry, now);
  if (entry && now - entry.expires < STALE_WHILE_REFRESH_MS) {
    if (!entry.refreshing) {
      entry.refreshing = true;
      render().then(
        (body) => cache.keepAnswer(key, body),
        () => {
          entry.refreshing = false;
        },
      );
    }
    return answerOf(entry, now);
  }
  const body = await render();
  return answerOf(cache.keepAnswer(key, body), Date.now());
}

/**
 * The months a calendar can hold. Outside them a month has no days and no slots: dates are written
 * 'YYYY-MM-DD', so day arithmetic past 9999-12-31 leaves that form ('+010000-01-01') and a loop
 * over such a month would never end, and far-past instants are out of the database's range. No
 * booking window reaches these years, so an empty month loses nothing.
 */
export const CALENDAR_MONTHS = { first: '2000-01', last: '2999-12' } as const;

export function isCalendarMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month >= CALENDAR_MONTHS.first && month <= CALENDAR_MONTHS.last;
}

async function computeMonth(db: Queryable, serviceId: string, month: string): Promise<MonthEntry | undefined> {
  const service = await findService(db, serviceId, { anyKind: true });
  if (!service) return undefined;
  if (!isCalendarMonth(month))
    return { expires: Date.now() + AVAILABILITY_TTL_MS, service, rules: rulesOf(service, []), slots: [], days: new Map() };
  const { first, last } = monthRange(month);
  const rules = rulesOf(service, await loadExceptions(db, serviceId, first, last));
  const rows = await db.query<{ starts_at: Date; capacity: number; booked: number }>(
    `SELECT starts_at, capacity, booked FROM rsv_slots WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3`,
    [serviceId, jstDayStart(first), jstDayEnd(last)],
  );
  const byStart = new Map(rows.rows.map((r) => [r.starts_at.getTime(), r]));
  const slots: SlotAvailability[] = [];
  const days = new Map<string, DayStatus>();
  for (let d = first; d <= last; d = addDays(d, 1)) {
    days.set(d, dayStatus(rules, d));
    for (const s of slotsOfDay(rules, d)) {
      const row = byStart.get(s.start.getTime());
      const capacity = row ? row.capacity : service.capacity;
      slots.push({ ...s, capacity, remaining: Math.max(0, capacity - (row?.booked ?? 0)) });
    }
  }
  return { expires: Date.now() + AVAILABILITY_TTL_MS, service, rules, slots, days };
}

export type AvailabilityOptions = { from: string; to: string; now: Date; mode?: 'book' | 'staff' };

/** Bookable slots (inside the window, with room unless includeFull) between two dates. */
export async function getAvailability(
  ctx: AppContext,
  serviceId: string,
  o: AvailabilityOptions & { includeFull?: boolean },
): Promise<{ service: Service; slots: SlotAvailability[] } | undefined> {
  const out: SlotAvailability[] = [];
  let service: Service | undefined;
  // every month outside the calendar's span is empty: at most its months are read, one past each end
  const clamp = (m: string) =>
    m < CALENDAR_MONTHS.first ? prevMonth(CALENDAR_MONTHS.first) : m > CALENDAR_MONTHS.last ? nextMonth(CALENDAR_MONTHS.last) : m;
  const from = clamp(o.from.slice(0, 7));
  const to = clamp(o.to.slice(0, 7));
  for (let month = from; month <= to; month = nextMonth(month)) {
    const entry = await availabilityOf(ctx).month(ctx.db, serviceId, month);
    if (!entry) return undefined;
    service = entry.service;
    for (const s of entry.slots) {
      const day = jstDate(s.start);
      if (day < o.from || day > o.to) continue;
      if (o.mode !== 'staff' && windowProblem(entry.rules, s.start, o.now, 'book')) continue;
      if (!o.includeFull && s.remaining <= 0) continue;
      out.push(s);
    }
  }
  return service ? { service, slots: out } : undefined;
}

export type CalendarDay = { date: string; mark: DayMark; remaining: number; status: DayStatus; bookable: boolean };

/** A month calendar for the citizen: each day's mark (◎ / △ / × / －). */
export async function monthCalendar(
  ctx: AppContext,
  serviceId: string,
  month: string,
  now: Date,
): Promise<{ service: Service; days: CalendarDay[] } | undefined> {
  const entry = await availabilityOf(ctx).month(ctx.db, serviceId, month);
  if (!entry) return undefined;
  const days: CalendarDay[] = [];
  for (const [date, status] of entry.days) {
    const slots = entry.slots.filter((s) => jstDate(s.start) === date && !windowProblem(entry.rules, s.start, now, 'book'));
    const remaining = slots.reduce((n, s) => n + s.remaining, 0);
    const total = slots.reduce((n, s) => n + s.capacity, 0);
    days.push({ date, status, remaining, mark: dayMark(remaining, total, slots.length > 0), bookable: remaining > 0 });
  }
  return { service: entry.service, days };
}

export function nextMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
export function prevMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** Slots by Japan day as [HH:MM, places left], for the compact availability answer (a month in a sixth of the bytes). */
export function compactSlots(
  durationMinutes: number,
  slots: readonly SlotAvailability[],
): { durationMinutes: number; days: Record<string, [string, number][]> } {
  const days: Record<string, [string, number][]> = {};
  for (const s of slots) {
    const iso = jstIso(s.start); // 2026-12-01T09:00:00+09:00
    const day = iso.slice(0, 10);
    (days[day] ??= []).push([iso.slice(11, 16), s.remaining]);
  }
  return { durationMinutes, days };
}
