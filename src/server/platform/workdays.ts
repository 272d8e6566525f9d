/**
 * The working-day clock for legal time limits (法定/承诺办结时限).
 *
 * Everything here works on calendar dates ('YYYY-MM-DD') as seen in Asia/Shanghai, never on the
 * server's local time: a case accepted at 00:30 Beijing time on 1 October is accepted on 1 October even
 * when the server runs in UTC (where it is still 30 September). Dates are turned into day numbers
 * since 1970-01-01 (UTC arithmetic, no time zones, no DST) for counting.
 *
 * THE COUNTING CONVENTION (行政许可法 第八十二条: limits in working days exclude statutory holidays):
 * - The day of acceptance does not count; the clock starts the next day (like 民法典 第二百零一条:
 *   "开始的当日不计入").
 * - A working-day limit of n days is due on the n-th working day after the day of acceptance. A
 *   working day is Monday–Friday unless the schedule makes it a holiday (法定节假日), or a Saturday or
 *   Sunday that the schedule makes a working day (调休上班).
 *   Example: accepted on Fri 2026-09-25 (中秋, itself a holiday), 20 working days → 2026-09-28..30 (3),
 *   10-08, 10-09, Sat 10-10 调休 (6), then 14 weekdays → due Thu 2026-10-29.
 * - n = 0 (即办件) is due on the day of acceptance itself.
 * - A natural-day limit (自然日) of n days is due n calendar days after acceptance; when that day is a
 *   rest day (holiday or weekend) the period ends on the next working day (民法典 第二百零三条).
 * - A pause (补正, 特别程序 — 行政许可法 第四十五条) {from, to} stops the clock at the end of `from` and
 *   restarts it at the end of `to`, exactly like acceptance starts it: the days after `from` up to and
 *   including `to` do not count. A pause still running (to = null) is taken to end on `asOf`, so the
 *   due date shown is the one that holds if the clock restarts today.
 * - used = counted days from the day after acceptance up to and including `asOf` (today, or the day
 *   the case was completed); left = max(0, n − used); overdue = asOf is after the due date.
 * - A result is provisional when any date whose kind was consulted lies in a year without a loaded
 *   schedule: such a year is assumed to be plain Monday–Friday, and the result lists the years.
 */

import { isIsoDate } from '../../common/schemas/calendar.ts';

export { isIsoDate };

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A date the official schedule marks: a holiday (放假) or an adjusted working day (调休上班). */
export interface SpecialDay {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  /** The holiday the day belongs to, e.g. 国庆节. */
  name: string;
}

/** The loaded schedules: which years are known and their special days. Immutable once built. */
export interface WorkCalendar {
  readonly scheduledYears: ReadonlySet<number>;
  readonly special: ReadonlyMap<number, SpecialDay>;
}

/** How a limit is counted (the catalog's TimeLimit.unit). */
export type LimitUnit = 'working_day' | 'natural_day';

/** An interval when the clock stands still; see the convention above. */
export interface Pause {
  from: IsoDate;
  /** null while the pause is still running. */
  to: IsoDate | null;
}

/** A date with the years it assumed to be plain Monday–Friday. */
export interface ClockDate {
  date: IsoDate;
  provisional: boolean;
  unscheduledYears: number[];
}

/** What a case shows about its time limit. */
export interface TimeLimitStatus {
  due: IsoDate;
  /** Days of the limit counted so far (may exceed the limit once overdue). */
  used: number;
  /** Days of the limit still left, never negative. */
  left: number;
  overdue: boolean;
  /** Counted days after the due date up to asOf (0 when not overdue). */
  overdueDays: number;
  /** A pause is running on asOf: the clock stands still. */
  paused: boolean;
  provisional: boolean;
  unscheduledYears: number[];
  /** Natural-day limits only: the nominal end day, when it was a rest day and the due date moved. */
  extendedFrom: IsoDate | null;
}

const MS_PER_DAY = 86_400_000;
// No real limit needs more: 3650 working days plus long pauses stay far below it. It stops a loop
// over a broken calendar (every day a holiday) from spinning forever.
const MAX_SCAN_DAYS = 40_000;

