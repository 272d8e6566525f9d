import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { KpiCounts, KpiReport } from '../../../common/schemas/supervision.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { buildSupervisionWorld, buildWorldCase, type SupervisionWorld } from '../../../../test/support/supervision-factories.ts';
import { firstRow } from '../../platform/db.ts';
import { refreshStats } from './stats.ts';

let t: TestApp;
let w: SupervisionWorld;

/**
 * The KPI counts computed straight from the case tables, written independently of stats.ts: one
 * sub-select per number, over the cases submitted in [from, to] whose region starts with `prefix`.
 */
async function plainCounts(from: string, to: string, prefix: string): Promise<KpiCounts> {
  const r = await firstRow<Record<string, number>>(t.ctx.db, sql`
    with c as (
      select * from cases
      where submitted_at is not null and region_code like ${`${prefix}%`}
        and (submitted_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
    ), done as (
      select *, (completed_at at time zone 'Asia/Shanghai')::date as done_day from c where outcome is not null and completed_at is not null
    )
    select
      (select count(*) from c)::int as submitted,
      (select count(*) from c where channel = 'online')::int as online,
      (select count(*) from c where channel = 'online' and (delivery is null or delivery->>'method' <> 'window'))::int as full_online,
      (select count(*) from done)::int as completed,
      (select count(*) from done where done_day = (accepted_at at time zone 'Asia/Shanghai')::date)::int as instant,
      (select count(*) from done where done_day < due_date)::int as early,
      (select count(*) from done where done_day > due_date)::int as overdue,
      (select coalesce(sum(case when channel = 'window' then 1 + supplement_count else 0 end), 0) + count(*) filter (where delivery->>'method' = 'window') from c)::int as visits,
      (select count(*) from c, jsonb_each(c.materials))::int as materials,
      (select count(*) from c, jsonb_each(c.materials) e where e.value->>'via' in ('license', 'shared_data', 'trusted'))::int as materials_exempt,
      (select count(*) from ratings r join c on c.id = r.case_id)::int as ratings,
      (select coalesce(sum(r.overall), 0) from ratings r join c on c.id = r.case_id)::int as rating_sum,
      (select count(*) from ratings r join c on c.id = r.case_id where r.overall >= 3)::int as good_ratings,
      (select count(*) from ratings r join c on c.id = r.case_id where r.overall <= 2)::int as bad_ratings`);
  const n = (k: string) => r?.[k] ?? -1;
  return {
    submitted: n('submitted'), online: n('online'), fullOnline: n('full_online'), completed: n('completed'), instant: n('instant'),
    early: n('early'), overdue: n('overdue'), visits: n('visits'), materials: n('materials'), materialsExempt: n('materials_exempt'),
    ratings: n('ratings'), ratingSum: n('rating_sum'), goodRatings: n('good_ratings'), badRatings: n('bad_ratings'),
  };
}

async function rate(caseId: string, overall: number): Promise<void> {
  await t.ctx.db.execute(sql`insert into ratings (case_id, channel, rater_account_id, real_name, region_code, department_id, implementation_id,
      overall, efficiency, guide_accuracy, convenience, usability)
    select id, 'online', applicant_account_id, true, region_code, department_id, implementation_id, ${overall}, ${overall}, 4, 4, 4 from cases where id = ${caseId}`);
}

