/**
 * Statistics (统计): the daily pre-aggregation of cases (case_stats_daily) and the KPI reports the
 * dashboards read from it. A row of the aggregate is rebuilt from the cases submitted that day, so
 * it is always exactly the aggregate of its cases as of the last refresh; the refresh job rebuilds
 * the days whose cases (or ratings) changed since the previous one.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Kpi, KpiCounts, KpiGroup, KpiQuery, KpiRates, KpiReport, KpiRow, LiveOverview } from '../../../common/schemas/supervision.ts';
import { clockNow, type Ctx } from '../../platform/context.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import { assertInScope, regionLevelOf, regionPrefix, requireScope } from '../../platform/guard.ts';
import { defineJob, defineSchedule } from '../../platform/jobs.ts';
import { shanghaiDate } from '../../platform/workdays.ts';
import { arrayOf } from './sql-array.ts';

/** Materials that were satisfied without the applicant submitting anything (免提交). */
export const EXEMPT_VIA = ['license', 'shared_data', 'trusted'] as const;

const DAY = sql`((c.submitted_at at time zone 'Asia/Shanghai')::date)`;
const DONE_DAY = sql`((c.completed_at at time zone 'Asia/Shanghai')::date)`;
const COMPLETED = sql`(c.outcome is not null and c.completed_at is not null)`;

/**
 * The per-case measures as SQL aggregates over `cases c` left-joined to `ratings r` and the
 * lateral material counts `m` — one definition for the refresh and for the plain query a test or a
 * bench compares against.
 */
export const MEASURES = sql`
  count(*)::int as submitted,
  (count(*) filter (where c.channel = 'online' and coalesce(c.delivery->>'method', '') <> 'window'))::int as full_online,
  (count(*) filter (where ${COMPLETED}))::int as completed,
  (count(*) filter (where ${COMPLETED} and c.accepted_at is not null and ${DONE_DAY} = (c.accepted_at at time zone 'Asia/Shanghai')::date))::int as instant,
  (count(*) filter (where ${COMPLETED} and c.due_date is not null and ${DONE_DAY} < c.due_date))::int as early,
  (count(*) filter (where ${COMPLETED} and c.due_date is not null and ${DONE_DAY} > c.due_date))::int as overdue,
  coalesce(sum((case when c.channel = 'window' then 1 + c.supplement_count else 0 end) + (case when c.delivery->>'method' = 'window' then 1 else 0 end)), 0)::int as visits,
  coalesce(sum(m.total), 0)::int as materials,
  coalesce(sum(m.exempt), 0)::int as materials_exempt,
  count(r.id)::int as ratings,
  coalesce(sum(r.overall), 0)::int as rating_sum,
  (count(r.id) filter (where r.overall >= 3))::int as good_ratings,
  (count(r.id) filter (where r.overall <= 2))::int as bad_ratings`;

/** The FROM clause of MEASURES. */
export const MEASURED_CASES = sql`cases c
  left join ratings r on r.case_id = c.id
  cross join lateral (
    select count(*) as total, count(*) filter (where e.value->>'via' in ('license', 'shared_data', 'trusted')) as exempt
    from jsonb_each(case when jsonb_typeof(c.materials) = 'object' then c.materials else '{}'::jsonb end) e
  ) m`;

const COLUMNS = sql.raw('submitted, full_online, completed, instant, early, overdue, visits, materials, materials_exempt, ratings, rating_sum, good_ratings, bad_ratings');

/** Rebuild the aggregate rows of the given days (or of every day) from the cases. */
async function rebuildDays(db: Db, days: string[] | 'all'): Promise<void> {
  const where = days === 'all' ? sql`true` : sql`${DAY} = any(${arrayOf(days, 'date')})`;
  if (days === 'all') await db.execute(sql`delete from case_stats_daily`);
  else await db.execute(sql`delete from case_stats_daily where day = any(${arrayOf(days, 'date')})`);
  await db.execute(sql`insert into case_stats_daily (day, region_code, department_id, implementation_id, channel, ${COLUMNS})
    select ${DAY}, c.region_code, c.department_id, c.implementation_id, c.channel, ${MEASURES}
    from ${MEASURED_CASES}
    where c.submitted_at is not null and ${where}
    group by 1, 2, 3, 4, 5`);
}

