/**
 * Monitoring (监察点 → 预警): the scan evaluates every enabled monitoring point against the open
 * cases (and recent refusals), raises one warning per case and point, tells the handlers and the
 * department's head, and clears warnings whose condition no longer holds.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  MONITORING_POINTS,
  POINT_UNITS,
  type MatrixQuery,
  type MonitoringPointCode,
  type MonitoringPointView,
  type ScanResult,
  type UpdateMonitoringPointBody,
  type WarningLevel,
  type WarningListQuery,
  type WarningMatrix,
  type WarningView,
} from '../../../common/schemas/supervision.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, clockNow, type Ctx, withTransaction } from '../../platform/context.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, regionLevelOf, regionPrefix } from '../../platform/guard.ts';
import { defineJob, defineSchedule, enqueue } from '../../platform/jobs.ts';
import { addNaturalDays, shanghaiDate, workdaysBetween, type WorkCalendar } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { departmentHead } from '../org/service.ts';
import { assertCityLevel } from './settings.ts';
import { regionOfQuery, refreshStatsJob } from './stats.ts';
import { arrayOf } from './sql-array.ts';

/** Chinese names of the points (warnings' titles and the audit). */
export const POINT_NAMES: Record<MonitoringPointCode, string> = {
  acceptance_overdue: '受理超时',
  processing_near_deadline: '即将超期',
  processing_overdue: '办理超期',
  repeated_supplement: '多次补正',
  material_beyond_guide: '超出清单要求材料',
  suspended_too_long: '特别程序时间过长',
  rejected_without_reason: '不予受理/不予许可理由不充分',
};

interface PointRow {
  code: MonitoringPointCode;
  level: WarningLevel;
  threshold: number;
  enabled: boolean;
  updated_at: Date | string;
}

async function loadPoints(db: Db): Promise<PointRow[]> {
  return rows<PointRow>(db, sql`select code, level, threshold, enabled, updated_at from monitoring_points order by code`);
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The points with their configuration and how many warnings each has open in the caller's scope. */
export async function listPoints(ctx: Ctx): Promise<{ items: MonitoringPointView[] }> {
  const like = `${regionPrefix(regionOfQuery(ctx, undefined))}%`;
  const [points, open] = await Promise.all([
    loadPoints(ctx.db),
    rows<{ point_code: string; n: number }>(ctx.db, sql`select point_code, count(*)::int as n from warnings where status = 'open' and region_code like ${like} group by 1`),
  ]);
  const counts = new Map(open.map((o) => [o.point_code, o.n]));
  const order = new Map<string, number>(MONITORING_POINTS.map((c, i) => [c, i]));
  return {
    items: points
      .sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))
      .map((p) => ({ code: p.code, level: p.level, threshold: p.threshold, unit: POINT_UNITS[p.code], enabled: p.enabled, updatedAt: iso(p.updated_at) ?? '', open: counts.get(p.code) ?? 0 })),
  };
}

/** Change a point's level, threshold or state (city-level supervisors; audited). */
export async function updatePoint(ctx: Ctx, code: MonitoringPointCode, body: z.infer<typeof UpdateMonitoringPointBody>): Promise<MonitoringPointView> {
  assertCityLevel(ctx);
  await withTransaction(ctx, async (tx) => {
    const before = await firstRow<PointRow>(tx.db, sql`select code, level, threshold, enabled, updated_at from monitoring_points where code = ${code} for update`);
    if (!before) throw AppError.notFound('监察点', code);
    const after = { level: body.level ?? before.level, threshold: body.threshold ?? before.threshold, enabled: body.enabled ?? before.enabled };
    await tx.db.execute(sql`update monitoring_points set level = ${after.level}, threshold = ${after.threshold}, enabled = ${after.enabled},
      updated_by = ${actorAccountId(tx)}, updated_at = now() where code = ${code}`);
    await audit(tx, {
      action: 'supervision.point.update', entityType: 'monitoring_point', entityId: code,
      before: { level: before.level, threshold: before.threshold, enabled: before.enabled }, after,
    });
  });
  const view = (await listPoints(ctx)).items.find((p) => p.code === code);
  if (!view) throw AppError.notFound('监察点', code);
  return view;
}

/** One condition found by the scan. */
interface Finding {
  caseId: string;
  point: MonitoringPointCode;
  level: WarningLevel;
  regionCode: string;
  departmentId: string;
  itemName: string;
  caseNumber: string | null;
  detail: Record<string, unknown>;
}

