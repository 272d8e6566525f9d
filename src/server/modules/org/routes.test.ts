import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../../common/enums.ts';
import { creditCodeCheckChar } from '../../../common/identifiers.ts';
import { firstRow } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import {
  buildCitizen,
  buildCreditCode,
  buildDepartment,
  buildEnterprise,
  buildIdNumber,
  buildPhone,
  buildStaff,
  buildWindow,
  loginCookie,
  TEST_PASSWORD,
} from '../../../../test/support/factories.ts';
import * as org from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const FUJIAN = '350000000000';
const NANPING = '350700000000';
const YANPING = '350702000000'; // 延平区
const JIANYANG = '350703000000'; // 建阳区
const WUYISHAN = '350782000000'; // 武夷山市
const XINGTIAN = '350782101000'; // 兴田镇 (武夷山市)
// 政和县 is reserved for the statistics test: nothing else in this file creates data there.
const ZHENGHE = '350725000000';

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type RegionJson = { code: string; name: string; level: number; parentCode: string | null; childCount: number };
type RegionDetailJson = RegionJson & { path: { code: string; name: string; level: number }[] };
type DepartmentJson = { id: string; name: string; creditCode: string | null; level: string; regionCode: string; regionName: string; phone: string | null; active: boolean; staffCount: number };
type WindowJson = { id: string; number: string; hall: string; regionCode: string; regionName: string; departmentId: string | null; departmentName: string | null };
type StaffJson = {
  id: string;
  kind: string;
  username: string;
  roles: string[];
  phoneMasked: string | null;
  idNumberMasked: string | null;
  scope: { regionCode: string; departmentId: string | null } | null;
  title: string | null;
  windowId: string | null;
  departmentName: string | null;
  regionName: string | null;
};
type StaffPageJson = { items: StaffJson[]; total: number };
type StatsRow = { regionCode: string; regionName: string; departments: number; windows: number; staff: number; citizens: number; enterprises: number };
type StatsJson = { region: { code: string; name: string }; items: StatsRow[]; totals: Omit<StatsRow, 'regionCode' | 'regionName'> };

function errorOf(res: LightMyRequestResponse) {
  return json<ErrorJson>(res).error;
}

/** A staff member built through the service and logged in through the API. */
async function loggedInStaff(o: { roles: StaffRole[]; regionCode: string; departmentId?: string | null }) {
  const s = await buildStaff(t.ctx, o);
  return { ...s, cookie: await loginCookie(t.app, s.login) };
}

let usernameSeq = 0;
/** A valid body for POST /api/v1/org/staff. */
function staffBody(o: { regionCode: string; departmentId: string | null; roles?: StaffRole[]; windowId?: string; title?: string }) {
  usernameSeq++;
  return {
    username: `org.test${usernameSeq}.${Date.now() % 100_000}`,
    name: '林窗口',
    idNumber: buildIdNumber({ county: o.regionCode.slice(0, 6) }),
    phone: buildPhone(),
    password: TEST_PASSWORD,
    roles: o.roles ?? ['window_clerk'],
    regionCode: o.regionCode,
    departmentId: o.departmentId,
    ...(o.windowId ? { windowId: o.windowId } : {}),
    ...(o.title ? { title: o.title } : {}),
  };
}

