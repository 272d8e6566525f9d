import cd from 'chinese-days';
import { describe, expect, it, vi } from 'vitest';
import { bundledYears } from '../modules/calendar/bundled.ts';
import {
  CalendarCache,
  EMPTY_CALENDAR,
  addNaturalDays,
  addWorkdays,
  buildCalendar,
  computeTimeLimit,
  dayInfo,
  isIsoDate,
  isWorkday,
  shanghaiDate,
  workdaysBetween,
  type SpecialDay,
  type WorkCalendar,
} from './workdays.ts';

const bundled = bundledYears();
/** 2004–2026 as chinese-days has them: what a fresh installation loads. */
const CAL = buildCalendar(
  bundled.map((y) => y.year),
  bundled.flatMap((y) => y.days),
);

/** 2027 as a notice might publish it (元旦 1-1..1-3; a 调休 Saturday 2-6; 春节 2-6..2-12 shifted for the test). */
const DAYS_2027: SpecialDay[] = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-01-02', kind: 'holiday', name: '元旦' },
  { date: '2027-01-03', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'workday', name: '春节' },
  ...['08', '09', '10', '11', '12', '13', '14'].map((d): SpecialDay => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' })),
];
const CAL_2027 = buildCalendar([...CAL.scheduledYears, 2027], [...CAL.special.values(), ...DAYS_2027]);

describe('the bundled schedule', () => {
  it('covers 2004–2026 and nothing later', () => {
    expect(bundled[0]?.year).toBe(2004);
    expect(bundled.at(-1)?.year).toBe(2026);
    expect(bundled).toHaveLength(23);
  });

  it('names holidays in Chinese and marks 调休 Saturdays as working days', () => {
    expect(dayInfo(CAL, '2026-10-01')).toEqual({ date: '2026-10-01', workday: false, kind: 'holiday', name: '国庆节', scheduled: true });
    expect(dayInfo(CAL, '2026-10-10')).toEqual({ date: '2026-10-10', workday: true, kind: 'adjusted_workday', name: '国庆节', scheduled: true });
    expect(dayInfo(CAL, '2026-10-11')).toMatchObject({ workday: false, kind: 'weekend', name: null });
    expect(dayInfo(CAL, '2027-01-01')).toMatchObject({ workday: true, kind: 'weekday', scheduled: false });
  });
});

