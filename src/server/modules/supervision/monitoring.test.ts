import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { buildSupervisionWorld, buildWorldCase, type SupervisionWorld } from '../../../../test/support/supervision-factories.ts';
import { firstRow, rows } from '../../platform/db.ts';

type Warning = { id: string; caseId: string; pointCode: string; level: string; status: string; detail: Record<string, unknown>; recipients: { id: string; name: string }[] };
type Page = { items: Warning[]; total: number };

let t: TestApp;
let w: SupervisionWorld;

/** Monday 7 December 2026 (no holiday that week), at ten in the morning in 南平. */
const MONDAY = '2026-12-07T10:00:00+08:00';

async function call<T>(cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

async function scan(): Promise<{ raised: number; resolved: number }> {
  const r = await call<{ raised: number; resolved: number }>(w.citySupervisor.cookie, 'POST', '/api/v1/supervision/scan');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function warningsOf(caseId: string, status = 'open'): Promise<Warning[]> {
  const r = await call<Page>(w.citySupervisor.cookie, 'GET', `/api/v1/supervision/warnings?status=${status}&pageSize=100`);
  expect(r.status).toBe(200);
  return r.body.items.filter((x) => x.caseId === caseId);
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(MONDAY);
  w = await buildSupervisionWorld(t, { limitDays: 3 });
});
afterAll(async () => {
  await t.close();
});

describe('monitoring points and warnings', () => {
  it('warns the handler when a case nears its deadline (yellow), turns red past it, and shows it to supervisors', async () => {
    const c = await buildWorldCase(t, w, 'processing');
    expect(c.clock?.due).toBe('2026-12-10');
    await scan();
    expect(await warningsOf(c.id)).toEqual([]);

    // Tuesday: two working days left = the yellow threshold.
    t.clock.set('2026-12-08T09:00:00+08:00');
    await scan();
    const [yellow] = await warningsOf(c.id);
    expect(yellow).toMatchObject({ pointCode: 'processing_near_deadline', level: 'yellow', detail: { workingDaysLeft: 2, dueDate: '2026-12-10' } });
    // The approval task is unclaimed: every approver of the department is told.
    expect(yellow?.recipients.map((r) => r.id)).toContain(w.approver.id);
    const told = await rows<{ title: string; link: string }>(t.ctx.db, sql`select title, link from notifications where recipient_account_id = ${w.approver.id} and kind = 'supervision.warning.yellow'`);
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toContain('黄灯预警');
    expect(told[0]?.link).toBe(`/workbench/cases/${c.id}`);
    const mine = await call<Page>(w.approver.cookie, 'GET', '/api/v1/supervision/my-warnings');
    expect(mine.body.items.map((x) => x.caseId)).toContain(c.id);

    // A second scan the same day raises nothing new and tells nobody again.
    const again = await scan();
    expect(again.raised).toBe(0);
    expect(await rows(t.ctx.db, sql`select 1 from notifications where recipient_account_id = ${w.approver.id} and kind like 'supervision.warning.%'`)).toHaveLength(1);

    // Friday: past the due date — the yellow warning is cleared, a red one raised.
    t.clock.set('2026-12-11T09:00:00+08:00');
    await scan();
    const open = await warningsOf(c.id);
    expect(open.map((x) => [x.pointCode, x.level])).toEqual([['processing_overdue', 'red']]);
    const red = await call<Page>(w.countySupervisor.cookie, 'GET', '/api/v1/supervision/warnings?level=red');
    expect(red.body.items.map((x) => x.caseId)).toContain(c.id);
    const cleared = (await warningsOf(c.id, 'resolved'))[0];
    expect(cleared?.pointCode).toBe('processing_near_deadline');

    // Completing the case clears the red warning at the next scan.
    const task = (await firstRow<{ id: string }>(t.ctx.db, sql`select id from case_tasks where case_id = ${c.id} and status in ('open', 'claimed')`))?.id ?? '';
    const done = await call(w.approver.cookie, 'POST', `/api/v1/cases/${c.id}/tasks/${task}/approve`, { opinion: '准予' });
    expect(done.status).toBe(200);
    const after = await scan();
    expect(after.resolved).toBeGreaterThanOrEqual(1);
    expect(await warningsOf(c.id)).toEqual([]);
    t.clock.set(MONDAY);
  });

  it('warns of an application not accepted in time, of repeated supplements and of a refusal without reasons', async () => {
    t.clock.set(MONDAY);
    const waiting = await buildWorldCase(t, w, 'submitted');
    const twice = await buildWorldCase(t, w, 'processing');
    await t.ctx.db.execute(sql`update cases set supplement_count = 2 where id = ${twice.id}`);
    const refused = await buildWorldCase(t, w, 'submitted');
    const r = await call(w.clerk.cookie, 'POST', `/api/v1/cases/${refused.id}/not-accept`, { reasons: ['不符'], notice: '不予受理通知书' });
    expect(r.status).toBe(200);

    // Six working days later (Tuesday of the next week) the waiting application is over the 5-day threshold.
    t.clock.set('2026-12-15T09:00:00+08:00');
    await scan();
    expect((await warningsOf(waiting.id)).map((x) => x.pointCode)).toEqual(['acceptance_overdue']);
    expect((await warningsOf(twice.id)).map((x) => x.pointCode)).toContain('repeated_supplement');
    expect((await warningsOf(refused.id)).map((x) => x.pointCode)).toEqual(['rejected_without_reason']);
    // The window clerks of the department are told of the application waiting for a decision.
    expect((await warningsOf(waiting.id))[0]?.recipients.map((x) => x.id)).toContain(w.clerk.id);

    // A supervisor checks the refusal and closes the warning: it is not raised again.
    const [warn] = await warningsOf(refused.id);
    const missing = await call<{ error: { details: { issues: { path: string }[] } } }>(w.citySupervisor.cookie, 'POST', `/api/v1/supervision/warnings/${warn?.id ?? ''}/resolve`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('note');
    const handled = await call(w.citySupervisor.cookie, 'POST', `/api/v1/supervision/warnings/${warn?.id ?? ''}/resolve`, { note: '已核实，理由见通知书，已要求窗口补充说明' });
    expect(handled.status).toBe(200);
    await scan();
    expect(await warningsOf(refused.id)).toEqual([]);
    const audited = await rows(t.ctx.db, sql`select 1 from audit_log where action = 'supervision.warning.resolve' and entity_id = ${warn?.id ?? ''}`);
    expect(audited).toHaveLength(1);
    t.clock.set(MONDAY);
  });

  it('lets a city supervisor change a threshold (audited), not a county one; bad values name the field', async () => {
    const county = await call<{ error: { code: string } }>(w.countySupervisor.cookie, 'PATCH', '/api/v1/supervision/points/processing_near_deadline', { threshold: 3 });
    expect(county.status).toBe(403);
    expect(county.body.error.code).toBe('OUT_OF_SCOPE');
    const bad = await call(w.citySupervisor.cookie, 'PATCH', '/api/v1/supervision/points/processing_near_deadline', { threshold: -1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('threshold');
    const unknown = await call(w.citySupervisor.cookie, 'PATCH', '/api/v1/supervision/points/no_such_point', { threshold: 1 });
    expect(unknown.status).toBe(400);
    const ok = await call<{ threshold: number; unit: string }>(w.citySupervisor.cookie, 'PATCH', '/api/v1/supervision/points/processing_near_deadline', { threshold: 3 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ threshold: 3, unit: 'working_days' });
    const audited = await rows(t.ctx.db, sql`select 1 from audit_log where action = 'supervision.point.update' and entity_id = 'processing_near_deadline'`);
    expect(audited).toHaveLength(1);
    await call(w.citySupervisor.cookie, 'PATCH', '/api/v1/supervision/points/processing_near_deadline', { threshold: 2 });
  });

  it('keeps another county’s supervisor out, and counts warnings point × region in the matrix', async () => {
    const other = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: '350702000000' })).login);
    const outside = await call(other, 'GET', '/api/v1/supervision/warnings?regionCode=350703000000');
    expect(outside.status).toBe(403);
    const own = await call<Page>(other, 'GET', '/api/v1/supervision/warnings?status=all');
    expect(own.body.total).toBe(0);
    const m = await call<{ rows: { key: string; counts: Record<string, number>; total: number }[]; totals: Record<string, number> }>(w.citySupervisor.cookie, 'GET', '/api/v1/supervision/warnings/matrix?by=region');
    expect(m.status).toBe(200);
    const jy = m.body.rows.find((r) => r.key === '350703000000');
    const direct = await firstRow<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from warnings where status = 'open' and region_code like '350703%'`);
    expect(jy?.total ?? 0).toBe(direct?.n);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/supervision/warnings/matrix.xlsx?by=department', headers: { cookie: w.citySupervisor.cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