describe('regions (public directory)', () => {
  it('lists 福建省 at the top and the 10 counties of 南平 below the city', async () => {
    const top = await t.app.inject({ method: 'GET', url: '/api/v1/org/regions' });
    expect(top.statusCode).toBe(200);
    expect(json<{ items: RegionJson[] }>(top).items).toEqual([{ code: FUJIAN, name: '福建省', level: 1, parentCode: null, childCount: 1 }]);

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org/regions?parent=${NANPING}` });
    expect(res.statusCode).toBe(200);
    const counties = json<{ items: RegionJson[] }>(res).items;
    expect(counties).toHaveLength(10);
    expect(counties.map((c) => c.name)).toEqual(expect.arrayContaining(['延平区', '建阳区', '武夷山市', '政和县']));
    for (const c of counties) {
      expect(c.level).toBe(3);
      expect(c.parentCode).toBe(NANPING);
      expect(c.childCount).toBeGreaterThan(0);
    }
  });

  it('finds 兴田镇 by name and gives a village its path up to the province', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org/regions?q=${encodeURIComponent('兴田')}` });
    expect(res.statusCode).toBe(200);
    const found = json<{ items: RegionJson[] }>(res).items;
    expect(found).toContainEqual(expect.objectContaining({ code: XINGTIAN, name: '兴田镇', level: 4, parentCode: WUYISHAN }));
    expect(found.every((r) => r.name.includes('兴田'))).toBe(true);

    const detail = await t.app.inject({ method: 'GET', url: '/api/v1/org/regions/350782101001' });
    expect(detail.statusCode).toBe(200);
    const body = json<RegionDetailJson>(detail);
    expect(body).toMatchObject({ code: '350782101001', level: 5, parentCode: XINGTIAN });
    expect(body.path.map((p) => p.name).join(' › ')).toBe('福建省 › 南平市 › 武夷山市 › 兴田镇');
    expect(body.path.map((p) => p.level)).toEqual([1, 2, 3, 4]);
  });

  it('answers a malformed code with 400 naming code, and an unknown code with 404', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/org/regions/35070' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
    expect(errorOf(bad).details?.[0]?.path).toBe('code');

    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/org/regions/350799999999' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');

    const badParent = await t.app.inject({ method: 'GET', url: '/api/v1/org/regions?parent=abc' });
    expect(badParent.statusCode).toBe(400);
    expect(errorOf(badParent).details?.[0]?.path).toBe('parent');
    const unknownParent = await t.app.inject({ method: 'GET', url: '/api/v1/org/regions?parent=350799000000' });
    expect(unknownParent.statusCode).toBe(404);
  });
});

describe('editing regions', () => {
  it('lets a city system_admin add a village under a town, refusing a code that does not extend the town', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/org/regions', headers: { cookie: admin.cookie },
      payload: { code: '350782101990', name: '兴田新社区', parentCode: XINGTIAN },
    });
    expect(res.statusCode).toBe(201);
    const created = json<RegionDetailJson>(res);
    expect(created).toMatchObject({ code: '350782101990', name: '兴田新社区', level: 5, parentCode: XINGTIAN, childCount: 0 });
    expect(created.path.map((p) => p.name)).toEqual(['福建省', '南平市', '武夷山市', '兴田镇']);
    const children = json<{ items: RegionJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/regions?parent=${XINGTIAN}` })).items;
    expect(children.map((c) => c.code)).toContain('350782101990');

    // 350782102… belongs to another town of 武夷山市.
    const outside = await t.app.inject({
      method: 'POST', url: '/api/v1/org/regions', headers: { cookie: admin.cookie },
      payload: { code: '350782102990', name: '错位社区', parentCode: XINGTIAN },
    });
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside).details?.[0]?.path).toBe('code');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/regions/350782102990' })).statusCode).toBe(404);

    const again = await t.app.inject({
      method: 'POST', url: '/api/v1/org/regions', headers: { cookie: admin.cookie },
      payload: { code: '350782101990', name: '重复社区', parentCode: XINGTIAN },
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).details?.[0]?.path).toBe('code');
  });

  it('renames a region and records the old and new names in the audit log', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/org/regions/350782101201', headers: { cookie: admin.cookie }, payload: { name: '兴田村' } });
    expect(res.statusCode).toBe(200);
    expect(json<RegionDetailJson>(res).name).toBe('兴田村');
    expect(json<RegionJson>(await t.app.inject({ method: 'GET', url: '/api/v1/org/regions/350782101201' })).name).toBe('兴田村');
    const row = await firstRow<{ before: { name: string }; after: { name: string }; actor_account_id: string }>(
      t.database.db,
      sql`select before, after, actor_account_id from audit_log where action = 'org.region.rename' and entity_id = '350782101201'`,
    );
    expect(row).toEqual({ before: { name: '兴田村委会' }, after: { name: '兴田村' }, actor_account_id: admin.id });
  });

  it('refuses a county admin renaming a region of another county', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/regions/${XINGTIAN}`, headers: { cookie: admin.cookie }, payload: { name: '改名镇' } });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('OUT_OF_SCOPE');
    expect(json<RegionJson>(await t.app.inject({ method: 'GET', url: `/api/v1/org/regions/${XINGTIAN}` })).name).toBe('兴田镇');
  });
});

