import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuideLicenseTypes } from '../../../../test/support/license-factories.ts';
import { buildBasicCode, buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { rows } from '../../platform/db.ts';

type Version = {
  id: string; implementationId: string; implementationCode: string; version: number; status: string; operation: string; isCurrent: boolean;
  implementationStatus: string; endedBy: string | null; successorImplementationId: string | null; departmentName: string; regionCode: string;
  authorName: string; reviewerName: string | null;
  operationDetail: { targetDepartmentName?: string; mergedImplementations?: { id: string; name: string }[] } | null;
  content: { name: string; powerSource: string; delegatedBody?: string; conditions: string[]; materials: { key: string; name: string }[] };
};
type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type Hit = { implementationId: string; name: string; promisedDays: number; promisedUnit: string; statutoryUnit: string; departmentName: string };

let t: TestApp;
let jyDept = { id: '', name: '' };
let townDept = { id: '', name: '' };
let ypDept = { id: '', name: '' };
let editor = '';
let reviewer = '';

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  jyDept = await buildDepartment(t.ctx, { regionCode: '350703000000', name: '建阳区民政局' });
  townDept = await buildDepartment(t.ctx, { regionCode: '350703001000', name: '潭城街道便民服务中心', level: 'town' });
  ypDept = await buildDepartment(t.ctx, { regionCode: '350702000000', name: '延平区民政局' });
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  editor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  reviewer = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
});
afterAll(async () => {
  await t.close();
});

async function call<T>(cookie: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? json<T>(res) : (undefined as T) };
}

async function submitAndApprove(versionId: string): Promise<Version> {
  const sub = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/versions/${versionId}/submit`);
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  const done = await call<Version>(reviewer, 'POST', `/api/v1/catalog/versions/${versionId}/review`, { decision: 'approve', comment: '同意' });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

async function publish(departmentId: string, guide = buildGuide(), basicCode = buildBasicCode()): Promise<Version> {
  const draft = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode, departmentId, content: guide });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return submitAndApprove(draft.body.id);
}

async function searchIds(q: string, regionCode: string): Promise<string[]> {
  const r = await call<{ items: Hit[] }>(null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent(q)}&regionCode=${regionCode}`);
  return r.body.items.map((h) => h.implementationId);
}

describe('delegation (下放)', () => {
  it('hands a county item to a town body: after review the town implements it and the county guide points there', async () => {
    const v1 = await publish(jyDept.id, buildGuide({ name: '临时救助金给付（下放测试）' }));
    expect(v1.authorName).not.toBe('');
    expect(v1.reviewerName).not.toBe('');

    const draft = await call<Version>(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, {
      operation: 'delegate', changeNote: '按照放权赋能改革，下放至街道办理', targetDepartmentId: townDept.id,
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ operation: 'delegate', status: 'draft' });
    expect(draft.body.operationDetail?.targetDepartmentName).toBe(`潭城街道${townDept.name}`);
    expect(draft.body.content).toMatchObject({ powerSource: 'delegated', delegatedBody: jyDept.name });

    const done = await submitAndApprove(draft.body.id);
    expect(done).toMatchObject({ status: 'cancelled', implementationStatus: 'cancelled', endedBy: 'delegate' });
    const successor = done.successorImplementationId ?? '';
    expect(successor).not.toBe('');

    const town = await call<Version>(null, 'GET', `/api/v1/catalog/implementations/${successor}`);
    expect(town.body).toMatchObject({ version: 1, status: 'published', operation: 'delegate', departmentName: townDept.name, regionCode: '350703001000' });
    // Implementation code = the town body's credit code + level 5 (乡镇级) + the same basic code.
    expect(town.body.implementationCode.slice(18, 19)).toBe('5');
    expect(town.body.implementationCode.slice(19)).toBe(v1.implementationCode.slice(19));

    const hits = await searchIds('临时救助金给付', '350703000000');
    expect(hits).toContain(successor);
    expect(hits).not.toContain(v1.implementationId);
  });

  it('refuses a target that is not a lower body inside the item’s region, naming the field', async () => {
    const v1 = await publish(jyDept.id);
    for (const targetDepartmentId of [ypDept.id, jyDept.id, undefined]) {
      const r = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'delegate', changeNote: '下放', targetDepartmentId });
      expect(r.status).toBe(400);
      expect(r.body.error.details?.[0]?.path).toBe('targetDepartmentId');
    }
  });
});

