/**
 * Dashboard KPI benchmark: the KPI report the dashboards read from the pre-aggregated daily
 * statistics (case_stats_daily, supervision/stats.ts kpiReport) beside the same numbers computed by
 * the plain aggregate over the cases themselves (stats.ts MEASURES over MEASURED_CASES), in the
 * same run, for a city-wide year (grouped by county) and a county drill-down (grouped by town).
 *
 * Cases are generated in SQL (insert … select from generate_series, a million per statement) with
 * only what the KPI formulas read: channel, submission/acceptance/completion times, due date,
 * delivery method, supplements, materials (three entries, some proved by a license or shared data)
 * and a rating on three cases in ten; four cases in five are county items (30 per county), one in
 * five a town's (3 per town), as implementations are spread in the catalog. Ten county departments and one staff account satisfy the foreign keys.
 *
 * Usage: tsx bench/supervision.ts (PGlite, BENCH_SUPERVISION_CASES default 300000)
 *        bash scripts/with-postgres.sh npx tsx bench/supervision.ts (PostgreSQL, default 10000000)
 * Writes its section of bench/RESULTS.md.
 */
import { sql } from 'drizzle-orm';
import { MEASURED_CASES, MEASURES, kpiReport, refreshStats } from '../src/server/modules/supervision/stats.ts';
import { firstRow, rows } from '../src/server/platform/db.ts';
import { createTestApp } from '../test/support/app.ts';
import { buildDepartment, buildStaff } from '../test/support/factories.ts';
import { buildTemplate, testPostgresUrl } from '../test/support/template.ts';
import { writeResults } from './results.ts';

const PG = Boolean(testPostgresUrl());
const N = Number(process.env.BENCH_SUPERVISION_CASES ?? (PG ? 10_000_000 : 300_000));
const ROUNDS = Number(process.env.BENCH_SUPERVISION_ROUNDS ?? 3);
const COUNTIES = ['350702', '350703', '350721', '350722', '350723', '350724', '350725', '350781', '350782', '350783'];
const FROM = '2025-12-01';
const TO = '2026-11-30';
const STEP = 1_000_000;

const log = (m: string) => console.log(`[bench supervision] ${m}`);