describe('departments', () => {
  let admin: Awaited<ReturnType<typeof loggedInStaff>>;
  beforeAll(async () => {
    admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
  });

  function createDepartment(payload: Record<string, unknown>, cookie = admin.cookie) {
    return t.app.inject({ method: 'POST', url: '/api/v1/org/departments', headers: { cookie }, payload });
  }

  it('creates a county bureau and lists it in its county but not in another', async () => {
    // A government body's credit code starts 11 (机构编制, 机关); recompute the check character for it.
    const first17 = buildCreditCode('350703').replace(/^91/, '11').slice(0, 17);
    const valid = first17 + creditCodeCheckChar(first17);
    const res = await createDepartment({ name: '建阳区测试市场监督管理局', shortName: '市场监管局', creditCode: valid, level: 'county', regionCode: JIANYANG, phone: '0599-5821234' });
    expect(res.statusCode).toBe(201);
    const d = json<DepartmentJson>(res);
    expect(d).toMatchObject({ name: '建阳区测试市场监督管理局', creditCode: valid, level: 'county', regionCode: JIANYANG, regionName: '建阳区', active: true, staffCount: 0 });

    const inJianyang = json<{ items: DepartmentJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments?regionCode=${JIANYANG}` })).items;
    expect(inJianyang.map((x) => x.id)).toContain(d.id);
    expect(inJianyang.every((x) => x.regionCode.startsWith('350703'))).toBe(true);
    const inYanping = json<{ items: DepartmentJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments?regionCode=${YANPING}` })).items;
    expect(inYanping.map((x) => x.id)).not.toContain(d.id);
    expect(inYanping.every((x) => x.regionCode.startsWith('350702'))).toBe(true);
    // The city view is the whole subtree.
    const inCity = json<{ items: DepartmentJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments?regionCode=${NANPING}` })).items;
    expect(inCity.map((x) => x.id)).toContain(d.id);
  });

  it('refuses a wrong credit-code check character, a level that does not fit the region, and a duplicate name', async () => {
    const good = buildCreditCode('350703');
    const wrongCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const bad = await createDepartment({ name: '校验位错误局', creditCode: wrongCheck, level: 'county', regionCode: JIANYANG });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('creditCode');

    const wrongLevel = await createDepartment({ name: '层级错误局', level: 'city', regionCode: JIANYANG });
    expect(wrongLevel.statusCode).toBe(400);
    expect(errorOf(wrongLevel).details?.[0]?.path).toBe('level');
    const villageDept = await createDepartment({ name: '村级部门', level: 'town', regionCode: '350782101001' });
    expect(villageDept.statusCode).toBe(400);
    expect(errorOf(villageDept).details?.[0]?.path).toBe('level');

    const unknownRegion = await createDepartment({ name: '无区划局', level: 'county', regionCode: '350799000000' });
    expect(unknownRegion.statusCode).toBe(400);
    expect(errorOf(unknownRegion).details?.[0]?.path).toBe('regionCode');

    expect((await createDepartment({ name: '建阳区同名局', level: 'county', regionCode: JIANYANG })).statusCode).toBe(201);
    const dup = await createDepartment({ name: '建阳区同名局', level: 'county', regionCode: JIANYANG });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details?.[0]?.path).toBe('name');
    // The same name in another county is a different body.
    expect((await createDepartment({ name: '建阳区同名局', level: 'county', regionCode: YANPING })).statusCode).toBe(201);
    const n = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from departments where name = '建阳区同名局'`);
    expect(n?.n).toBe(2);
  });

  it('refuses a credit code that another department already holds with 409 naming creditCode', async () => {
    const creditCode = buildCreditCode('350703');
    expect((await createDepartment({ name: '持码局甲', creditCode, level: 'county', regionCode: JIANYANG })).statusCode).toBe(201);
    const dup = await createDepartment({ name: '持码局乙', creditCode, level: 'county', regionCode: JIANYANG });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details?.[0]?.path).toBe('creditCode');

    const other = json<DepartmentJson>(await createDepartment({ name: '持码局丙', level: 'county', regionCode: JIANYANG }));
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${other.id}`, headers: { cookie: admin.cookie }, payload: { creditCode } });
    expect(patch.statusCode).toBe(409);
    expect(errorOf(patch).details?.[0]?.path).toBe('creditCode');
  });

  it('links a county bureau to its city bureau and refuses a parent that does not exist or lies in another county', async () => {
    const city = json<DepartmentJson>(await createDepartment({ name: '南平市测试上级局', level: 'city', regionCode: NANPING }));
    const child = await createDepartment({ name: '建阳区测试下级局', level: 'county', regionCode: JIANYANG, parentId: city.id });
    expect(child.statusCode).toBe(201);
    expect(json<{ parentId: string }>(child).parentId).toBe(city.id);

    const yanping = json<DepartmentJson>(await createDepartment({ name: '延平区测试局', level: 'county', regionCode: YANPING }));
    const cross = await createDepartment({ name: '建阳区跨县下级局', level: 'county', regionCode: JIANYANG, parentId: yanping.id });
    expect(cross.statusCode).toBe(400);
    expect(errorOf(cross).details?.[0]?.path).toBe('parentId');

    const missing = await createDepartment({ name: '建阳区无上级局', level: 'county', regionCode: JIANYANG, parentId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details?.[0]?.path).toBe('parentId');
  });

  it('refuses to make a department the parent of its own parent', async () => {
    const a = json<DepartmentJson>(await createDepartment({ name: '建阳区环甲局', level: 'county', regionCode: JIANYANG }));
    const b = json<DepartmentJson>(await createDepartment({ name: '建阳区环乙局', level: 'county', regionCode: JIANYANG, parentId: a.id }));
    const cycle = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${a.id}`, headers: { cookie: admin.cookie }, payload: { parentId: b.id } });
    expect(cycle.statusCode).toBe(400);
    expect(errorOf(cycle).details?.[0]?.path).toBe('parentId');
    const self = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${a.id}`, headers: { cookie: admin.cookie }, payload: { parentId: a.id } });
    expect(self.statusCode).toBe(400);
    expect(errorOf(self).details?.[0]?.path).toBe('parentId');
    const after = json<{ parentId: string | null }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments/${a.id}` }));
    expect(after.parentId).toBeNull();
  });

  it('updates a department, audits it, and hides it from the directory once inactive', async () => {
    const d = json<DepartmentJson>(await createDepartment({ name: '建阳区待改局', level: 'county', regionCode: JIANYANG }));
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/org/departments/${d.id}`, headers: { cookie: admin.cookie },
      payload: { name: '建阳区已改局', phone: '0599-5820000', address: '建阳区政务服务中心三楼' },
    });
    expect(res.statusCode).toBe(200);
    expect(json<DepartmentJson>(res)).toMatchObject({ id: d.id, name: '建阳区已改局', phone: '0599-5820000', level: 'county', regionCode: JIANYANG });
    const audited = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'org.department.update' and entity_id = ${d.id}`);
    expect(audited?.n).toBe(1);

    const taken = json<DepartmentJson>(await createDepartment({ name: '建阳区占名局', level: 'county', regionCode: JIANYANG }));
    const clash = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${d.id}`, headers: { cookie: admin.cookie }, payload: { name: taken.name } });
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).details?.[0]?.path).toBe('name');

    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/departments/${d.id}`, headers: { cookie: admin.cookie }, payload: { active: false } });
    expect(json<DepartmentJson>(off).active).toBe(false);
    const listed = json<{ items: DepartmentJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments?regionCode=${JIANYANG}` })).items;
    expect(listed.map((x) => x.id)).not.toContain(d.id);
    const all = json<{ items: DepartmentJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments?regionCode=${JIANYANG}&includeInactive=true` })).items;
    expect(all.map((x) => x.id)).toContain(d.id);
  });

  it('answers an unknown department with 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/org/departments/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
  });
});