describe('merge (整合)', () => {
  it('absorbs two items into one: the survivor gets their extra materials, they end pointing at it, all at one review', async () => {
    const survivor = await publish(jyDept.id, buildGuide({ name: '最低生活保障申请（整合测试）' }));
    const a = await publish(jyDept.id, buildGuide({
      name: '低保家庭经济状况核对', conditions: ['家庭人均收入低于当地低保标准'],
      materials: [{ key: 'income', name: '家庭收入证明', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } }],
    }));
    const b = await publish(jyDept.id, buildGuide({ name: '低保对象认定' }));

    const draft = await call<Version>(editor, 'POST', `/api/v1/catalog/implementations/${survivor.implementationId}/operations`, {
      operation: 'merge', changeNote: '三项整合为一项', mergedImplementationIds: [a.implementationId, b.implementationId],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.operationDetail?.mergedImplementations?.map((m) => m.name)).toEqual(['低保家庭经济状况核对', '低保对象认定']);
    expect(draft.body.content.materials.map((m) => m.name)).toContain('家庭收入证明');
    expect(draft.body.content.conditions).toContain('家庭人均收入低于当地低保标准');

    // A member is locked while the merge is open.
    const blocked = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/implementations/${a.implementationId}/operations`, { operation: 'change', changeNote: '改' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/整合/);

    const done = await submitAndApprove(draft.body.id);
    expect(done).toMatchObject({ status: 'published', operation: 'merge', isCurrent: true, version: 2 });
    for (const m of [a, b]) {
      const history = await call<{ items: Version[] }>(null, 'GET', `/api/v1/catalog/implementations/${m.implementationId}/versions`);
      expect(history.body.items.map((v) => `${v.version}:${v.status}:${v.operation}`)).toEqual(['2:cancelled:merge', '1:superseded:add']);
      expect(history.body.items[0]).toMatchObject({ endedBy: 'merge', successorImplementationId: survivor.implementationId });
    }
    expect(await searchIds('低保对象认定', '350703000000')).not.toContain(b.implementationId);
  });

  it('refuses members from another county or the survivor itself, naming the member', async () => {
    const survivor = await publish(jyDept.id);
    const other = await publish(ypDept.id);
    const r = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/implementations/${survivor.implementationId}/operations`, { operation: 'merge', changeNote: '整合', mergedImplementationIds: [other.implementationId] });
    expect(r.status).toBe(400);
    expect(r.body.error.details?.[0]?.path).toBe('mergedImplementationIds.0');
    const self = await call<ErrorJson>(editor, 'POST', `/api/v1/catalog/implementations/${survivor.implementationId}/operations`, { operation: 'merge', changeNote: '整合', mergedImplementationIds: [survivor.implementationId] });
    expect(self.status).toBe(400);
  });
});