async function main(): Promise<void> {
  await buildTemplate();
  const t = await createTestApp();
  const db = t.ctx.db;
  const depts: string[] = [];
  for (const c of COUNTIES) depts.push((await buildDepartment(t.ctx, { regionCode: `${c}000000` })).id);
  const staff = await buildStaff(t.ctx, { regionCode: '350700000000', departmentId: null });
  const deptArray = sql`${`{${depts.join(',')}}`}::uuid[]`;
  // Nine towns per county (the county's own towns, repeated where it has fewer), for the drill-down.
  const towns: string[] = [];
  for (const c of COUNTIES) {
    const list = (await rows<{ code: string }>(db, sql`select code from regions where parent_code = ${`${c}000000`} order by code limit 9`)).map((x) => x.code);
    if (list.length === 0) throw new Error(`no towns of ${c}`);
    for (let i = 0; i < 9; i++) towns.push(list[i % list.length] ?? '');
  }
  const townArray = sql`${`{${towns.join(',')}}`}::text[]`;
  const countyArray = sql`(${`{${COUNTIES.map((c) => `${c}000000`).join(',')}}`}::text[])`;

  // ---- generate ----
  let started = Date.now();
  for (let a = 1; a <= N; a += STEP) {
    const b = Math.min(N, a + STEP - 1);
    // g % 10: the county; (g / 10) % 9: one of its towns, so a drill-down has rows.
    await db.execute(sql`insert into cases (case_number, state, channel, implementation_id, version_id, item_name, region_code, department_id, applicant,
        created_by, materials, submitted_at, accepted_at, limit_days, limit_unit, due_date, supplement_count, outcome, completed_at, delivery, round)
      select 'B' || g, case when g % 50 = 0 then 'processing' else 'delivered' end, case when g % 3 = 0 then 'window' else 'online' end,
        p.impl, p.impl, '基准事项', p.region, (${deptArray})[(g % 10) + 1], '{"kind":"person","name":"基准"}'::jsonb,
        ${staff.id}::uuid,
        jsonb_build_object('a', jsonb_build_object('via', case when g % 3 = 0 then 'paper' else 'upload' end), 'b', jsonb_build_object('via', case when g % 2 = 0 then 'license' else 'upload' end), 'c', '{"via":"shared_data"}'::jsonb),
        s.at, s.at + interval '1 hour', 5, 'working_day', (s.at at time zone 'Asia/Shanghai')::date + 7, (g % 10 = 7)::int,
        case when g % 50 = 0 then null else 'approved' end,
        case when g % 50 = 0 then null else s.at + ((g % 11) || ' days')::interval end,
        case when g % 50 = 0 then null else jsonb_build_object('method', case g % 4 when 0 then 'window' when 1 then 'courier' else 'online' end) end, 1
      from generate_series(${a}::bigint, ${b}::bigint) g
      -- Four cases in five are county items (30 per county, region = the county); one in five a town's (3 per town).
      cross join lateral (select case when (g / 10) % 5 = 0 then (${townArray})[(g % 10) * 9 + (g / 50) % 9 + 1] else ${countyArray}[(g % 10) + 1] end as region,
        ('00000000-0000-4000-8000-' || lpad((case when (g / 10) % 5 = 0 then 1000 + ((g % 10) * 9 + (g / 50) % 9) * 3 + (g / 450) % 3 else (g % 10) * 30 + (g / 50) % 30 end)::text, 12, '0'))::uuid as impl) p
      cross join lateral (select (timestamp '2025-12-01 08:30' + ((g * 7919) % 365) * interval '1 day' + ((g * 104729) % 540) * interval '1 minute') at time zone 'Asia/Shanghai' as at) s`);
    log(`cases ${b.toLocaleString()} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.execute(sql`insert into ratings (case_id, channel, real_name, region_code, department_id, implementation_id, overall, efficiency, guide_accuracy, convenience, usability, created_at)
    select c.id, 'online', true, c.region_code, c.department_id, c.implementation_id, 1 + (abs(hashtext(c.id::text)) % 5), 4, 4, 4, 4, c.completed_at
    from cases c where c.completed_at is not null and abs(hashtext(c.id::text)) % 10 < 3`);
  await db.execute(sql`analyze cases`);
  await db.execute(sql`analyze ratings`);
  const generateS = (Date.now() - started) / 1000;
  log(`generated ${N.toLocaleString()} cases and their ratings in ${generateS.toFixed(0)} s`);

  started = Date.now();
  await refreshStats(t.ctx, { all: true });
  const refreshS = (Date.now() - started) / 1000;
  const statRows = (await firstRow<{ n: number }>(db, sql`select count(*)::int as n from case_stats_daily`))?.n ?? 0;
  log(`refreshStats({ all: true }) in ${refreshS.toFixed(1)} s → ${statRows.toLocaleString()} daily rows`);

  // ---- the two ways of answering, side by side ----
  const raw = (prefix: string, groupLength: number) => db.execute(sql`select substr(c.region_code, 1, ${groupLength}) as key, ${MEASURES} from ${MEASURED_CASES}
    where c.submitted_at is not null and ((c.submitted_at at time zone 'Asia/Shanghai')::date) between ${FROM}::date and ${TO}::date
      and c.region_code like ${`${prefix}%`} group by 1`);
  const scenarios = [
    { name: 'city-wide year by county', raw: () => raw('3507', 6), api: () => kpiReport(t.ctx, { from: FROM, to: TO, regionCode: '350700000000', groupBy: 'region' }) },
    { name: 'county drill-down (建阳区) by town', raw: () => raw('350703', 9), api: () => kpiReport(t.ctx, { from: FROM, to: TO, regionCode: '350703000000', groupBy: 'region' }) },
  ];
  // Same numbers first: the report's totals equal the raw aggregate.
  const check = await firstRow<{ submitted: number; completed: number; ratings: number }>(db, sql`select ${MEASURES} from ${MEASURED_CASES} where c.submitted_at is not null and c.region_code like '3507%'
    and ((c.submitted_at at time zone 'Asia/Shanghai')::date) between ${FROM}::date and ${TO}::date`);
  const report = await kpiReport(t.ctx, { from: FROM, to: TO, regionCode: '350700000000', groupBy: 'region' });
  if (report.totals.counts.submitted !== check?.submitted || report.totals.counts.completed !== check.completed || report.totals.counts.ratings !== check.ratings) {
    throw new Error(`KPI totals differ: ${JSON.stringify(report.totals.counts)} vs ${JSON.stringify(check)}`);
  }
  const samples = new Map<string, number[]>();
  const time = async (key: string, fn: () => Promise<unknown>) => {
    const s = process.hrtime.bigint();
    await fn();
    samples.set(key, [...(samples.get(key) ?? []), Number(process.hrtime.bigint() - s) / 1e6]);
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const sc of scenarios) {
      await time(`${sc.name}:raw`, sc.raw);
      await time(`${sc.name}:api`, sc.api);
    }
    log(`round ${round + 1}/${ROUNDS} done`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const engine = PG ? 'PostgreSQL 15' : 'PGlite (embedded)';
  const lines = scenarios.map((sc) => {
    const r = median(samples.get(`${sc.name}:raw`) ?? []);
    const a = median(samples.get(`${sc.name}:api`) ?? []);
    return `| ${sc.name} | ${r.toFixed(1)} | ${a.toFixed(1)} | ${(r / a).toFixed(0)}× |`;
  });
  const section = [
    `### Dashboard KPIs, ${engine} — ${new Date().toISOString().slice(0, 10)}, ${N.toLocaleString()} cases over one year, ${ROUNDS} interleaved rounds, median`,
    '',
    `Generated in ${generateS.toFixed(0)} s (insert … select from generate_series, plus ratings on 3 in 10); \`refreshStats({ all: true })\` rebuilt ${statRows.toLocaleString()} daily rows in ${refreshS.toFixed(1)} s. The report's totals were checked equal to the raw aggregate before timing.`,
    '',
    '| query | raw aggregate over cases (ms) | dashboard KPI report on case_stats_daily (ms) | raw ÷ report |',
    '| --- | ---: | ---: | ---: |',
    ...lines,
  ].join('\n');
  console.log(section);
  writeResults(`### Dashboard KPIs, ${engine}`, section);
  await t.close();
}

await main();
