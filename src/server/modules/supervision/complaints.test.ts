import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintView } from '../../../common/schemas/complaints.ts';
import { rows } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildDepartment, buildStaff, buildWindow, loginCookie } from '../../../../test/support/factories.ts';
import { buildSupervisionWorld, buildWorldCase, JY, type SupervisionWorld } from '../../../../test/support/supervision-factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] | Record<string, unknown> } };
type Page = { items: ComplaintView[]; total: number };

const YP = '350702000000';
let t: TestApp;
let w: SupervisionWorld;
let caseId = '';
let otherCitizen = '';
let otherDeptClerk = '';
let ypSupervisor = '';
let deptWindowId = '';
let integratedWindowId = '';

const CONTENT = '窗口要求我额外提供房屋产权证明，但办事指南里没有这项材料。';

async function call(method: 'GET' | 'POST', url: string, cookie: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function submit(payload: object, cookie = w.citizen.cookie): Promise<ComplaintView> {
  const res = await call('POST', '/api/v1/complaints', cookie, payload);
  expect(res.statusCode, res.body).toBe(201);
  return json<ComplaintView>(res);
}

async function notificationsOf(accountId: string, kind: string): Promise<{ title: string; body: string; link: string | null }[]> {
  return rows(t.ctx.db, sql`select title, body, link from notifications where recipient_account_id = ${accountId} and kind = ${kind} order by created_at`);
}

function fieldPaths(body: string): string[] {
  const details = (JSON.parse(body) as ErrorJson).error.details;
  return Array.isArray(details) ? details.map((d) => d.path) : [];
}

beforeAll(async () => {
  t = await createTestApp();
  // A Wednesday without holidays around: the 5 working days of the deadline end the next Wednesday.
  t.clock.set('2026-12-02T10:00:00+08:00');
  w = await buildSupervisionWorld(t);
  // The approver heads the department (部门负责人): new complaints reach them.
  await t.ctx.db.execute(sql`update departments set head_account_id = ${w.approver.id} where id = ${w.departmentId}`);
  caseId = (await buildWorldCase(t, w, 'processing')).id;
  otherCitizen = await loginCookie(t.app, (await buildCitizen(t.ctx)).login);
  const otherDept = await buildDepartment(t.ctx, { regionCode: JY });
  otherDeptClerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: otherDept.id })).login);
  ypSupervisor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: YP })).login);
  deptWindowId = (await buildWindow(t.ctx, { regionCode: JY, departmentId: w.departmentId, kind: 'specialised' })).id;
  integratedWindowId = (await buildWindow(t.ctx, { regionCode: JY, departmentId: null })).id;
});

afterAll(async () => {
  await t.close();
});

