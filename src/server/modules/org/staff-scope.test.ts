import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow, rows } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildDepartment, buildStaff, buildWindow, loginCookie } from '../../../../test/support/factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Me = { account: { scope: { regionCode: string; departmentId: string | null } | null } };
type StaffJson = { id: string; scope: { regionCode: string; departmentId: string | null }; windowId: string | null; regionName: string | null };

const JY = '350703000000'; // 建阳区
const YP = '350702000000'; // 延平区
let t: TestApp;
let admin = '';

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: '350700000000', departmentId: null })).login);
});
afterAll(async () => {
  await t.close();
});

async function clerkIn(departmentId: string, regionCode: string, windowId?: string) {
  const s = await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode, departmentId, ...(windowId ? { windowId } : {}) });
  return { ...s, cookie: await loginCookie(t.app, s.login) };
}

const me = async (cookie: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  return { status: res.statusCode, scope: res.statusCode === 200 ? json<Me>(res).account.scope : null };
};
const staffList = (cookie: string, regionCode: string) => t.app.inject({ method: 'GET', url: `/api/v1/org/staff?regionCode=${regionCode}`, headers: { cookie } });

describe('staff accounts follow department and region changes', () => {
  it('moving a clerk to a department of another county moves the data scope there in the same change, audited; the open session sees it on the next request', async () => {
    const jyDept = await buildDepartment(t.ctx, { regionCode: JY });
    const jyWindow = await buildWindow(t.ctx, { regionCode: JY, departmentId: jyDept.id });
    const ypDept = await buildDepartment(t.ctx, { regionCode: YP });
    const clerk = await clerkIn(jyDept.id, JY, jyWindow.id);
    expect((await staffList(clerk.cookie, JY)).statusCode).toBe(200);
    expect((await staffList(clerk.cookie, YP)).statusCode).toBe(403);

    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${clerk.id}`, headers: { cookie: admin }, payload: { departmentId: ypDept.id } });
    expect(res.statusCode).toBe(200);
    // The region followed the department; the 建阳区 window was given up.
    expect(json<StaffJson>(res)).toMatchObject({ scope: { regionCode: YP, departmentId: ypDept.id }, windowId: null, regionName: '延平区' });

    // Same session, next request: the new scope applies.
    expect(await me(clerk.cookie)).toEqual({ status: 200, scope: { regionCode: YP, departmentId: ypDept.id } });
    const old = await staffList(clerk.cookie, JY);
    expect(old.statusCode).toBe(403);
    expect(json<ErrorJson>(old).error.code).toBe('OUT_OF_SCOPE');
    expect((await staffList(clerk.cookie, YP)).statusCode).toBe(200);

    const a = await firstRow<{ before: { scope: { regionCode: string } }; after: { scope: { regionCode: string; departmentId: string } } }>(
      t.database.db, sql`select before, after from audit_log where action = 'identity.staff.update' and entity_id = ${clerk.id} order by seq desc limit 1`,
    );
    expect(a?.before.scope.regionCode).toBe(JY);
    expect(a?.after.scope).toEqual({ regionCode: YP, departmentId: ypDept.id });
    const pos = await firstRow<{ after: { windowId: string | null } }>(t.database.db, sql`select after from audit_log where action = 'org.staff.position' and entity_id = ${clerk.id} order by seq desc limit 1`);
    expect(pos?.after.windowId).toBeNull();
  });

  it('still ends the sessions when roles change (rights taken away need a new login)', async () => {
    const dept = await buildDepartment(t.ctx, { regionCode: JY });
    const clerk = await clerkIn(dept.id, JY);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${clerk.id}`, headers: { cookie: admin }, payload: { roles: ['approver'] } });
    expect(res.statusCode).toBe(200);
    expect((await me(clerk.cookie)).status).toBe(401);
  });

  it('refuses moving staff into an inactive department, naming departmentId', async () => {
    const closed = await buildDepartment(t.ctx, { regionCode: JY });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${closed.id}`, headers: { cookie: admin }, payload: { active: false } });
    const clerk = await clerkIn((await buildDepartment(t.ctx, { regionCode: JY })).id, JY);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${clerk.id}`, headers: { cookie: admin }, payload: { departmentId: closed.id } });
    expect(res.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(res).error.details[0]?.path).toBe('departmentId');
  });

  it('refuses to deactivate a department while staff remain; with reassignStaffTo the staff move in the same change and keep working', async () => {
    const closing = await buildDepartment(t.ctx, { regionCode: JY });
    const successor = await buildDepartment(t.ctx, { regionCode: JY });
    const a = await clerkIn(closing.id, JY);
    const b = await clerkIn(closing.id, JY);

    const refused = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${closing.id}`, headers: { cookie: admin }, payload: { active: false } });
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorJson>(refused).error).toMatchObject({ code: 'CONFLICT', details: { staffCount: 2, path: 'reassignStaffTo' } });
    const still = json<{ active: boolean; staffCount: number }>(await t.app.inject(`/api/v1/org/departments/${closing.id}`));
    expect(still).toMatchObject({ active: true, staffCount: 2 });

    const notClosing = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${closing.id}`, headers: { cookie: admin }, payload: { reassignStaffTo: successor.id } });
    expect(notClosing.statusCode).toBe(400);

    const done = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${closing.id}`, headers: { cookie: admin }, payload: { active: false, reassignStaffTo: successor.id } });
    expect(done.statusCode).toBe(200);
    expect(json<{ active: boolean; staffCount: number }>(done)).toMatchObject({ active: false, staffCount: 0 });
    const moved = await rows<{ id: string; scope_department_id: string }>(t.database.db, sql`select id, scope_department_id from accounts where id in (${a.id}, ${b.id})`);
    expect(moved.every((r) => r.scope_department_id === successor.id)).toBe(true);
    expect(await me(a.cookie)).toEqual({ status: 200, scope: { regionCode: JY, departmentId: successor.id } });
    const audited = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'identity.staff.update' and entity_id in (${a.id}, ${b.id})`);
    expect(audited?.n).toBe(2);
    const dept = await firstRow<{ after: { active: boolean; staffMoved: number } }>(t.database.db, sql`select after from audit_log where action = 'org.department.update' and entity_id = ${closing.id} order by seq desc limit 1`);
    expect(dept?.after).toMatchObject({ active: false, staffMoved: 2 });
  });
});