describe('drafts', () => {
  it('lists open drafts with their author, and abandons one (a never-published item goes with it; audited)', async () => {
    const v1 = await publish(jyDept.id);
    const change = await call<Version>(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'change', changeNote: '调整材料' });
    const added = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode: buildBasicCode(), departmentId: jyDept.id, content: buildGuide({ name: '放弃测试事项' }) });

    const list = await call<{ items: { id: string; status: string; authorName: string; name: string }[] }>(reviewer, 'GET', '/api/v1/catalog/drafts?status=draft');
    const ids = list.body.items.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([change.body.id, added.body.id]));
    expect(list.body.items.find((d) => d.id === added.body.id)).toMatchObject({ name: '放弃测试事项', authorName: v1.authorName });
    expect((await call(null, 'GET', '/api/v1/catalog/drafts')).status).toBe(401);

    expect((await call(editor, 'DELETE', `/api/v1/catalog/versions/${change.body.id}`)).status).toBe(204);
    expect((await call(editor, 'DELETE', `/api/v1/catalog/versions/${added.body.id}`)).status).toBe(204);
    expect((await call(editor, 'GET', `/api/v1/catalog/versions/${added.body.id}`)).status).toBe(404);
    expect((await call<Version>(null, 'GET', `/api/v1/catalog/implementations/${v1.implementationId}`)).body.version).toBe(1);
    // The published version cannot be "abandoned".
    expect((await call<ErrorJson>(editor, 'DELETE', `/api/v1/catalog/versions/${v1.id}`)).status).toBe(409);
    const audited = await rows<{ entity_id: string }>(t.database.db, sql`select entity_id from audit_log where action = 'catalog.version.abandon'`);
    expect(audited.map((r) => r.entity_id)).toEqual(expect.arrayContaining([change.body.id, added.body.id]));
    // A new change can start once the draft is gone.
    expect((await call(editor, 'POST', `/api/v1/catalog/implementations/${v1.implementationId}/operations`, { operation: 'change', changeNote: '再改' })).status).toBe(201);
  });
});

describe('search facets and units', () => {
  it('counts hits per department and theme (each ignoring its own filter) and gives limit units', async () => {
    await publish(jyDept.id, buildGuide({ name: '孤儿基本生活保障金给付', themes: ['社会救助'], promisedLimit: { days: 15, unit: 'natural_day' }, statutoryLimit: { days: 20, unit: 'natural_day' } }));
    await publish(ypDept.id, buildGuide({ name: '孤儿基本生活保障金给付', themes: ['社会救助', '儿童福利'] }));
    const r = await call<{ items: Hit[]; facets: { departments: { id: string; count: number }[]; themes: { name: string; count: number }[] } }>(
      null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent('孤儿')}&departmentId=${jyDept.id}&facets=true`,
    );
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ promisedDays: 15, promisedUnit: 'natural_day', statutoryUnit: 'natural_day' });
    expect(r.body.facets.departments).toEqual(expect.arrayContaining([{ id: jyDept.id, name: jyDept.name, count: 1 }, { id: ypDept.id, name: ypDept.name, count: 1 }]));
    expect(r.body.facets.themes).toEqual([{ name: '社会救助', count: 1 }]);
    const plain = await call<{ facets?: unknown }>(null, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent('孤儿')}`);
    expect(plain.body.facets).toBeUndefined();
  });
});

describe('city-wide search', () => {
  it('groups hits by base item with the number of counties, and lists where a base item is implemented', async () => {
    const code = buildBasicCode();
    await publish(jyDept.id, buildGuide({ name: '困难群众临时价格补贴发放' }), code);
    await publish(ypDept.id, buildGuide({ name: '困难群众临时价格补贴发放' }), code);
    const q = encodeURIComponent('临时价格补贴');
    const flat = await call<{ items: Hit[]; total: number }>(null, 'GET', `/api/v1/catalog/items?q=${q}`);
    expect(flat.body.total).toBe(2);
    const grouped = await call<{ items: (Hit & { regionCount: number })[]; total: number }>(null, 'GET', `/api/v1/catalog/items?q=${q}&distinct=base`);
    expect(grouped.body.total).toBe(1);
    expect(grouped.body.items[0]?.regionCount).toBe(2);
    const where = await call<{ items: { regionName: string }[] }>(null, 'GET', `/api/v1/catalog/base-items/${code}/implementations`);
    expect(where.body.items.map((i) => i.regionName)).toEqual(['延平区', '建阳区']);
  });
});