describe('windows', () => {
  it('creates a window, refuses a second one with the same number in the same hall, and lists windows by region', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const dept = await buildDepartment(t.ctx, { regionCode: WUYISHAN });
    const payload = { name: '不动产登记窗口', number: 'B07', kind: 'specialised', hall: '武夷山市政务服务中心', regionCode: WUYISHAN, departmentId: dept.id };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/org/windows', headers: { cookie: admin.cookie }, payload });
    expect(res.statusCode).toBe(201);
    const w = json<WindowJson>(res);
    expect(w).toMatchObject({ number: 'B07', hall: '武夷山市政务服务中心', regionCode: WUYISHAN, regionName: '武夷山市', departmentId: dept.id, departmentName: dept.name });

    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/org/windows', headers: { cookie: admin.cookie }, payload: { ...payload, name: '另一个窗口' } });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details?.[0]?.path).toBe('number');
    // The same number in another hall is fine.
    const otherHall = await t.app.inject({ method: 'POST', url: '/api/v1/org/windows', headers: { cookie: admin.cookie }, payload: { ...payload, hall: '武夷山市不动产登记中心' } });
    expect(otherHall.statusCode).toBe(201);

    const badNumber = await t.app.inject({ method: 'POST', url: '/api/v1/org/windows', headers: { cookie: admin.cookie }, payload: { ...payload, number: '七号' } });
    expect(badNumber.statusCode).toBe(400);
    expect(errorOf(badNumber).details?.[0]?.path).toBe('number');

    const elsewhere = await buildWindow(t.ctx, { regionCode: YANPING });
    const list = json<{ items: WindowJson[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/org/windows?regionCode=${WUYISHAN}` })).items;
    expect(list.map((x) => x.id)).toEqual(expect.arrayContaining([w.id, json<WindowJson>(otherHall).id]));
    expect(list.map((x) => x.id)).not.toContain(elsewhere.id);
    expect(list.every((x) => x.regionCode.startsWith('350782'))).toBe(true);
  });

  it('renumbers a window but not onto a number already taken in its hall', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const a = await buildWindow(t.ctx, { regionCode: WUYISHAN, number: 'C01' });
    const b = await buildWindow(t.ctx, { regionCode: WUYISHAN, number: 'C02' });
    const clash = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/windows/${b.id}`, headers: { cookie: admin.cookie }, payload: { number: a.number } });
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).details?.[0]?.path).toBe('number');
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/windows/${b.id}`, headers: { cookie: admin.cookie }, payload: { number: 'C03' } });
    expect(ok.statusCode).toBe(200);
    expect(json<WindowJson>(ok).number).toBe('C03');
  });
});

describe('staff', () => {
  it('creates a staff member with roles, region, department, window and title; the view names department and region', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const dept = await buildDepartment(t.ctx, { regionCode: JIANYANG });
    const win = await buildWindow(t.ctx, { regionCode: JIANYANG, departmentId: dept.id });
    const body = staffBody({ regionCode: JIANYANG, departmentId: dept.id, roles: ['window_clerk', 'approver'], windowId: win.id, title: '综合受理员' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: body });
    expect(res.statusCode).toBe(201);
    const s = json<StaffJson>(res);
    expect(s).toMatchObject({
      kind: 'staff', username: body.username, scope: { regionCode: JIANYANG, departmentId: dept.id },
      departmentName: dept.name, regionName: '建阳区', windowId: win.id, title: '综合受理员',
    });
    expect([...s.roles].sort()).toEqual(['approver', 'window_clerk']);
    // Personal numbers are masked in the console view.
    expect(s.phoneMasked).toBe(`${body.phone.slice(0, 3)}****${body.phone.slice(7)}`);
    expect(JSON.stringify(s)).not.toContain(body.idNumber);

    const got = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff/${s.id}`, headers: { cookie: admin.cookie } });
    expect(json<StaffJson>(got)).toMatchObject({ id: s.id, departmentName: dept.name, regionName: '建阳区', windowId: win.id });
    // The new member can log in with the username and password the admin set.
    expect(await loginCookie(t.app, body.username, body.password)).toMatch(/^tb_sid=/);
    const d = json<DepartmentJson>(await t.app.inject({ method: 'GET', url: `/api/v1/org/departments/${dept.id}` }));
    expect(d.staffCount).toBe(1);
  });

  it('refuses a department of another county than the staff member’s region, naming departmentId', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const yanpingDept = await buildDepartment(t.ctx, { regionCode: YANPING });
    const body = staffBody({ regionCode: JIANYANG, departmentId: yanpingDept.id });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.path).toBe('departmentId');
    const stored = await firstRow(t.database.db, sql`select 1 from accounts where username = ${body.username}`);
    expect(stored).toBeUndefined();

    const yanpingWindow = await buildWindow(t.ctx, { regionCode: YANPING });
    const jianyangDept = await buildDepartment(t.ctx, { regionCode: JIANYANG });
    const badWindow = await t.app.inject({
      method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie },
      payload: staffBody({ regionCode: JIANYANG, departmentId: jianyangDept.id, windowId: yanpingWindow.id }),
    });
    expect(badWindow.statusCode).toBe(400);
    expect(errorOf(badWindow).details?.[0]?.path).toBe('windowId');
  });

  it('refuses a username already in use with 409 naming username', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: NANPING });
    const dept = await buildDepartment(t.ctx, { regionCode: JIANYANG });
    const body = staffBody({ regionCode: JIANYANG, departmentId: dept.id });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: body })).statusCode).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: { ...body, idNumber: buildIdNumber({ county: '350703' }), phone: buildPhone() } });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details?.[0]?.path).toBe('username');
  });
});

