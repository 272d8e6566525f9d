/**
 * 督办 (supervision orders): a supervisor orders the body handling a case (its department) to act by
 * a deadline; the body's staff reply; the supervisor accepts the reply (closed) or returns it. An
 * order left without a reply past its deadline is escalated by a daily job: its level goes up, the
 * deadline is extended, and the department head and the supervisors one region up are told.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { CASE_STATE_LABELS, type CaseState } from '../../../common/schemas/cases.ts';
import {
  ORDER_ACTIONS,
  type AcceptOrderBody,
  type IssueOrderBody,
  type MyOrderListQuery,
  type OrderCaseFacts,
  type OrderDetail,
  type OrderListQuery,
  type OrderStatus,
  type OrderView,
  type ReplyOrderBody,
  type ReturnOrderBody,
} from '../../../common/schemas/supervision-orders.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, regionPrefix, requireScope, scopeDepartment, scopePrefix } from '../../platform/guard.ts';
import { defineJob, defineSchedule } from '../../platform/jobs.ts';
import { addWorkdays, isIsoDate, shanghaiDate, type IsoDate } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { departmentHead, findDepartment, getRegion } from '../org/service.ts';
import { getSettings } from './settings.ts';

const ENTITY = 'supervision_order';
// An order cannot be given more time than this to answer (a typo of the year should not pass).
const MAX_DEADLINE_DAYS = 366;

interface OrderRow {
  id: string;
  number: string;
  case_id: string;
  warning_id: string | null;
  department_id: string;
  region_code: string;
  issued_by: string;
  reason: string;
  requirement: string;
  deadline: string;
  status: OrderStatus;
  reply: string | null;
  replied_by: string | null;
  replied_at: Date | string | null;
  review_opinion: string | null;
  escalation_level: number;
  escalated_at: Date | string | null;
  closed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  case_number: string | null;
  item_name: string;
  case_state: CaseState;
  total?: number;
}

const SELECT_ORDER = sql`select o.id, o.number, o.case_id, o.warning_id, o.department_id, o.region_code, o.issued_by, o.reason, o.requirement,
  o.deadline::text as deadline, o.status, o.reply, o.replied_by, o.replied_at, o.review_opinion, o.escalation_level, o.escalated_at, o.closed_at,
  o.created_at, o.updated_at, c.case_number, c.item_name, c.state as case_state
  from supervision_orders o join cases c on c.id = o.case_id`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Today in Asia/Shanghai by the context's clock. */
function today(ctx: Ctx): IsoDate {
  return shanghaiDate(clockNow(ctx));
}

function isOverdue(o: Pick<OrderRow, 'status' | 'deadline'>, day: IsoDate): boolean {
  return (o.status === 'issued' || o.status === 'escalated') && o.deadline < day;
}

async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const r = await rows<{ id: string; name: string }>(db, sql`select id, display_name as name from accounts where id = any(${`{${unique.join(',')}}`}::uuid[])`);
  return new Map(r.map((x) => [x.id, x.name]));
}

async function present(ctx: Ctx, list: OrderRow[]): Promise<OrderView[]> {
  const people = await namesOf(ctx.db, list.flatMap((o) => [o.issued_by, ...(o.replied_by ? [o.replied_by] : [])]));
  const depts = new Map<string, string>();
  const regions = new Map<string, string>();
  for (const o of list) {
    if (!depts.has(o.department_id)) depts.set(o.department_id, (await findDepartment(ctx, o.department_id))?.name ?? '');
    if (!regions.has(o.region_code)) regions.set(o.region_code, (await getRegion(ctx, o.region_code).catch(() => undefined))?.name ?? '');
  }
  const day = today(ctx);
  return list.map((o) => ({
    id: o.id, number: o.number, caseId: o.case_id, caseNumber: o.case_number, itemName: o.item_name, caseState: o.case_state, caseStateLabel: CASE_STATE_LABELS[o.case_state] ?? o.case_state,
    warningId: o.warning_id, departmentId: o.department_id, departmentName: depts.get(o.department_id) ?? '', regionCode: o.region_code, regionName: regions.get(o.region_code) ?? '',
    issuedBy: { id: o.issued_by, name: people.get(o.issued_by) ?? '' }, reason: o.reason, requirement: o.requirement, deadline: o.deadline, status: o.status,
    overdue: isOverdue(o, day), reply: o.reply, repliedBy: o.replied_by ? { id: o.replied_by, name: people.get(o.replied_by) ?? '' } : null, repliedAt: iso(o.replied_at),
    reviewOpinion: o.review_opinion, escalationLevel: o.escalation_level, escalatedAt: iso(o.escalated_at), closedAt: iso(o.closed_at),
    createdAt: new Date(o.created_at).toISOString(), updatedAt: new Date(o.updated_at).toISOString(), allowedActions: [...ORDER_ACTIONS[o.status]],
  }));
}

