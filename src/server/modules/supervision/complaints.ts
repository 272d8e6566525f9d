/**
 * 投诉 (complaints) from the portal: a citizen or enterprise complains about one of their own cases
 * or about a service window; the complaint is routed to a body, taken, answered, rated and, after a
 * bad rating, reopened once.
 *
 * Routing: a case complaint goes to the case's department; a window complaint to the window's
 * department, or — for a 综合窗口 that belongs to no department — to the supervisors (效能办) of the
 * window's region, who take and answer it themselves (department_id stays null).
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AnswerComplaintBody,
  ComplaintAction,
  ComplaintCategory,
  ComplaintListQuery,
  ComplaintStatus,
  ComplaintView,
  CreateComplaintBody,
  MyComplaintQuery,
  RateComplaintBody,
  ReopenComplaintBody,
} from '../../../common/schemas/complaints.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, hasRole, regionPrefix, regionWithin, requireScope, scopeDepartment, scopePrefix } from '../../platform/guard.ts';
import { addWorkdays, shanghaiDate } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { caseForLicenses } from '../cases/service.ts';
import * as identity from '../identity/service.ts';
import { notify } from '../notify/service.ts';
import * as org from '../org/service.ts';
import { getSettings } from './settings.ts';

const CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  timeliness: '办理超时',
  beyond_guide: '要求清单外材料',
  attitude: '服务态度',
  standard: '服务不规范',
  other: '其他',
};

const STATUS_LABELS: Record<ComplaintStatus, string> = { submitted: '待受理', handling: '处理中', answered: '已答复', closed: '已办结' };

/** A complaint row as stored. */
interface ComplaintRow {
  id: string;
  number: string;
  complainant_account_id: string;
  case_id: string | null;
  window_id: string | null;
  department_id: string | null;
  region_code: string;
  category: ComplaintCategory;
  content: string;
  status: ComplaintStatus;
  handler_account_id: string | null;
  answer: string | null;
  answered_at: Date | string | null;
  due_date: string;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  rated_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  taken_at: Date | string | null;
  reopen_count: number;
  reopen_reason: string | null;
  history: StoredRound[];
  case_number: string | null;
  item_name: string | null;
  window_name: string | null;
  total?: number;
}