/** Day number since 1970-01-01 of an ISO date; throws RangeError on anything else. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

/** The ISO date of a day number. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Shift an ISO date by whole calendar days. */
export function addNaturalDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Asia/Shanghai of an instant (default: now) — whatever the server's time zone. */
export function shanghaiDate(instant: Date = new Date()): IsoDate {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function isWeekend(day: number): boolean {
  // 1970-01-01 was a Thursday: (day + 4) % 7 gives 0 = Sunday … 6 = Saturday.
  const dow = (((day + 4) % 7) + 7) % 7;
  return dow === 0 || dow === 6;
}

/** Build a calendar from the loaded years and their special days (days outside those years are ignored). */
export function buildCalendar(years: Iterable<number>, days: Iterable<SpecialDay>): WorkCalendar {
  const scheduledYears = new Set(years);
  const special = new Map<number, SpecialDay>();
  for (const d of days) {
    const n = toDayNumber(d.date);
    if (scheduledYears.has(yearOf(n))) special.set(n, d);
  }
  return { scheduledYears, special };
}

/** A calendar with no schedule at all: every answer is plain Monday–Friday and provisional. */
export const EMPTY_CALENDAR: WorkCalendar = buildCalendar([], []);

/** Classifies days and remembers which unscheduled years it had to guess for. */
class Probe {
  readonly unscheduled = new Set<number>();
  constructor(private readonly cal: WorkCalendar) {}

  isWorkday(day: number): boolean {
    const year = yearOf(day);
    if (!this.cal.scheduledYears.has(year)) {
      this.unscheduled.add(year);
      return !isWeekend(day);
    }
    const s = this.cal.special.get(day);
    if (s) return s.kind === 'workday';
    return !isWeekend(day);
  }

  years(): number[] {
    return [...this.unscheduled].sort((a, b) => a - b);
  }
}

/** What kind of day a date is, for calendars and explanations. */
export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  kind: 'weekday' | 'weekend' | 'holiday' | 'adjusted_workday';
  name: string | null;
  /** False when the year has no loaded schedule (the answer assumes plain Monday–Friday). */
  scheduled: boolean;
}

/** Describe one date against the calendar. */
export function dayInfo(cal: WorkCalendar, date: IsoDate): DayInfo {
  const day = toDayNumber(date);
  const scheduled = cal.scheduledYears.has(yearOf(day));
  const s = scheduled ? cal.special.get(day) : undefined;
  if (s) return { date, workday: s.kind === 'workday', kind: s.kind === 'workday' ? 'adjusted_workday' : 'holiday', name: s.name, scheduled };
  const weekend = isWeekend(day);
  return { date, workday: !weekend, kind: weekend ? 'weekend' : 'weekday', name: null, scheduled };
}

/** True if the date is a working day (Mon–Fri unless a holiday, or a 调休 Saturday/Sunday). */
export function isWorkday(cal: WorkCalendar, date: IsoDate): boolean {
  return new Probe(cal).isWorkday(toDayNumber(date));
}

function clockDate(day: number, probe: Probe): ClockDate {
  const years = probe.years();
  return { date: fromDayNumber(day), provisional: years.length > 0, unscheduledYears: years };
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
}

/** The n-th working day after `start` (start itself does not count); n = 0 gives `start`. */
export function addWorkdays(cal: WorkCalendar, start: IsoDate, n: number): ClockDate {
  checkCount(n, 'working days');
  const probe = new Probe(cal);
  const due = scanForward(toDayNumber(start), n, (d) => probe.isWorkday(d));
  return clockDate(due, probe);
}

/** Working days in (a, b]: after a, up to and including b; negative when b is before a. */
export function workdaysBetween(cal: WorkCalendar, a: IsoDate, b: IsoDate): { days: number; provisional: boolean; unscheduledYears: number[] } {
  const probe = new Probe(cal);
  const [x, y] = [toDayNumber(a), toDayNumber(b)];
  const sign = y >= x ? 1 : -1;
  const [lo, hi] = sign === 1 ? [x, y] : [y, x];
  let days = 0;
  for (let d = lo + 1; d <= hi; d++) if (probe.isWorkday(d)) days++;
  const years = probe.years();
  return { days: sign * days, provisional: years.length > 0, unscheduledYears: years };
}