describe('submitting a complaint', () => {
  it('about one of my cases: routed to the case department with a TS number and a working-day due date, head and county supervisors told', async () => {
    const c = await submit({ caseId, category: 'beyond_guide', content: CONTENT });
    expect(c.number).toMatch(/^TS-350703-20261202-\d{4}$/);
    expect(c).toMatchObject({ status: 'submitted', caseId, departmentId: w.departmentId, regionCode: JY, dueDate: '2026-12-09', overdue: false, complainantName: null, allowedActions: [] });
    expect(c.caseNumber).toMatch(/^350703-/);
    expect(c.itemName).toBe('个体工商户名称变更登记');
    expect((await notificationsOf(w.approver.id, 'complaint.submitted')).map((n) => n.link)).toContain(`/workbench/complaints/${c.id}`);
    expect((await notificationsOf(w.countySupervisor.id, 'complaint.submitted')).map((n) => n.link)).toContain(`/dashboards/complaints/${c.id}`);
    // The county has its own supervisors: the city's are not bothered.
    expect(await notificationsOf(w.citySupervisor.id, 'complaint.submitted')).toHaveLength(0);
    const audited = await rows<{ action: string; subject_account_id: string }>(t.ctx.db, sql`select action, subject_account_id from audit_log where entity_type = 'complaint' and entity_id = ${c.id}`);
    expect(audited).toEqual([{ action: 'supervision.complaint.submit', subject_account_id: w.citizen.id }]);
  });

  it('numbers follow each other within the region and day', async () => {
    const a = await submit({ caseId, category: 'other', content: CONTENT });
    const b = await submit({ caseId, category: 'other', content: CONTENT });
    expect(Number(b.number.slice(-4))).toBe(Number(a.number.slice(-4)) + 1);
  });

  it('about a window of a department: routed to that department', async () => {
    const c = await submit({ windowId: deptWindowId, category: 'attitude', content: '窗口工作人员态度冷淡，问了两遍都不回答。' });
    expect(c).toMatchObject({ departmentId: w.departmentId, caseId: null, windowId: deptWindowId, regionCode: JY, status: 'submitted' });
    expect(c.windowName).toContain('测试政务服务中心');
  });

  it('about an integrated window without a department: routed to the region supervisors, who take and answer it themselves', async () => {
    const c = await submit({ windowId: integratedWindowId, category: 'standard', content: '综合窗口叫号混乱，排队一个小时没有人管。' });
    expect(c.departmentId).toBeNull();
    expect(await notificationsOf(w.countySupervisor.id, 'complaint.submitted')).toEqual(expect.arrayContaining([expect.objectContaining({ link: `/dashboards/complaints/${c.id}` })]));
    // Department staff do not handle it.
    expect((await call('POST', `/api/v1/supervision/complaints/${c.id}/take`, w.clerk.cookie)).statusCode).toBe(403);
    const taken = await call('POST', `/api/v1/supervision/complaints/${c.id}/take`, w.countySupervisor.cookie);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(json<ComplaintView>(taken)).toMatchObject({ status: 'handling', handlerId: w.countySupervisor.id });
    const answered = await call('POST', `/api/v1/supervision/complaints/${c.id}/answer`, w.countySupervisor.cookie, { answer: '已约谈大厅管理方，增派引导员。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(json<ComplaintView>(answered).status).toBe('answered');
    // Reopened, the supervisor who handled it is told once (as its handler), not twice.
    await call('POST', `/api/v1/complaints/${c.id}/rating`, w.citizen.cookie, { satisfaction: 1, comment: '引导员没有出现' });
    expect((await call('POST', `/api/v1/complaints/${c.id}/reopen`, w.citizen.cookie, { reason: '请说明何时增派引导员' })).statusCode).toBe(200);
    const reopened = (await notificationsOf(w.countySupervisor.id, 'complaint.reopened')).filter((n) => n.link?.endsWith(c.id));
    expect(reopened).toHaveLength(1);
  });
});

describe('validation and ownership', () => {
  it('content too short → 400 naming content', async () => {
    const res = await call('POST', '/api/v1/complaints', w.citizen.cookie, { caseId, category: 'timeliness', content: '太慢了' });
    expect(res.statusCode).toBe(400);
    expect(fieldPaths(res.body)).toContain('content');
  });

  it('an unknown category → 400 naming category; neither or both targets → 400 naming caseId', async () => {
    const bad = await call('POST', '/api/v1/complaints', w.citizen.cookie, { caseId, category: 'rude', content: CONTENT });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad.body)).toContain('category');
    const none = await call('POST', '/api/v1/complaints', w.citizen.cookie, { category: 'other', content: CONTENT });
    expect(none.statusCode).toBe(400);
    expect(fieldPaths(none.body)).toContain('caseId');
    const both = await call('POST', '/api/v1/complaints', w.citizen.cookie, { caseId, windowId: deptWindowId, category: 'other', content: CONTENT });
    expect(both.statusCode).toBe(400);
    expect(fieldPaths(both.body)).toContain('caseId');
  });

  it('an unknown window → 400 naming windowId', async () => {
    const res = await call('POST', '/api/v1/complaints', w.citizen.cookie, { windowId: '00000000-0000-4000-8000-000000000000', category: 'other', content: CONTENT });
    expect(res.statusCode).toBe(400);
    expect(fieldPaths(res.body)).toContain('windowId');
  });

  it("someone else's case → 404, and someone else's complaint → 404", async () => {
    const res = await call('POST', '/api/v1/complaints', otherCitizen, { caseId, category: 'timeliness', content: CONTENT });
    expect(res.statusCode).toBe(404);
    const mine = await submit({ caseId, category: 'timeliness', content: CONTENT });
    expect((await call('GET', `/api/v1/complaints/${mine.id}`, otherCitizen)).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/complaints/${mine.id}/reopen`, otherCitizen, { reason: '我也不满意这个答复' })).statusCode).toBe(404);
    const list = json<Page>(await call('GET', '/api/v1/complaints', otherCitizen));
    expect(list.items.map((c) => c.id)).not.toContain(mine.id);
  });

  it('staff cannot file complaints (applicants only)', async () => {
    expect((await call('POST', '/api/v1/complaints', w.clerk.cookie, { caseId, category: 'other', content: CONTENT })).statusCode).toBe(403);
  });
});

describe('handling, answering and rating', () => {
  let c: ComplaintView;

  beforeAll(async () => {
    c = await submit({ caseId, category: 'timeliness', content: '申请已经过了承诺时限，还没有任何进展。' });
  });

  it('staff of another department: 403 on read, take and answer, and not in their list', async () => {
    expect((await call('GET', `/api/v1/supervision/complaints/${c.id}`, otherDeptClerk)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/supervision/complaints/${c.id}/take`, otherDeptClerk)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/supervision/complaints/${c.id}/answer`, otherDeptClerk, { answer: '与我部门无关的答复内容' })).statusCode).toBe(403);
    const list = json<Page>(await call('GET', '/api/v1/supervision/complaints?status=all', otherDeptClerk));
    expect(list.items.map((x) => x.id)).not.toContain(c.id);
  });

  it('answer before taking → 409 listing take', async () => {
    const res = await call('POST', `/api/v1/supervision/complaints/${c.id}/answer`, w.approver.cookie, { answer: '先答复试试看看' });
    expect(res.statusCode).toBe(409);
    expect(json<ErrorJson>(res).error.details).toMatchObject({ status: 'submitted', allowed: ['take'] });
  });

  it('department staff see it in their list, take it, answer it (text required) → the complainant is told', async () => {
    const list = json<Page>(await call('GET', '/api/v1/supervision/complaints', w.clerk.cookie));
    const row = list.items.find((x) => x.id === c.id);
    expect(row).toMatchObject({ complainantName: '林小梅', allowedActions: ['take'] });
    const taken = await call('POST', `/api/v1/supervision/complaints/${c.id}/take`, w.clerk.cookie);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(json<ComplaintView>(taken)).toMatchObject({ status: 'handling', handlerId: w.clerk.id, allowedActions: ['answer'] });
    const empty = await call('POST', `/api/v1/supervision/complaints/${c.id}/answer`, w.clerk.cookie, { answer: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(fieldPaths(empty.body)).toContain('answer');
    const answered = await call('POST', `/api/v1/supervision/complaints/${c.id}/answer`, w.clerk.cookie, { answer: '经核实，审批环节积压，已于今日办结并致歉。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(json<ComplaintView>(answered)).toMatchObject({ status: 'answered', answer: '经核实，审批环节积压，已于今日办结并致歉。' });
    const told = await notificationsOf(w.citizen.id, 'complaint.answered');
    expect(told).toEqual(expect.arrayContaining([expect.objectContaining({ link: `/account/complaints/${c.id}`, body: '经核实，审批环节积压，已于今日办结并致歉。' })]));
    const mine = json<ComplaintView>(await call('GET', `/api/v1/complaints/${c.id}`, w.citizen.cookie));
    expect(mine).toMatchObject({ status: 'answered', allowedActions: ['rate'] });
  });

  it('a bad rating needs a comment (400 naming comment); the rating closes the complaint', async () => {
    const noComment = await call('POST', `/api/v1/complaints/${c.id}/rating`, w.citizen.cookie, { satisfaction: 2 });
    expect(noComment.statusCode).toBe(400);
    expect(fieldPaths(noComment.body)).toContain('comment');
    const outOfRange = await call('POST', `/api/v1/complaints/${c.id}/rating`, w.citizen.cookie, { satisfaction: 6 });
    expect(outOfRange.statusCode).toBe(400);
    expect(fieldPaths(outOfRange.body)).toContain('satisfaction');
    const rated = await call('POST', `/api/v1/complaints/${c.id}/rating`, w.citizen.cookie, { satisfaction: 2, comment: '只道歉，没有说明以后怎么避免' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(json<ComplaintView>(rated)).toMatchObject({ status: 'closed', satisfaction: 2, allowedActions: ['reopen'] });
    expect(await notificationsOf(w.clerk.id, 'complaint.rated')).toHaveLength(1);
    expect((await call('POST', `/api/v1/complaints/${c.id}/rating`, w.citizen.cookie, { satisfaction: 5 })).statusCode).toBe(409);
  });

  it('after a bad rating the complainant reopens once: handling again with the first round in the history', async () => {
    const reopened = await call('POST', `/api/v1/complaints/${c.id}/reopen`, w.citizen.cookie, { reason: '希望说明整改措施' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const v = json<ComplaintView>(reopened);
    expect(v).toMatchObject({ status: 'handling', answer: null, satisfaction: null, reopenCount: 1, reopenReason: '希望说明整改措施', handlerId: w.clerk.id });
    expect(v.history).toEqual([expect.objectContaining({ satisfaction: 2, answer: '经核实，审批环节积压，已于今日办结并致歉。', handlerName: '测试人员' })]);
    expect(await notificationsOf(w.clerk.id, 'complaint.reopened')).toHaveLength(1);
    await call('POST', `/api/v1/supervision/complaints/${c.id}/answer`, w.approver.cookie, { answer: '已建立超时预警提醒，确保按时办结。' });
    await call('POST', `/api/v1/complaints/${c.id}/rating`, w.citizen.cookie, { satisfaction: 1, comment: '还是不满意' });
    const again = await call('POST', `/api/v1/complaints/${c.id}/reopen`, w.citizen.cookie, { reason: '再来一次可以吗' });
    expect(again.statusCode).toBe(409);
    const actions = await rows<{ action: string }>(t.ctx.db, sql`select action from audit_log where entity_type = 'complaint' and entity_id = ${c.id} and action <> 'supervision.complaint.read' order by seq`);
    expect(actions.map((a) => a.action)).toEqual([
      'supervision.complaint.submit', 'supervision.complaint.take', 'supervision.complaint.answer', 'supervision.complaint.rate',
      'supervision.complaint.reopen', 'supervision.complaint.answer', 'supervision.complaint.rate',
    ]);
  });

  it('a good rating cannot be reopened', async () => {
    const g = await submit({ caseId, category: 'other', content: CONTENT });
    await call('POST', `/api/v1/supervision/complaints/${g.id}/take`, w.approver.cookie);
    await call('POST', `/api/v1/supervision/complaints/${g.id}/answer`, w.approver.cookie, { answer: '已核实并更正了做法。' });
    const rated = json<ComplaintView>(await call('POST', `/api/v1/complaints/${g.id}/rating`, w.citizen.cookie, { satisfaction: 4 }));
    expect(rated.allowedActions).toEqual([]);
    expect((await call('POST', `/api/v1/complaints/${g.id}/reopen`, w.citizen.cookie, { reason: '想再处理一遍' })).statusCode).toBe(409);
  });
});

describe('supervisors', () => {
  it('see the complaints in their scope only, with the overdue flag once the due date passes', async () => {
    const c = await submit({ caseId, category: 'beyond_guide', content: CONTENT });
    const county = json<Page>(await call('GET', '/api/v1/supervision/complaints?pageSize=200', w.countySupervisor.cookie));
    expect(county.items.map((x) => x.id)).toContain(c.id);
    expect(county.items.find((x) => x.id === c.id)?.overdue).toBe(false);
    const city = json<Page>(await call('GET', '/api/v1/supervision/complaints?pageSize=200', w.citySupervisor.cookie));
    expect(city.items.map((x) => x.id)).toContain(c.id);
    const yp = json<Page>(await call('GET', '/api/v1/supervision/complaints?status=all', ypSupervisor));
    expect(yp.total).toBe(0);
    expect((await call('GET', `/api/v1/supervision/complaints/${c.id}`, ypSupervisor)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/supervision/complaints/${c.id}/take`, ypSupervisor)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/supervision/complaints?regionCode=${JY}`, ypSupervisor)).statusCode).toBe(403);

    expect(json<Page>(await call('GET', '/api/v1/supervision/complaints?overdue=true', w.countySupervisor.cookie)).items.map((x) => x.id)).not.toContain(c.id);
    // Past the due date (2026-12-09) without an answer.
    t.clock.set('2026-12-10T09:00:00+08:00');
    try {
      const overdue = json<Page>(await call('GET', '/api/v1/supervision/complaints?overdue=true&pageSize=200', w.countySupervisor.cookie));
      expect(overdue.items.map((x) => x.id)).toContain(c.id);
      expect(overdue.items.every((x) => x.overdue && (x.status === 'submitted' || x.status === 'handling'))).toBe(true);
      // Answered complaints are never overdue.
      const answeredIds = json<Page>(await call('GET', '/api/v1/supervision/complaints?status=answered', w.countySupervisor.cookie)).items;
      expect(answeredIds.every((x) => !x.overdue)).toBe(true);
      const one = json<ComplaintView>(await call('GET', `/api/v1/supervision/complaints/${c.id}`, w.citySupervisor.cookie));
      expect(one.overdue).toBe(true);
    } finally {
      t.clock.set('2026-12-02T10:00:00+08:00');
    }
  });

  it('filter by category and status', async () => {
    const list = json<Page>(await call('GET', '/api/v1/supervision/complaints?status=all&category=attitude', w.countySupervisor.cookie));
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((x) => x.category === 'attitude')).toBe(true);
    const bad = await call('GET', '/api/v1/supervision/complaints?status=nonsense', w.countySupervisor.cookie);
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad.body)).toContain('status');
  });

  it('a staff read of a complaint is recorded for the complainant, a complainant’s own read is not', async () => {
    const c = await submit({ caseId, category: 'other', content: CONTENT });
    await call('GET', `/api/v1/complaints/${c.id}`, w.citizen.cookie);
    await call('GET', `/api/v1/supervision/complaints/${c.id}`, w.countySupervisor.cookie);
    const reads = await rows<{ purpose: string; subject_account_id: string }>(t.ctx.db, sql`select purpose, subject_account_id from audit_log where action = 'supervision.complaint.read' and entity_id = ${c.id}`);
    expect(reads).toEqual([{ purpose: '投诉监督', subject_account_id: w.citizen.id }]);
  });
});

describe('我的投诉', () => {
  it('lists my complaints, newest first, optionally about one case', async () => {
    const all = json<Page>(await call('GET', '/api/v1/complaints?pageSize=200', w.citizen.cookie));
    expect(all.total).toBeGreaterThan(3);
    expect(all.items.every((x) => x.complainantName === null)).toBe(true);
    const byCase = json<Page>(await call('GET', `/api/v1/complaints?caseId=${caseId}&pageSize=200`, w.citizen.cookie));
    expect(byCase.items.every((x) => x.caseId === caseId)).toBe(true);
    expect(byCase.total).toBeLessThan(all.total);
  });
});
