import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseViewT } from '../../../common/schemas/cases.ts';
import type { MyCaseRating, PublicRatingStats, StaffCaseRating, TicketDetail } from '../../../common/schemas/ratings.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { addWorkdays, shanghaiDate } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildCase, uploadFile } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildIdNumber, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { JY, buildSupervisionWorld, buildWorldCase, type SupervisionWorld } from '../../../../test/support/supervision-factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type TicketPageJson = { items: { id: string; number: string; status: string; overdue: boolean; dueDate: string }[]; total: number };

const ONLINE_GOOD = { overall: 5, efficiency: 5, guideAccuracy: 4, convenience: 5, usability: 4 };
const ONLINE_BAD = { overall: 1, efficiency: 1, guideAccuracy: 2, convenience: 1, usability: 3 };
const HALL_OK = { overall: 4, efficiency: 4, standard: 5, attitude: 5 };

let t: TestApp;
let w: SupervisionWorld;
let headId = '';

async function inject(cookie: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function rate(cookie: string, payload: object, hall = false) {
  return inject(cookie, 'POST', hall ? '/api/v1/supervision/ratings/hall' : '/api/v1/supervision/ratings', payload);
}

/** A window case of the world's item (applied by the clerk for `idNumber`), accepted and approved. */
async function windowCase(idNumber: string, name = '陈秀英'): Promise<CaseViewT> {
  const materials = { application: { via: 'upload' as const, fileIds: [await uploadFile(t.app, w.clerk.cookie, '申请书.pdf')] } };
  const c = await buildCase(t.app, w.clerk.cookie, { implementationId: w.item.implementationId, formData: {}, materials, applicant: { kind: 'person', name, idNumber } });
  const accepted = json<CaseViewT>(await inject(w.clerk.cookie, 'POST', `/api/v1/cases/${c.id}/accept`, {}));
  const task = accepted.tasks.find((k) => k.status === 'open' || k.status === 'claimed');
  if (!task) throw new Error('no open task');
  const done = await inject(w.approver.cookie, 'POST', `/api/v1/cases/${c.id}/tasks/${task.id}/approve`, { opinion: '准予变更' });
  expect(done.statusCode).toBe(200);
  return json<CaseViewT>(done);
}

async function notificationsOf(accountId: string, kind: string): Promise<{ title: string; body: string }[]> {
  return rows<{ title: string; body: string }>(t.ctx.db, sql`select title, body from notifications where recipient_account_id = ${accountId} and kind = ${kind}`);
}

/** A bad online rating of a new completed case; returns the ticket id. */
async function badTicket(): Promise<string> {
  const c = await buildWorldCase(t, w, 'completed');
  const res = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_BAD, causes: ['overdue'], comment: '超时了' });
  expect(res.statusCode, res.body).toBe(201);
  const ticket = await firstRow<{ id: string }>(t.ctx.db, sql`select id from rectification_tickets where case_id = ${c.id}`);
  if (!ticket) throw new Error('no ticket');
  return ticket.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSupervisionWorld(t);
  headId = (await buildStaff(t.ctx, { roles: ['data_admin'], regionCode: JY, departmentId: w.departmentId })).id;
  await t.ctx.db.execute(sql`update departments set head_account_id = ${headId} where id = ${w.departmentId}`);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('online ratings', () => {
  it('validates the dimensions of the channel, naming the field', async () => {
    const c = await buildWorldCase(t, w, 'completed');
    const missing = await rate(w.citizen.cookie, { caseId: c.id, overall: 5, efficiency: 5, guideAccuracy: 5, convenience: 5 });
    expect(missing.statusCode).toBe(400);
    expect(json<ErrorJson>(missing).error.details).toEqual([expect.objectContaining({ path: 'usability' })]);
    const hallDim = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_GOOD, attitude: 5 });
    expect(hallDim.statusCode).toBe(400);
    expect(json<ErrorJson>(hallDim).error.details).toEqual([expect.objectContaining({ path: 'attitude' })]);
    const outOfRange = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_GOOD, overall: 6 });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.body).toContain('overall');
    const badCause = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_GOOD, causes: ['rude'] });
    expect(badCause.statusCode).toBe(400);
    expect(badCause.body).toContain('causes');
  });

  it('rates a finished case once, as the account holder; an unfinished case is 409', async () => {
    const c = await buildWorldCase(t, w, 'completed');
    const res = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_GOOD, comment: '很快' });
    expect(res.statusCode).toBe(201);
    expect(json<MyCaseRating>(res)).toMatchObject({ canRate: false, channel: 'online', rating: { overall: 5, realName: true, bad: false, comment: '很快' }, ticket: null });
    const again = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_GOOD });
    expect(again.statusCode).toBe(409);
    expect(await firstRow(t.ctx.db, sql`select 1 from rectification_tickets where case_id = ${c.id}`)).toBeUndefined();
    const audited = await firstRow<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_log a join ratings r on r.id::text = a.entity_id where a.action = 'supervision.rating.create' and r.case_id = ${c.id}`);
    expect(audited?.n).toBe(1);

    const open = await buildWorldCase(t, w, 'processing');
    const early = await rate(w.citizen.cookie, { caseId: open.id, ...ONLINE_GOOD });
    expect(early.statusCode).toBe(409);
    expect(json<ErrorJson>(early).error.code).toBe('INVALID_STATE');
  });

  it("someone else's case is 404 to a citizen, and a clerk cannot enter an online case's rating", async () => {
    const c = await buildWorldCase(t, w, 'completed');
    const other = await buildCitizen(t.ctx);
    const res = await rate(await loginCookie(t.app, other.login), { caseId: c.id, ...ONLINE_GOOD });
    expect(res.statusCode).toBe(404);
    const mine = await inject(await loginCookie(t.app, other.login), 'GET', `/api/v1/supervision/ratings/mine/${c.id}`);
    expect(mine.statusCode).toBe(404);
    const byClerk = await rate(w.clerk.cookie, { caseId: c.id, ...HALL_OK }, true);
    expect(byClerk.statusCode).toBe(409);
  });
});

describe('hall ratings', () => {
  it('a window clerk enters the four hall dimensions for a window case; online dimensions are refused', async () => {
    const c = await windowCase(buildIdNumber());
    const before = json<StaffCaseRating>(await inject(w.clerk.cookie, 'GET', `/api/v1/supervision/ratings/case/${c.id}`));
    expect(before).toMatchObject({ canRate: true, channel: 'hall', rating: null });
    const online = await rate(w.clerk.cookie, { caseId: c.id, ...HALL_OK, usability: 3 }, true);
    expect(online.statusCode).toBe(400);
    expect(json<ErrorJson>(online).error.details).toEqual([expect.objectContaining({ path: 'usability' })]);
    const noAttitude = await rate(w.clerk.cookie, { caseId: c.id, overall: 4, efficiency: 4, standard: 4 }, true);
    expect(json<ErrorJson>(noAttitude).error.details).toEqual([expect.objectContaining({ path: 'attitude' })]);
    const ok = await rate(w.clerk.cookie, { caseId: c.id, ...HALL_OK }, true);
    expect(ok.statusCode).toBe(201);
    expect(json<MyCaseRating>(ok).rating).toMatchObject({ channel: 'hall', standard: 5, attitude: 5, guideAccuracy: null, realName: false });
    const after = json<StaffCaseRating>(await inject(w.clerk.cookie, 'GET', `/api/v1/supervision/ratings/case/${c.id}`));
    expect(after).toMatchObject({ canRate: false, rating: { overall: 4 } });
  });

  it('the applicant rates a window case in the portal with the hall dimensions', async () => {
    const person = await buildCitizen(t.ctx, { name: '陈秀英' });
    const cookie = await loginCookie(t.app, person.login);
    const c = await windowCase(person.idNumber);
    const asOnline = await rate(cookie, { caseId: c.id, ...ONLINE_GOOD });
    expect(asOnline.statusCode).toBe(400);
    const wrongChannel = await rate(cookie, { caseId: c.id, channel: 'online', ...HALL_OK });
    expect(json<ErrorJson>(wrongChannel).error.details).toEqual([expect.objectContaining({ path: 'channel' })]);
    const ok = await rate(cookie, { caseId: c.id, ...HALL_OK });
    expect(ok.statusCode).toBe(201);
    expect(json<MyCaseRating>(ok).rating).toMatchObject({ channel: 'hall', realName: true });
  });

  it('a clerk of another county may not enter a rating', async () => {
    const c = await windowCase(buildIdNumber());
    const far = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: '350721000000' })).login);
    const res = await rate(far, { caseId: c.id, ...HALL_OK }, true);
    expect(res.statusCode).toBe(403);
  });
});

describe('bad ratings and rectification tickets', () => {
  it('a 1-star rating opens a ticket due in rectificationDays working days and tells the department and its head', async () => {
    const c = await buildWorldCase(t, w, 'completed');
    const res = await rate(w.citizen.cookie, { caseId: c.id, ...ONLINE_BAD, causes: ['overdue', 'beyond_guide'], comment: '要了清单外的材料' });
    expect(res.statusCode).toBe(201);
    const body = json<MyCaseRating>(res);
    const today = shanghaiDate(t.clock.now());
    const due = addWorkdays(await getWorkCalendar(t.ctx), today, 5).date;
    expect(body).toMatchObject({ rating: { bad: true, causes: ['overdue', 'beyond_guide'] }, ticket: { status: 'verifying', dueDate: due, reply: null } });
    expect(body.ticket?.number).toMatch(new RegExp(`^ZG-350703-${today.replaceAll('-', '')}-\\d{4}$`));
    for (const id of [w.clerk.id, w.approver.id, headId]) {
      const got = await notificationsOf(id, 'supervision.ticket.opened');
      expect(got.some((n) => n.body.includes(body.ticket?.number ?? '?'))).toBe(true);
    }
    // The citizen and the supervisors are not told about the department's ticket.
    expect((await notificationsOf(w.citizen.id, 'supervision.ticket.opened')).length).toBe(0);
    // Numbers run on per county and day: the next bad ratings draw the following numbers.
    const seq = (n: string) => Number(n.slice(-4));
    for (let i = 1; i <= 2; i++) {
      const next = await firstRow<{ number: string }>(t.ctx.db, sql`select number from rectification_tickets where id = ${await badTicket()}`);
      expect(seq(next?.number ?? '')).toBe(seq(body.ticket?.number ?? '') + i);
    }
  });

  it('runs the whole flow: verify → rectify → reply (the applicant is told) → review approve → closed', async () => {
    const id = await badTicket();
    const mine = json<TicketPageJson>(await inject(w.approver.cookie, 'GET', '/api/v1/supervision/tickets/department'));
    expect(mine.items.map((i) => i.id)).toContain(id);

    const outOfOrder = await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/reply`, { reply: '抱歉' });
    expect(outOfOrder.statusCode).toBe(409);
    expect(json<ErrorJson>(outOfOrder).error.details).toMatchObject({ status: 'verifying', allowed: ['verify'] });

    const noText = await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/verify`, { substantiated: true });
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('verification');

    let d = json<TicketDetail>(await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/verify`, { substantiated: true, verification: '经核实，审批超时一天' }));
    expect(d).toMatchObject({ status: 'rectifying', substantiated: true, allowedActions: ['rectify'] });
    d = json<TicketDetail>(await inject(w.clerk.cookie, 'POST', `/api/v1/supervision/tickets/${id}/rectify`, { rectification: '调整审批排班' }));
    expect(d.status).toBe('replying');
    const emptyReply = await inject(w.clerk.cookie, 'POST', `/api/v1/supervision/tickets/${id}/reply`, { reply: '  ' });
    expect(emptyReply.statusCode).toBe(400);
    expect(emptyReply.body).toContain('reply');
    d = json<TicketDetail>(await inject(w.clerk.cookie, 'POST', `/api/v1/supervision/tickets/${id}/reply`, { reply: '已整改，感谢监督' }));
    expect(d.status).toBe('reviewing');
    expect((await notificationsOf(w.citizen.id, 'supervision.ticket.replied')).some((n) => n.body === '已整改，感谢监督')).toBe(true);

    const staffReview = await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'approve' });
    expect(staffReview.statusCode).toBe(403);
    d = json<TicketDetail>(await inject(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'approve', opinion: '同意办结' }));
    expect(d).toMatchObject({ status: 'closed', allowedActions: [], overdue: false, reply: '已整改，感谢监督' });
    expect(d.closedAt).not.toBeNull();
    expect(d.timeline.map((s) => s.action)).toEqual(['open', 'verify', 'rectify', 'reply', 'approve']);
    expect(d.timeline[1]).toMatchObject({ text: '经核实，审批超时一天', substantiated: true });
    expect(d.applicantName).toBe('林*梅');

    const portal = json<MyCaseRating>(await inject(w.citizen.cookie, 'GET', `/api/v1/supervision/ratings/mine/${d.caseId}`));
    expect(portal.ticket).toMatchObject({ status: 'closed', reply: '已整改，感谢监督' });
  });

  it('closing requires a reply: review before the reply is 409 naming what is missing', async () => {
    const id = await badTicket();
    const early = await inject(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'approve' });
    expect(early.statusCode).toBe(409);
    expect(json<ErrorJson>(early).error.details).toMatchObject({ missing: ['verification', 'rectification', 'reply'] });
    await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/verify`, { substantiated: true, verification: '属实' });
    await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/rectify`, { rectification: '已整改' });
    const noReply = await inject(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'approve' });
    expect(noReply.statusCode).toBe(409);
    expect(json<ErrorJson>(noReply).error.details).toMatchObject({ status: 'replying', missing: ['reply'], allowed: ['reply'] });
    expect(json<ErrorJson>(noReply).error.message).toContain('答复');
    const row = await firstRow<{ status: string }>(t.ctx.db, sql`select status from rectification_tickets where id = ${id}`);
    expect(row?.status).toBe('replying');
  });

  it('a returned review goes back to rectifying (substantiated) or replying (unsubstantiated)', async () => {
    const id = await badTicket();
    await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/verify`, { substantiated: true, verification: '属实' });
    await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/rectify`, { rectification: '口头提醒' });
    await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${id}/reply`, { reply: '已处理' });
    const noOpinion = await inject(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'return' });
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.body).toContain('opinion');
    const back = json<TicketDetail>(await inject(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'return', opinion: '整改措施不具体' }));
    expect(back).toMatchObject({ status: 'rectifying', reviewOpinion: '整改措施不具体' });
    expect((await notificationsOf(w.approver.id, 'supervision.ticket.returned')).some((n) => n.body === '整改措施不具体')).toBe(true);

    const other = await badTicket();
    const skipped = json<TicketDetail>(await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${other}/verify`, { substantiated: false, verification: '经查按时办结，不属实' }));
    expect(skipped).toMatchObject({ status: 'replying', allowedActions: ['reply'] });
    const rectify = await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${other}/rectify`, { rectification: 'x' });
    expect(rectify.statusCode).toBe(409);
    await inject(w.approver.cookie, 'POST', `/api/v1/supervision/tickets/${other}/reply`, { reply: '经核实办件按时办结' });
    const returned = json<TicketDetail>(await inject(w.countySupervisor.cookie, 'POST', `/api/v1/supervision/tickets/${other}/review`, { decision: 'return', opinion: '答复过于简单' }));
    expect(returned.status).toBe('replying');
  });

  it('a ticket past its due date is listed as overdue once the clock passes it', async () => {
    const id = await badTicket();
    const ticket = json<TicketDetail>(await inject(w.countySupervisor.cookie, 'GET', `/api/v1/supervision/tickets/${id}`));
    expect(ticket.overdue).toBe(false);
    const before = json<TicketPageJson>(await inject(w.countySupervisor.cookie, 'GET', '/api/v1/supervision/tickets?overdue=true'));
    expect(before.items.map((i) => i.id)).not.toContain(id);
    const dayAfter = new Date(`${ticket.dueDate}T10:00:00+08:00`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    t.clock.set(dayAfter.toISOString());
    try {
      const after = json<TicketPageJson>(await inject(w.countySupervisor.cookie, 'GET', '/api/v1/supervision/tickets?overdue=true&pageSize=200'));
      expect(after.items.find((i) => i.id === id)).toMatchObject({ overdue: true });
      const detail = json<TicketDetail>(await inject(w.approver.cookie, 'GET', `/api/v1/supervision/tickets/${id}`));
      expect(detail.overdue).toBe(true);
    } finally {
      t.clock.set(null);
    }
  });

  it("another county's supervisor and another department's staff cannot see or review the ticket", async () => {
    const id = await badTicket();
    const far = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: '350721000000' })).login);
    expect((await inject(far, 'GET', `/api/v1/supervision/tickets/${id}`)).statusCode).toBe(403);
    expect((await inject(far, 'POST', `/api/v1/supervision/tickets/${id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    const list = json<TicketPageJson>(await inject(far, 'GET', '/api/v1/supervision/tickets'));
    expect(list.items.map((i) => i.id)).not.toContain(id);
    expect((await inject(far, 'GET', `/api/v1/supervision/tickets?regionCode=${JY}`)).statusCode).toBe(403);
    const otherDept = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY })).login);
    expect((await inject(otherDept, 'POST', `/api/v1/supervision/tickets/${id}/verify`, { substantiated: true, verification: '属实' })).statusCode).toBe(403);
    const theirs = json<TicketPageJson>(await inject(otherDept, 'GET', '/api/v1/supervision/tickets/department'));
    expect(theirs.items.map((i) => i.id)).not.toContain(id);
    // The city supervisor sees every county's tickets.
    const city = json<TicketPageJson>(await inject(w.citySupervisor.cookie, 'GET', '/api/v1/supervision/tickets?status=open&pageSize=200'));
    expect(city.items.map((i) => i.id)).toContain(id);
  });
});

