import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrderDetail, OrderView } from '../../../common/schemas/supervision-orders.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { buildSupervisionWorld, buildWorldCase, NP, type SupervisionWorld } from '../../../../test/support/supervision-factories.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { enqueue } from '../../platform/jobs.ts';
import { departmentHead } from '../org/service.ts';
import { escalateOrdersJob } from './orders.ts';

type ErrorBody = { error: { code: string; details?: { path: string }[] | Record<string, unknown> } };
type Page = { items: OrderView[]; total: number };

let t: TestApp;
let w: SupervisionWorld;
let admin: string;

/** Monday 7 December 2026 (no holiday that week), ten in the morning in 南平. */
const MONDAY = '2026-12-07T10:00:00+08:00';

async function call<T>(cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

function fieldOf(body: unknown): string | undefined {
  const d = (body as ErrorBody).error.details;
  return Array.isArray(d) ? d[0]?.path : undefined;
}

async function issue(caseId: string, extra: object = {}, cookie = w.countySupervisor.cookie): Promise<OrderDetail> {
  const r = await call<OrderDetail>(cookie, 'POST', '/api/v1/supervision/orders', { caseId, reason: '办件临近超期仍未审批', requirement: '请于期限内完成审批并说明原因', ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Notifications of a kind an account received (about one order, when given: other tests' orders escalate too). */
async function told(accountId: string, kind: string, orderId?: string): Promise<{ title: string; link: string }[]> {
  const list = await rows<{ title: string; link: string }>(t.ctx.db, sql`select title, link from notifications where recipient_account_id = ${accountId} and kind = ${kind} order by created_at`);
  return orderId ? list.filter((m) => m.link.endsWith(orderId)) : list;
}

async function escalateAsOf(instant: string): Promise<void> {
  t.clock.set(instant);
  await enqueue(t.ctx, escalateOrdersJob, { asOf: t.clock.now().toISOString() });
  const r = await t.drainJobs();
  expect(r.failed).toBe(0);
}

/** Make the world's approver the head of its department through the API. */
async function setHead(departmentId: string, headAccountId: string | null) {
  return call<{ headAccountId: string | null; headName: string | null }>(admin, 'PATCH', `/api/v1/org/departments/${departmentId}`, { headAccountId });
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(MONDAY);
  w = await buildSupervisionWorld(t, { limitDays: 3 });
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: NP })).login);
  expect((await setHead(w.departmentId, w.approver.id)).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(MONDAY);
});

describe('department head (部门负责人)', () => {
  it('accepts an active staff member of the department as head, shows it, and refuses anyone else naming headAccountId', async () => {
    const dept = await buildDepartment(t.ctx, { regionCode: '350703000000' });
    const member = await buildStaff(t.ctx, { roles: ['approver'], departmentId: dept.id });
    const outsider = await buildStaff(t.ctx, { roles: ['approver'] });
    const citizen = await buildCitizen(t.ctx);

    for (const bad of [outsider.id, citizen.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const r = await setHead(dept.id, bad);
      expect(r.status, bad).toBe(400);
      expect(fieldOf(r.body), bad).toBe('headAccountId');
    }
    const create = await call(admin, 'POST', '/api/v1/org/departments', { name: '建阳区新设局', level: 'county', regionCode: '350703000000', headAccountId: member.id });
    expect(create.status).toBe(400);
    expect(fieldOf(create.body)).toBe('headAccountId');

    const ok = await setHead(dept.id, member.id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ headAccountId: member.id, headName: '测试人员' });
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/org/departments?regionCode=350703000000' });
    expect(json<{ items: { id: string; headAccountId: string | null }[] }>(listed).items.find((d) => d.id === dept.id)?.headAccountId).toBe(member.id);
    expect(await departmentHead(t.ctx, dept.id)).toEqual({ id: member.id, name: '测试人员' });
    const audited = await firstRow<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_log where action = 'org.department.update' and entity_id = ${dept.id} and after->>'headAccountId' = ${member.id}`);
    expect(audited?.n).toBe(1);

    // A disabled head is no head; clearing with null removes it.
    expect((await call(admin, 'PATCH', `/api/v1/org/staff/${member.id}`, { status: 'disabled' })).status).toBe(200);
    expect(await departmentHead(t.ctx, dept.id)).toBeNull();
    const cleared = await setHead(dept.id, null);
    expect(cleared.body).toMatchObject({ headAccountId: null, headName: null });
  });
});

describe('supervision orders (督办)', () => {
  it('issues an order to the case’s department, tells the head and the handlers; the body replies, the supervisor returns, then accepts', async () => {
    const c = await buildWorldCase(t, w, 'processing');
    const o = await issue(c.id);
    expect(o.number).toMatch(/^DB-350703-20261207-\d{4}$/);
    // Default deadline: today + 3 working days (order_days).
    expect(o).toMatchObject({ status: 'issued', deadline: '2026-12-10', departmentId: w.departmentId, caseNumber: c.caseNumber, overdue: false, escalationLevel: 0, allowedActions: ['reply'] });
    expect(o.issuedBy.id).toBe(w.countySupervisor.id);
    expect(o.case).toMatchObject({ id: c.id, state: 'processing', openOrders: 1 });
    expect(o.case.openTasks.map((x) => x.stepName)).toEqual(['审批']);
    // The approval task is unclaimed: the department's approvers are its handlers; the head too (the same person here, told once).
    expect(o.notified.map((p) => p.id)).toContain(w.approver.id);
    const msgs = await told(w.approver.id, 'supervision.order.issued');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.link).toBe(`/workbench/orders/${o.id}`);
    expect(msgs[0]?.title).toContain('督办');

    // The body sees it in its list, with the case facts.
    const mine = await call<Page>(w.approver.cookie, 'GET', '/api/v1/supervision/my-orders');
    expect(mine.body.items.map((x) => x.id)).toContain(o.id);
    const seen = await call<OrderDetail>(w.approver.cookie, 'GET', `/api/v1/supervision/my-orders/${o.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.case.caseNumber).toBe(c.caseNumber);

    const empty = await call(w.approver.cookie, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '  ' });
    expect(empty.status).toBe(400);
    expect(fieldOf(empty.body)).toBe('reply');
    const replied = await call<OrderDetail>(w.approver.cookie, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '已督促经办人今日完成审批' });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ status: 'replied', reply: '已督促经办人今日完成审批', repliedBy: { id: w.approver.id }, allowedActions: ['accept', 'return'] });
    expect(await told(w.countySupervisor.id, 'supervision.order.replied')).toHaveLength(1);
    // A second reply is out of order: 409 with what is allowed.
    const twice = await call<ErrorBody>(w.approver.cookie, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '再次回复内容' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toMatchObject({ allowed: ['accept', 'return'] });

    const returned = await call<OrderDetail>(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/orders/${o.id}/return`, { opinion: '回复未说明超期原因，请补充', deadline: '2026-12-14' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'issued', reviewOpinion: '回复未说明超期原因，请补充', deadline: '2026-12-14' });
    expect(await told(w.approver.id, 'supervision.order.returned')).toHaveLength(1);

    await call(w.approver.cookie, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '超期原因为材料核验，现已办结' });
    const closed = await call<OrderDetail>(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/orders/${o.id}/accept`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', allowedActions: [] });
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.history.map((h) => h.action)).toEqual([
      'supervision.order.issue', 'supervision.order.reply', 'supervision.order.return', 'supervision.order.reply', 'supervision.order.accept',
    ]);
    const again = await call<ErrorBody>(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/orders/${o.id}/return`, { opinion: '再退回一次试试' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    const audited = await rows<{ action: string }>(t.ctx.db, sql`select action from audit_log where entity_type = 'supervision_order' and entity_id = ${o.id} order by seq`);
    expect(audited).toHaveLength(5);

    // Status filters of the supervisors' list.
    const closedList = await call<Page>(w.countySupervisor.cookie, 'GET', '/api/v1/supervision/orders?status=closed');
    expect(closedList.body.items.map((x) => x.id)).toContain(o.id);
    const openList = await call<Page>(w.countySupervisor.cookie, 'GET', '/api/v1/supervision/orders?status=open');
    expect(openList.body.items.map((x) => x.id)).not.toContain(o.id);
  });

  it('tells the window clerks of a case awaiting acceptance, and finds the case by number for the issue form', async () => {
    const c = await buildWorldCase(t, w, 'submitted');
    const found = await call<{ id: string; state: string }>(w.countySupervisor.cookie, 'GET', `/api/v1/supervision/order-cases?number=${c.caseNumber ?? ''}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: c.id, state: 'submitted' });
    const o = await issue(c.id, { deadline: '2026-12-07' });
    expect(o.deadline).toBe('2026-12-07');
    expect(o.notified.map((p) => p.id)).toContain(w.clerk.id);
    expect(await told(w.clerk.id, 'supervision.order.issued')).not.toHaveLength(0);
  });

  it('refuses a deadline in the past, a missing reason and a warning of another case, naming the field', async () => {
    const c = await buildWorldCase(t, w, 'processing');
    const base = { caseId: c.id, reason: '办件临近超期仍未审批', requirement: '请于期限内完成审批' };
    const past = await call(w.countySupervisor.cookie, 'POST', '/api/v1/supervision/orders', { ...base, deadline: '2026-12-04' });
    expect(past.status).toBe(400);
    expect(fieldOf(past.body)).toBe('deadline');
    const noReason = await call(w.countySupervisor.cookie, 'POST', '/api/v1/supervision/orders', { ...base, reason: '' });
    expect(noReason.status).toBe(400);
    expect(fieldOf(noReason.body)).toBe('reason');
    const badDate = await call(w.countySupervisor.cookie, 'POST', '/api/v1/supervision/orders', { ...base, deadline: '2026-02-30' });
    expect(fieldOf(badDate.body)).toBe('deadline');
    const noCase = await call(w.countySupervisor.cookie, 'POST', '/api/v1/supervision/orders', { ...base, caseId: '00000000-0000-4000-8000-000000000000' });
    expect(noCase.status).toBe(400);
    expect(fieldOf(noCase.body)).toBe('caseId');
    const stray = await call(w.countySupervisor.cookie, 'POST', '/api/v1/supervision/orders', { ...base, warningId: '00000000-0000-4000-8000-000000000000' });
    expect(stray.status).toBe(400);
    expect(fieldOf(stray.body)).toBe('warningId');
    expect(await rows(t.ctx.db, sql`select 1 from supervision_orders where case_id = ${c.id}`)).toHaveLength(0);
  });

  it('keeps another county’s supervisor out (403) and away from the lists; staff of another department cannot read or reply', async () => {
    const c = await buildWorldCase(t, w, 'processing');
    const o = await issue(c.id);
    const yanping = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: '350702000000' })).login);
    const issued = await call<ErrorBody>(yanping, 'POST', '/api/v1/supervision/orders', { caseId: c.id, reason: '跨县督办试试看', requirement: '跨县督办试试看' });
    expect(issued.status).toBe(403);
    expect((await call(yanping, 'GET', `/api/v1/supervision/orders/${o.id}`)).status).toBe(403);
    expect((await call(yanping, 'POST', `/api/v1/supervision/orders/${o.id}/accept`, {})).status).toBe(403);
    expect((await call(yanping, 'GET', `/api/v1/supervision/order-cases?number=${c.caseNumber ?? ''}`)).status).toBe(404);
    expect((await call<Page>(yanping, 'GET', '/api/v1/supervision/orders?status=all&pageSize=200')).body.items.map((x) => x.id)).not.toContain(o.id);
    expect((await call(yanping, 'GET', '/api/v1/supervision/orders?regionCode=350703000000')).status).toBe(403);
    // The city supervisor sees the county's orders.
    expect((await call<Page>(w.citySupervisor.cookie, 'GET', `/api/v1/supervision/orders?caseId=${c.id}`)).body.items.map((x) => x.id)).toEqual([o.id]);

    const otherDept = await buildStaff(t.ctx, { roles: ['approver'], regionCode: '350703000000' });
    const other = await loginCookie(t.app, otherDept.login);
    const reply = await call<ErrorBody>(other, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '不是本部门也想回复' });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call(other, 'GET', `/api/v1/supervision/my-orders/${o.id}`)).status).toBe(403);
    expect((await call<Page>(other, 'GET', '/api/v1/supervision/my-orders?status=all')).body.items.map((x) => x.id)).not.toContain(o.id);
    // Handlers cannot use the supervisors' routes, nor supervisors reply for the body.
    expect((await call(w.approver.cookie, 'POST', `/api/v1/supervision/orders/${o.id}/accept`, {})).status).toBe(403);
    expect((await call(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '监管人员代为回复' })).status).toBe(403);
    const stored = await firstRow<{ status: string }>(t.ctx.db, sql`select status from supervision_orders where id = ${o.id}`);
    expect(stored?.status).toBe('issued');
  });

  it('escalates an order left unanswered past its deadline once, tells the head and the city supervisors, and again after the next miss', async () => {
    const c = await buildWorldCase(t, w, 'processing');
    const o = await issue(c.id);
    const answered = await issue(c.id);
    await call(w.approver.cookie, 'POST', `/api/v1/supervision/my-orders/${answered.id}/reply`, { reply: '已按要求办理完毕' });
    expect(o.deadline).toBe('2026-12-10');

    // On the deadline itself nothing happens.
    await escalateAsOf('2026-12-10T09:00:00+08:00');
    expect((await call<OrderDetail>(w.countySupervisor.cookie, 'GET', `/api/v1/supervision/orders/${o.id}`)).body.status).toBe('issued');

    // Friday: one day late — escalated once, deadline + 2 working days (order_escalation_days) from today.
    await escalateAsOf('2026-12-11T09:00:00+08:00');
    const first = (await call<OrderDetail>(w.countySupervisor.cookie, 'GET', `/api/v1/supervision/orders/${o.id}`)).body;
    expect(first).toMatchObject({ status: 'escalated', escalationLevel: 1, deadline: '2026-12-15', overdue: false, allowedActions: ['reply'] });
    expect(first.escalatedAt).not.toBeNull();
    const headMsgs = await told(w.approver.id, 'supervision.order.escalated', o.id);
    expect(headMsgs).toHaveLength(1);
    expect(headMsgs[0]?.title).toContain('第1次');
    const cityMsgs = await told(w.citySupervisor.id, 'supervision.order.escalated', o.id);
    expect(cityMsgs).toHaveLength(1);
    expect(cityMsgs[0]?.link).toBe(`/dashboards/orders/${o.id}`);
    // The county supervisor who issued it is not the region above: not told of the escalation.
    expect(await told(w.countySupervisor.id, 'supervision.order.escalated', o.id)).toHaveLength(0);
    // The answered order is not escalated.
    expect((await firstRow<{ status: string; escalation_level: number }>(t.ctx.db, sql`select status, escalation_level from supervision_orders where id = ${answered.id}`))).toEqual({ status: 'replied', escalation_level: 0 });

    // Running again the same day changes nothing.
    await escalateAsOf('2026-12-11T15:00:00+08:00');
    expect((await firstRow<{ n: number }>(t.ctx.db, sql`select escalation_level as n from supervision_orders where id = ${o.id}`))?.n).toBe(1);
    expect(await told(w.citySupervisor.id, 'supervision.order.escalated', o.id)).toHaveLength(1);

    // Listed as escalated; overdue again once the new deadline has passed.
    const esc = await call<Page>(w.citySupervisor.cookie, 'GET', '/api/v1/supervision/orders?escalated=true');
    expect(esc.body.items.map((x) => x.id)).toContain(o.id);
    t.clock.set('2026-12-16T07:00:00+08:00');
    const overdue = await call<Page>(w.citySupervisor.cookie, 'GET', '/api/v1/supervision/orders?overdue=true');
    expect(overdue.body.items.map((x) => x.id)).toContain(o.id);

    // Wednesday after the new deadline (Tuesday 15th): escalated a second time.
    await escalateAsOf('2026-12-16T09:00:00+08:00');
    const second = (await call<OrderDetail>(w.countySupervisor.cookie, 'GET', `/api/v1/supervision/orders/${o.id}`)).body;
    expect(second).toMatchObject({ status: 'escalated', escalationLevel: 2, deadline: '2026-12-18' });
    expect((await told(w.approver.id, 'supervision.order.escalated', o.id)).map((m) => m.title.includes('第2次'))).toEqual([false, true]);
    expect(second.history.filter((h) => h.action === 'supervision.order.escalate')).toHaveLength(2);
    expect(second.notified.map((p) => p.id)).toContain(w.citySupervisor.id);

    // The body can still reply to an escalated order.
    const late = await call<OrderDetail>(w.approver.cookie, 'POST', `/api/v1/supervision/my-orders/${o.id}/reply`, { reply: '已完成审批，逾期原因已说明' });
    expect(late.body).toMatchObject({ status: 'replied', escalationLevel: 2 });
  });
});
