import { sql } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import type { SpecialDay } from '../../platform/workdays.ts';

/** Where a year's schedule came from. */
export type CalendarSource = 'chinese-days' | 'official notice';

/** A year's schedule record with the number of marked days. */
export interface YearRow {
  year: number;
  source: CalendarSource;
  notice_ref: string;
  loaded_by: string;
  loaded_by_account_id: string | null;
  loaded_at: Date | string;
  holidays: number;
  adjusted_workdays: number;
}

const SELECT_YEAR = sql`select y.year, y.source, y.notice_ref, y.loaded_by, y.loaded_by_account_id, y.loaded_at,
    (select count(*)::int from workday_calendar_days d where d.year = y.year and d.kind = 'holiday') as holidays,
    (select count(*)::int from workday_calendar_days d where d.year = y.year and d.kind = 'workday') as adjusted_workdays
  from workday_calendar_years y`;

/** Every loaded year, oldest first. */
export function listYears(db: Db): Promise<YearRow[]> {
  return rows<YearRow>(db, sql`${SELECT_YEAR} order by y.year`);
}

/** One loaded year, or undefined. */
export function findYear(db: Db, year: number): Promise<YearRow | undefined> {
  return firstRow<YearRow>(db, sql`${SELECT_YEAR} where y.year = ${year}`);
}

/** The numbers of the loaded years. */
export async function scheduledYears(db: Db): Promise<number[]> {
  return (await rows<{ year: number }>(db, sql`select year from workday_calendar_years order by year`)).map((r) => r.year);
}

/** Marked days of one year, or of all years; dates as text so that no driver shifts them by a time zone. */
export function listDays(db: Db, year?: number): Promise<SpecialDay[]> {
  const where = year === undefined ? sql`` : sql`where year = ${year}`;
  return rows<SpecialDay>(db, sql`select to_char(day, 'YYYY-MM-DD') as date, kind, name from workday_calendar_days ${where} order by day`);
}

/** Replace a year's schedule record and days (the caller holds the transaction). */
export async function replaceYear(
  db: Db,
  y: { year: number; source: CalendarSource; noticeRef: string; loadedBy: string; loadedByAccountId: string | null; days: SpecialDay[] },
): Promise<void> {
  // The days go with the year (on delete cascade).
  await db.execute(sql`delete from workday_calendar_years where year = ${y.year}`);
  await db.execute(sql`insert into workday_calendar_years (year, source, notice_ref, loaded_by, loaded_by_account_id)
    values (${y.year}, ${y.source}, ${y.noticeRef}, ${y.loadedBy}, ${y.loadedByAccountId})`);
  if (y.days.length === 0) return;
  await db.execute(sql`insert into workday_calendar_days (day, year, kind, name) values
    ${sql.join(y.days.map((d) => sql`(${d.date}::date, ${y.year}, ${d.kind}, ${d.name})`), sql`, `)}`);
}