interface OpenCaseRow {
  id: string;
  case_number: string | null;
  item_name: string;
  state: string;
  region_code: string;
  department_id: string;
  submitted_at: Date | string | null;
  due_date: string | null;
  supplement_count: number;
  special_procedure: { startedAt?: string; name?: string } | null;
  decision: { reasons?: string[]; decidedAt?: string } | null;
}

const day = (d: Date | string): string => shanghaiDate(new Date(d));

/** Evaluate the enabled points on `today`. */
async function findConditions(db: Db, cal: WorkCalendar, points: PointRow[], now: Date): Promise<Finding[]> {
  const today = shanghaiDate(now);
  const enabled = new Map(points.filter((p) => p.enabled).map((p) => [p.code, p]));
  const out: Finding[] = [];
  const push = (c: OpenCaseRow, p: PointRow, detail: Record<string, unknown>) =>
    out.push({ caseId: c.id, point: p.code, level: p.level, regionCode: c.region_code, departmentId: c.department_id, itemName: c.item_name, caseNumber: c.case_number, detail });
  const open = await rows<OpenCaseRow>(db, sql`
    select id, case_number, item_name, state, region_code, department_id, submitted_at, due_date::text as due_date, supplement_count, special_procedure, decision
    from cases where state in ('submitted', 'supplementing', 'processing', 'suspended')`);
  for (const c of open) {
    const accept = enabled.get('acceptance_overdue');
    if (accept && c.state === 'submitted' && c.submitted_at) {
      const waited = workdaysBetween(cal, day(c.submitted_at), today).days;
      if (waited > accept.threshold) push(c, accept, { workingDaysWaiting: waited });
    }
    if (c.state === 'processing' && c.due_date) {
      const left = workdaysBetween(cal, today, c.due_date).days;
      const near = enabled.get('processing_near_deadline');
      if (near && today <= c.due_date && left <= near.threshold) push(c, near, { dueDate: c.due_date, workingDaysLeft: left });
      const over = enabled.get('processing_overdue');
      if (over && today > addNaturalDays(c.due_date, over.threshold)) push(c, over, { dueDate: c.due_date, workingDaysOver: -left });
    }
    const supp = enabled.get('repeated_supplement');
    if (supp && c.supplement_count > supp.threshold) push(c, supp, { supplementCount: c.supplement_count });
    const susp = enabled.get('suspended_too_long');
    if (susp && c.state === 'suspended' && c.special_procedure?.startedAt) {
      const from = day(c.special_procedure.startedAt);
      const days = Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000);
      if (days > susp.threshold) push(c, susp, { procedure: c.special_procedure.name ?? null, days });
    }
  }
  const refused = enabled.get('rejected_without_reason');
  if (refused) {
    const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const recent = await rows<OpenCaseRow>(db, sql`
      select id, case_number, item_name, state, region_code, department_id, submitted_at, due_date::text as due_date, supplement_count, special_procedure, decision
      from cases where state in ('not_accepted', 'denied') and decision is not null and (decision->>'decidedAt') > ${since}`);
    for (const c of recent) {
      const reasons = (c.decision?.reasons ?? []).join('').replace(/\s/g, '');
      if (reasons.length < refused.threshold) push(c, refused, { reasonLength: reasons.length });
    }
  }
  const beyond = enabled.get('material_beyond_guide');
  if (beyond) {
    const cited = await rows<OpenCaseRow & { n: number }>(db, sql`
      select c.id, c.case_number, c.item_name, c.state, c.region_code, c.department_id, c.submitted_at, c.due_date::text as due_date,
        c.supplement_count, c.special_procedure, c.decision, x.n
      from (
        select case_id, count(*)::int as n from (
          select case_id from complaints where category = 'beyond_guide' and status <> 'closed' and case_id is not null
          union all
          select r.case_id from ratings r join rectification_tickets t on t.rating_id = r.id where 'beyond_guide' = any(r.causes) and t.status <> 'closed'
        ) s group by case_id
      ) x join cases c on c.id = x.case_id`);
    for (const c of cited) if (c.n > beyond.threshold) push(c, beyond, { citations: c.n });
  }
  return out;
}

