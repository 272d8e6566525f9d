/**
 * 好差评 and 整改工单: an applicant (or a window clerk on their behalf, 评价器) rates a finished case
 * once; a bad rating (overall 1–2) opens a rectification ticket in the same transaction, which the
 * case's department verifies, rectifies and answers, and a supervisor of the region reviews.
 *
 * The case facts come from the cases module's own read (findCase) and policy helpers; the staff to
 * tell and the public statistics are read with plain SQL over the org/identity tables, because those
 * modules have no "staff of a department by role" or per-department aggregate function.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CaseState } from '../../../common/schemas/cases.ts';
import {
  BAD_RATING_MAX,
  HALL_DIMENSIONS,
  ONLINE_DIMENSIONS,
  RATING_DIMENSIONS,
  type MyCaseRating,
  type PublicDepartmentStats,
  type PublicRatingQuery,
  type PublicRatingStats,
  type RateCaseBody,
  type RatingCause,
  type RatingChannel,
  type RatingDimension,
  type RatingView,
  type ReviewTicketBody,
  type StaffCaseRating,
  type TicketAction,
  type TicketDetail,
  type TicketListItem,
  type TicketListQuery,
  type TicketStatus,
  type TicketStep,
  type VerifyTicketBody,
} from '../../../common/schemas/ratings.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, clockNow, type Ctx, withTransaction } from '../../platform/context.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, hasRole, regionPrefix, regionWithin, requireScope, scopeDepartment, scopePrefix } from '../../platform/guard.ts';
import { addNaturalDays, addWorkdays, shanghaiDate } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { caseDepartmentScope, isApplicantOf } from '../cases/policy.ts';
import { findCase, type CaseRow } from '../cases/repo.ts';
import { staffNames } from '../identity/service.ts';
import { notify } from '../notify/service.ts';
import * as org from '../org/service.ts';
import { getSettings } from './settings.ts';

/** States in which a case may be rated: it is finished (办结/送达, or refused). */
const RATABLE: readonly CaseState[] = ['completed', 'delivered', 'denied', 'not_accepted'];

const DIMENSION_LABELS: Record<RatingDimension, string> = {
  overall: '总体评价', efficiency: '办事效率', guideAccuracy: '办事指南准确性', convenience: '办事便捷程度', usability: '平台易用性', standard: '服务规范', attitude: '服务态度',
};

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** 张国平 → 张*平: the applicant's name as ticket handlers and supervisors see it. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars.at(-1) ?? ''}`;
}

/** The rating channel of a case: window cases are rated with the hall dimensions. */
function channelOf(c: Pick<CaseRow, 'channel'>): RatingChannel {
  return c.channel === 'window' ? 'hall' : 'online';
}

// ---------- rows ----------

interface RatingRow {
  id: string;
  case_id: string;
  channel: RatingChannel;
  rater_account_id: string | null;
  real_name: boolean;
  region_code: string;
  department_id: string;
  overall: number;
  efficiency: number;
  guide_accuracy: number | null;
  convenience: number | null;
  usability: number | null;
  standard: number | null;
  attitude: number | null;
  causes: RatingCause[];
  comment: string | null;
  created_at: Date | string;
}

interface TicketRow {
  id: string;
  number: string;
  rating_id: string;
  case_id: string;
  region_code: string;
  department_id: string;
  status: TicketStatus;
  due_date: string;
  substantiated: boolean | null;
  verification: string | null;
  rectification: string | null;
  reply: string | null;
  replied_at: Date | string | null;
  review_opinion: string | null;
  reviewed_by: string | null;
  closed_at: Date | string | null;
  created_at: Date | string;
}

interface TicketListRow extends TicketRow {
  case_number: string | null;
  item_name: string;
  department_name: string;
  overall: number;
  total: number;
}

const TICKET_COLUMNS = sql`t.id, t.number, t.rating_id, t.case_id, t.region_code, t.department_id, t.status, t.due_date::text as due_date, t.substantiated,
  t.verification, t.rectification, t.reply, t.replied_at, t.review_opinion, t.reviewed_by, t.closed_at, t.created_at`;

function findRatingByCase(ctx: Ctx, caseId: string): Promise<RatingRow | undefined> {
  return firstRow<RatingRow>(ctx.db, sql`select * from ratings where case_id = ${caseId}`);
}

