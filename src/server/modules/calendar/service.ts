import type { z } from 'zod';
import type { FieldIssue } from '../../../common/errors.ts';
import type { CalendarYearSummary, CalendarYearView, CalendarYearsResponse, DeadlineQuery, DeadlineResponse, LoadCalendarYearBody } from '../../../common/schemas/calendar.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, withTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import {
  CalendarCache,
  buildCalendar,
  computeTimeLimit,
  isIsoDate,
  shanghaiDate,
  toDayNumber,
  type IsoDate,
  type LimitUnit,
  type Pause,
  type SpecialDay,
  type TimeLimitStatus,
  type WorkCalendar,
} from '../../platform/workdays.ts';
import { CHINESE_DAYS_VERSION, bundledYears } from './bundled.ts';
import * as repo from './repo.ts';

async function readCalendar(db: Db): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([repo.scheduledYears(db), repo.listDays(db)]);
  return buildCalendar(years, days);
}

// One read per process until an admin loads a year (see CalendarCache for multi-process deployments).
const cache = new CalendarCache<Db>(readCalendar);

/**
 * The working-day calendar: from memory, read from the database on first use. Inside a transaction
 * it is read afresh, so that a change made in that transaction is seen.
 */
export function getWorkCalendar(ctx: Ctx): Promise<WorkCalendar> {
  return ctx.inTransaction ? readCalendar(ctx.db) : cache.get(ctx.db);
}

function presentYear(r: repo.YearRow): z.infer<typeof CalendarYearSummary> {
  return {
    year: r.year, source: r.source, noticeRef: r.notice_ref, loadedBy: r.loaded_by, loadedAt: new Date(r.loaded_at).toISOString(),
    holidays: r.holidays, adjustedWorkdays: r.adjusted_workdays,
  };
}

/** Which years have a schedule, and whether this year or next is missing one. */
export async function listYears(ctx: Ctx): Promise<z.infer<typeof CalendarYearsResponse>> {
  const items = (await repo.listYears(ctx.db)).map(presentYear);
  const today = shanghaiDate();
  const thisYear = Number(today.slice(0, 4));
  const loaded = new Set(items.map((i) => i.year));
  return { items, today, missing: [thisYear, thisYear + 1].filter((y) => !loaded.has(y)) };
}

/** One year's schedule record (null when not loaded) and marked days. */
export async function yearView(ctx: Ctx, year: number): Promise<z.infer<typeof CalendarYearView>> {
  const row = await repo.findYear(ctx.db, year);
  return { year, schedule: row ? presentYear(row) : null, days: row ? await repo.listDays(ctx.db, year) : [] };
}

function isWeekend(date: IsoDate): boolean {
  const dow = (((toDayNumber(date) + 4) % 7) + 7) % 7;
  return dow === 0 || dow === 6;
}

/** Every problem with a schedule for `year`, each naming its field. */
export function scheduleIssues(year: number, body: z.infer<typeof LoadCalendarYearBody>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const holidayDates = new Set<string>();
  body.holidays.forEach((h, i) => {
    if (!h.date.startsWith(`${year}-`)) issues.push({ path: `holidays.${i}.date`, message: `${h.date} 不在${year}年内` });
    else if (holidayDates.has(h.date)) issues.push({ path: `holidays.${i}.date`, message: `${h.date} 重复列出` });
    holidayDates.add(h.date);
  });
  const workdayDates = new Set<string>();
  body.workdays.forEach((w, i) => {
    const path = `workdays.${i}.date`;
    if (!w.date.startsWith(`${year}-`)) issues.push({ path, message: `${w.date} 不在${year}年内` });
    else if (holidayDates.has(w.date)) issues.push({ path, message: `${w.date} 同时被列为放假日和调休上班日` });
    else if (workdayDates.has(w.date)) issues.push({ path, message: `${w.date} 重复列出` });
    else if (!isWeekend(w.date)) issues.push({ path, message: `${w.date} 不是周六或周日：调休上班日应为周末（周一至周五本来就上班）` });
    workdayDates.add(w.date);
  });
  return issues;
}