function findOrder(db: Db, id: string, lock = false): Promise<OrderRow | undefined> {
  return firstRow<OrderRow>(db, lock ? sql`${SELECT_ORDER} where o.id = ${id} for update of o` : sql`${SELECT_ORDER} where o.id = ${id}`);
}

async function getOrder(ctx: Ctx, id: string, lock = false): Promise<OrderRow> {
  const o = await findOrder(ctx.db, id, lock);
  if (!o) throw AppError.notFound('督办件', id);
  return o;
}

function assertAction(o: OrderRow, action: 'reply' | 'accept' | 'return'): void {
  const allowed = ORDER_ACTIONS[o.status];
  if (allowed.includes(action)) return;
  const labels: Record<string, string> = { reply: '回复', accept: '同意办结', return: '退回重办' };
  const status: Record<OrderStatus, string> = { issued: '待回复', replied: '已回复待审核', escalated: '已升级', closed: '已办结' };
  throw new AppError('INVALID_STATE', `督办件当前状态为“${status[o.status]}”，不能${labels[action]}；当前可执行：${allowed.map((a) => labels[a]).join('、') || '无'}`, {
    status: o.status, action, allowed,
  });
}

// ---------- the case an order is about ----------

interface CaseRow {
  id: string;
  case_number: string | null;
  item_name: string;
  state: CaseState;
  region_code: string;
  department_id: string;
  submitted_at: Date | string | null;
  accepted_at: Date | string | null;
  due_date: string | null;
  completed_at: Date | string | null;
}

const SELECT_CASE = sql`select id, case_number, item_name, state, region_code, department_id, submitted_at, accepted_at, due_date::text as due_date, completed_at from cases`;

async function caseFacts(ctx: Ctx, c: CaseRow): Promise<OrderCaseFacts> {
  const tasks = await rows<{ step_name: string; role: string; status: string; assignee_id: string | null }>(ctx.db, sql`
    select t.step_name, t.role, t.status, t.assignee_id from case_tasks t join cases c on c.id = t.case_id
    where t.case_id = ${c.id} and t.round = c.round and t.status in ('open', 'claimed') order by t.stage, t.created_at`);
  const names = await namesOf(ctx.db, tasks.flatMap((t) => (t.assignee_id ? [t.assignee_id] : [])));
  const open = await firstRow<{ n: number }>(ctx.db, sql`select count(*)::int as n from supervision_orders where case_id = ${c.id} and status <> 'closed'`);
  return {
    id: c.id, caseNumber: c.case_number, itemName: c.item_name, state: c.state, stateLabel: CASE_STATE_LABELS[c.state] ?? c.state,
    regionCode: c.region_code, regionName: (await getRegion(ctx, c.region_code).catch(() => undefined))?.name ?? '',
    departmentId: c.department_id, departmentName: (await findDepartment(ctx, c.department_id))?.name ?? '',
    submittedAt: iso(c.submitted_at), acceptedAt: iso(c.accepted_at), dueDate: c.due_date, completedAt: iso(c.completed_at),
    openTasks: tasks.map((t) => ({ stepName: t.step_name, role: t.role, status: t.status, assigneeName: t.assignee_id ? (names.get(t.assignee_id) ?? null) : null })),
    openOrders: open?.n ?? 0,
  };
}