describe('public statistics (好差评公示)', () => {
  it('equal a plain SQL count per department, without personal data', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/supervision/ratings/public?regionCode=${JY}` });
    expect(res.statusCode).toBe(200);
    const stats = json<PublicRatingStats>(res);
    const mine = stats.departments.find((d) => d.departmentId === w.departmentId);
    const expected = await firstRow<{ n: number; avg: number; bad: number; l5: number; tickets: number; closed: number }>(t.ctx.db, sql`
      select count(*)::int as n, avg(overall)::float8 as avg, count(*) filter (where overall <= 2)::int as bad, count(*) filter (where overall = 5)::int as l5,
        (select count(*)::int from rectification_tickets where department_id = ${w.departmentId}) as tickets,
        (select count(*)::int from rectification_tickets where department_id = ${w.departmentId} and status = 'closed') as closed
      from ratings where department_id = ${w.departmentId}`);
    expect(expected?.n).toBeGreaterThan(5);
    expect(mine).toMatchObject({ ratings: expected?.n, bad: expected?.bad, tickets: expected?.tickets, closed: expected?.closed });
    expect(mine?.average).toBeCloseTo(expected?.avg ?? 0, 10);
    expect(mine?.levels[4]).toBe(expected?.l5);
    expect(mine?.levelShares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(mine?.closedShare).toBeCloseTo((expected?.closed ?? 0) / (expected?.tickets ?? 1), 10);
    expect(stats.totals.ratings).toBe(stats.departments.reduce((s, d) => s + d.ratings, 0));
    expect(res.body).not.toContain('林小梅');
    expect(res.body).not.toContain('超时了');

    const empty = json<PublicRatingStats>(await t.app.inject({ method: 'GET', url: `/api/v1/supervision/ratings/public?regionCode=${JY}&from=2020-01-01&to=2020-12-31` }));
    expect(empty.departments).toEqual([]);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/ratings/public?from=2026-12-01&to=2026-01-01' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('from');
  });
});