const WATERMARK = 'stats.watermark';
/** Changes this close to the watermark are looked at again (a transaction may commit after it was taken). */
const OVERLAP = sql`interval '5 minutes'`;

/**
 * Bring the statistics up to date: the days whose cases changed (or got a rating) since the last
 * refresh, or every day with `all`. Returns how many days were rebuilt.
 */
export async function refreshStats(ctx: Ctx, o: { all?: boolean } = {}): Promise<{ days: number; at: string }> {
  const startedAt = (await firstRow<{ now: string }>(ctx.db, sql`select now()::text as now`))?.now ?? new Date().toISOString();
  const mark = await firstRow<{ value: string }>(ctx.db, sql`select value from supervision_state where key = ${WATERMARK}`);
  let count: number;
  if (o.all || !mark) {
    await rebuildDays(ctx.db, 'all');
    count = (await firstRow<{ n: number }>(ctx.db, sql`select count(distinct day)::int as n from case_stats_daily`))?.n ?? 0;
  } else {
    const since = sql`(${mark.value}::timestamptz - ${OVERLAP})`;
    const changed = await rows<{ day: string }>(ctx.db, sql`
      select distinct ${DAY}::text as day from cases c where c.submitted_at is not null and c.updated_at > ${since}
      union
      select distinct ${DAY}::text from ratings r join cases c on c.id = r.case_id where r.created_at > ${since} and c.submitted_at is not null`);
    count = changed.length;
    if (count > 0) await rebuildDays(ctx.db, changed.map((d) => d.day));
  }
  await ctx.db.execute(sql`insert into supervision_state (key, value, updated_at) values (${WATERMARK}, ${startedAt}, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
  return { days: count, at: new Date(startedAt).toISOString() };
}

/** The refresh as a job, every five minutes (and enqueued after a scan). */
export const refreshStatsJob = defineJob<{ all?: boolean }>('supervision.refresh-stats', async (ctx, data) => {
  await refreshStats(ctx, data);
}, { retryLimit: 2, expireInSeconds: 30 * 60 });
defineSchedule(refreshStatsJob, '*/5 * * * *', {});

/** KPI fractions from counts; null when there is nothing to divide by. */
export function ratesOf(c: KpiCounts): KpiRates {
  const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
  return {
    onlineRate: ratio(c.online, c.submitted),
    fullOnlineRate: ratio(c.fullOnline, c.submitted),
    instantRate: ratio(c.instant, c.completed),
    earlyRate: ratio(c.early, c.completed),
    overdueRate: ratio(c.overdue, c.completed),
    avgVisits: c.submitted > 0 ? Math.round((c.visits / c.submitted) * 100) / 100 : null,
    exemptShare: ratio(c.materialsExempt, c.materials),
    satisfaction: ratio(c.goodRatings, c.ratings),
    avgRating: c.ratings > 0 ? Math.round((c.ratingSum / c.ratings) * 100) / 100 : null,
  };
}

interface SumRow {
  key: string;
  submitted: number; online: number; full_online: number; completed: number; instant: number; early: number; overdue: number;
  visits: number; materials: number; materials_exempt: number; ratings: number; rating_sum: number; good_ratings: number; bad_ratings: number;
}

const SUMS = sql`
  coalesce(sum(s.submitted), 0)::int as submitted,
  coalesce(sum(s.submitted) filter (where s.channel = 'online'), 0)::int as online,
  coalesce(sum(s.full_online), 0)::int as full_online,
  coalesce(sum(s.completed), 0)::int as completed,
  coalesce(sum(s.instant), 0)::int as instant,
  coalesce(sum(s.early), 0)::int as early,
  coalesce(sum(s.overdue), 0)::int as overdue,
  coalesce(sum(s.visits), 0)::int as visits,
  coalesce(sum(s.materials), 0)::int as materials,
  coalesce(sum(s.materials_exempt), 0)::int as materials_exempt,
  coalesce(sum(s.ratings), 0)::int as ratings,
  coalesce(sum(s.rating_sum), 0)::int as rating_sum,
  coalesce(sum(s.good_ratings), 0)::int as good_ratings,
  coalesce(sum(s.bad_ratings), 0)::int as bad_ratings`;

function kpiOf(r: SumRow | undefined): Kpi {
  const counts: KpiCounts = {
    submitted: r?.submitted ?? 0, online: r?.online ?? 0, fullOnline: r?.full_online ?? 0, completed: r?.completed ?? 0,
    instant: r?.instant ?? 0, early: r?.early ?? 0, overdue: r?.overdue ?? 0, visits: r?.visits ?? 0,
    materials: r?.materials ?? 0, materialsExempt: r?.materials_exempt ?? 0, ratings: r?.ratings ?? 0,
    ratingSum: r?.rating_sum ?? 0, goodRatings: r?.good_ratings ?? 0, badRatings: r?.bad_ratings ?? 0,
  };
  return { counts, rates: ratesOf(counts) };
}

/** Length of the region-code prefix of each level (1 province … 5 village). */
const PREFIX_OF_LEVEL: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

/** The region the caller asks for, checked against their scope (default: their scope). */
export function regionOfQuery(ctx: Ctx, regionCode: string | undefined): string {
  const scope = requireScope(ctx);
  const code = regionCode ?? (scope.regionCode === '000000000000' ? '350700000000' : scope.regionCode);
  assertInScope(ctx, code);
  return code;
}

async function regionName(db: Db, code: string): Promise<string> {
  return (await firstRow<{ name: string }>(db, sql`select name from regions where code = ${code}`))?.name ?? code;
}

/** The SQL key of a group and how to name it. */
function groupKey(group: KpiGroup, regionCode: string): { key: SQL; childLength: number | null } {
  switch (group) {
    case 'region': {
      const level = regionLevelOf(regionCode);
      const len = PREFIX_OF_LEVEL[Math.min(level + 1, 5)] ?? 12;
      return { key: sql`rpad(substr(s.region_code, 1, ${len}), 12, '0')`, childLength: len };
    }
    case 'department': return { key: sql`s.department_id::text`, childLength: null };
    case 'item': return { key: sql`s.implementation_id::text`, childLength: null };
    case 'month': return { key: sql`to_char(s.day, 'YYYY-MM')`, childLength: null };
    case 'day': return { key: sql`s.day::text`, childLength: null };
  }
}

/** Names of the group keys. */
async function namesOf(db: Db, group: KpiGroup, keys: string[], regionCode: string): Promise<Map<string, string>> {
  if (keys.length === 0 || group === 'month' || group === 'day') return new Map(keys.map((k) => [k, k]));
  let found: { key: string; name: string }[];
  if (group === 'region') found = await rows(db, sql`select code as key, name from regions where code = any(${arrayOf(keys, 'text')})`);
  else if (group === 'department') found = await rows(db, sql`select id::text as key, name from departments where id = any(${arrayOf(keys, 'uuid')})`);
  else {
    found = await rows(db, sql`select i.id::text as key, b.name || '（' || d.name || '）' as name
      from catalog_implementations i join catalog_base_items b on b.id = i.base_item_id join departments d on d.id = i.department_id
      where i.id = any(${arrayOf(keys, 'uuid')})`);
  }
  const names = new Map(found.map((f) => [f.key, f.name]));
  if (group === 'region') {
    const own = await regionName(db, regionCode);
    names.set(regionCode, `${own}（本级）`);
  }
  return names;
}

/** A KPI report: totals and one row per group, within the caller's scope. */
export async function kpiReport(ctx: Ctx, q: z.infer<typeof KpiQuery>): Promise<KpiReport> {
  const regionCode = regionOfQuery(ctx, q.regionCode);
  const prefix = regionPrefix(regionCode);
  const filters: SQL[] = [sql`s.day between ${q.from}::date and ${q.to}::date`, sql`s.region_code like ${`${prefix}%`}`];
  if (q.departmentId) filters.push(sql`s.department_id = ${q.departmentId}::uuid`);
  if (q.implementationId) filters.push(sql`s.implementation_id = ${q.implementationId}::uuid`);
  const where = sql.join(filters, sql` and `);
  const { key, childLength } = groupKey(q.groupBy, regionCode);
  const [total, grouped, mark] = await Promise.all([
    firstRow<SumRow>(ctx.db, sql`select '' as key, ${SUMS} from case_stats_daily s where ${where}`),
    rows<SumRow>(ctx.db, sql`select ${key} as key, ${SUMS} from case_stats_daily s where ${where} group by 1 order by 1`),
    firstRow<{ value: string }>(ctx.db, sql`select value from supervision_state where key = ${WATERMARK}`),
  ]);
  const names = await namesOf(ctx.db, q.groupBy, grouped.map((g) => g.key), regionCode);
  const out: KpiRow[] = grouped.map((g) => ({
    key: g.key,
    name: names.get(g.key) ?? g.key,
    drill: q.groupBy === 'region' && childLength !== null && childLength < 12 && g.key !== regionCode ? g.key : null,
    ...kpiOf(g),
  }));
  if (q.groupBy !== 'month' && q.groupBy !== 'day') out.sort((a, b) => b.counts.submitted - a.counts.submitted || a.key.localeCompare(b.key));
  return {
    from: q.from, to: q.to, regionCode, regionName: await regionName(ctx.db, regionCode), groupBy: q.groupBy,
    asOf: mark ? new Date(mark.value).toISOString() : null,
    totals: kpiOf(total), rows: out,
  };
}

/** Live counts of the region: from the case and supervision tables themselves, not the statistics. */
export async function liveOverview(ctx: Ctx, q: { regionCode?: string | undefined }): Promise<LiveOverview> {
  const regionCode = regionOfQuery(ctx, q.regionCode);
  const like = `${regionPrefix(regionCode)}%`;
  const now = clockNow(ctx);
  const today = shanghaiDate(now);
  const c = await firstRow<{ awaiting: number; in_process: number; suspended: number; submitted_today: number; completed_today: number }>(ctx.db, sql`
    select (count(*) filter (where state = 'submitted'))::int as awaiting,
      (count(*) filter (where state = 'processing'))::int as in_process,
      (count(*) filter (where state = 'suspended'))::int as suspended,
      (count(*) filter (where submitted_at is not null and (submitted_at at time zone 'Asia/Shanghai')::date = ${today}::date))::int as submitted_today,
      (count(*) filter (where completed_at is not null and (completed_at at time zone 'Asia/Shanghai')::date = ${today}::date))::int as completed_today
    from cases where region_code like ${like} and state in ('submitted', 'processing', 'suspended', 'completed', 'delivered', 'supplementing')`);
  const w = await rows<{ point_code: string; level: string; n: number }>(ctx.db, sql`
    select point_code, level, count(*)::int as n from warnings where status = 'open' and region_code like ${like} group by 1, 2`);
  const o = await firstRow<{ open: number; overdue: number }>(ctx.db, sql`
    select (count(*) filter (where status <> 'closed'))::int as open,
      (count(*) filter (where status in ('issued', 'escalated') and deadline < ${today}::date))::int as overdue
    from supervision_orders where region_code like ${like}`);
  const k = await firstRow<{ open: number }>(ctx.db, sql`
    select count(*)::int as open from complaints where region_code like ${like} and status in ('submitted', 'handling')`);
  const t = await firstRow<{ open: number; overdue: number }>(ctx.db, sql`
    select (count(*) filter (where status <> 'closed'))::int as open,
      (count(*) filter (where status <> 'closed' and due_date < ${today}::date))::int as overdue
    from rectification_tickets where region_code like ${like}`);
  const byPoint: Record<string, number> = {};
  for (const r of w) byPoint[r.point_code] = (byPoint[r.point_code] ?? 0) + r.n;
  return {
    regionCode, regionName: await regionName(ctx.db, regionCode), at: now.toISOString(),
    awaitingAcceptance: c?.awaiting ?? 0, inProcess: c?.in_process ?? 0, suspended: c?.suspended ?? 0,
    submittedToday: c?.submitted_today ?? 0, completedToday: c?.completed_today ?? 0,
    yellow: w.filter((r) => r.level === 'yellow').reduce((a, r) => a + r.n, 0),
    red: w.filter((r) => r.level === 'red').reduce((a, r) => a + r.n, 0),
    openOrders: o?.open ?? 0, overdueOrders: o?.overdue ?? 0, openComplaints: k?.open ?? 0,
    openTickets: t?.open ?? 0, overdueTickets: t?.overdue ?? 0, byPoint,
  };
}