/**
 * The staff who hold a case now: assignees of its open tasks, else the staff with the task's role in
 * the task's department; a case awaiting acceptance (or with no open task) goes to the window clerks
 * of its department or of an integrated window (综合窗口) of its county.
 */
async function caseHandlers(db: Db, c: CaseRow): Promise<string[]> {
  const tasks = await rows<{ assignee_id: string | null; role: string; department_id: string }>(db, sql`
    select t.assignee_id, t.role, t.department_id from case_tasks t join cases c on c.id = t.case_id
    where t.case_id = ${c.id} and t.round = c.round and t.status in ('open', 'claimed')`);
  const ids = new Set<string>();
  const awaitingWindow = c.state === 'submitted' || c.state === 'supplementing';
  for (const t of awaitingWindow ? [] : tasks) {
    if (t.assignee_id) {
      ids.add(t.assignee_id);
      continue;
    }
    const staff = await rows<{ id: string }>(db, sql`
      select a.id from accounts a join account_roles r on r.account_id = a.id and r.role = ${t.role}
      where a.kind = 'staff' and a.status = 'active' and a.scope_department_id = ${t.department_id} order by a.created_at limit 20`);
    for (const s of staff) ids.add(s.id);
  }
  if (awaitingWindow || tasks.length === 0) {
    const clerks = await rows<{ id: string }>(db, sql`
      select distinct a.id, a.created_at from accounts a join account_roles r on r.account_id = a.id and r.role = 'window_clerk'
      left join staff_positions p on p.account_id = a.id left join service_windows w on w.id = p.window_id
      where a.kind = 'staff' and a.status = 'active' and a.scope_region_code like ${`${c.region_code.slice(0, 6)}%`}
        and (a.scope_department_id = ${c.department_id} or w.kind = 'integrated')
      order by a.created_at limit 20`);
    for (const s of clerks) ids.add(s.id);
  }
  return [...ids];
}

/** Supervisors whose scope is exactly the region above the order's (a county order goes to the city's). */
async function parentSupervisors(ctx: Ctx, regionCode: string): Promise<string[]> {
  let code = regionCode;
  // A town's order goes up to its county; climb past regions that have no supervisors of their own.
  for (let i = 0; i < 4; i++) {
    const parent = (await getRegion(ctx, code).catch(() => undefined))?.parent_code;
    if (!parent) return [];
    const r = await rows<{ id: string }>(ctx.db, sql`
      select a.id from accounts a join account_roles r on r.account_id = a.id and r.role = 'supervisor'
      where a.kind = 'staff' and a.status = 'active' and a.scope_region_code = ${parent} order by a.created_at limit 20`);
    if (r.length > 0) return r.map((x) => x.id);
    code = parent;
  }
  return [];
}

/** A case in the supervisor's scope, by number, with where it stands (for the issue form). 404 when not in scope. */
export async function findCaseByNumber(ctx: Ctx, number: string): Promise<OrderCaseFacts> {
  const c = await firstRow<CaseRow>(ctx.db, sql`${SELECT_CASE} where case_number = ${number.trim()}`);
  if (!c || !c.region_code.startsWith(scopePrefix(ctx))) throw AppError.notFound('办件', number);
  return caseFacts(ctx, c);
}

// ---------- issue ----------

/** The order number: DB-<county>-<yyyymmdd>-<seq>, drawn under a lock on the day's prefix. */
async function drawNumber(tx: Ctx, regionCode: string, day: IsoDate): Promise<string> {
  const prefix = `DB-${regionCode.slice(0, 6)}-${day.replaceAll('-', '')}-`;
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`supervision_orders:${prefix}`}))`);
  const last = await firstRow<{ number: string | null }>(tx.db, sql`select max(number) as number from supervision_orders where number like ${`${prefix}%`}`);
  const seq = last?.number ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(seq).padStart(4, '0')}`;
}

async function defaultDeadline(ctx: Ctx, days: number): Promise<IsoDate> {
  return addWorkdays(await getWorkCalendar(ctx), today(ctx), days).date;
}