/** Step forward from `start` until `n` days pass `counts`; returns the day of the n-th. */
function scanForward(start: number, n: number, counts: (day: number) => boolean): number {
  let day = start;
  let seen = 0;
  while (seen < n) {
    day++;
    if (day - start > MAX_SCAN_DAYS) throw new RangeError('time limit does not end within 40,000 days: is every day a holiday?');
    if (counts(day)) seen++;
  }
  return day;
}

/** The input of a time-limit computation. */
export interface TimeLimitInput {
  /** Day of acceptance (受理日) in Asia/Shanghai. */
  acceptedOn: IsoDate;
  /** The limit: 0–3650 days of the given unit. */
  days: number;
  unit: LimitUnit;
  pauses?: readonly Pause[];
  /** The day to count up to: today (Asia/Shanghai), or the day the case was completed. */
  asOf: IsoDate;
}

/**
 * Due date, days used and left, overdue and provisional for a limit counted from acceptance,
 * with pauses (补正, 特别程序) stopping the clock. See the convention at the top of this file.
 */
export function computeTimeLimit(cal: WorkCalendar, input: TimeLimitInput): TimeLimitStatus {
  checkCount(input.days, 'limit');
  const start = toDayNumber(input.acceptedOn);
  const asOf = toDayNumber(input.asOf);
  const probe = new Probe(cal);
  // Paused day ranges [first, last], inclusive; a running pause lasts through asOf.
  const paused: [number, number][] = [];
  let pausedNow = false;
  for (const p of input.pauses ?? []) {
    const from = toDayNumber(p.from);
    const to = p.to === null ? Math.max(asOf, from) : toDayNumber(p.to);
    if (to < from) throw new RangeError(`pause ends (${p.to}) before it starts (${p.from})`);
    if (to > from) paused.push([from + 1, to]);
    if (asOf > from && asOf <= to) pausedNow = true;
  }
  const isPaused = (day: number) => paused.some(([a, b]) => day >= a && day <= b);
  const working = input.unit === 'working_day';
  const counts = (day: number) => !isPaused(day) && (!working || probe.isWorkday(day));

  let due = scanForward(start, input.days, counts);
  let extendedFrom: IsoDate | null = null;
  if (!working && input.days > 0 && !probe.isWorkday(due)) {
    // 民法典 §203: a period whose last day is a rest day ends on the first working day after it.
    extendedFrom = fromDayNumber(due);
    while (!probe.isWorkday(due)) due++;
  }
  let used = 0;
  let overdueDays = 0;
  for (let d = start + 1; d <= asOf; d++) {
    if (!counts(d)) continue;
    used++;
    if (d > due) overdueDays++;
  }
  const years = probe.years();
  return {
    due: fromDayNumber(due),
    used,
    left: Math.max(0, input.days - used),
    overdue: asOf > due,
    overdueDays,
    paused: pausedNow,
    provisional: years.length > 0,
    unscheduledYears: years,
    extendedFrom,
  };
}

/**
 * The calendar held in memory per database handle, loaded on first use and dropped whenever an
 * admin loads a year (invalidate). Correct for one process: the admin's request invalidates the
 * cache of the process that served it. A multi-process deployment must tell the other processes
 * too — e.g. a PostgreSQL NOTIFY on a 'workday_calendar' channel that every process LISTENs to and
 * answers by invalidating, or a check of max(loaded_at) of the schedule records before trusting the
 * cache — otherwise the other processes keep the old schedule until they restart.
 */
export class CalendarCache<K extends object> {
  // The promise is stored at once, so concurrent first uses share one read; invalidation replaces
  // the whole map, so a read that was under way when a year was loaded is never served again.
  private entries = new WeakMap<K, Promise<WorkCalendar>>();

  constructor(private readonly load: (key: K) => Promise<WorkCalendar>) {}

  /** The calendar for a database handle, read once. */
  get(key: K): Promise<WorkCalendar> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const entries = this.entries;
    const p = this.load(key);
    entries.set(key, p);
    // A failed read must not be cached: the next caller tries again.
    void p.catch(() => {
      if (entries.get(key) === p) entries.delete(key);
    });
    return p;
  }

  /**
   * Forget every cached calendar (after a year was loaded). All handles, not just the one the change
   * went through: a change made inside a transaction handle must still reach the root handle's cache.
   */
  invalidate(): void {
    this.entries = new WeakMap();
  }
}
