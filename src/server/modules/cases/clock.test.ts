import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseViewT } from '../../../common/schemas/cases.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildYearSchedule } from '../../../../test/support/calendar-factories.ts';
import { buildCase, publishImplementation } from '../../../../test/support/case-factories.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildCitizen, buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { buildGuideLicenseTypes, holdLicense } from '../../../../test/support/license-factories.ts';

// The time limit a case shows, counted in working days from the day the window accepted it, on the
// calendar the administrators loaded. The app's clock is stopped at the acceptance day so that the
// dates below do not depend on the day the suite runs.

const JY = '350703000000';
let t: TestApp;
let citizen = '';
let clerk = '';
let admin = '';
let implementationId = '';

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  const scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  const base = buildGuide();
  implementationId = (await publishImplementation(t.app, admins, scjg, buildGuide({
    statutoryLimit: { days: 20, unit: 'working_day' },
    promisedLimit: { days: 20, unit: 'working_day' },
    processSteps: [
      { key: 'accept', name: '受理', role: 'window_clerk', days: 1 },
      { key: 'review', name: '审查', role: 'approver', days: 10 },
      { key: 'decide', name: '决定', role: 'approver', days: 9 },
    ],
    materials: (base.materials ?? []).filter((m) => m.key === 'business-license'),
  }))).implementationId;
  const c = await buildCitizen(t.ctx);
  await holdLicense(t.ctx, { kind: 'person', name: '测试市民', code: c.idNumber });
  citizen = await loginCookie(t.app, c.login);
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg })).login);
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: '350700000000', departmentId: null })).login);
});
afterAll(async () => {
  t.clock.set(null);
  await t.close();
});

/** Apply online and have the window accept at `instant` (Asia/Shanghai); returns the case id. */
async function acceptedAt(instant: string): Promise<string> {
  t.clock.set(instant);
  const applied = await buildCase(t.app, citizen, { implementationId, formData: {}, materials: { 'business-license': { via: 'license', licenseNumber: '92350703MA00000001' } } });
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${applied.id}/accept`, headers: { cookie: clerk }, payload: { opinion: '材料齐全，予以受理' } });
  expect(res.statusCode).toBe(200);
  return applied.id;
}

async function view(id: string): Promise<CaseViewT> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: clerk } });
  expect(res.statusCode).toBe(200);
  return json<CaseViewT>(res);
}

describe('the time limit a case shows', () => {
  it('accepted on 2026-09-25 with 20 working days is due 2026-10-29 (中秋 + 国庆 skipped, 10-10 调休 counted)', async () => {
    const id = await acceptedAt('2026-09-25T10:00:00+08:00');
    const c = await view(id);
    expect(c.acceptedAt).toBe('2026-09-25T02:00:00.000Z');
    expect(c.clock).toMatchObject({ due: '2026-10-29', limitDays: 20, unit: 'working_day', used: 0, left: 20, provisional: false, unscheduledYears: [] });
  });

  it('is provisional while its deadline falls in a year with no schedule, and moves when the administrator loads that year', async () => {
    // 2026-12-18 (Fri) + 20 working days: 9 left in December, then 2027 counted Monday–Friday.
    const id = await acceptedAt('2026-12-18T10:00:00+08:00');
    expect((await view(id)).clock).toMatchObject({ due: '2027-01-15', provisional: true, unscheduledYears: [2027] });

    // The notice makes 2027-01-01 (a Friday) a holiday: the deadline moves one working day on.
    const load = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/2027', headers: { cookie: admin }, payload: buildYearSchedule(2027) });
    expect(load.statusCode).toBe(200);
    expect((await view(id)).clock).toMatchObject({ due: '2027-01-18', provisional: false, unscheduledYears: [] });
  });
});