function checkDeadline(ctx: Ctx, deadline: IsoDate): void {
  const day = today(ctx);
  if (!isIsoDate(deadline)) throw AppError.field('deadline', '应为有效日期，格式 YYYY-MM-DD');
  if (deadline < day) throw AppError.field('deadline', `回复期限不能早于今天（${day}）`);
  if (Date.parse(deadline) - Date.parse(day) > MAX_DEADLINE_DAYS * 86_400_000) throw AppError.field('deadline', '回复期限不能超过一年');
}

async function tell(tx: Ctx, accountIds: string[], message: { kind: string; title: string; body: string; link: (accountId: string) => string }): Promise<void> {
  for (const accountId of new Set(accountIds)) await notify(tx, { accountId, kind: message.kind, title: message.title, body: message.body, link: message.link(accountId) });
}

/** Issue an order on a case in the supervisor's scope (optionally following up a warning of that case). */
export async function issueOrder(ctx: Ctx, body: z.infer<typeof IssueOrderBody>): Promise<OrderDetail> {
  const c = await firstRow<CaseRow>(ctx.db, sql`${SELECT_CASE} where id = ${body.caseId}`);
  if (!c) throw AppError.field('caseId', '办件不存在');
  assertInScope(ctx, c.region_code);
  if (c.state === 'draft' || !c.case_number) throw AppError.field('caseId', '草稿尚未提交，不能督办');
  if (body.warningId) {
    const w = await firstRow<{ case_id: string }>(ctx.db, sql`select case_id from warnings where id = ${body.warningId}`);
    if (!w || w.case_id !== c.id) throw AppError.field('warningId', '该预警不属于此办件');
  }
  const settings = await getSettings(ctx);
  if (body.deadline !== undefined) checkDeadline(ctx, body.deadline);
  const deadline = body.deadline ?? (await defaultDeadline(ctx, settings.orderDays));
  const now = clockNow(ctx);
  const id = await withTransaction(ctx, async (tx) => {
    const number = await drawNumber(tx, c.region_code, today(tx));
    const row = await firstRow<{ id: string }>(tx.db, sql`insert into supervision_orders
        (number, case_id, warning_id, department_id, region_code, issued_by, reason, requirement, deadline, status, created_at, updated_at)
      values (${number}, ${c.id}, ${body.warningId ?? null}, ${c.department_id}, ${c.region_code}, ${actorAccountId(tx)}, ${body.reason}, ${body.requirement},
        ${deadline}, 'issued', ${now.toISOString()}, ${now.toISOString()}) returning id`);
    if (!row) throw new Error('insert into supervision_orders returned no row');
    const head = await departmentHead(tx, c.department_id);
    const notified = [...new Set([...(head ? [head.id] : []), ...(await caseHandlers(tx.db, c))])];
    await tell(tx, notified, {
      kind: 'supervision.order.issued',
      title: `【督办】${c.item_name} ${c.case_number ?? ''}`.trim(),
      body: `督办编号 ${number}：${body.reason}。要求：${body.requirement}。请于 ${deadline} 前回复。`,
      link: () => `/workbench/orders/${row.id}`,
    });
    await audit(tx, {
      action: 'supervision.order.issue', entityType: ENTITY, entityId: row.id, regionCode: c.region_code,
      after: { number, caseId: c.id, caseNumber: c.case_number, warningId: body.warningId ?? null, departmentId: c.department_id, reason: body.reason, requirement: body.requirement, deadline, notified, at: now.toISOString() },
    });
    return row.id;
  });
  return orderDetail(ctx, id);
}

// ---------- the body replies ----------