describe('unlocking staff', () => {
  it('lets an admin of the county lift a lockout, and refuses an admin of another county', async () => {
    const clerk = await buildStaff(t.ctx, { regionCode: JIANYANG });
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: clerk.login, password: 'Wrong@Passw0rd' } });
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: clerk.login, password: clerk.password } });
    expect(locked.statusCode).toBe(423);

    const outsider = await loggedInStaff({ roles: ['system_admin'], regionCode: YANPING });
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/org/staff/${clerk.id}/unlock`, headers: { cookie: outsider.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('OUT_OF_SCOPE');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: clerk.login, password: clerk.password } })).statusCode).toBe(423);

    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/org/staff/${clerk.id}/unlock`, headers: { cookie: admin.cookie } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: clerk.login, password: clerk.password } })).statusCode).toBe(200);
  });
});

describe('data scope', () => {
  it('lets a 建阳区 system_admin create departments and staff in 建阳区 but not in 延平区', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const outDept = await t.app.inject({ method: 'POST', url: '/api/v1/org/departments', headers: { cookie: admin.cookie }, payload: { name: '越权设立局', level: 'county', regionCode: YANPING } });
    expect(outDept.statusCode).toBe(403);
    expect(errorOf(outDept).code).toBe('OUT_OF_SCOPE');
    expect(await firstRow(t.database.db, sql`select 1 from departments where name = '越权设立局'`)).toBeUndefined();

    const inDept = await t.app.inject({ method: 'POST', url: '/api/v1/org/departments', headers: { cookie: admin.cookie }, payload: { name: '建阳区自设局', level: 'county', regionCode: JIANYANG } });
    expect(inDept.statusCode).toBe(201);
    const deptId = json<DepartmentJson>(inDept).id;

    const yanpingDept = await buildDepartment(t.ctx, { regionCode: YANPING });
    const outStaff = await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: staffBody({ regionCode: YANPING, departmentId: yanpingDept.id }) });
    expect(outStaff.statusCode).toBe(403);
    expect(errorOf(outStaff).code).toBe('OUT_OF_SCOPE');
    // Nor at city level above the admin's own county.
    const upStaff = await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: staffBody({ regionCode: NANPING, departmentId: null, roles: ['system_admin'] }) });
    expect(upStaff.statusCode).toBe(403);
    expect(errorOf(upStaff).code).toBe('OUT_OF_SCOPE');

    const inStaff = await t.app.inject({ method: 'POST', url: '/api/v1/org/staff', headers: { cookie: admin.cookie }, payload: staffBody({ regionCode: JIANYANG, departmentId: deptId }) });
    expect(inStaff.statusCode).toBe(201);
  });

  it('does not let a 建阳区 system_admin move staff out of the county or touch 延平区 staff', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const own = await buildStaff(t.ctx, { regionCode: JIANYANG, departmentId: null });
    const move = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${own.id}`, headers: { cookie: admin.cookie }, payload: { regionCode: YANPING } });
    expect(move.statusCode).toBe(403);
    const self = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${admin.id}`, headers: { cookie: admin.cookie }, payload: { regionCode: NANPING, departmentId: null } });
    expect(self.statusCode).toBe(403);
    const foreign = await buildStaff(t.ctx, { regionCode: YANPING });
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${foreign.id}`, headers: { cookie: admin.cookie }, payload: { roles: ['system_admin'] } });
    expect(patch.statusCode).toBe(403);
    expect(errorOf(patch).code).toBe('OUT_OF_SCOPE');
    const row = await firstRow<{ scope_region_code: string }>(t.database.db, sql`select scope_region_code from accounts where id = ${own.id}`);
    expect(row?.scope_region_code).toBe(JIANYANG);
  });

  it('keeps a 建阳区 window clerk to 建阳区 staff: 延平区 lists and members are 403, a colleague is 200', async () => {
    const dept = await buildDepartment(t.ctx, { regionCode: JIANYANG });
    const clerk = await loggedInStaff({ roles: ['window_clerk'], regionCode: JIANYANG, departmentId: dept.id });
    const colleague = await buildStaff(t.ctx, { regionCode: JIANYANG, departmentId: dept.id });
    const yanping = await buildStaff(t.ctx, { regionCode: YANPING });

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff?regionCode=${YANPING}`, headers: { cookie: clerk.cookie } });
    expect(list.statusCode).toBe(403);
    expect(errorOf(list).code).toBe('OUT_OF_SCOPE');
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff/${yanping.id}`, headers: { cookie: clerk.cookie } });
    expect(other.statusCode).toBe(403);
    expect(errorOf(other).code).toBe('OUT_OF_SCOPE');
    const mate = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff/${colleague.id}`, headers: { cookie: clerk.cookie } });
    expect(mate.statusCode).toBe(200);
    expect(json<StaffJson>(mate)).toMatchObject({ id: colleague.id, regionName: '建阳区', departmentName: dept.name });
    // A clerk edits nobody.
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${colleague.id}`, headers: { cookie: clerk.cookie }, payload: { roles: ['system_admin'] } });
    expect(edit.statusCode).toBe(403);
  });

  it('shows a department-bound window clerk only the colleagues of their own department', async () => {
    const mine = await buildDepartment(t.ctx, { regionCode: JIANYANG });
    const theirs = await buildDepartment(t.ctx, { regionCode: JIANYANG });
    const clerk = await loggedInStaff({ roles: ['window_clerk'], regionCode: JIANYANG, departmentId: mine.id });
    const colleague = await buildStaff(t.ctx, { regionCode: JIANYANG, departmentId: mine.id });
    const neighbour = await buildStaff(t.ctx, { regionCode: JIANYANG, departmentId: theirs.id });

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/org/staff', headers: { cookie: clerk.cookie } });
    expect(res.statusCode).toBe(200);
    const page = json<StaffPageJson>(res);
    expect(page.items.map((s) => s.id).sort()).toEqual([clerk.id, colleague.id].sort());
    expect(page.total).toBe(2);
    expect(page.items.every((s) => s.scope?.departmentId === mine.id)).toBe(true);

    const byRegion = json<StaffPageJson>(await t.app.inject({ method: 'GET', url: `/api/v1/org/staff?regionCode=${JIANYANG}`, headers: { cookie: clerk.cookie } }));
    expect(byRegion.items.map((s) => s.id)).not.toContain(neighbour.id);
    const otherDept = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff?departmentId=${theirs.id}`, headers: { cookie: clerk.cookie } });
    expect(otherDept.statusCode).toBe(403);
    const neighbourRead = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff/${neighbour.id}`, headers: { cookie: clerk.cookie } });
    expect(neighbourRead.statusCode).toBe(403);

    // A 建阳区 system_admin works across departments and sees both.
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const all = json<StaffPageJson>(await t.app.inject({ method: 'GET', url: '/api/v1/org/staff?pageSize=100', headers: { cookie: admin.cookie } }));
    expect(all.items.map((s) => s.id)).toEqual(expect.arrayContaining([clerk.id, colleague.id, neighbour.id]));
    expect(all.items.every((s) => s.scope?.regionCode.startsWith('350703'))).toBe(true);
  });

  it('applies a role change at once: the old session ends, the new login has the new rights', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const clerk = await loggedInStaff({ roles: ['window_clerk'], regionCode: JIANYANG });
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/org/stats', headers: { cookie: clerk.cookie } });
    expect(before.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/staff', headers: { cookie: clerk.cookie } })).statusCode).toBe(200);

    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${clerk.id}`, headers: { cookie: admin.cookie }, payload: { roles: ['supervisor'] } });
    expect(patch.statusCode).toBe(200);
    expect(json<StaffJson>(patch).roles).toEqual(['supervisor']);

    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/org/staff', headers: { cookie: clerk.cookie } });
    expect(stale.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: clerk.cookie } })).statusCode).toBe(401);

    const fresh = await loginCookie(t.app, clerk.login);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/org/stats', headers: { cookie: fresh } });
    expect(after.statusCode).toBe(200);
    expect(json<StatsJson>(after).region.code).toBe(JIANYANG);
    // The admin's own session is untouched.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/staff', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
  });

  it('ends the sessions of a disabled staff member, who can no longer log in', async () => {
    const admin = await loggedInStaff({ roles: ['system_admin'], regionCode: JIANYANG });
    const clerk = await loggedInStaff({ roles: ['window_clerk'], regionCode: JIANYANG });
    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${clerk.id}`, headers: { cookie: admin.cookie }, payload: { status: 'disabled' } });
    expect(off.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: clerk.cookie } })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: clerk.login, password: clerk.password } });
    expect(login.statusCode).toBe(403);
    const selfOff = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/staff/${admin.id}`, headers: { cookie: admin.cookie }, payload: { status: 'disabled' } });
    expect(selfOff.statusCode).toBe(400);
    expect(errorOf(selfOff).details?.[0]?.path).toBe('status');
  });
});