/** One earlier round kept when a complaint is reopened. */
interface StoredRound {
  answer: string | null;
  answeredAt: string | null;
  handlerId: string | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  ratedAt: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
// PGlite and node-postgres both hand a date column back as a Date at UTC midnight, or as text.
const day = (d: Date | string): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

// ---------- SQL (the complaints table belongs to this module) ----------

const SELECT = sql`select c.*, c.due_date::text as due_date from complaints c`;

function findRow(db: Db, id: string): Promise<ComplaintRow | undefined> {
  return firstRow<ComplaintRow>(db, sql`${SELECT} where c.id = ${id}`);
}

function lockRow(db: Db, id: string): Promise<ComplaintRow | undefined> {
  return firstRow<ComplaintRow>(db, sql`${SELECT} where c.id = ${id} for update`);
}

async function nextNumber(db: Db, regionCode: string, at: Date): Promise<string> {
  const region6 = regionCode.slice(0, 6);
  const d = shanghaiDate(at).replaceAll('-', '');
  const r = await firstRow<{ last_seq: number }>(db, sql`insert into complaint_number_counters (region6, day, last_seq) values (${region6}, ${d}, 1)
    on conflict (region6, day) do update set last_seq = complaint_number_counters.last_seq + 1 returning last_seq`);
  if (!r) throw new Error('complaint number counter returned no row');
  return `TS-${region6}-${d}-${String(r.last_seq).padStart(4, '0')}`;
}

// ---------- who may do what ----------

/** True when the caller filed the complaint. */
function isComplainant(ctx: Ctx, c: ComplaintRow): boolean {
  return actorAccountId(ctx) === c.complainant_account_id;
}

/** Supervisors (and system administrators) work across departments in their region. */
function isSupervisor(ctx: Ctx): boolean {
  return hasRole(ctx, 'supervisor', 'system_admin');
}

/**
 * Staff may read and handle a complaint when it lies in their region and, for department-bound staff,
 * was routed to their own department; a complaint routed to the supervisors (no department) is for
 * supervisors only. Anyone else: 403 (staff) or 404 (applicants, who never learn it exists).
 */
function assertStaffMay(ctx: Ctx, c: ComplaintRow): void {
  if (ctx.actor.type === 'system') return;
  if (!hasRole(ctx, 'supervisor', 'system_admin', 'window_clerk', 'approver')) throw AppError.notFound('投诉', c.id);
  assertInScope(ctx, c.region_code);
  if (isSupervisor(ctx)) return;
  const dept = scopeDepartment(ctx);
  if (!dept || c.department_id !== dept) {
    throw new AppError('OUT_OF_SCOPE', c.department_id ? '该投诉不属于当前账号所在部门' : '该投诉由区域监管人员处理', { departmentId: c.department_id });
  }
}

/** The complainant reads their own; staff in scope read theirs; nobody else learns it exists. */
function assertMayRead(ctx: Ctx, c: ComplaintRow): void {
  if (isComplainant(ctx, c)) return;
  assertStaffMay(ctx, c);
}

function mayHandle(ctx: Ctx, c: ComplaintRow): boolean {
  try {
    assertStaffMay(ctx, c);
    return !isComplainant(ctx, c);
  } catch {
    return false;
  }
}

/** What the caller may do now with the complaint. */
function allowedFor(ctx: Ctx, c: ComplaintRow): ComplaintAction[] {
  if (isComplainant(ctx, c)) {
    if (c.status === 'answered') return ['rate'];
    if (mayReopen(c)) return ['reopen'];
    return [];
  }
  if (!mayHandle(ctx, c)) return [];
  if (c.status === 'submitted') return ['take'];
  if (c.status === 'handling') return ['answer'];
  return [];
}

/** A bad rating (1–2) of a complaint not reopened before may be reopened, once. */
function mayReopen(c: ComplaintRow): boolean {
  return c.status === 'closed' && c.satisfaction !== null && c.satisfaction <= 2 && c.reopen_count === 0;
}

/** The status-machine guard: 409 naming the status, the action and what the status allows. */
function assertStatus(c: ComplaintRow, action: ComplaintAction, ok: boolean): void {
  if (ok) return;
  const allowed: ComplaintAction[] = c.status === 'submitted' ? ['take'] : c.status === 'handling' ? ['answer'] : c.status === 'answered' ? ['rate'] : mayReopen(c) ? ['reopen'] : [];
  throw new AppError('INVALID_STATE', `投诉当前状态为“${STATUS_LABELS[c.status]}”，不能执行此操作`, { status: c.status, action, allowed });
}

// ---------- presenting ----------

/** Names of the departments, regions and people of a page of complaints, fetched once per distinct id. */
async function namesFor(ctx: Ctx, list: ComplaintRow[]) {
  const depts = new Map<string, string>();
  for (const id of new Set(list.flatMap((c) => (c.department_id ? [c.department_id] : [])))) depts.set(id, (await org.findDepartment(ctx, id))?.name ?? '');
  const regions = new Map<string, string>();
  for (const code of new Set(list.map((c) => c.region_code))) regions.set(code, (await org.getRegion(ctx, code).catch(() => undefined))?.name ?? '');
  const people = await identity.staffNames(ctx, list.flatMap((c) => [c.complainant_account_id, ...(c.handler_account_id ? [c.handler_account_id] : []), ...c.history.flatMap((h) => (h.handlerId ? [h.handlerId] : []))]));
  return { depts, regions, people };
}

function present(ctx: Ctx, c: ComplaintRow, names: Awaited<ReturnType<typeof namesFor>>, today: string): z.input<typeof ComplaintView> {
  return {
    id: c.id, number: c.number, category: c.category, content: c.content, status: c.status,
    complainantName: isComplainant(ctx, c) ? null : (names.people.get(c.complainant_account_id) ?? null),
    caseId: c.case_id, caseNumber: c.case_number, itemName: c.item_name, windowId: c.window_id, windowName: c.window_name,
    departmentId: c.department_id, departmentName: c.department_id ? (names.depts.get(c.department_id) ?? null) : null,
    regionCode: c.region_code, regionName: names.regions.get(c.region_code) ?? '',
    handlerId: c.handler_account_id, handlerName: c.handler_account_id ? (names.people.get(c.handler_account_id) ?? null) : null,
    takenAt: iso(c.taken_at), answer: c.answer, answeredAt: iso(c.answered_at), dueDate: day(c.due_date),
    overdue: (c.status === 'submitted' || c.status === 'handling') && day(c.due_date) < today,
    satisfaction: c.satisfaction, satisfactionComment: c.satisfaction_comment, ratedAt: iso(c.rated_at),
    reopenCount: c.reopen_count, reopenReason: c.reopen_reason,
    history: c.history.map((h) => ({
      answer: h.answer, answeredAt: h.answeredAt, handlerName: h.handlerId ? (names.people.get(h.handlerId) ?? null) : null,
      satisfaction: h.satisfaction, satisfactionComment: h.satisfactionComment, ratedAt: h.ratedAt,
    })),
    allowedActions: allowedFor(ctx, c),
    createdAt: iso(c.created_at) ?? '', updatedAt: iso(c.updated_at) ?? '',
  };
}

async function presentOne(ctx: Ctx, c: ComplaintRow): Promise<z.input<typeof ComplaintView>> {
  return present(ctx, c, await namesFor(ctx, [c]), shanghaiDate(clockNow(ctx)));
}

async function presentPage(ctx: Ctx, list: ComplaintRow[], q: { page: number; pageSize: number }) {
  const names = await namesFor(ctx, list);
  const today = shanghaiDate(clockNow(ctx));
  return { items: list.map((c) => present(ctx, c, names, today)), total: list[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------- who is told ----------

/** The region codes from `code` up to the province: 350703001000 → 350703001000, 350703000000, 350700000000, 350000000000. */
function regionChain(code: string): string[] {
  const p = regionPrefix(code);
  return [12, 9, 6, 4, 2].filter((len) => len <= p.length).map((len) => p.slice(0, len).padEnd(12, '0')).filter((c, i, all) => all.indexOf(c) === i);
}

/**
 * The supervisors of a region: the live supervisor accounts whose scope is exactly the region; if
 * it has none, those of the nearest region above it that has some (a township's complaints go to the
 * county's 效能办, a county without supervisors to the city's).
 */
export async function regionSupervisors(ctx: Ctx, regionCode: string): Promise<{ id: string; name: string }[]> {
  // The lookup spans staff whom the complainant cannot list: made by the platform on their behalf.
  const sys: Ctx = { ...ctx, actor: { type: 'system', name: 'supervision.complaints' } };
  for (const code of regionChain(regionCode)) {
    const found: { id: string; name: string }[] = [];
    for (let page = 1; ; page++) {
      const r = await identity.listAccounts(sys, { kind: 'staff', regionCode: code, page, pageSize: 200 });
      for (const a of r.items) {
        if (a.scope_region_code === code && a.roles.includes('supervisor') && (a.status === 'active' || a.status === 'locked')) found.push({ id: a.id, name: a.display_name });
      }
      if (page * 200 >= r.total) break;
    }
    if (found.length > 0) return found;
  }
  return [];
}

/** Tell the body's head and the region's supervisors about a new (or reopened) complaint. */
async function tellHandlers(tx: Ctx, c: { id: string; number: string; department_id: string | null; region_code: string; category: ComplaintCategory; due_date: string }, reopened: boolean, alreadyTold: string | null = null): Promise<void> {
  const recipients = new Map<string, string>();
  if (c.department_id) {
    const head = await org.departmentHead(tx, c.department_id);
    if (head) recipients.set(head.id, '/workbench/complaints');
  }
  for (const s of await regionSupervisors(tx, c.region_code)) recipients.set(s.id, '/dashboards/complaints');
  const title = reopened ? `投诉重新处理：${c.number}` : `新投诉：${c.number}`;
  const body = `${reopened ? '投诉人对答复不满意，申请重新处理' : '收到一件投诉'}（${CATEGORY_LABELS[c.category]}），请于${c.due_date}前答复。`;
  for (const [accountId, base] of recipients) {
    if (accountId === alreadyTold) continue;
    await notify(tx, { accountId, kind: reopened ? 'complaint.reopened' : 'complaint.submitted', title, body, link: `${base}/${c.id}` });
  }
}

// ---------- commands ----------

/** The answer deadline: today (Asia/Shanghai) + the complaint deadline in working days. */
async function dueDateFrom(ctx: Ctx, now: Date): Promise<string> {
  const { complaintDays } = await getSettings(ctx);
  return addWorkdays(await getWorkCalendar(ctx), shanghaiDate(now), complaintDays).date;
}

/** What a new complaint is about and where it goes. */
interface Target {
  caseId: string | null;
  windowId: string | null;
  departmentId: string | null;
  regionCode: string;
  caseNumber: string | null;
  itemName: string | null;
  windowName: string | null;
}

async function targetOf(ctx: Ctx, body: z.infer<typeof CreateComplaintBody>): Promise<Target> {
  if (body.caseId) {
    // Someone else's case answers 404 exactly as reading it would.
    const c = await caseForLicenses(ctx, body.caseId);
    if (!c.callerIsApplicant) throw AppError.notFound('办件', body.caseId);
    if (c.state === 'draft') throw AppError.field('caseId', '草稿尚未提交，不能投诉');
    return { caseId: c.id, windowId: null, departmentId: c.departmentId, regionCode: c.regionCode, caseNumber: c.caseNumber, itemName: c.itemName, windowName: null };
  }
  const id = body.windowId ?? '';
  const w = await org.getWindow(ctx, id).catch(() => {
    throw AppError.field('windowId', '没有这个窗口');
  });
  return { caseId: null, windowId: w.id, departmentId: w.department_id, regionCode: w.region_code, caseNumber: null, itemName: null, windowName: `${w.hall} ${w.number} ${w.name}` };
}

/** File a complaint (the applicant, about their own case or a window); routed and announced in one transaction. */
export async function submitComplaint(ctx: Ctx, body: z.infer<typeof CreateComplaintBody>): Promise<z.input<typeof ComplaintView>> {
  const me = actorAccountId(ctx);
  if (!me) throw new AppError('UNAUTHENTICATED', '请先登录');
  const target = await targetOf(ctx, body);
  const now = clockNow(ctx);
  const dueDate = await dueDateFrom(ctx, now);
  const id = await withTransaction(ctx, async (tx) => {
    const number = await nextNumber(tx.db, target.regionCode, now);
    const r = await firstRow<{ id: string }>(tx.db, sql`insert into complaints (number, complainant_account_id, case_id, window_id, department_id, region_code,
        category, content, status, due_date, case_number, item_name, window_name, created_at, updated_at)
      values (${number}, ${me}, ${target.caseId}, ${target.windowId}, ${target.departmentId}, ${target.regionCode}, ${body.category}, ${body.content},
        'submitted', ${dueDate}, ${target.caseNumber}, ${target.itemName}, ${target.windowName}, ${now}, ${now}) returning id`);
    if (!r) throw new Error('complaint insert returned no row');
    await audit(tx, {
      action: 'supervision.complaint.submit', entityType: 'complaint', entityId: r.id, subjectAccountId: me, regionCode: target.regionCode,
      after: { number, category: body.category, caseId: target.caseId, windowId: target.windowId, departmentId: target.departmentId, dueDate },
    });
    await tellHandlers(tx, { id: r.id, number, department_id: target.departmentId, region_code: target.regionCode, category: body.category, due_date: dueDate }, false);
    return r.id;
  });
  return presentOne(ctx, await getRow(ctx, id));
}

async function getRow(ctx: Ctx, id: string): Promise<ComplaintRow> {
  const c = await findRow(ctx.db, id);
  if (!c) throw AppError.notFound('投诉', id);
  return c;
}

async function lockReadable(tx: Ctx, id: string): Promise<ComplaintRow> {
  const c = await lockRow(tx.db, id);
  if (!c) throw AppError.notFound('投诉', id);
  assertMayRead(tx, c);
  return c;
}

/** Take a complaint up (受理): department staff of the body, or a supervisor in scope; the taker becomes its handler. */
export async function takeComplaint(ctx: Ctx, id: string): Promise<z.input<typeof ComplaintView>> {
  await withTransaction(ctx, async (tx) => {
    const c = await lockReadable(tx, id);
    assertStaffMay(tx, c);
    assertStatus(c, 'take', c.status === 'submitted');
    const now = clockNow(tx);
    const me = actorAccountId(tx);
    await tx.db.execute(sql`update complaints set status = 'handling', handler_account_id = ${me}, taken_at = ${now}, updated_at = ${now} where id = ${id}`);
    await audit(tx, {
      action: 'supervision.complaint.take', entityType: 'complaint', entityId: id, subjectAccountId: c.complainant_account_id, regionCode: c.region_code,
      before: { status: c.status }, after: { status: 'handling', handlerId: me },
    });
  });
  return presentOne(ctx, await getRow(ctx, id));
}

/**
 * Answer a complaint being handled: any staff of the body (not only the one who took it, so an absence
 * does not block the answer) or a supervisor in scope; the answerer becomes the handler. The
 * complainant is told, with the answer.
 */
export async function answerComplaint(ctx: Ctx, id: string, body: z.infer<typeof AnswerComplaintBody>): Promise<z.input<typeof ComplaintView>> {
  await withTransaction(ctx, async (tx) => {
    const c = await lockReadable(tx, id);
    assertStaffMay(tx, c);
    assertStatus(c, 'answer', c.status === 'handling');
    const now = clockNow(tx);
    const me = actorAccountId(tx);
    await tx.db.execute(sql`update complaints set status = 'answered', answer = ${body.answer}, answered_at = ${now}, handler_account_id = ${me}, updated_at = ${now} where id = ${id}`);
    await audit(tx, {
      action: 'supervision.complaint.answer', entityType: 'complaint', entityId: id, subjectAccountId: c.complainant_account_id, regionCode: c.region_code,
      before: { status: c.status }, after: { status: 'answered', handlerId: me, late: shanghaiDate(now) > day(c.due_date) },
    });
    await notify(tx, {
      accountId: c.complainant_account_id, kind: 'complaint.answered', title: `您的投诉已答复：${c.number}`,
      body: body.answer.length > 200 ? `${body.answer.slice(0, 200)}…` : body.answer, link: `/account/complaints/${id}`,
    });
  });
  return presentOne(ctx, await getRow(ctx, id));
}

/** The complainant rates the answer (1–5, comment) → closed; the handler learns the rating. */
export async function rateComplaint(ctx: Ctx, id: string, body: z.infer<typeof RateComplaintBody>): Promise<z.input<typeof ComplaintView>> {
  await withTransaction(ctx, async (tx) => {
    const c = await lockRow(tx.db, id);
    if (!c || !isComplainant(tx, c)) throw AppError.notFound('投诉', id);
    assertStatus(c, 'rate', c.status === 'answered');
    const now = clockNow(tx);
    await tx.db.execute(sql`update complaints set status = 'closed', satisfaction = ${body.satisfaction}, satisfaction_comment = ${body.comment ?? null},
      rated_at = ${now}, updated_at = ${now} where id = ${id}`);
    await audit(tx, {
      action: 'supervision.complaint.rate', entityType: 'complaint', entityId: id, subjectAccountId: c.complainant_account_id, regionCode: c.region_code,
      before: { status: c.status }, after: { status: 'closed', satisfaction: body.satisfaction },
    });
    if (c.handler_account_id) {
      await notify(tx, {
        accountId: c.handler_account_id, kind: 'complaint.rated', title: `投诉答复已评价：${c.number}`,
        body: `投诉人评价：${body.satisfaction}星${body.comment ? `，${body.comment}` : ''}`, link: `${c.department_id ? '/workbench' : '/dashboards'}/complaints/${id}`,
      });
    }
  });
  return presentOne(ctx, await getRow(ctx, id));
}

/**
 * Reopen after a bad rating (1–2), once: the answer and rating move to the history, the complaint is
 * handled again by the same handler with a fresh deadline, and the body's head and the supervisors
 * are told again.
 */
export async function reopenComplaint(ctx: Ctx, id: string, body: z.infer<typeof ReopenComplaintBody>): Promise<z.input<typeof ComplaintView>> {
  const now = clockNow(ctx);
  const dueDate = await dueDateFrom(ctx, now);
  await withTransaction(ctx, async (tx) => {
    const c = await lockRow(tx.db, id);
    if (!c || !isComplainant(tx, c)) throw AppError.notFound('投诉', id);
    if (c.status === 'closed' && c.reopen_count > 0) throw new AppError('INVALID_STATE', '投诉只能重新处理一次', { status: c.status, action: 'reopen', allowed: [] });
    if (c.status === 'closed' && (c.satisfaction ?? 5) > 2) throw new AppError('INVALID_STATE', '只有对答复“不满意”或“非常不满意”时才能申请重新处理', { status: c.status, action: 'reopen', allowed: [] });
    assertStatus(c, 'reopen', mayReopen(c));
    const round: StoredRound = {
      answer: c.answer, answeredAt: iso(c.answered_at), handlerId: c.handler_account_id, satisfaction: c.satisfaction, satisfactionComment: c.satisfaction_comment, ratedAt: iso(c.rated_at),
    };
    const history = JSON.stringify([...c.history, round]);
    await tx.db.execute(sql`update complaints set status = 'handling', answer = null, answered_at = null, satisfaction = null, satisfaction_comment = null, rated_at = null,
      reopen_count = reopen_count + 1, reopen_reason = ${body.reason}, history = ${history}::jsonb, due_date = ${dueDate}, updated_at = ${now} where id = ${id}`);
    await audit(tx, {
      action: 'supervision.complaint.reopen', entityType: 'complaint', entityId: id, subjectAccountId: c.complainant_account_id, regionCode: c.region_code,
      before: { status: c.status, satisfaction: c.satisfaction }, after: { status: 'handling', dueDate, reason: body.reason },
    });
    if (c.handler_account_id) {
      await notify(tx, {
        accountId: c.handler_account_id, kind: 'complaint.reopened', title: `投诉重新处理：${c.number}`,
        body: `投诉人对答复不满意：${body.reason}。请于${dueDate}前重新答复。`, link: `${c.department_id ? '/workbench' : '/dashboards'}/complaints/${id}`,
      });
    }
    await tellHandlers(tx, { id, number: c.number, department_id: c.department_id, region_code: c.region_code, category: c.category, due_date: dueDate }, true, c.handler_account_id);
  });
  return presentOne(ctx, await getRow(ctx, id));
}

// ---------- reads ----------

/** One complaint: the complainant's own, or staff's in scope (a staff read is recorded for the complainant to see). */
export async function getComplaint(ctx: Ctx, id: string): Promise<z.input<typeof ComplaintView>> {
  const c = await getRow(ctx, id);
  assertMayRead(ctx, c);
  if (!isComplainant(ctx, c) && ctx.actor.type === 'account') {
    await audit(ctx, {
      action: 'supervision.complaint.read', entityType: 'complaint', entityId: id, subjectAccountId: c.complainant_account_id, regionCode: c.region_code,
      purpose: isSupervisor(ctx) ? '投诉监督' : '投诉处理', after: { number: c.number },
    });
  }
  return presentOne(ctx, c);
}

/** 我的投诉: the caller's complaints, newest first (optionally those about one case). */
export async function myComplaints(ctx: Ctx, q: z.infer<typeof MyComplaintQuery>) {
  const me = actorAccountId(ctx);
  if (!me) throw new AppError('UNAUTHENTICATED', '请先登录');
  const where = [sql`c.complainant_account_id = ${me}`];
  if (q.caseId) where.push(sql`c.case_id = ${q.caseId}`);
  const list = await rows<ComplaintRow>(ctx.db, sql`select c.*, c.due_date::text as due_date, count(*) over ()::int as total from complaints c
    where ${sql.join(where, sql` and `)} order by c.created_at desc, c.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return presentPage(ctx, list, q);
}

/**
 * The complaints in the caller's scope: supervisors see every one of their region subtree (routed to
 * a department or to them), department staff their own department's. Overdue ones first, then by
 * due date.
 */
export async function listComplaints(ctx: Ctx, q: z.infer<typeof ComplaintListQuery>) {
  const scope = requireScope(ctx);
  if (q.regionCode && !regionWithin(q.regionCode, scope.regionCode)) throw new AppError('OUT_OF_SCOPE', '该区划不在当前账号的管辖区域内', { regionCode: q.regionCode });
  const prefix = q.regionCode ? regionPrefix(q.regionCode) : scopePrefix(ctx);
  const where = [sql`c.region_code like ${prefix + '%'}`];
  if (!isSupervisor(ctx)) {
    const dept = scopeDepartment(ctx);
    if (!dept) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (q.departmentId && q.departmentId !== dept) throw new AppError('OUT_OF_SCOPE', '只能查看本部门的投诉', { departmentId: q.departmentId });
    where.push(sql`c.department_id = ${dept}`);
  } else if (q.departmentId) {
    where.push(sql`c.department_id = ${q.departmentId}`);
  }
  if (q.status === 'open') where.push(sql`c.status in ('submitted', 'handling')`);
  else if (q.status !== 'all') where.push(sql`c.status = ${q.status}`);
  if (q.category) where.push(sql`c.category = ${q.category}`);
  const today = shanghaiDate(clockNow(ctx));
  if (q.overdue === 'true') where.push(sql`c.status in ('submitted', 'handling') and c.due_date < ${today}::date`);
  if (q.overdue === 'false') where.push(sql`not (c.status in ('submitted', 'handling') and c.due_date < ${today}::date)`);
  if (q.q) where.push(sql`(c.number like ${'%' + q.q + '%'} or c.content like ${'%' + q.q + '%'})`);
  const list = await rows<ComplaintRow>(ctx.db, sql`select c.*, c.due_date::text as due_date, count(*) over ()::int as total from complaints c
    where ${sql.join(where, sql` and `)}
    order by (c.status in ('submitted', 'handling') and c.due_date < ${today}::date) desc, c.due_date, c.created_at desc, c.id
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return presentPage(ctx, list, q);
}