/** The ordered body's staff (same department) reply; the issuer is told. */
export async function replyOrder(ctx: Ctx, id: string, body: z.infer<typeof ReplyOrderBody>): Promise<OrderDetail> {
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const o = await getOrder(tx, id, true);
    assertBody(tx, o);
    assertAction(o, 'reply');
    await tx.db.execute(sql`update supervision_orders set status = 'replied', reply = ${body.reply}, replied_by = ${actorAccountId(tx)}, replied_at = ${now.toISOString()},
      updated_at = ${now.toISOString()} where id = ${id}`);
    await tell(tx, [o.issued_by], {
      kind: 'supervision.order.replied', title: `【督办回复】${o.number}`, body: `${o.item_name} ${o.case_number ?? ''}：${body.reply}`.slice(0, 500),
      link: () => `/dashboards/orders/${id}`,
    });
    await audit(tx, {
      action: 'supervision.order.reply', entityType: ENTITY, entityId: id, regionCode: o.region_code,
      before: { status: o.status }, after: { status: 'replied', reply: body.reply, at: now.toISOString() },
    });
  });
  return orderDetail(ctx, id);
}

/** Only staff of the ordered department act for it; others learn nothing about it (403 out of scope). */
function assertBody(ctx: Ctx, o: OrderRow): void {
  if (ctx.actor.type === 'system') return;
  if (requireScope(ctx).departmentId !== o.department_id) throw new AppError('OUT_OF_SCOPE', '该督办件不是发给本部门的', { departmentId: o.department_id });
}

// ---------- the supervisor reviews ----------

/** Accept the reply: the order is closed (办结). */
export async function acceptOrder(ctx: Ctx, id: string, body: z.infer<typeof AcceptOrderBody>): Promise<OrderDetail> {
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const o = await getOrder(tx, id, true);
    assertInScope(tx, o.region_code);
    assertAction(o, 'accept');
    await tx.db.execute(sql`update supervision_orders set status = 'closed', closed_at = ${now.toISOString()}, review_opinion = ${body.opinion ?? o.review_opinion},
      updated_at = ${now.toISOString()} where id = ${id}`);
    const head = await departmentHead(tx, o.department_id);
    await tell(tx, [...(o.replied_by ? [o.replied_by] : []), ...(head ? [head.id] : [])], {
      kind: 'supervision.order.closed', title: `【督办办结】${o.number}`, body: `${o.item_name} ${o.case_number ?? ''} 的督办已办结。${body.opinion ?? ''}`.trim(),
      link: () => `/workbench/orders/${id}`,
    });
    await audit(tx, {
      action: 'supervision.order.accept', entityType: ENTITY, entityId: id, regionCode: o.region_code,
      before: { status: o.status }, after: { status: 'closed', opinion: body.opinion ?? null, at: now.toISOString() },
    });
  });
  return orderDetail(ctx, id);
}

/**
 * Return the reply with an opinion: the order is issued again. The deadline is the one given, else
 * the old one while it has not passed, else today + the order deadline in working days.
 */
export async function returnOrder(ctx: Ctx, id: string, body: z.infer<typeof ReturnOrderBody>): Promise<OrderDetail> {
  if (body.deadline !== undefined) checkDeadline(ctx, body.deadline);
  const settings = await getSettings(ctx);
  const fallback = await defaultDeadline(ctx, settings.orderDays);
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const o = await getOrder(tx, id, true);
    assertInScope(tx, o.region_code);
    assertAction(o, 'return');
    const deadline = body.deadline ?? (o.deadline >= today(tx) ? o.deadline : fallback);
    await tx.db.execute(sql`update supervision_orders set status = 'issued', review_opinion = ${body.opinion}, deadline = ${deadline},
      updated_at = ${now.toISOString()} where id = ${id}`);
    const head = await departmentHead(tx, o.department_id);
    await tell(tx, [...(o.replied_by ? [o.replied_by] : []), ...(head ? [head.id] : [])], {
      kind: 'supervision.order.returned', title: `【督办退回】${o.number}`, body: `${o.item_name} ${o.case_number ?? ''}：${body.opinion}。请于 ${deadline} 前重新回复。`,
      link: () => `/workbench/orders/${id}`,
    });
    await audit(tx, {
      action: 'supervision.order.return', entityType: ENTITY, entityId: id, regionCode: o.region_code,
      before: { status: o.status, deadline: o.deadline }, after: { status: 'issued', opinion: body.opinion, deadline, at: now.toISOString() },
    });
  });
  return orderDetail(ctx, id);
}

