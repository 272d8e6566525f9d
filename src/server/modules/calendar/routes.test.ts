import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/workdays.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildYearSchedule } from '../../../../test/support/calendar-factories.ts';
import { buildStaff, loginCookie } from '../../../../test/support/factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type Deadline = { due: string; used: number; left: number; provisional: boolean; unscheduledYears: number[]; overdue: boolean; extendedFrom: string | null };
type YearSummary = { year: number; source: string; noticeRef: string; loadedBy: string; holidays: number; adjustedWorkdays: number };
type YearView = { year: number; schedule: YearSummary | null; days: { date: string; kind: string; name: string }[] };

let t: TestApp;
let admin = '';
let clerk = '';

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: '350700000000', departmentId: null })).login);
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'] })).login);
});
afterAll(async () => {
  await t.close();
});

async function call<T>(cookie: string | null, method: 'GET' | 'PUT', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

const deadline = (q: string, cookie = clerk) => call<Deadline>(cookie, 'GET', `/api/v1/calendar/deadline?${q}`);

/** 2027 as the test loads it: 元旦 Fri 1-1..Sun 1-3, a 调休 Saturday 2-6, 春节 2-7..2-13. */
const SCHEDULE_2027 = buildYearSchedule(2027, {
  noticeRef: '国办发明电〔2026〕99号（测试）',
  holidays: [
    ...['01', '02', '03'].map((d) => ({ date: `2027-01-${d}`, name: '元旦' })),
    ...['07', '08', '09', '10', '11', '12', '13'].map((d) => ({ date: `2027-02-${d}`, name: '春节' })),
  ],
  workdays: [{ date: '2027-02-06', name: '春节' }],
});

describe('the bundled years', () => {
  it('has 2004–2026 loaded from chinese-days on migrate, and reports next year as missing', async () => {
    const r = await call<{ items: YearSummary[]; today: string; missing: number[] }>(clerk, 'GET', '/api/v1/calendar/years');
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(r.body.items.at(-1)).toMatchObject({ year: 2026, source: 'chinese-days', holidays: 33, adjustedWorkdays: 6 });
    expect(r.body.items.at(-1)?.noticeRef).toMatch(/^chinese-days 1\.5\./);
    expect(r.body.today).toBe(shanghaiDate());
    const thisYear = Number(r.body.today.slice(0, 4));
    expect(r.body.missing).toEqual([thisYear, thisYear + 1].filter((y) => y > 2026));
  });

  it('lists a year’s holidays and 调休 days', async () => {
    const r = await call<YearView>(clerk, 'GET', '/api/v1/calendar/2026');
    expect(r.status).toBe(200);
    expect(r.body.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(r.body.days).toContainEqual({ date: '2026-09-25', kind: 'holiday', name: '中秋' });
    expect(r.body.days.filter((d) => d.kind === 'holiday')).toHaveLength(33);
  });

  it('answers an unloaded year with no schedule rather than a 404', async () => {
    expect((await call<YearView>(clerk, 'GET', '/api/v1/calendar/2031')).body).toEqual({ year: 2031, schedule: null, days: [] });
  });
});

describe('deadlines', () => {
  it('accepted 2026-09-25 with 20 working days is due 2026-10-29 (中秋 + 国庆, 10-10 调休 counted)', async () => {
    const r = await deadline('start=2026-09-25&days=20&unit=working_day&asOf=2026-10-12');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ due: '2026-10-29', used: 7, left: 13, overdue: false, provisional: false, unscheduledYears: [] });
  });

  it('loading 2027 makes a 2027 deadline definite and moves it around the loaded holidays', async () => {
    // 12-31, then plain Mon–Fri in 2027: 1-1 (Fri) would count.
    const before = await deadline('start=2026-12-30&days=5');
    expect(before.body).toMatchObject({ due: '2027-01-06', provisional: true, unscheduledYears: [2027] });
    const spring = await deadline('start=2027-02-04&days=3');
    expect(spring.body).toMatchObject({ due: '2027-02-09', provisional: true });

    const put = await call<YearView>(admin, 'PUT', '/api/v1/calendar/2027', SCHEDULE_2027);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.schedule).toMatchObject({ year: 2027, source: 'official notice', noticeRef: '国办发明电〔2026〕99号（测试）', loadedBy: '测试人员', holidays: 10, adjustedWorkdays: 1 });
    expect(put.body.days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });

    // 12-31, 1-4, 1-5, 1-6, 1-7: the 元旦 Friday no longer counts.
    expect((await deadline('start=2026-12-30&days=5')).body).toMatchObject({ due: '2027-01-07', provisional: false, unscheduledYears: [] });
    // 2-5 (Fri), 2-6 (调休 Sat), then 春节 until 2-13: the third day is Mon 2-15.
    expect((await deadline('start=2027-02-04&days=3')).body).toMatchObject({ due: '2027-02-15', provisional: false });
    // A deadline reaching into 2028 is still provisional.
    expect((await deadline('start=2027-12-20&days=15')).body).toMatchObject({ provisional: true, unscheduledYears: [2028] });

    const years = await call<{ items: YearSummary[]; missing: number[] }>(clerk, 'GET', '/api/v1/calendar/years');
    expect(years.body.items.find((y) => y.year === 2027)).toMatchObject({ source: 'official notice' });
    expect(years.body.missing).not.toContain(2027);

    const audited = await rows<{ action: string; entity_id: string }>(t.database.db, sql`select action, entity_id from audit_log where action = 'calendar.year.load'`);
    expect(audited).toEqual([{ action: 'calendar.year.load', entity_id: '2027' }]);
  });

  it('counts natural days and moves a last day in a holiday to the next working day', async () => {
    expect((await deadline('start=2026-09-25&days=7&unit=natural_day')).body).toMatchObject({ due: '2026-10-08', extendedFrom: '2026-10-02' });
  });

  it('stops the clock during a pause', async () => {
    const r = await deadline('start=2026-09-21&days=10&asOf=2026-10-12&pauses=2026-09-24/2026-10-09');
    expect(r.body).toMatchObject({ due: '2026-10-19', used: 5, left: 5 });
  });

  it('answers bad input with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['start=2026-02-30&days=5', 'start'],
      ['start=2026-09-25&days=-1', 'days'],
      ['start=2026-09-25&days=5&unit=hours', 'unit'],
      ['start=2026-09-25&days=5&pauses=2026-10-12', 'pauses'],
      ['start=2026-09-25&days=5&pauses=2026-10-12/2026-10-11', 'pauses'],
      ['start=2026-09-25&days=5&pauses=2026-10-12/2026-13-01', 'pauses'],
    ];
    for (const [q, field] of cases) {
      const r = await call<ErrorJson>(clerk, 'GET', `/api/v1/calendar/deadline?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details?.map((d) => d.path), q).toContain(field);
    }
  });
});

describe('loading a year', () => {
  const put = (year: number | string, body: unknown, cookie = admin) => call<ErrorJson>(cookie, 'PUT', `/api/v1/calendar/${year}`, body);
  const paths = (r: { body: ErrorJson }) => r.body.error.details?.map((d) => d.path) ?? [];

  it('rejects bad schedules with 400 naming the field, and keeps the stored one', async () => {
    const bad: [unknown, string][] = [
      [{ ...buildYearSchedule(2028), noticeRef: '' }, 'noticeRef'],
      [{ holidays: buildYearSchedule(2028).holidays }, 'noticeRef'],
      [buildYearSchedule(2028, { holidays: [{ date: '2027-12-31', name: '元旦' }] }), 'holidays.0.date'],
      [buildYearSchedule(2028, { holidays: [{ date: '2028-02-30', name: '春节' }] }), 'holidays.0.date'],
      [buildYearSchedule(2028, { holidays: [{ date: '2028-01-01', name: '' }] }), 'holidays.0.name'],
      [buildYearSchedule(2028, { holidays: [] }), 'holidays'],
      [buildYearSchedule(2028, { workdays: [{ date: '2028-01-01', name: '元旦' }] }), 'workdays.0.date'],
      // 2028-01-04 is a Tuesday: a working day anyway.
      [buildYearSchedule(2028, { workdays: [{ date: '2028-01-04', name: '元旦' }] }), 'workdays.0.date'],
      [buildYearSchedule(2028, { workdays: [{ date: '2029-01-06', name: '元旦' }] }), 'workdays.0.date'],
    ];
    for (const [body, field] of bad) {
      const r = await put(2028, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(paths(r), JSON.stringify(r.body)).toContain(field);
    }
    expect((await put(1999, buildYearSchedule(1999))).status).toBe(400);
    expect(paths(await put('next', buildYearSchedule(2028)))).toContain('year');
    expect((await call<YearView>(clerk, 'GET', '/api/v1/calendar/2028')).body.schedule).toBeNull();
    // A bad replacement of a loaded year leaves it as it was.
    expect((await put(2027, buildYearSchedule(2027, { workdays: [{ date: '2027-01-01', name: '元旦' }] }))).status).toBe(400);
    expect((await call<YearView>(clerk, 'GET', '/api/v1/calendar/2027')).body.schedule).toMatchObject({ holidays: 10, adjustedWorkdays: 1 });
  });

  it('replaces a whole year, e.g. an administrator correcting 2026 from the notice', async () => {
    const r = await call<YearView>(admin, 'PUT', '/api/v1/calendar/2026', buildYearSchedule(2026, { noticeRef: '国办发明电〔2025〕7号' }));
    expect(r.status).toBe(200);
    expect(r.body.schedule).toMatchObject({ source: 'official notice', holidays: 3, adjustedWorkdays: 0 });
    // Without the National Day holiday the clock runs straight through October.
    expect((await deadline('start=2026-09-25&days=20')).body.due).toBe('2026-10-23');
  });

  it('lets only a system administrator load a year', async () => {
    expect((await put(2029, buildYearSchedule(2029), clerk)).status).toBe(403);
    const catalogAdmin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'] })).login);
    expect((await put(2029, buildYearSchedule(2029), catalogAdmin)).body.error.code).toBe('FORBIDDEN');
    expect((await put(2029, buildYearSchedule(2029), '')).status).toBe(401);
    expect((await call<ErrorJson>(null, 'GET', '/api/v1/calendar/deadline?start=2026-09-25&days=20')).status).toBe(401);
    expect((await call<YearView>(clerk, 'GET', '/api/v1/calendar/2029')).body.schedule).toBeNull();
  });
});