/** Who is told of a warning: the handlers of the case now, and the head of its department when one is set. */
async function recipientsOf(ctx: Ctx, f: Finding): Promise<string[]> {
  const tasks = await rows<{ assignee_id: string | null; role: string; department_id: string }>(ctx.db, sql`
    select t.assignee_id, t.role, t.department_id from case_tasks t join cases c on c.id = t.case_id
    where t.case_id = ${f.caseId} and t.round = c.round and t.status in ('open', 'claimed')`);
  const ids = new Set<string>();
  for (const t of tasks) {
    if (t.assignee_id) {
      ids.add(t.assignee_id);
      continue;
    }
    const staff = await rows<{ id: string }>(ctx.db, sql`
      select a.id from accounts a join account_roles r on r.account_id = a.id and r.role = ${t.role}
      where a.kind = 'staff' and a.status = 'active' and a.scope_department_id = ${t.department_id} order by a.created_at limit 20`);
    for (const s of staff) ids.add(s.id);
  }
  if (tasks.length === 0) {
    // Not (or no longer) in a task: the window clerks who decide on it — of its department, or at an integrated window of its county.
    const clerks = await rows<{ id: string }>(ctx.db, sql`
      select a.id from accounts a join account_roles r on r.account_id = a.id and r.role = 'window_clerk'
      left join staff_positions p on p.account_id = a.id left join service_windows w on w.id = p.window_id
      where a.kind = 'staff' and a.status = 'active' and a.scope_region_code like ${`${f.regionCode.slice(0, 6)}%`}
        and (a.scope_department_id = ${f.departmentId} or w.kind = 'integrated')
      order by a.created_at limit 20`);
    for (const s of clerks) ids.add(s.id);
  }
  const head = await departmentHead(ctx, f.departmentId);
  if (head) ids.add(head.id);
  return [...ids];
}

function warningText(f: Finding): { title: string; body: string } {
  const light = f.level === 'red' ? '红灯' : '黄灯';
  const facts: string[] = [];
  if (typeof f.detail.workingDaysLeft === 'number') facts.push(`距办理时限还剩 ${f.detail.workingDaysLeft} 个工作日（${String(f.detail.dueDate)} 到期）`);
  if (typeof f.detail.workingDaysOver === 'number') facts.push(`已超过办理时限（${String(f.detail.dueDate)} 到期）`);
  if (typeof f.detail.workingDaysWaiting === 'number') facts.push(`提交后已 ${f.detail.workingDaysWaiting} 个工作日未受理`);
  if (typeof f.detail.supplementCount === 'number') facts.push(`已补正 ${f.detail.supplementCount} 次`);
  if (typeof f.detail.days === 'number') facts.push(`特别程序已 ${f.detail.days} 天`);
  if (typeof f.detail.reasonLength === 'number') facts.push('未充分说明理由');
  if (typeof f.detail.citations === 'number') facts.push(`${f.detail.citations} 次投诉或差评反映要求清单外材料`);
  return {
    title: `【${light}预警】${POINT_NAMES[f.point]}：${f.itemName} ${f.caseNumber ?? ''}`.trim(),
    body: `${facts.join('；') || POINT_NAMES[f.point]}。请及时处理。`,
  };
}

/**
 * Run every enabled monitoring point now: raise new warnings (and tell the handlers and the head),
 * update the level of open ones, clear those whose condition no longer holds.
 */