// ---------- escalation ----------

/**
 * Escalate every order past its deadline without a reply (deadline before today): level + 1, the
 * deadline moved to today + the escalation days (working days), and the department head and the
 * supervisors of the region above told. Each order is escalated at most once per missed deadline.
 */
export async function escalateOverdueOrders(ctx: Ctx): Promise<{ escalated: number; at: string }> {
  const now = clockNow(ctx);
  const day = today(ctx);
  const settings = await getSettings(ctx);
  const deadline = await defaultDeadline(ctx, settings.orderEscalationDays);
  const due = await rows<{ id: string }>(ctx.db, sql`select id from supervision_orders where status in ('issued', 'escalated') and deadline < ${day} order by deadline, number`);
  let escalated = 0;
  for (const { id } of due) {
    // One short transaction per order: a large backlog never holds the database for long.
    const done = await withTransaction(ctx, async (tx) => {
      const o = await getOrder(tx, id, true);
      if (!isOverdue(o, day)) return false;
      const level = o.escalation_level + 1;
      await tx.db.execute(sql`update supervision_orders set status = 'escalated', escalation_level = ${level}, escalated_at = ${now.toISOString()},
        deadline = ${deadline}, updated_at = ${now.toISOString()} where id = ${id}`);
      const head = await departmentHead(tx, o.department_id);
      const supervisors = await parentSupervisors(tx, o.region_code);
      const dept = (await findDepartment(tx, o.department_id))?.name ?? '';
      const text = {
        title: `【督办升级·第${level}次】${o.number}`,
        body: `${dept}未在 ${o.deadline} 前回复对 ${o.item_name} ${o.case_number ?? ''} 的督办（${o.reason}），已升级督办，请于 ${deadline} 前回复。`,
      };
      if (head) await tell(tx, [head.id], { kind: 'supervision.order.escalated', ...text, link: () => `/workbench/orders/${id}` });
      await tell(tx, supervisors.filter((s) => s !== head?.id), { kind: 'supervision.order.escalated', ...text, link: () => `/dashboards/orders/${id}` });
      await audit(tx, {
        action: 'supervision.order.escalate', entityType: ENTITY, entityId: id, regionCode: o.region_code,
        before: { status: o.status, escalationLevel: o.escalation_level, deadline: o.deadline },
        after: { status: 'escalated', escalationLevel: level, deadline, notified: [...(head ? [head.id] : []), ...supervisors], at: now.toISOString() },
      });
      return true;
    });
    if (done) escalated++;
  }
  return { escalated, at: now.toISOString() };
}

/**
 * The escalation as a job. `asOf` (an ISO instant) lets a caller run it "as of" another moment
 * (tests, a replay); the schedule runs it on the system clock.
 */
export const escalateOrdersJob = defineJob<{ asOf?: string }>('supervision.escalate-orders', async (ctx, data) => {
  const at = data.asOf ? new Date(data.asOf) : null;
  await escalateOverdueOrders(at && !Number.isNaN(at.getTime()) ? { ...ctx, clock: { now: () => new Date(at) } } : ctx);
}, { retryLimit: 2, expireInSeconds: 30 * 60 });
// Every morning before office hours: orders whose deadline was yesterday (or earlier) go up a level.
defineSchedule(escalateOrdersJob, '0 8 * * *', {});

// ---------- reads ----------

function listFilter(ctx: Ctx, q: { status: string; overdue?: boolean | undefined; escalated?: boolean | undefined }): SQL[] {
  const where: SQL[] = [];
  if (q.status === 'open') where.push(sql`o.status <> 'closed'`);
  else if (q.status !== 'all') where.push(sql`o.status = ${q.status}`);
  if (q.overdue) where.push(sql`o.status in ('issued', 'escalated') and o.deadline < ${today(ctx)}`);
  if (q.escalated) where.push(sql`o.escalation_level > 0`);
  return where;
}

