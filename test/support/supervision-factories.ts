import type { CaseViewT } from '../../src/common/schemas/cases.ts';
import { json, type TestApp } from './app.ts';
import { buildGuide } from './catalog-factories.ts';
import { buildCase, publishImplementation, uploadFile, type PublishedVersion } from './case-factories.ts';
import { buildCitizen, buildDepartment, buildStaff, buildWindow, loginCookie } from './factories.ts';

/** 建阳区 and 南平市. */
export const JY = '350703000000';
export const NP = '350700000000';

/** The people and the item of a supervision test: one county department handling one two-step item. */
export interface SupervisionWorld {
  departmentId: string;
  item: PublishedVersion;
  citizen: { id: string; cookie: string; name: string };
  clerk: { id: string; cookie: string };
  approver: { id: string; cookie: string };
  /** 南平市 supervisor (city-level: configures points and deadlines). */
  citySupervisor: { id: string; cookie: string };
  /** 建阳区 supervisor. */
  countySupervisor: { id: string; cookie: string };
}

/**
 * Build a world: a 建阳区 department with a window clerk and an approver, an item (受理 → 审批,
 * promised limit `limitDays` working days, a certificate result so no license is issued), a citizen
 * and two supervisors. Each call makes new, distinct people and a new department.
 */
export async function buildSupervisionWorld(t: TestApp, o: { limitDays?: number } = {}): Promise<SupervisionWorld> {
  const dept = await buildDepartment(t.ctx, { regionCode: JY, shortName: '市场监管局' });
  const sgb = await buildDepartment(t.ctx, { regionCode: NP });
  const editor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: NP, departmentId: sgb.id })).login);
  const reviewer = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: NP, departmentId: sgb.id })).login);
  const item = await publishImplementation(t.app, { editor, reviewer }, dept.id, buildGuide({
    name: '个体工商户名称变更登记',
    promisedLimit: { days: o.limitDays ?? 3, unit: 'working_day' },
    statutoryLimit: { days: 10, unit: 'working_day' },
    processSteps: [
      { key: 'accept', name: '受理', role: 'window_clerk', days: 1 },
      { key: 'decide', name: '审批', role: 'approver', days: 1 },
    ],
    materials: [{ key: 'application', name: '变更登记申请书', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } }],
    result: { type: 'certificate', name: '准予变更登记通知书' },
  }));
  const window = await buildWindow(t.ctx, { regionCode: JY, departmentId: dept.id });
  const person = await buildCitizen(t.ctx, { name: '林小梅' });
  const clerk = await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: dept.id, windowId: window.id });
  const approver = await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: dept.id });
  const city = await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: NP, departmentId: sgb.id });
  const county = await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: JY });
  return {
    departmentId: dept.id,
    item,
    citizen: { id: person.id, cookie: await loginCookie(t.app, person.login), name: '林小梅' },
    clerk: { id: clerk.id, cookie: await loginCookie(t.app, clerk.login) },
    approver: { id: approver.id, cookie: await loginCookie(t.app, approver.login) },
    citySupervisor: { id: city.id, cookie: await loginCookie(t.app, city.login) },
    countySupervisor: { id: county.id, cookie: await loginCookie(t.app, county.login) },
  };
}

async function post(t: TestApp, cookie: string, url: string, payload: object = {}): Promise<CaseViewT> {
  const res = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`POST ${url} → ${res.statusCode}: ${res.body}`);
  return json<CaseViewT>(res);
}

/**
 * A case of the world's item, taken through the API to `until`: submitted (待受理), processing
 * (受理, the approver's task open) or completed (审批通过 → 办结).
 */
export async function buildWorldCase(t: TestApp, w: SupervisionWorld, until: 'submitted' | 'processing' | 'completed' = 'completed'): Promise<CaseViewT> {
  const materials = { application: { via: 'upload' as const, fileIds: [await uploadFile(t.app, w.citizen.cookie, '变更登记申请书.pdf')] } };
  let c = await buildCase(t.app, w.citizen.cookie, { implementationId: w.item.implementationId, formData: {}, materials });
  if (until === 'submitted') return c;
  c = await post(t, w.clerk.cookie, `/api/v1/cases/${c.id}/accept`);
  if (until === 'processing') return c;
  const task = c.tasks.find((k) => k.status === 'open' || k.status === 'claimed');
  if (!task) throw new Error('the accepted case has no open task');
  return post(t, w.approver.cookie, `/api/v1/cases/${c.id}/tasks/${task.id}/approve`, { opinion: '准予变更' });
}