export async function scan(ctx: Ctx): Promise<ScanResult> {
  const now = clockNow(ctx);
  const cal = await getWorkCalendar(ctx);
  const points = await loadPoints(ctx.db);
  const findings = await findConditions(ctx.db, cal, points, now);
  const result = await withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('supervision.scan'))`);
    const open = await rows<{ id: string; case_id: string; point_code: string; level: string }>(tx.db, sql`select id, case_id, point_code, level from warnings where status = 'open'`);
    const handled = await rows<{ case_id: string; point_code: string }>(tx.db, sql`select distinct case_id, point_code from warnings where resolution = 'handled'`);
    const openByKey = new Map(open.map((w) => [`${w.case_id}/${w.point_code}`, w]));
    const handledKeys = new Set(handled.map((h) => `${h.case_id}/${h.point_code}`));
    const seen = new Set<string>();
    const raised: { id: string; caseId: string; point: string; level: string }[] = [];
    for (const f of findings) {
      const key = `${f.caseId}/${f.point}`;
      seen.add(key);
      const existing = openByKey.get(key);
      if (existing) {
        await tx.db.execute(sql`update warnings set level = ${f.level}, detail = ${JSON.stringify(f.detail)}::jsonb where id = ${existing.id}`);
        continue;
      }
      if (handledKeys.has(key)) continue;
      const recipients = await recipientsOf(tx, f);
      const row = await firstRow<{ id: string }>(tx.db, sql`
        insert into warnings (case_id, point_code, level, region_code, department_id, recipients, detail, raised_at)
        values (${f.caseId}, ${f.point}, ${f.level}, ${f.regionCode}, ${f.departmentId}, ${arrayOf(recipients, 'uuid')}, ${JSON.stringify(f.detail)}::jsonb, ${now.toISOString()})
        returning id`);
      if (!row) continue;
      raised.push({ id: row.id, caseId: f.caseId, point: f.point, level: f.level });
      const text = warningText(f);
      for (const accountId of recipients) {
        await notify(tx, { accountId, kind: `supervision.warning.${f.level}`, title: text.title, body: text.body, link: `/workbench/cases/${f.caseId}` });
      }
    }
    const cleared = open.filter((w) => !seen.has(`${w.case_id}/${w.point_code}`));
    if (cleared.length > 0) {
      await tx.db.execute(sql`update warnings set status = 'resolved', resolution = 'cleared', resolved_at = ${now.toISOString()}
        where id = any(${arrayOf(cleared.map((w) => w.id), 'uuid')})`);
    }
    if (raised.length > 0 || cleared.length > 0) {
      await audit(tx, {
        action: 'supervision.scan', entityType: 'warning', entityId: null,
        after: { raised: raised.slice(0, 500), cleared: cleared.slice(0, 500).map((w) => w.id), raisedCount: raised.length, clearedCount: cleared.length },
      });
    }
    const left = await firstRow<{ n: number }>(tx.db, sql`select count(*)::int as n from warnings where status = 'open'`);
    return { raised: raised.length, resolved: cleared.length, open: left?.n ?? 0, at: now.toISOString() };
  });
  if (ctx.jobs) await enqueue(ctx, refreshStatsJob, {}, { singletonKey: 'refresh' });
  return result;
}

/** The scan as a job, every ten minutes. */
export const scanJob = defineJob<Record<string, never>>('supervision.scan', async (ctx) => {
  await scan(ctx);
}, { retryLimit: 2, expireInSeconds: 30 * 60 });
defineSchedule(scanJob, '*/10 * * * *', {});

interface WarningRow {
  id: string;
  case_id: string;
  case_number: string | null;
  item_name: string;
  case_state: string;
  point_code: MonitoringPointCode;
  level: WarningLevel;
  region_code: string;
  region_name: string | null;
  department_id: string;
  department_name: string | null;
  due_date: string | null;
  detail: Record<string, unknown>;
  status: 'open' | 'resolved';
  raised_at: Date | string;
  resolved_at: Date | string | null;
  recipients: { id: string; name: string }[] | null;
}

const SELECT_WARNING = sql`
  select w.id, w.case_id, c.case_number, c.item_name, c.state as case_state, w.point_code, w.level, w.region_code, g.name as region_name,
    w.department_id, d.name as department_name, c.due_date::text as due_date, w.detail, w.status, w.raised_at, w.resolved_at,
    (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.display_name)), '[]'::json) from accounts a where a.id = any(w.recipients)) as recipients
  from warnings w join cases c on c.id = w.case_id
  left join regions g on g.code = w.region_code left join departments d on d.id = w.department_id`;

function present(r: WarningRow): WarningView {
  return {
    id: r.id, caseId: r.case_id, caseNumber: r.case_number, itemName: r.item_name, caseState: r.case_state, pointCode: r.point_code,
    level: r.level, regionCode: r.region_code, regionName: r.region_name ?? r.region_code, departmentId: r.department_id,
    departmentName: r.department_name ?? '', dueDate: r.due_date, detail: r.detail, status: r.status,
    raisedAt: iso(r.raised_at) ?? '', resolvedAt: iso(r.resolved_at), recipients: r.recipients ?? [],
  };
}

async function pageOfWarnings(db: Db, where: SQL, page: number, pageSize: number) {
  const [items, total] = await Promise.all([
    rows<WarningRow>(db, sql`${SELECT_WARNING} where ${where}
      order by (w.status = 'open') desc, (w.level = 'red') desc, c.due_date nulls last, w.raised_at desc
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
    firstRow<{ n: number }>(db, sql`select count(*)::int as n from warnings w where ${where}`),
  ]);
  return { items: items.map(present), total: total?.n ?? 0, page, pageSize };
}