async function page(ctx: Ctx, where: SQL[], p: { page: number; pageSize: number }) {
  const list = await rows<OrderRow>(ctx.db, sql`select x.*, count(*) over ()::int as total from (${SELECT_ORDER} where ${sql.join(where, sql` and `)}) x
    order by (x.status = 'closed'), x.deadline, x.number desc limit ${p.pageSize} offset ${(p.page - 1) * p.pageSize}`);
  return { items: await present(ctx, list), total: list[0]?.total ?? 0, page: p.page, pageSize: p.pageSize };
}

/** Orders in the supervisor's scope: filter by status, overdue, escalated, region, department, case. */
export async function listOrders(ctx: Ctx, q: z.infer<typeof OrderListQuery>) {
  if (q.regionCode) assertInScope(ctx, q.regionCode);
  const prefix = q.regionCode ? regionPrefix(q.regionCode) : scopePrefix(ctx);
  const where = [sql`o.region_code like ${`${prefix}%`}`, ...listFilter(ctx, q)];
  if (q.departmentId) where.push(sql`o.department_id = ${q.departmentId}`);
  if (q.caseId) where.push(sql`o.case_id = ${q.caseId}`);
  return page(ctx, where, q);
}

/** Orders to the caller's own department (本部门督办件), open ones first by deadline. */
export async function myDepartmentOrders(ctx: Ctx, q: z.infer<typeof MyOrderListQuery>) {
  const dept = scopeDepartment(ctx) ?? requireScope(ctx).departmentId;
  if (!dept) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  return page(ctx, [sql`o.department_id = ${dept}`, ...listFilter(ctx, q)], q);
}

const ACTION_LABELS: Record<string, string> = {
  'supervision.order.issue': '发起督办',
  'supervision.order.reply': '回复',
  'supervision.order.accept': '同意办结',
  'supervision.order.return': '退回重办',
  'supervision.order.escalate': '逾期升级',
};

/** One order with its case and history, for a supervisor in scope or the ordered body (`as`). */
export async function orderDetail(ctx: Ctx, id: string, as?: 'supervisor' | 'body'): Promise<OrderDetail> {
  const o = await getOrder(ctx, id);
  if (as === 'supervisor') assertInScope(ctx, o.region_code);
  if (as === 'body') assertBody(ctx, o);
  const [view] = await present(ctx, [o]);
  const c = await firstRow<CaseRow>(ctx.db, sql`${SELECT_CASE} where id = ${o.case_id}`);
  if (!view || !c) throw AppError.notFound('督办件', id);
  const events = await rows<{ action: string; occurred_at: Date | string; actor_account_id: string | null; after: Record<string, unknown> | null }>(ctx.db, sql`
    select action, occurred_at, actor_account_id, after from audit_log where entity_type = ${ENTITY} and entity_id = ${id} order by seq`);
  const notifiedIds = events.flatMap((e) => (Array.isArray(e.after?.notified) ? (e.after.notified as unknown[]).filter((x): x is string => typeof x === 'string') : []));
  const names = await namesOf(ctx.db, [...notifiedIds, ...events.flatMap((e) => (e.actor_account_id ? [e.actor_account_id] : []))]);
  const note = (e: (typeof events)[number]): string | null => {
    const a = e.after ?? {};
    const text = a.reply ?? a.opinion ?? a.reason;
    const deadline = typeof a.deadline === 'string' ? `期限 ${a.deadline}` : null;
    return [typeof text === 'string' ? text : null, deadline].filter(Boolean).join('；') || null;
  };
  return {
    ...view,
    case: await caseFacts(ctx, c),
    notified: [...new Set(notifiedIds)].map((x) => ({ id: x, name: names.get(x) ?? '' })),
    history: events.map((e) => ({
      action: e.action, label: ACTION_LABELS[e.action] ?? e.action, at: typeof e.after?.at === 'string' ? e.after.at : new Date(e.occurred_at).toISOString(),
      actorName: e.actor_account_id ? (names.get(e.actor_account_id) ?? null) : '系统', note: note(e),
    })),
  };
}
