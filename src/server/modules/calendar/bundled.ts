import { createRequire } from 'node:module';
import cd from 'chinese-days';
import { fromDayNumber, toDayNumber, type SpecialDay } from '../../platform/workdays.ts';

/** The first year chinese-days has data for. */
export const BUNDLED_FIRST_YEAR = 2004;

/** One year's schedule as chinese-days has it. */
export interface BundledYear {
  year: number;
  days: SpecialDay[];
}

/** The installed chinese-days version, recorded with every year loaded from it. */
export const CHINESE_DAYS_VERSION: string = (createRequire(import.meta.url)('chinese-days/package.json') as { version: string }).version;

/**
 * The holidays and adjusted workdays of one year from chinese-days, or null when the package does
 * not know the year. chinese-days names a marked day "English,中文,days" and an ordinary day by its
 * weekday ("Saturday"); for a year it does not know every day is ordinary.
 */
export function bundledYear(year: number): BundledYear | null {
  const days: SpecialDay[] = [];
  for (let d = toDayNumber(`${year}-01-01`), end = toDayNumber(`${year}-12-31`); d <= end; d++) {
    const date = fromDayNumber(d);
    const detail = cd.getDayDetail(date);
    const parts = detail.name.split(',');
    if (parts.length < 2) continue;
    days.push({ date, kind: detail.work ? 'workday' : 'holiday', name: parts[1] ?? parts[0] ?? '' });
  }
  return days.length > 0 ? { year, days } : null;
}

/**
 * Every year chinese-days knows, from 2004 up to the first year it has nothing for — read from the
 * package rather than hard-coded, so that upgrading it to a version with 2027 brings 2027 in.
 */
export function bundledYears(): BundledYear[] {
  const out: BundledYear[] = [];
  for (let year = BUNDLED_FIRST_YEAR; ; year++) {
    const y = bundledYear(year);
    if (!y) return out;
    out.push(y);
  }
}
