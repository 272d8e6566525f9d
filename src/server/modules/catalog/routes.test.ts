import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { BUSINESS_LICENSE_TYPE, buildGuideLicenseTypes } from '../../../../test/support/license-factories.ts';
import { buildBasicCode, buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';

type Version = { id: string; implementationId: string; version: number; status: string; isCurrent: boolean; content: { materials: { key: string; name: string }[]; promisedLimit: { days: number } } };
type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

let t: TestApp;
let jyDept = '';
let ypDept = '';
let editor = '';
let reviewer = '';
let ypEditor = '';

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  jyDept = (await buildDepartment(t.ctx, { regionCode: '350703000000', name: '建阳区市场监督管理局' })).id;
  ypDept = (await buildDepartment(t.ctx, { regionCode: '350702000000', name: '延平区市场监督管理局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  editor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  reviewer = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  ypEditor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350702000000', departmentId: ypDept })).login);
});
afterAll(async () => {
  await t.close();
});

async function call<T>(cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

/** Add, submit and publish an item for a department; returns the published version. */
async function publish(departmentId: string, guide = buildGuide(), basicCode = buildBasicCode()): Promise<Version> {
  const draft = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode, departmentId, content: guide });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`)).status).toBe(200);
  const done = await call<Version>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' });
  expect(done.status).toBe(200);
  return done.body;
}

describe('catalog lifecycle', () => {
  it('changes a material in 建阳区: second admin reviews, the new version shows the diff, the old version still reads as before', async () => {
    const v1 = await publish(jyDept);
    expect(v1).toMatchObject({ version: 1, status: 'published', isCurrent: true });

    const draft = await call<Version>(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'change', changeNote: '布局图改为可选' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const content = buildGuide();
    content.materials = (content.materials ?? []).map((m) => (m.key === 'layout' ? { ...m, name: '经营场所布局平面图', required: 'conditional', condition: '经营场所面积超过50平方米的' } : m));
    expect((await call(editor, 'PATCH', `/api/v1/catalog/versions/${draft.body.id}`, { content })).status).toBe(200);
    expect((await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`)).status).toBe(200);

    // While in review the public still sees version 1; the draft is invisible to the public.
    expect((await call<Version>(null, 'GET', `/api/v1/catalog/implementations/${v1.implementationId}`)).body.version).toBe(1);
    expect((await call(null, 'GET', `/api/v1/catalog/versions/${draft.body.id}`)).status).toBe(404);

    const self = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/另一名/);
    const ok = await call<Version>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve', comment: '同意' });
    expect(ok.body).toMatchObject({ version: 2, status: 'published', isCurrent: true });

    const diff = await call<{ against: number; changes: { path: string; label: string; kind: string }[] }>(null, 'GET', `/api/v1/catalog/versions/${draft.body.id}/diff`);
    expect(diff.body.against).toBe(1);
    expect(diff.body.changes).toEqual([expect.objectContaining({ path: 'materials[layout]', kind: 'changed', label: '申请材料：经营场所布局平面图' })]);

    const old = await call<Version>(null, 'GET', `/api/v1/catalog/versions/${v1.id}`);
    expect(old.body.status).toBe('superseded');
    expect(old.body.content.materials.find((m) => m.key === 'layout')?.name).toBe('经营场所布局图');
    expect((await call<Version>(null, 'GET', `/api/v1/catalog/implementations/${v1.implementationId}`)).body.version).toBe(2);
    const history = await call<{ items: Version[] }>(null, 'GET', `/api/v1/catalog/implementations/${v1.implementationId}/versions`);
    expect(history.body.items.map((v) => `${v.version}:${v.status}`)).toEqual(['2:published', '1:superseded']);
    const audited = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'catalog.version.publish' and entity_id = ${draft.body.id}`);
    expect(audited?.n).toBe(1);
  });

  it('refuses to submit a guide whose promised limit exceeds the statutory limit, with the reason', async () => {
    const draft = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', {
      basicCode: buildBasicCode(), departmentId: jyDept, content: buildGuide({ promisedLimit: { days: 15, unit: 'working_day' } }),
    });
    expect(draft.status).toBe(201);
    const res = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'content.promisedLimit.days', message: '承诺时限（15日）不得超过法定时限（10日）' });
    expect((await call<Version>(editor, 'GET', `/api/v1/catalog/versions/${draft.body.id}`)).body.status).toBe('draft');
  });

  it('refuses to submit a guide naming a license type the license catalog does not have, or by another name', async () => {
    const g = buildGuide({ result: { type: 'license', name: '某证', licenseTypeCode: '11100000MB0143028R999' } });
    g.materials = (g.materials ?? []).map((m) => (m.source.kind === 'license' ? { ...m, source: { ...m.source, licenseTypeName: '工商营业执照' } } : m));
    const draft = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode: buildBasicCode(), departmentId: jyDept, content: g });
    const res = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([
      { path: 'content.result.licenseTypeCode', message: '证照目录中没有证照类型代码 11100000MB0143028R999，请先由数据管理员在证照目录中登记' },
      { path: 'content.materials.1.source.licenseTypeName', message: '证照名称“工商营业执照”与证照目录中的“营业执照”不一致' },
    ]));
  });

  it('names the field of a malformed guide', async () => {
    const bad = buildGuide();
    bad.materials = [{ key: 'Bad Key', name: '', form: 'original', medium: 'paper', required: 'required', source: { kind: 'applicant' } }];
    const res = await call<ErrorJson>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode: buildBasicCode(), departmentId: jyDept, content: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['content.materials.0.key', 'content.materials.0.name']));
  });

  it('cancels an item: after review it leaves the search and its guide says cancelled', async () => {
    const v1 = await publish(jyDept, buildGuide({ name: '即将取消的测试事项' }));
    expect((await call<{ total: number }>(null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent('即将取消')}`)).body.total).toBe(1);
    const draft = await call<Version>(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'cancel', changeNote: '法律依据废止' });
    await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`);
    const done = await call<Version & { implementationStatus: string }>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' });
    expect(done.body).toMatchObject({ status: 'cancelled', implementationStatus: 'cancelled' });
    expect((await call<{ total: number }>(null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent('即将取消')}`)).body.total).toBe(0);
  });

  it('keeps a 延平区 catalog admin out of 建阳区 items and refuses a second open draft', async () => {
    const v1 = await publish(jyDept);
    const other = await call<ErrorJson>(ypEditor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'change', changeNote: 'x' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'change', changeNote: '一' })).status).toBe(201);
    const second = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'change', changeNote: '二' });
    expect(second.status).toBe(409);
  });

  it('rejects back to draft with a reason, which is required', async () => {
    const draft = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode: buildBasicCode(), departmentId: jyDept, content: buildGuide() });
    await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`);
    const noReason = await call<ErrorJson>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details?.[0]?.path).toBe('comment');
    const back = await call<Version & { reviewComment: string }>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'reject', comment: '材料名称不规范' });
    expect(back.body).toMatchObject({ status: 'draft', reviewComment: '材料名称不规范' });
    const illegal = await call<ErrorJson>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' });
    expect(illegal.status).toBe(409);
  });
});

describe('search and comparison', () => {
  it('finds items by everyday words with highlights, and compares one base item across counties', async () => {
    const basicCode = buildBasicCode();
    await publish(jyDept, buildGuide({ name: '个体工商户设立登记', result: { type: 'license', name: '营业执照', licenseTypeCode: BUSINESS_LICENSE_TYPE } }), basicCode);
    await publish(ypDept, buildGuide({ name: '个体工商户设立登记', promisedLimit: { days: 5, unit: 'working_day' }, result: { type: 'license', name: '营业执照', licenseTypeCode: BUSINESS_LICENSE_TYPE } }), basicCode);
    for (const q of ['个体户', '营业执照', '个体工商户']) {
      const res = await call<{ items: { name: string; nameHighlight: { text: string; hit: boolean }[] }[] }>(null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent(q)}&regionCode=350703000000`);
      expect(res.body.items[0]?.name, q).toBe('个体工商户设立登记');
    }
    const hl = await call<{ items: { nameHighlight: { text: string; hit: boolean }[] }[] }>(null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent('个体户')}&regionCode=350703000000`);
    expect(hl.body.items[0]?.nameHighlight.some((p) => p.hit && p.text === '个体')).toBe(true);
    const cmp = await call<{ regions: { regionName: string; differences: string[] }[] }>(editor, 'GET', `/api/v1/catalog/compare/${basicCode}`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.regions).toHaveLength(2);
    expect(cmp.body.regions.flatMap((r) => r.differences)).toContain('承诺时限');
    expect((await call(null, 'GET', `/api/v1/catalog/compare/${basicCode}`)).status).toBe(401);
  });
});