function findTicketByRating(ctx: Ctx, ratingId: string): Promise<TicketRow | undefined> {
  return firstRow<TicketRow>(ctx.db, sql`select ${TICKET_COLUMNS} from rectification_tickets t where t.rating_id = ${ratingId}`);
}

async function getCaseRow(ctx: Ctx, id: string): Promise<CaseRow> {
  const c = await findCase(ctx.db, id);
  if (!c) throw AppError.notFound('办件', id);
  return c;
}

function presentRating(r: RatingRow): RatingView {
  return {
    id: r.id, caseId: r.case_id, channel: r.channel, realName: r.real_name, overall: r.overall, efficiency: r.efficiency,
    guideAccuracy: r.guide_accuracy, convenience: r.convenience, usability: r.usability, standard: r.standard, attitude: r.attitude,
    causes: r.causes, comment: r.comment, bad: r.overall <= BAD_RATING_MAX, createdAt: new Date(r.created_at).toISOString(),
  };
}

// ---------- rating ----------

/** Every dimension problem of a rating for its channel: a missing one, or one of the other channel. */
export function dimensionIssues(channel: RatingChannel, body: RateCaseBody): { path: string; message: string }[] {
  const expected: readonly RatingDimension[] = channel === 'online' ? ONLINE_DIMENSIONS : HALL_DIMENSIONS;
  const issues: { path: string; message: string }[] = [];
  for (const d of RATING_DIMENSIONS) {
    const given = body[d] !== undefined;
    if (expected.includes(d) && !given) issues.push({ path: d, message: `请评价“${DIMENSION_LABELS[d]}”（1至5星）` });
    if (!expected.includes(d) && given) issues.push({ path: d, message: `${channel === 'online' ? '网上办事' : '窗口办事'}评价不含“${DIMENSION_LABELS[d]}”` });
  }
  return issues;
}

/** The staff of a department told about a bad rating: its approvers and window clerks, and its head. */
async function departmentRecipients(ctx: Ctx, departmentId: string): Promise<string[]> {
  const staff = await rows<{ id: string }>(ctx.db, sql`select distinct a.id from accounts a join account_roles r on r.account_id = a.id
    where a.scope_department_id = ${departmentId} and a.kind = 'staff' and a.status in ('active', 'locked') and r.role in ('approver', 'window_clerk')`);
  const head = await org.departmentHead(ctx, departmentId);
  const ids = new Set(staff.map((s) => s.id));
  if (head) ids.add(head.id);
  return [...ids];
}

