import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuideLicenseTypes } from '../../../../test/support/license-factories.ts';
import { buildBasicCode, buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';

type Stats = { implementations: number; published: number; draft: number; inReview: number; cancelled: number; fullOnlineShare: number | null; immediateShare: number | null; zeroVisitShare: number | null; avgPromisedRatio: number | null };
type Response = {
  region: { code: string; name: string };
  totals: Stats;
  byRegion: { code: string; name: string; own: boolean; hasChildren: boolean; stats: Stats }[];
  byDepartment: { name: string; departments: number; stats: Stats }[];
  byItemType: { itemType: string; label: string; published: number }[];
  byOnlineDepth: { depth: number; published: number }[];
  comparison: { basicCode: string; regions: number; differing: number; byFacet: Record<string, number> }[];
};

const CITY = '350700000000';
const JY = '350703000000';
const YP = '350702000000';
const SC = '350721000000';
let t: TestApp;
let editor = '';
let reviewer = '';
let citySupervisor = '';
let jySupervisor = '';
let jyScjg = '';
const x = buildBasicCode();
const y = buildBasicCode();

async function call<T>(cookie: string | null, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

/** Add an item; 'draft' leaves it unsubmitted, 'review' submits it, 'publish' has a second admin approve it. */
async function add(departmentId: string, basicCode: string, guide: ReturnType<typeof buildGuide>, until: 'draft' | 'review' | 'publish' = 'publish'): Promise<void> {
  const draft = await call<{ id: string }>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode, departmentId, content: guide });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  if (until === 'draft') return;
  expect((await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`)).status).toBe(200);
  if (until === 'review') return;
  expect((await call(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' })).status).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  jyScjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局' })).id;
  const ypScjg = (await buildDepartment(t.ctx, { regionCode: YP, name: '延平区市场监督管理局' })).id;
  const scScjg = (await buildDepartment(t.ctx, { regionCode: SC, name: '顺昌县市场监督管理局' })).id;
  const jyWjw = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: CITY, name: '南平市审改办' })).id;
  editor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: CITY, departmentId: sgb })).login);
  reviewer = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: CITY, departmentId: sgb })).login);
  citySupervisor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: CITY, departmentId: sgb })).login);
  jySupervisor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: JY, departmentId: jyWjw })).login);

  // Item x (全程网办, promised 3 of 10 days) in three counties; 顺昌县 promises 2 days and so differs.
  await add(jyScjg, x, buildGuide());
  await add(ypScjg, x, buildGuide());
  const twoDays = [{ key: 'accept', name: '受理', role: 'window_clerk', days: 0 }, { key: 'decide', name: '决定', role: 'approver', days: 2 }] as const;
  await add(scScjg, x, buildGuide({ promisedLimit: { days: 2, unit: 'working_day' }, processSteps: [...twoDays] }));
  // Item y in 建阳区 only: 即办件 (0 days) at the window, one visit, enquiry and submission online.
  await add(jyWjw, y, buildGuide({
    name: '公共服务事项', itemType: '20', promisedLimit: { days: 0, unit: 'working_day' }, visitsRequired: 1, onlineDepth: [1, 2],
    processSteps: [{ key: 'accept', name: '受理', role: 'window_clerk', days: 0 }],
  }));
  // Open work: a draft in 延平区 and one waiting for review in 顺昌县.
  await add(ypScjg, buildBasicCode(), buildGuide(), 'draft');
  await add(scScjg, buildBasicCode(), buildGuide(), 'review');
});
afterAll(async () => {
  await t.close();
});

describe('catalog statistics (汇总统计 / 比对分析)', () => {
  it('sums the city and drills down by county, department, type and online depth', async () => {
    const res = await call<Response>(citySupervisor, 'GET', '/api/v1/catalog/statistics');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.region.name).toBe('南平市');
    const { avgPromisedRatio, ...counts } = s.totals;
    expect(counts).toEqual({
      implementations: 6, published: 4, draft: 1, inReview: 1, cancelled: 0,
      // 3 of the 4 published are 全程网办 and zero-visit; y is the one 即办件.
      fullOnlineShare: 0.75, immediateShare: 0.25, zeroVisitShare: 0.75,
    });
    // (3/10 + 3/10 + 2/10 + 0/10) / 4
    expect(avgPromisedRatio).toBeCloseTo(0.2, 10);
    expect(s.byRegion.map((r) => [r.name, r.own, r.stats.implementations, r.stats.published])).toEqual([
      ['延平区', false, 2, 1],
      ['建阳区', false, 2, 2],
      ['顺昌县', false, 2, 1],
    ]);
    expect(s.byRegion.every((r) => r.hasChildren)).toBe(true);
    expect(s.byItemType).toEqual([{ itemType: '01', label: '行政许可', published: 3 }, { itemType: '20', label: '公共服务', published: 1 }]);
    expect(s.byOnlineDepth).toEqual([{ depth: 2, published: 1 }, { depth: 6, published: 3 }]);
    // Departments are named per region here, so each is its own row.
    expect(s.byDepartment.find((d) => d.name === '建阳区卫生健康局')?.stats.immediateShare).toBe(1);

    // 比对分析: x is published in three counties and one of them differs in its promised limit.
    expect(s.comparison.map((c) => [c.basicCode, c.regions, c.differing, c.byFacet['承诺时限'], c.byFacet['申请材料']])).toEqual([[x, 3, 1, 1, 0]]);
  });

  it('drills into a county, whose own bodies form the 本级 row, and filters by department', async () => {
    const jy = await call<Response>(citySupervisor, 'GET', `/api/v1/catalog/statistics?region=${JY}`);
    expect(jy.body.byRegion.map((r) => [r.name, r.own, r.stats.published])).toEqual([['建阳区', true, 2]]);
    expect(jy.body.comparison).toEqual([]);
    const dept = await call<Response>(editor, 'GET', `/api/v1/catalog/statistics?department=${jyScjg}`);
    expect(dept.body.totals).toMatchObject({ implementations: 1, published: 1, immediateShare: 0 });
  });

  it('keeps a county supervisor to their county', async () => {
    const own = await call<Response>(jySupervisor, 'GET', '/api/v1/catalog/statistics');
    expect(own.body.region.name).toBe('建阳区');
    expect(own.body.totals.published).toBe(2);
    const city = await call<{ error: { code: string } }>(jySupervisor, 'GET', `/api/v1/catalog/statistics?region=${CITY}`);
    expect([city.status, city.body.error.code]).toEqual([403, 'OUT_OF_SCOPE']);
  });
});
