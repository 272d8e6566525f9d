/**
 * The two platform services the cases module uses that are being built on other branches: the
 * working-day clock (src/server/platform/workdays.ts, branch `calendar`) and content-addressed files
 * (src/server/platform/files.ts, branch `platform`). Each is one function here so that wiring the
 * real service in is one edit in this file.
 */
import cd from 'chinese-days';
import type { Ctx } from '../../platform/context.ts';

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** An interval when the clock stands still: the days after `from` up to and including `to`. */
export interface Pause {
  from: IsoDate;
  to: IsoDate | null;
}

/** Input of the clock (the same shape as workdays.ts computeTimeLimit). */
export interface ClockInput {
  acceptedOn: IsoDate;
  days: number;
  unit: 'working_day' | 'natural_day';
  pauses: Pause[];
  asOf: IsoDate;
}

/** What a case shows about its limit. */
export interface ClockStatus {
  due: IsoDate;
  used: number;
  left: number;
  overdue: boolean;
  paused: boolean;
  provisional: boolean;
}

/** The day in Asia/Shanghai of an instant. */
export function shanghaiDate(instant: Date = new Date()): IsoDate {
  // UTC+8 all year (no daylight saving since 1991).
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const DAY = 86_400_000;
const toDay = (d: IsoDate): number => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const fromDay = (n: number): IsoDate => new Date(n * DAY).toISOString().slice(0, 10);
// chinese-days ships the State Council schedules of these years; later years are assumed plain Mon–Fri.
const LAST_SCHEDULED_YEAR = 2026;

/**
 * Due date, days used and left of a limit counted from acceptance with pauses. Interim local
 * implementation on chinese-days until the calendar branch's computeTimeLimit (with the
 * admin-loaded calendar table) is merged: replace the body with a call to it.
 */
export async function computeClock(_ctx: Ctx, input: ClockInput): Promise<ClockStatus> {
  const start = toDay(input.acceptedOn);
  const asOf = toDay(input.asOf);
  let provisional = false;
  const isWorkday = (n: number): boolean => {
    const date = fromDay(n);
    if (Number(date.slice(0, 4)) > LAST_SCHEDULED_YEAR) {
      provisional = true;
      const wd = new Date(n * DAY).getUTCDay();
      return wd !== 0 && wd !== 6;
    }
    return cd.isWorkday(date);
  };
  const paused: [number, number][] = [];
  let pausedNow = false;
  for (const p of input.pauses) {
    const from = toDay(p.from);
    const to = p.to === null ? Math.max(asOf, from) : toDay(p.to);
    if (to > from) paused.push([from + 1, to]);
    if (p.to === null || (asOf > from && asOf <= to)) pausedNow = true;
  }
  const counts = (n: number) => !paused.some(([a, b]) => n >= a && n <= b) && (input.unit === 'natural_day' || isWorkday(n));
  let due = start;
  for (let left = input.days; left > 0; ) {
    due++;
    if (counts(due)) left--;
  }
  let used = 0;
  for (let d = start + 1; d <= asOf; d++) if (counts(d)) used++;
  return { due: fromDay(due), used, left: Math.max(0, input.days - used), overdue: asOf > due, paused: pausedNow, provisional };
}

/**
 * Check that uploaded file ids may be attached by the actor. Interim: ids are recorded as given;
 * when files.ts lands this asks it that every id exists and was uploaded by the actor (400 naming
 * the material otherwise) and registers the case as a reader through registerFileReadPolicy.
 */
export async function checkAttachableFiles(_ctx: Ctx, _fileIds: string[], _field: string): Promise<void> {
  // Nothing to check against until the files service exists.
}