/** The next ticket number of a county's day: ZG-350703-20261202-0001. */
async function drawTicketNumber(tx: Ctx, regionCode: string, day: string): Promise<string> {
  const prefix = `ZG-${regionCode.slice(0, 6)}-${day.replaceAll('-', '')}-`;
  // Serializes concurrent bad ratings of the same county and day (the number column is unique).
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${prefix}))`);
  const last = await firstRow<{ n: number }>(tx.db, sql`select coalesce(max(substring(number from ${prefix.length + 1}::int)::int), 0)::int as n
    from rectification_tickets where number like ${prefix + '%'}`);
  return `${prefix}${String((last?.n ?? 0) + 1).padStart(4, '0')}`;
}

/**
 * Rate a finished case (once). `atWindow`: a window clerk enters the applicant's hall rating (评价器);
 * otherwise the applicant rates their own case. A bad rating opens a ticket and tells the department.
 */
export async function rateCase(ctx: Ctx, body: RateCaseBody, atWindow: boolean): Promise<MyCaseRating> {
  const c = await getCaseRow(ctx, body.caseId);
  if (atWindow) {
    if (!hasRole(ctx, 'window_clerk')) throw new AppError('FORBIDDEN', '只有窗口人员可以代录窗口评价');
    assertInScope(ctx, c.region_code);
    const dept = await caseDepartmentScope(ctx);
    if (dept && dept !== c.department_id) throw new AppError('OUT_OF_SCOPE', '该办件不属于当前账号所在部门', { departmentId: c.department_id });
    if (c.channel !== 'window') throw new AppError('CONFLICT', '网上申请的办件由申请人在网上评价，窗口不能代录', { channel: c.channel, field: 'caseId' });
  } else if (!isApplicantOf(ctx, c)) {
    // Someone else's case: nothing to learn about it.
    throw AppError.notFound('办件', c.id);
  }
  const channel = channelOf(c);
  if (body.channel !== undefined && body.channel !== channel) {
    throw AppError.field('channel', channel === 'hall' ? '该办件在窗口办理，请按窗口服务评价（服务规范、服务态度）' : '该办件在网上办理，请按网上办事评价');
  }
  const issues = dimensionIssues(channel, body);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  if (!RATABLE.includes(c.state)) {
    throw new AppError('INVALID_STATE', '办件办结后才能评价', { state: c.state, ratableStates: RATABLE });
  }
  const now = clockNow(ctx);
  const today = shanghaiDate(now);
  const bad = (body.overall ?? 5) <= BAD_RATING_MAX;
  // Read outside the transaction: the deadline and the people to tell.
  const dueDate = bad ? addWorkdays(await getWorkCalendar(ctx), today, (await getSettings(ctx)).rectificationDays).date : null;
  const recipients = bad ? await departmentRecipients(ctx, c.department_id) : [];
  const me = actorAccountId(ctx);
  const realName = isApplicantOf(ctx, c);
  await withTransaction(ctx, async (tx) => {
    const dims = RATING_DIMENSIONS.map((d) => body[d] ?? null);
    const inserted = await firstRow<{ id: string }>(tx.db, sql`insert into ratings (case_id, channel, rater_account_id, real_name, region_code, department_id,
        implementation_id, overall, efficiency, guide_accuracy, convenience, usability, standard, attitude, causes, comment, created_at)
      values (${c.id}, ${channel}, ${me}, ${realName}, ${c.region_code}, ${c.department_id}, ${c.implementation_id},
        ${dims[0]}, ${dims[1]}, ${dims[2]}, ${dims[3]}, ${dims[4]}, ${dims[5]}, ${dims[6]},
        array(select jsonb_array_elements_text(${JSON.stringify(body.causes)}::jsonb)), ${body.comment ?? null}, ${now.toISOString()})
      on conflict (case_id) do nothing returning id`);
    if (!inserted) throw new AppError('ALREADY_EXISTS', '该办件已经评价过，每件只能评价一次', { caseId: c.id });
    const after = { caseNumber: c.case_number, channel, realName, ...Object.fromEntries(RATING_DIMENSIONS.map((d, i) => [d, dims[i]])), causes: body.causes, comment: body.comment ?? null };
    await audit(tx, { action: 'supervision.rating.create', entityType: 'rating', entityId: inserted.id, subjectAccountId: c.applicant_account_id, regionCode: c.region_code, after });
    if (!bad || !dueDate) return;
    const number = await drawTicketNumber(tx, c.region_code, today);
    const ticket = await firstRow<{ id: string }>(tx.db, sql`insert into rectification_tickets (number, rating_id, case_id, region_code, department_id, status, due_date, created_at, updated_at)
      values (${number}, ${inserted.id}, ${c.id}, ${c.region_code}, ${c.department_id}, 'verifying', ${dueDate}, ${now.toISOString()}, ${now.toISOString()}) returning id`);
    if (!ticket) throw new Error('insert into rectification_tickets returned no row');
    await audit(tx, { action: 'supervision.ticket.open', entityType: 'rectification_ticket', entityId: ticket.id, subjectAccountId: c.applicant_account_id, regionCode: c.region_code, after: { number, ratingId: inserted.id, overall: body.overall, dueDate } });
    for (const accountId of recipients) {
      await notify(tx, {
        accountId, kind: 'supervision.ticket.opened', title: `差评整改：${c.item_name}`,
        body: `办件 ${c.case_number ?? ''} 收到差评（总体 ${body.overall ?? ''} 星），整改工单 ${number} 请于 ${dueDate} 前核实、整改并答复申请人。`,
        link: `/workbench/rectification/${ticket.id}`,
      });
    }
  });
  return myCaseRatingOf(ctx, c);
}

async function myCaseRatingOf(ctx: Ctx, c: CaseRow): Promise<MyCaseRating> {
  const r = await findRatingByCase(ctx, c.id);
  const t = r ? await findTicketByRating(ctx, r.id) : undefined;
  return {
    caseId: c.id, canRate: !r && RATABLE.includes(c.state), channel: channelOf(c), rating: r ? presentRating(r) : null,
    ticket: t ? { number: t.number, status: t.status, dueDate: t.due_date, reply: t.status === 'reviewing' || t.status === 'closed' ? t.reply : null, repliedAt: iso(t.replied_at), closedAt: iso(t.closed_at) } : null,
  };
}

/** The applicant's view of the rating of their case (and of its ticket, for a bad one). */
export async function myCaseRating(ctx: Ctx, caseId: string): Promise<MyCaseRating> {
  const c = await getCaseRow(ctx, caseId);
  if (!isApplicantOf(ctx, c)) throw AppError.notFound('办件', caseId);
  return myCaseRatingOf(ctx, c);
}

/** The rating of a case as its department's staff see it (for the 窗口评价 button). */
export async function staffCaseRating(ctx: Ctx, caseId: string): Promise<StaffCaseRating> {
  const c = await getCaseRow(ctx, caseId);
  assertInScope(ctx, c.region_code);
  const dept = await caseDepartmentScope(ctx);
  if (dept && dept !== c.department_id) throw new AppError('OUT_OF_SCOPE', '该办件不属于当前账号所在部门', { departmentId: c.department_id });
  const r = await findRatingByCase(ctx, caseId);
  const t = r ? await findTicketByRating(ctx, r.id) : undefined;
  return { caseId, canRate: !r && RATABLE.includes(c.state) && c.channel === 'window', channel: channelOf(c), rating: r ? presentRating(r) : null, ticketId: t?.id ?? null };
}

// ---------- tickets ----------

/** What may be done to a ticket in each status. */
export function ticketActions(status: TicketStatus): TicketAction[] {
  switch (status) {
    case 'verifying':
      return ['verify'];
    case 'rectifying':
      return ['rectify'];
    case 'replying':
      return ['reply'];
    case 'reviewing':
      return ['review'];
    case 'closed':
      return [];
  }
}

const STATUS_LABELS: Record<TicketStatus, string> = { verifying: '待核实', rectifying: '整改中', replying: '待答复', reviewing: '待复核', closed: '已办结' };
const ACTION_LABELS: Record<TicketAction, string> = { verify: '核实', rectify: '整改', reply: '答复', review: '复核' };

/** What a ticket still lacks before it can be closed. */
function missingForClose(t: TicketRow): string[] {
  const missing: string[] = [];
  if (t.substantiated === null) missing.push('verification');
  if (t.substantiated !== false && (t.status === 'verifying' || t.status === 'rectifying')) missing.push('rectification');
  if (t.status !== 'reviewing' && t.status !== 'closed') missing.push('reply');
  return missing;
}

function assertAction(t: TicketRow, action: TicketAction): void {
  const allowed = ticketActions(t.status);
  if (allowed.includes(action)) return;
  if (action === 'review' && t.status !== 'closed') {
    const missing = missingForClose(t);
    throw new AppError('INVALID_STATE', `工单尚不能复核办结：${missing.includes('reply') ? '还没有答复申请人' : '流程未完成'}（缺少 ${missing.join('、')}）`, { status: t.status, action, allowed, missing });
  }
  throw new AppError('INVALID_STATE', `工单当前为“${STATUS_LABELS[t.status]}”，不能${ACTION_LABELS[action]}`, { status: t.status, action, allowed });
}

async function lockTicket(tx: Ctx, id: string): Promise<TicketRow> {
  const t = await firstRow<TicketRow>(tx.db, sql`select ${TICKET_COLUMNS} from rectification_tickets t where t.id = ${id} for update`);
  if (!t) throw AppError.notFound('整改工单', id);
  return t;
}

async function findTicket(ctx: Ctx, id: string): Promise<TicketRow> {
  const t = await firstRow<TicketRow>(ctx.db, sql`select ${TICKET_COLUMNS} from rectification_tickets t where t.id = ${id}`);
  if (!t) throw AppError.notFound('整改工单', id);
  return t;
}

/** Ticket steps are taken by the staff of the case's department (region and department in scope). */
function assertHandler(ctx: Ctx, t: TicketRow): void {
  assertInScope(ctx, t.region_code, t.department_id);
}

/** Who may read a ticket: supervisors of its region, the staff of its department. */
function assertCanReadTicket(ctx: Ctx, t: TicketRow): void {
  if (hasRole(ctx, 'supervisor', 'system_admin')) return assertInScope(ctx, t.region_code);
  assertHandler(ctx, t);
}

type Step = { action: 'verify'; body: z.infer<typeof VerifyTicketBody> } | { action: 'rectify'; rectification: string } | { action: 'reply'; reply: string } | { action: 'review'; body: z.infer<typeof ReviewTicketBody> };

/** Take one step of a ticket's flow (核实 → 整改 → 答复 → 复核), each in order or 409 with the allowed actions. */
export async function ticketStep(ctx: Ctx, id: string, step: Step): Promise<TicketDetail> {
  const now = clockNow(ctx).toISOString();
  await withTransaction(ctx, async (tx) => {
    const t = await lockTicket(tx, id);
    if (step.action === 'review') assertInScope(tx, t.region_code);
    else assertHandler(tx, t);
    assertAction(t, step.action);
    let after: Record<string, unknown>;
    const c = await getCaseRow(tx, t.case_id);
    switch (step.action) {
      case 'verify': {
        const next: TicketStatus = step.body.substantiated ? 'rectifying' : 'replying';
        await tx.db.execute(sql`update rectification_tickets set status = ${next}, substantiated = ${step.body.substantiated}, verification = ${step.body.verification}, updated_at = ${now} where id = ${id}`);
        after = { status: next, substantiated: step.body.substantiated, verification: step.body.verification };
        break;
      }
      case 'rectify':
        await tx.db.execute(sql`update rectification_tickets set status = 'replying', rectification = ${step.rectification}, updated_at = ${now} where id = ${id}`);
        after = { status: 'replying', rectification: step.rectification };
        break;
      case 'reply':
        await tx.db.execute(sql`update rectification_tickets set status = 'reviewing', reply = ${step.reply}, replied_at = ${now}, updated_at = ${now} where id = ${id}`);
        after = { status: 'reviewing', reply: step.reply };
        if (c.applicant_account_id) {
          await notify(tx, {
            accountId: c.applicant_account_id, kind: 'supervision.ticket.replied', title: `您对“${c.item_name}”的评价已答复`,
            body: step.reply, link: `/account/cases/${c.id}`,
          });
        }
        break;
      case 'review': {
        const approve = step.body.decision === 'approve';
        const next: TicketStatus = approve ? 'closed' : t.substantiated ? 'rectifying' : 'replying';
        await tx.db.execute(sql`update rectification_tickets set status = ${next}, review_opinion = ${step.body.opinion ?? null}, reviewed_by = ${actorAccountId(tx)},
          closed_at = ${approve ? now : null}, updated_at = ${now} where id = ${id}`);
        after = { status: next, decision: step.body.decision, opinion: step.body.opinion ?? null };
        if (!approve) {
          for (const accountId of await departmentRecipients(tx, t.department_id)) {
            await notify(tx, { accountId, kind: 'supervision.ticket.returned', title: `整改工单 ${t.number} 被退回`, body: step.body.opinion ?? '', link: `/workbench/rectification/${id}` });
          }
        }
        break;
      }
    }
    await audit(tx, {
      action: `supervision.ticket.${step.action}`, entityType: 'rectification_ticket', entityId: id, subjectAccountId: c.applicant_account_id, regionCode: t.region_code,
      before: { status: t.status }, after,
    });
  });
  return getTicket(ctx, id);
}

function isOverdue(t: Pick<TicketRow, 'status' | 'due_date'>, today: string): boolean {
  return t.status !== 'closed' && t.due_date < today;
}

function presentListItem(t: TicketListRow, today: string): TicketListItem {
  return {
    id: t.id, number: t.number, caseId: t.case_id, caseNumber: t.case_number, itemName: t.item_name, regionCode: t.region_code, departmentId: t.department_id,
    departmentName: t.department_name, status: t.status, allowedActions: ticketActions(t.status), overall: t.overall, dueDate: t.due_date,
    overdue: isOverdue(t, today), createdAt: new Date(t.created_at).toISOString(), closedAt: iso(t.closed_at),
  };
}

const LIST_FROM = sql`from rectification_tickets t join ratings r on r.id = t.rating_id join cases c on c.id = t.case_id join departments d on d.id = t.department_id`;

async function listTickets(ctx: Ctx, where: SQL[], q: z.infer<typeof TicketListQuery>): Promise<{ items: TicketListItem[]; total: number; page: number; pageSize: number }> {
  const today = shanghaiDate(clockNow(ctx));
  if (q.status === 'open') where.push(sql`t.status <> 'closed'`);
  else if (q.status !== 'all') where.push(sql`t.status = ${q.status}`);
  if (q.overdue === 'true') where.push(sql`t.status <> 'closed' and t.due_date < ${today}::date`);
  if (q.overdue === 'false') where.push(sql`not (t.status <> 'closed' and t.due_date < ${today}::date)`);
  if (q.departmentId) where.push(sql`t.department_id = ${q.departmentId}`);
  const list = await rows<TicketListRow>(ctx.db, sql`select ${TICKET_COLUMNS}, c.case_number, c.item_name, d.name as department_name, r.overall, count(*) over ()::int as total
    ${LIST_FROM} where ${sql.join(where, sql` and `)}
    order by (t.status = 'closed'), t.due_date, t.created_at limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return { items: list.map((t) => presentListItem(t, today)), total: list[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** 差评整改 for supervisors: the tickets of their region (a narrower region or department on request). */
export async function supervisorTickets(ctx: Ctx, q: z.infer<typeof TicketListQuery>) {
  const scope = requireScope(ctx);
  if (q.regionCode && !regionWithin(q.regionCode, scope.regionCode)) throw new AppError('OUT_OF_SCOPE', '该区划不在当前账号的管辖区域内', { regionCode: q.regionCode });
  const prefix = q.regionCode ? regionPrefix(q.regionCode) : scopePrefix(ctx);
  return listTickets(ctx, [sql`t.region_code like ${prefix + '%'}`], q);
}

/** 差评整改 for department staff: the tickets of their own department. */
export async function departmentTickets(ctx: Ctx, q: z.infer<typeof TicketListQuery>) {
  const where = [sql`t.region_code like ${scopePrefix(ctx) + '%'}`];
  const dept = scopeDepartment(ctx);
  if (dept) where.push(sql`t.department_id = ${dept}`);
  return listTickets(ctx, where, { ...q, departmentId: undefined });
}

interface AuditStepRow {
  action: string;
  occurred_at: Date | string;
  actor_account_id: string | null;
  after: Record<string, unknown> | null;
}

function textOf(after: Record<string, unknown> | null, key: string): string | null {
  const v = after?.[key];
  return typeof v === 'string' ? v : null;
}

/** The steps of a ticket, oldest first, from its audit records (who did what, when, with which text). */
async function ticketTimeline(ctx: Ctx, id: string): Promise<TicketStep[]> {
  const events = await rows<AuditStepRow>(ctx.db, sql`select action, occurred_at, actor_account_id, after from audit_log
    where entity_type = 'rectification_ticket' and entity_id = ${id} order by seq`);
  const names = await staffNames(ctx, events.flatMap((e) => (e.actor_account_id ? [e.actor_account_id] : [])));
  return events.map((e): TicketStep => {
    const kind = e.action.replace('supervision.ticket.', '');
    const action: TicketStep['action'] = kind === 'review' ? (e.after?.decision === 'approve' ? 'approve' : 'return') : (kind as TicketStep['action']);
    const text = kind === 'verify' ? textOf(e.after, 'verification') : kind === 'rectify' ? textOf(e.after, 'rectification') : kind === 'reply' ? textOf(e.after, 'reply') : kind === 'review' ? textOf(e.after, 'opinion') : null;
    const substantiated = kind === 'verify' && typeof e.after?.substantiated === 'boolean' ? e.after.substantiated : null;
    return { action, at: new Date(e.occurred_at).toISOString(), actorName: e.actor_account_id ? (names.get(e.actor_account_id) ?? null) : null, text, substantiated };
  });
}

/** One ticket with its rating, case, masked applicant and timeline. */
export async function getTicket(ctx: Ctx, id: string): Promise<TicketDetail> {
  const t = await findTicket(ctx, id);
  assertCanReadTicket(ctx, t);
  const today = shanghaiDate(clockNow(ctx));
  const row = await firstRow<TicketListRow & { applicant: { name?: string } }>(ctx.db, sql`select ${TICKET_COLUMNS}, c.case_number, c.item_name, c.applicant, d.name as department_name, r.overall, 1 as total
    ${LIST_FROM} where t.id = ${id}`);
  const rating = await firstRow<RatingRow>(ctx.db, sql`select * from ratings where id = ${t.rating_id}`);
  if (!row || !rating) throw AppError.notFound('整改工单', id);
  return {
    ...presentListItem(row, today),
    applicantName: maskName(row.applicant.name ?? ''),
    rating: presentRating(rating),
    substantiated: t.substantiated, verification: t.verification, rectification: t.rectification, reply: t.reply, repliedAt: iso(t.replied_at), reviewOpinion: t.review_opinion,
    timeline: await ticketTimeline(ctx, id),
  };
}

// ---------- public statistics ----------

interface StatsRow {
  department_id: string;
  department_name: string;
  region_code: string;
  region_name: string;
  ratings: number;
  overall_sum: number;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  l5: number;
  tickets: number;
  closed: number;
}

function statsOf(r: Omit<StatsRow, 'department_id' | 'department_name' | 'region_code' | 'region_name'>): Omit<PublicDepartmentStats, 'departmentId' | 'departmentName' | 'regionCode' | 'regionName'> {
  const levels = [r.l1, r.l2, r.l3, r.l4, r.l5];
  const share = (n: number, of: number) => (of === 0 ? null : n / of);
  return {
    ratings: r.ratings, average: share(r.overall_sum, r.ratings), levels, levelShares: levels.map((n) => share(n, r.ratings) ?? 0),
    bad: r.l1 + r.l2, satisfaction: share(r.l3 + r.l4 + r.l5, r.ratings), tickets: r.tickets, closed: r.closed, closedShare: share(r.closed, r.tickets),
  };
}

/** 好差评公示: per department of a region, its ratings over a period and how its bad ratings were handled. No personal data. */
export async function publicStats(ctx: Ctx, q: z.infer<typeof PublicRatingQuery>): Promise<PublicRatingStats> {
  const regionCode = q.regionCode ?? org.HOME_CITY;
  const region = await org.getRegion(ctx, regionCode);
  const to = q.to ?? shanghaiDate(clockNow(ctx));
  const from = q.from ?? addNaturalDays(to, -364);
  if (from > to) throw AppError.field('from', '开始日期不能晚于结束日期');
  const prefix = regionPrefix(regionCode);
  const list = await rows<StatsRow>(ctx.db, sql`select r.department_id, d.name as department_name, d.region_code, g.name as region_name,
      count(*)::int as ratings, sum(r.overall)::int as overall_sum,
      count(*) filter (where r.overall = 1)::int as l1, count(*) filter (where r.overall = 2)::int as l2, count(*) filter (where r.overall = 3)::int as l3,
      count(*) filter (where r.overall = 4)::int as l4, count(*) filter (where r.overall = 5)::int as l5,
      count(t.id)::int as tickets, count(t.id) filter (where t.status = 'closed')::int as closed
    from ratings r join departments d on d.id = r.department_id join regions g on g.code = d.region_code
      left join rectification_tickets t on t.rating_id = r.id
    where r.region_code like ${prefix + '%'} and (r.created_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
    group by r.department_id, d.name, d.region_code, g.name
    order by count(*) desc, d.region_code, d.name`);
  const sum = (k: keyof Omit<StatsRow, 'department_id' | 'department_name' | 'region_code' | 'region_name'>) => list.reduce((s, r) => s + r[k], 0);
  return {
    regionCode, regionName: region.name, from, to,
    totals: statsOf({ ratings: sum('ratings'), overall_sum: sum('overall_sum'), l1: sum('l1'), l2: sum('l2'), l3: sum('l3'), l4: sum('l4'), l5: sum('l5'), tickets: sum('tickets'), closed: sum('closed') }),
    departments: list.map((r) => ({ departmentId: r.department_id, departmentName: r.department_name, regionCode: r.region_code, regionName: r.region_name, ...statsOf(r) })),
  };
}
