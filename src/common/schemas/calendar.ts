import { z } from 'zod';

/** True if `s` is a real calendar date written 'YYYY-MM-DD' (2027-02-29 is not). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export const IsoDate = z.string().refine(isIsoDate, '应为有效日期，格式 YYYY-MM-DD').describe('Calendar date YYYY-MM-DD (Asia/Shanghai)');

/** Years a schedule can be loaded for. */
export const CALENDAR_YEAR_MIN = 2000;
/** Years a schedule can be loaded for. */
export const CALENDAR_YEAR_MAX = 2100;

/** Where a year's schedule came from. */
export const CALENDAR_SOURCES = ['chinese-days', 'official notice'] as const;

/** How a time limit is counted (the catalog's TimeLimit.unit). */
export const LIMIT_UNITS = ['working_day', 'natural_day'] as const;

/** The year in the path. */
export const CalendarYearParams = z.object({
  year: z.coerce.number().int().min(CALENDAR_YEAR_MIN).max(CALENDAR_YEAR_MAX).describe('Calendar year, e.g. 2027'),
});

/** A loaded year's schedule record. */
export const CalendarYearSummary = z.object({
  year: z.number().int(),
  /** chinese-days (bundled, 2004–2026) or the State Council's notice loaded by an administrator. */
  source: z.enum(CALENDAR_SOURCES),
  /** The notice (e.g. 国办发明电〔2025〕…号), or the chinese-days version. */
  noticeRef: z.string(),
  /** Who loaded it (display name). */
  loadedBy: z.string(),
  /** When (ISO timestamp). */
  loadedAt: z.string(),
  /** Number of holidays (放假 days, weekends inside a holiday included). */
  holidays: z.number().int(),
  /** Number of adjusted working days (调休上班). */
  adjustedWorkdays: z.number().int(),
});

/** Which years are loaded, and which of this year and next are not (deadlines there are provisional). */
export const CalendarYearsResponse = z.object({
  items: z.array(CalendarYearSummary),
  /** Today in Asia/Shanghai. */
  today: IsoDate,
  /** This year and/or next year when they have no schedule: deadlines there are provisional. */
  missing: z.array(z.number().int()),
});

/** A day the schedule marks. */
export const CalendarDay = z.object({
  date: IsoDate,
  /** holiday (放假) or workday (调休上班: a Saturday or Sunday that is worked). */
  kind: z.enum(['holiday', 'workday']),
  /** The holiday the day belongs to, e.g. 国庆节. */
  name: z.string(),
});

/** One year: its schedule record (null when not loaded) and its marked days. */
export const CalendarYearView = z.object({
  year: z.number().int(),
  schedule: CalendarYearSummary.nullable(),
  days: z.array(CalendarDay),
});

const NamedDate = z.object({
  date: IsoDate,
  /** The holiday, e.g. 春节. */
  name: z.string().trim().min(1, '不能为空').max(40),
});

/** Load (or replace) a year's schedule from the State Council's notice. */
export const LoadCalendarYearBody = z.object({
  /** The notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕…号）. */
  noticeRef: z.string().trim().min(1, '请填写通知文号').max(200),
  /** Every day off (放假), including the weekend days inside a holiday. */
  holidays: z.array(NamedDate).min(1, '至少应有一个节假日').max(80),
  /** Every Saturday or Sunday that is worked (调休上班). */
  workdays: z.array(NamedDate).max(30).default([]),
});

/** Ask when a limit counted from a date ends. */
export const DeadlineQuery = z.object({
  /** Day of acceptance (受理日); it does not count. */
  start: IsoDate,
  /** The limit in days. */
  days: z.coerce.number().int().min(0).max(3650),
  unit: z.enum(LIMIT_UNITS).default('working_day'),
  /** The day to count used days up to (default: today in Asia/Shanghai). */
  asOf: IsoDate.optional(),
  /** Pauses as ISO intervals "from/to", comma-separated; "from/" is a pause still running. */
  pauses: z
    .string()
    .max(500)
    .regex(/^(\d{4}-\d{2}-\d{2}\/(\d{4}-\d{2}-\d{2})?)(,\d{4}-\d{2}-\d{2}\/(\d{4}-\d{2}-\d{2})?)*$/, '格式应为 起/止,起/止（YYYY-MM-DD/YYYY-MM-DD）')
    .optional(),
});

/** A computed time limit. */
export const DeadlineResponse = z.object({
  start: IsoDate,
  days: z.number().int(),
  unit: z.enum(LIMIT_UNITS),
  asOf: IsoDate,
  /** The last day of the limit. */
  due: IsoDate,
  used: z.number().int(),
  left: z.number().int(),
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  paused: z.boolean(),
  /** True when a date used lies in a year with no loaded schedule (counted as plain Monday–Friday). */
  provisional: z.boolean(),
  unscheduledYears: z.array(z.number().int()),
  /** Natural days: the nominal last day, when it was a rest day and the due date moved to the next working day. */
  extendedFrom: IsoDate.nullable(),
});