describe('addWorkdays', () => {
  it('accepted 2026-09-25 (中秋) with 20 working days is due 2026-10-29, not provisional', () => {
    expect(addWorkdays(CAL, '2026-09-25', 20)).toEqual({ date: '2026-10-29', provisional: false, unscheduledYears: [] });
  });

  it('agrees with chinese-days findWorkday on 400 random starts and limits in 2004–2026', () => {
    let seed = 20261123;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 400; i++) {
      const start = addNaturalDays('2004-01-01', rnd(365 * 22 + 300));
      const n = 1 + rnd(60);
      const ours = addWorkdays(CAL, start, n);
      const theirs = cd.findWorkday(n, start);
      if (ours.date !== theirs || ours.provisional) mismatches.push(`${start}+${n}: ${ours.date} vs ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('counts a 调休 Saturday as a working day', () => {
    expect(addWorkdays(CAL, '2026-10-09', 1).date).toBe('2026-10-10');
    expect(addWorkdays(CAL, '2026-02-13', 1).date).toBe('2026-02-14');
  });

  it('skips the nine days of the 2026 Spring Festival', () => {
    expect(addWorkdays(CAL, '2026-02-14', 1).date).toBe('2026-02-24');
  });

  it('skips the 2020 Spring Festival extension (holiday until 2 February)', () => {
    expect(addWorkdays(CAL, '2020-01-23', 1).date).toBe('2020-02-03');
  });

  it('crosses into a scheduled year: 2026-01-04 is a 调休 Sunday', () => {
    expect(addWorkdays(CAL, '2025-12-31', 1)).toEqual({ date: '2026-01-04', provisional: false, unscheduledYears: [] });
  });

  it('crosses into a year without a schedule: plain Monday–Friday, marked provisional', () => {
    expect(addWorkdays(CAL, '2026-12-30', 5)).toEqual({ date: '2027-01-06', provisional: true, unscheduledYears: [2027] });
  });

  it('moves the same deadline once the 2027 schedule is loaded', () => {
    expect(addWorkdays(CAL_2027, '2026-12-30', 5)).toEqual({ date: '2027-01-07', provisional: false, unscheduledYears: [] });
  });

  it('n = 0 is due on the day of acceptance, even a holiday, and consults nothing', () => {
    expect(addWorkdays(CAL, '2026-10-01', 0)).toEqual({ date: '2026-10-01', provisional: false, unscheduledYears: [] });
    expect(addWorkdays(EMPTY_CALENDAR, '2027-03-01', 0).provisional).toBe(false);
  });

  it('with no schedule at all, every answer is provisional', () => {
    expect(addWorkdays(EMPTY_CALENDAR, '2026-09-25', 20)).toEqual({ date: '2026-10-23', provisional: true, unscheduledYears: [2026] });
  });

  it('rejects negative or fractional counts and impossible dates', () => {
    expect(() => addWorkdays(CAL, '2026-09-25', -1)).toThrow(RangeError);
    expect(() => addWorkdays(CAL, '2026-09-25', 1.5)).toThrow(RangeError);
    expect(() => addWorkdays(CAL, '2026-02-30', 1)).toThrow(RangeError);
  });

  it('stops instead of spinning on a calendar where every day is a holiday', () => {
    const days: SpecialDay[] = [];
    for (let d = '2030-01-01'; d <= '2030-12-31'; d = addNaturalDays(d, 1)) days.push({ date: d, kind: 'holiday', name: '假' });
    const all: WorkCalendar = buildCalendar([2030], days);
    expect(addWorkdays(all, '2030-06-01', 5).date).toBe('2031-01-07');
  });
});

describe('isWorkday and workdaysBetween', () => {
  it('classifies weekdays, weekends, holidays and 调休 days', () => {
    expect(isWorkday(CAL, '2026-09-28')).toBe(true);
    expect(isWorkday(CAL, '2026-10-01')).toBe(false);
    expect(isWorkday(CAL, '2026-10-10')).toBe(true);
    expect(isWorkday(CAL, '2026-10-11')).toBe(false);
    expect(isWorkday(CAL, '2027-01-01')).toBe(true); // unscheduled: plain Friday
    expect(isWorkday(CAL_2027, '2027-01-01')).toBe(false);
  });

  it('counts the days after a up to and including b, and is the inverse of addWorkdays', () => {
    expect(workdaysBetween(CAL, '2026-09-25', '2026-10-29')).toEqual({ days: 20, provisional: false, unscheduledYears: [] });
    expect(workdaysBetween(CAL, '2026-10-29', '2026-09-25').days).toBe(-20);
    expect(workdaysBetween(CAL, '2026-10-01', '2026-10-01').days).toBe(0);
    expect(workdaysBetween(CAL, '2026-09-30', '2026-10-07').days).toBe(0);
    expect(workdaysBetween(CAL, '2026-12-31', '2027-01-04')).toEqual({ days: 2, provisional: true, unscheduledYears: [2027] });
  });
});

describe('computeTimeLimit', () => {
  const base = { acceptedOn: '2026-09-25', days: 20, unit: 'working_day' as const };

  it('shows days used and left while running, and overdue after the due date', () => {
    expect(computeTimeLimit(CAL, { ...base, asOf: '2026-09-25' })).toMatchObject({ due: '2026-10-29', used: 0, left: 20, overdue: false });
    // 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (调休), 10-12.
    expect(computeTimeLimit(CAL, { ...base, asOf: '2026-10-12' })).toMatchObject({ used: 7, left: 13, overdue: false, overdueDays: 0 });
    expect(computeTimeLimit(CAL, { ...base, asOf: '2026-10-29' })).toMatchObject({ used: 20, left: 0, overdue: false });
    expect(computeTimeLimit(CAL, { ...base, asOf: '2026-11-02' })).toMatchObject({ used: 22, left: 0, overdue: true, overdueDays: 2 });
  });

  it('counts nothing when asOf is before acceptance', () => {
    expect(computeTimeLimit(CAL, { ...base, asOf: '2026-09-01' })).toMatchObject({ used: 0, left: 20, overdue: false });
  });

  it('is provisional when the due date lies in 2027 and no 2027 schedule is loaded', () => {
    const r = computeTimeLimit(CAL, { acceptedOn: '2026-12-01', days: 30, unit: 'working_day', asOf: '2026-12-01' });
    expect(r).toMatchObject({ provisional: true, unscheduledYears: [2027] });
    expect(r.due.startsWith('2027-')).toBe(true);
    expect(computeTimeLimit(CAL_2027, { acceptedOn: '2026-12-01', days: 30, unit: 'working_day', asOf: '2026-12-01' }).provisional).toBe(false);
  });

  it('a pause spanning the National Day holiday stops the clock only for the working days in it', () => {
    const noPause = computeTimeLimit(CAL, { acceptedOn: '2026-09-21', days: 10, unit: 'working_day', asOf: '2026-09-21' });
    expect(noPause.due).toBe('2026-10-12');
    // Supplement asked on 9-24 (counts), materials back on 10-9 (does not count): 10-10 is day 4.
    const paused = computeTimeLimit(CAL, { acceptedOn: '2026-09-21', days: 10, unit: 'working_day', asOf: '2026-10-12', pauses: [{ from: '2026-09-24', to: '2026-10-09' }] });
    expect(paused).toMatchObject({ due: '2026-10-19', used: 5, left: 5, paused: false });
  });

  it('a pause of zero length changes nothing; several pauses add up', () => {
    const one = computeTimeLimit(CAL, { ...base, asOf: '2026-09-25', pauses: [{ from: '2026-10-13', to: '2026-10-13' }] });
    expect(one.due).toBe('2026-10-29');
    const two = computeTimeLimit(CAL, {
      ...base,
      asOf: '2026-09-25',
      pauses: [
        { from: '2026-10-12', to: '2026-10-14' },
        { from: '2026-10-20', to: '2026-10-21' },
      ],
    });
    // 2 + 1 working days stopped.
    expect(two.due).toBe('2026-11-03');
  });

  it('a running pause holds the clock: used stays, due assumes the clock restarts today', () => {
    const r = computeTimeLimit(CAL, { ...base, asOf: '2026-10-15', pauses: [{ from: '2026-10-12', to: null }] });
    expect(r).toMatchObject({ paused: true, used: 7, left: 13 });
    // Restarting after 10-15: 13 more working days from 10-16.
    expect(r.due).toBe(addWorkdays(CAL, '2026-10-15', 13).date);
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() => computeTimeLimit(CAL, { ...base, asOf: '2026-10-01', pauses: [{ from: '2026-10-12', to: '2026-10-11' }] })).toThrow(RangeError);
  });

  it('n = 0 is due on the day of acceptance and overdue the day after', () => {
    expect(computeTimeLimit(CAL, { ...base, days: 0, asOf: '2026-09-25' })).toMatchObject({ due: '2026-09-25', used: 0, left: 0, overdue: false });
    expect(computeTimeLimit(CAL, { ...base, days: 0, asOf: '2026-09-28' })).toMatchObject({ overdue: true, overdueDays: 1 });
  });

  describe('natural days (自然日)', () => {
    it('counts every calendar day when the last one is a working day', () => {
      expect(computeTimeLimit(CAL, { acceptedOn: '2026-09-20', days: 10, unit: 'natural_day', asOf: '2026-09-22' })).toMatchObject({
        due: '2026-09-30', used: 2, left: 8, extendedFrom: null, provisional: false,
      });
    });

    it('moves a last day in the National Day holiday to the next working day (民法典 §203)', () => {
      expect(computeTimeLimit(CAL, { acceptedOn: '2026-09-25', days: 7, unit: 'natural_day', asOf: '2026-09-25' })).toMatchObject({
        due: '2026-10-08', extendedFrom: '2026-10-02',
      });
    });

    it('moves a last day on a weekend to Monday, and is provisional only when that day is unscheduled', () => {
      expect(computeTimeLimit(CAL, { acceptedOn: '2026-03-02', days: 5, unit: 'natural_day', asOf: '2026-03-02' })).toMatchObject({ due: '2026-03-09', extendedFrom: '2026-03-07' });
      expect(computeTimeLimit(CAL, { acceptedOn: '2026-12-20', days: 30, unit: 'natural_day', asOf: '2026-12-20' })).toMatchObject({ due: '2027-01-19', provisional: true, unscheduledYears: [2027] });
    });
  });
});

describe('dates in Asia/Shanghai', () => {
  it('takes the Beijing date of an instant, not the server’s', () => {
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiDate(new Date('2026-10-01T15:59:59Z'))).toBe('2026-10-01');
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-9-25')).toBe(false);
  });
});

describe('CalendarCache', () => {
  it('reads once per key, reads again after invalidate, and does not keep a failed read', async () => {
    const load = vi.fn<(k: object) => Promise<WorkCalendar>>().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(CAL);
    const cache = new CalendarCache(load);
    const key = {};
    await expect(cache.get(key)).rejects.toThrow('db down');
    expect(await cache.get(key)).toBe(CAL);
    expect(await cache.get(key)).toBe(CAL);
    expect(load).toHaveBeenCalledTimes(2);
    cache.invalidate();
    await cache.get(key);
    expect(load).toHaveBeenCalledTimes(3);
  });
});