function daysOf(body: z.infer<typeof LoadCalendarYearBody>): SpecialDay[] {
  return [
    ...body.holidays.map((h): SpecialDay => ({ date: h.date, kind: 'holiday', name: h.name })),
    ...body.workdays.map((w): SpecialDay => ({ date: w.date, kind: 'workday', name: w.name })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

function actorName(ctx: Ctx): string {
  if (ctx.actor.type === 'account') return ctx.actor.displayName;
  return ctx.actor.type === 'system' ? `系统（${ctx.actor.name}）` : '匿名';
}

/**
 * Load (or replace) a year's schedule from the State Council's notice: validated, replaced in one
 * transaction with its audit record, and the in-memory calendar dropped so the next deadline uses it.
 */
export async function loadOfficialYear(ctx: Ctx, year: number, body: z.infer<typeof LoadCalendarYearBody>): Promise<z.infer<typeof CalendarYearView>> {
  const issues = scheduleIssues(year, body);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  const days = daysOf(body);
  await withTransaction(ctx, async (tx) => {
    const before = await repo.findYear(tx.db, year);
    await repo.replaceYear(tx.db, { year, source: 'official notice', noticeRef: body.noticeRef, loadedBy: actorName(ctx), loadedByAccountId: actorAccountId(ctx), days });
    await audit(tx, {
      action: 'calendar.year.load', entityType: 'workday_calendar_year', entityId: String(year),
      before: before ? { source: before.source, noticeRef: before.notice_ref, holidays: before.holidays, adjustedWorkdays: before.adjusted_workdays } : null,
      after: { source: 'official notice', noticeRef: body.noticeRef, holidays: body.holidays, workdays: body.workdays },
    });
  });
  cache.invalidate();
  return yearView(ctx, year);
}

/**
 * Load every year chinese-days knows that has no schedule yet (run after migrating; idempotent).
 * A year already loaded — from chinese-days or from a notice — is never touched: an administrator's
 * correction must survive an upgrade of the package. Returns the years loaded.
 */
export async function syncBundledCalendar(ctx: Ctx): Promise<number[]> {
  const have = new Set(await repo.scheduledYears(ctx.db));
  const missing = bundledYears().filter((y) => !have.has(y.year));
  if (missing.length === 0) return [];
  const noticeRef = `chinese-days ${CHINESE_DAYS_VERSION}`;
  await withTransaction(ctx, async (tx) => {
    for (const y of missing) {
      await repo.replaceYear(tx.db, { year: y.year, source: 'chinese-days', noticeRef, loadedBy: actorName(ctx), loadedByAccountId: actorAccountId(ctx), days: y.days });
    }
    await audit(tx, { action: 'calendar.bundled.load', entityType: 'workday_calendar_year', entityId: null, after: { years: missing.map((y) => y.year), noticeRef } });
  });
  cache.invalidate();
  return missing.map((y) => y.year);
}

/** Parse "from/to,from/" into pauses; throws a 400 naming `pauses`. */
function parsePauses(text: string | undefined): Pause[] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const [from = '', to = ''] = part.split('/');
    return { from, to: to === '' ? null : to };
  });
}

/** The time limit of a case: due date, days used and left, overdue, provisional. */
export async function timeLimitStatus(
  ctx: Ctx,
  input: { acceptedOn: IsoDate; days: number; unit: LimitUnit; pauses?: readonly Pause[]; asOf?: IsoDate },
): Promise<TimeLimitStatus> {
  const cal = await getWorkCalendar(ctx);
  return computeTimeLimit(cal, { ...input, asOf: input.asOf ?? shanghaiDate() });
}

/** Compute a deadline for the calculator (GET /calendar/deadline). */
export async function deadline(ctx: Ctx, q: z.infer<typeof DeadlineQuery>): Promise<z.infer<typeof DeadlineResponse>> {
  const pauses = parsePauses(q.pauses);
  for (const p of pauses) {
    for (const d of [p.from, p.to]) if (d !== null && !isIsoDate(d)) throw AppError.field('pauses', `${d} 不是有效日期`);
    if (p.to !== null && p.to < p.from) throw AppError.field('pauses', `暂停结束日 ${p.to} 早于开始日 ${p.from}`);
  }
  const asOf = q.asOf ?? shanghaiDate();
  const status = await timeLimitStatus(ctx, { acceptedOn: q.start, days: q.days, unit: q.unit, pauses, asOf });
  return { start: q.start, days: q.days, unit: q.unit, asOf, ...status };
}