describe('organisation statistics', () => {
  it('gives a 南平市 supervisor one row per county whose counts match what exists there', async () => {
    // 政和县: 2 active departments (a third one deactivated), 1 window, 2 staff, 3 citizens, 1 enterprise.
    const d1 = await buildDepartment(t.ctx, { regionCode: ZHENGHE });
    await buildDepartment(t.ctx, { regionCode: ZHENGHE });
    const closed = await buildDepartment(t.ctx, { regionCode: ZHENGHE });
    await org.updateDepartment(t.ctx, closed.id, { active: false });
    await buildWindow(t.ctx, { regionCode: ZHENGHE, departmentId: d1.id });
    await buildStaff(t.ctx, { regionCode: ZHENGHE, departmentId: d1.id });
    await buildStaff(t.ctx, { regionCode: ZHENGHE, departmentId: d1.id, roles: ['approver'] });
    for (let i = 0; i < 3; i++) await buildCitizen(t.ctx, { idNumber: buildIdNumber({ county: '350725' }) });
    await buildEnterprise(t.ctx, { creditCode: buildCreditCode('350725') });

    const sup = await loggedInStaff({ roles: ['supervisor'], regionCode: NANPING });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/org/stats', headers: { cookie: sup.cookie } });
    expect(res.statusCode).toBe(200);
    const stats = json<StatsJson>(res);
    expect(stats.region).toMatchObject({ code: NANPING, name: '南平市' });
    expect(stats.items).toHaveLength(10);
    expect(new Set(stats.items.map((i) => i.regionCode)).size).toBe(10);
    expect(stats.items.find((i) => i.regionCode === ZHENGHE)).toEqual({ regionCode: ZHENGHE, regionName: '政和县', departments: 2, windows: 1, staff: 2, citizens: 3, enterprises: 1 });

    // Totals are the counties plus the city's own bodies.
    const cityDepartments = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from departments where active and region_code = ${NANPING}`);
    const sum = (k: 'departments' | 'staff') => stats.items.reduce((n, i) => n + i[k], 0);
    expect(stats.totals.departments).toBe(sum('departments') + (cityDepartments?.n ?? 0));
    expect(stats.totals.staff).toBeGreaterThan(sum('staff'));

    const explicit = json<StatsJson>(await t.app.inject({ method: 'GET', url: `/api/v1/org/stats?regionCode=${ZHENGHE}`, headers: { cookie: sup.cookie } }));
    expect(explicit.region.name).toBe('政和县');
    expect(explicit.totals).toMatchObject({ departments: 2, windows: 1, staff: 2, citizens: 3, enterprises: 1 });
  });

  it('refuses a 建阳区 supervisor the statistics of 延平区', async () => {
    const sup = await loggedInStaff({ roles: ['supervisor'], regionCode: JIANYANG });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org/stats?regionCode=${YANPING}`, headers: { cookie: sup.cookie } });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('OUT_OF_SCOPE');
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/org/stats', headers: { cookie: sup.cookie } });
    expect(own.statusCode).toBe(200);
    const body = json<StatsJson>(own);
    expect(body.region.code).toBe(JIANYANG);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.regionCode.startsWith('350703'))).toBe(true);
  });
});