/** Warnings in the supervisor's scope, red and nearest the deadline first. */
export async function listWarnings(ctx: Ctx, q: z.infer<typeof WarningListQuery>) {
  const regionCode = regionOfQuery(ctx, q.regionCode);
  const filters: SQL[] = [sql`w.region_code like ${`${regionPrefix(regionCode)}%`}`];
  if (q.status !== 'all') filters.push(sql`w.status = ${q.status}`);
  if (q.level) filters.push(sql`w.level = ${q.level}`);
  if (q.point) filters.push(sql`w.point_code = ${q.point}`);
  if (q.departmentId) filters.push(sql`w.department_id = ${q.departmentId}::uuid`);
  return pageOfWarnings(ctx.db, sql.join(filters, sql` and `), q.page, q.pageSize);
}

/** The warnings a handler (or head) was told of. */
export async function myWarnings(ctx: Ctx, q: { page: number; pageSize: number; status: 'open' | 'resolved' | 'all' }) {
  const me = actorAccountId(ctx);
  if (!me) throw new AppError('UNAUTHENTICATED', '请先登录');
  const filters: SQL[] = [sql`${me}::uuid = any(w.recipients)`];
  if (q.status !== 'all') filters.push(sql`w.status = ${q.status}`);
  return pageOfWarnings(ctx.db, sql.join(filters, sql` and `), q.page, q.pageSize);
}

/** Close a warning as handled (核实处理) with a note: it is not raised again for this case and point. */
export async function resolveWarning(ctx: Ctx, id: string, note: string): Promise<WarningView> {
  await withTransaction(ctx, async (tx) => {
    const w = await firstRow<{ region_code: string; status: string; case_id: string; point_code: string }>(tx.db, sql`select region_code, status, case_id, point_code from warnings where id = ${id} for update`);
    if (!w) throw AppError.notFound('预警', id);
    assertInScope(tx, w.region_code);
    if (w.status !== 'open') throw new AppError('CONFLICT', '该预警已解除', { status: w.status });
    await tx.db.execute(sql`update warnings set status = 'resolved', resolution = 'handled', resolved_by = ${actorAccountId(tx)},
      resolution_note = ${note}, resolved_at = ${clockNow(tx).toISOString()} where id = ${id}`);
    await audit(tx, { action: 'supervision.warning.resolve', entityType: 'warning', entityId: id, regionCode: w.region_code, before: { status: 'open' }, after: { status: 'resolved', resolution: 'handled', note } });
  });
  const r = await firstRow<WarningRow>(ctx.db, sql`${SELECT_WARNING} where w.id = ${id}`);
  if (!r) throw AppError.notFound('预警', id);
  return present(r);
}

/** Open warnings as a matrix: monitoring point × child region (or department) of the region. */
export async function warningMatrix(ctx: Ctx, q: z.infer<typeof MatrixQuery>): Promise<WarningMatrix> {
  const regionCode = regionOfQuery(ctx, q.regionCode);
  const prefix = regionPrefix(regionCode);
  const len = ({ 1: 4, 2: 6, 3: 9, 4: 12, 5: 12 } as Record<number, number>)[regionLevelOf(regionCode)] ?? 12;
  const key = q.by === 'region' ? sql`rpad(substr(w.region_code, 1, ${len}), 12, '0')` : sql`w.department_id::text`;
  const counted = await rows<{ key: string; point_code: string; n: number }>(ctx.db, sql`
    select ${key} as key, w.point_code, count(*)::int as n from warnings w
    where w.status = 'open' and w.region_code like ${`${prefix}%`} group by 1, 2`);
  const keys = [...new Set(counted.map((c) => c.key))];
  const named = keys.length === 0 ? [] : q.by === 'region'
    ? await rows<{ key: string; name: string }>(ctx.db, sql`select code as key, name from regions where code = any(${arrayOf(keys, 'text')})`)
    : await rows<{ key: string; name: string }>(ctx.db, sql`select id::text as key, name from departments where id = any(${arrayOf(keys, 'uuid')})`);
  const names = new Map(named.map((n) => [n.key, n.name]));
  const byKey = new Map<string, Record<string, number>>();
  const totals: Record<string, number> = Object.fromEntries(MONITORING_POINTS.map((p) => [p, 0]));
  for (const c of counted) {
    const cells = byKey.get(c.key) ?? Object.fromEntries(MONITORING_POINTS.map((p) => [p, 0]));
    cells[c.point_code] = (cells[c.point_code] ?? 0) + c.n;
    totals[c.point_code] = (totals[c.point_code] ?? 0) + c.n;
    byKey.set(c.key, cells);
  }
  const ownName = names.get(regionCode);
  return {
    by: q.by,
    rows: [...byKey.entries()]
      .map(([k, counts]) => ({ key: k, name: k === regionCode ? `${ownName ?? k}（本级）` : names.get(k) ?? k, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total),
    totals,
  };
}