async function report(cookie: string, query: string): Promise<KpiReport> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/supervision/kpis?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return json<KpiReport>(res);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSupervisionWorld(t, { limitDays: 3 });
  // A spread of outcomes over two days: completed the same day (即办), completed late, in process,
  // waiting, a window application collected at the window with a supplement, and ratings.
  t.clock.set('2026-11-02T09:30:00+08:00');
  const same = await buildWorldCase(t, w, 'completed');
  await rate(same.id, 5);
  const late = await buildWorldCase(t, w, 'processing');
  await buildWorldCase(t, w, 'submitted');
  t.clock.set('2026-11-10T10:00:00+08:00');
  const task = (await firstRow<{ id: string }>(t.ctx.db, sql`select id from case_tasks where case_id = ${late.id} and status = 'open'`))?.id ?? '';
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${late.id}/tasks/${task}/approve`, headers: { cookie: w.approver.cookie }, payload: { opinion: '准予' } });
  expect(res.statusCode).toBe(200);
  await rate(late.id, 1);
  t.clock.set('2026-11-03T11:00:00+08:00');
  const win = await buildWorldCase(t, w, 'completed');
  await t.ctx.db.execute(sql`update cases set channel = 'window', supplement_count = 1,
    delivery = '{"method":"window","recipient":"林小梅","address":null,"trackingNumber":null,"note":null,"deliveredAt":"2026-11-03T08:00:00Z"}'::jsonb,
    materials = materials || '{"licence":{"via":"license","licenseNumber":"X1"},"shared":{"via":"shared_data"}}'::jsonb where id = ${win.id}`);
  await rate(win.id, 3);
  await buildWorldCase(t, w, 'processing');
  t.clock.set(null);
  await refreshStats(t.ctx, { all: true });
});
afterAll(async () => {
  await t.close();
});

describe('KPIs from the daily statistics', () => {
  it('equal the same numbers computed by a plain SQL query over the cases, city-wide and in the county', async () => {
    const city = await report(w.citySupervisor.cookie, 'from=2026-11-01&to=2026-11-30&groupBy=region');
    const expected = await plainCounts('2026-11-01', '2026-11-30', '3507');
    expect(city.totals.counts).toEqual(expected);
    // The numbers mean something: every kind of case above was counted.
    expect(expected).toMatchObject({ submitted: 5, online: 4, completed: 3, instant: 2, overdue: 1, ratings: 3, badRatings: 1, materialsExempt: 2 });
    expect(city.totals.rates.onlineRate).toBe(0.8);
    expect(city.totals.rates.overdueRate).toBe(Math.round((1 / 3) * 10_000) / 10_000);
    expect(city.totals.rates.satisfaction).toBe(Math.round((2 / 3) * 10_000) / 10_000);
    // Drill-down: the city's rows are counties; 建阳区 equals its own plain query and drills into its towns.
    const jy = city.rows.find((r) => r.key === '350703000000');
    expect(jy).toMatchObject({ name: '建阳区', drill: '350703000000' });
    expect(jy?.counts).toEqual(await plainCounts('2026-11-01', '2026-11-30', '350703'));
    const county = await report(w.countySupervisor.cookie, 'from=2026-11-01&to=2026-11-30&groupBy=department');
    expect(county.regionCode).toBe('350703000000');
    expect(county.totals.counts).toEqual(await plainCounts('2026-11-01', '2026-11-30', '350703'));
    expect(county.rows.find((r) => r.key === w.departmentId)?.counts.submitted).toBe(5);
    // One day only.
    const day = await report(w.citySupervisor.cookie, 'from=2026-11-03&to=2026-11-03&groupBy=day');
    expect(day.totals.counts).toEqual(await plainCounts('2026-11-03', '2026-11-03', '3507'));
    expect(day.rows.map((r) => r.key)).toEqual(['2026-11-03']);
  });

  it('picks up a change at the next refresh, rebuilding the days that changed', async () => {
    t.clock.set('2026-11-04T09:00:00+08:00');
    await buildWorldCase(t, w, 'completed');
    t.clock.set(null);
    const r = await refreshStats(t.ctx);
    // The days changed since the last refresh (and those within its five-minute overlap), not all of them.
    expect(r.days).toBeGreaterThanOrEqual(1);
    expect(r.days).toBeLessThanOrEqual(4);
    const month = await report(w.citySupervisor.cookie, 'from=2026-11-01&to=2026-11-30&groupBy=month');
    expect(month.totals.counts).toEqual(await plainCounts('2026-11-01', '2026-11-30', '3507'));
    expect(month.totals.counts.submitted).toBe(6);
    expect(month.rows).toHaveLength(1);
    expect(month.asOf).not.toBeNull();
  });

  it('answers 400 naming the field for a bad period, 403 outside the scope, and exports xlsx', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/kpis?from=2026-11-30&to=2026-11-01', headers: { cookie: w.citySupervisor.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    const noDate = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/kpis?from=2026-13-01&to=2026-11-01', headers: { cookie: w.citySupervisor.cookie } });
    expect(noDate.statusCode).toBe(400);
    const other = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: '350702000000' })).login);
    const outside = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/kpis?from=2026-11-01&to=2026-11-30&regionCode=350703000000', headers: { cookie: other } });
    expect(outside.statusCode).toBe(403);
    const own = await report(other, 'from=2026-11-01&to=2026-11-30');
    expect(own.totals.counts.submitted).toBe(0);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/kpis.xlsx?from=2026-11-01&to=2026-11-30&groupBy=region', headers: { cookie: w.citySupervisor.cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const live = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/overview', headers: { cookie: w.countySupervisor.cookie } });
    expect(live.statusCode).toBe(200);
    const direct = await firstRow<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from cases where state = 'processing' and region_code like '350703%'`);
    expect(json<{ inProcess: number }>(live).inProcess).toBe(direct?.n);
  });
});