describe('who may edit', () => {
  const sampleId = '00000000-0000-4000-8000-000000000000';
  function editRoutes() {
    return t.app.routeRegistry
      .filter((r) => r.module === 'org' && r.method !== 'GET')
      .map((r) => ({ method: r.method, url: r.url.replace(':code', XINGTIAN).replace(':id', sampleId) }));
  }

  it('answers an anonymous caller of every edit route with 401, before looking at the body', async () => {
    const routes = editRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method, url: r.url, payload: {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers a citizen, and staff without the system_admin role, with 403', async () => {
    const c = await buildCitizen(t.ctx, { idNumber: buildIdNumber({ county: '350703' }) });
    const citizen = await loginCookie(t.app, c.login);
    const supervisor = (await loggedInStaff({ roles: ['supervisor'], regionCode: NANPING })).cookie;
    for (const r of editRoutes()) {
      for (const cookie of [citizen, supervisor]) {
        const res = await t.app.inject({ method: r.method, url: r.url, headers: { cookie }, payload: {} });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
        expect(errorOf(res).code).toBe('FORBIDDEN');
      }
    }
    const creates = await t.app.inject({ method: 'POST', url: '/api/v1/org/departments', headers: { cookie: citizen }, payload: { name: '市民设立局', level: 'county', regionCode: JIANYANG } });
    expect(creates.statusCode).toBe(403);
    expect(await firstRow(t.database.db, sql`select 1 from departments where name = '市民设立局'`)).toBeUndefined();
    // Citizens do not browse staff or statistics either.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/staff', headers: { cookie: citizen } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/stats', headers: { cookie: citizen } })).statusCode).toBe(403);
  });
});
