import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuideLicenseTypes, buildLicenseType } from '../../../../test/support/license-factories.ts';
import { buildBasicCode, buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type Field = { key: string; title: string; type: string; prefill: string | null; required: boolean; conflict: boolean; usedBy: { basicCode: string; key: string }[] };
type Detail = {
  code: string; status: string; region: { code: string; name: string }; implementedCount: number;
  members: { basicCode: string; note: string | null; implementation: { regionName: string; departmentName: string; promisedLimit: { days: number } } | null }[];
  totals: { promisedWorkingDays: number; visitsRequired: number; visitsIfSeparate: number };
  mergedForm: { fields: Field[]; conflicts: { field: string; reason: string; items: { basicCode: string }[] }[]; fieldsBefore: number; fieldsAfter: number };
  mergedMaterials: { materials: { name: string; provedByPlatform: boolean; usedBy: { basicCode: string }[] }[]; before: number; after: number };
};
type View = { code: string; status: string; regionCode: string; members: { basicCode: string; name: string; note: string | null }[] };

const JY = '350703000000';
const YP = '350702000000';
let t: TestApp;
let editor = '';
let reviewer = '';
let ypEditor = '';
const codes = { trader: buildBasicCode(), food: buildBasicCode(), onlyJy: buildBasicCode() };

async function call<T>(cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

async function publish(departmentId: string, basicCode: string, guide: ReturnType<typeof buildGuide>): Promise<void> {
  const draft = await call<{ id: string }>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode, departmentId, content: guide });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`)).status).toBe(200);
  expect((await call(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' })).status).toBe(200);
}

const idCard = { key: 'id-card', name: '申请人居民身份证', form: 'original', medium: 'electronic', required: 'required', source: { kind: 'license', licenseTypeCode: '11100000GAB0000115001', licenseTypeName: '居民身份证' } } as const;
const traderGuide = buildGuide({
  name: '个体工商户设立登记',
  servesTo: ['person'],
  materials: [{ key: 'application', name: '个体工商户登记申请书', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } }, idCard],
  form: {
    type: 'object', required: ['operator', 'idNumber', 'phone', 'capital'],
    properties: {
      operator: { type: 'string', title: '经营者姓名', 'x-prefill': 'person.name' },
      idNumber: { type: 'string', title: '公民身份号码', 'x-prefill': 'person.idNumber' },
      phone: { type: 'string', title: '联系电话', 'x-prefill': 'person.phone' },
      capital: { type: 'number', title: '资金数额（万元）' },
    },
  },
});
const foodGuide = buildGuide({
  promisedLimit: { days: 2, unit: 'working_day' },
  processSteps: [{ key: 'accept', name: '受理', role: 'window_clerk', days: 0 }, { key: 'decide', name: '决定', role: 'approver', days: 2 }],
  materials: [{ ...idCard, key: 'legal-rep-id', name: '负责人身份证明' }, { key: 'layout', name: '经营场所布局图', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } }],
  form: {
    type: 'object', required: ['legalRep', 'phone'],
    properties: {
      legalRep: { type: 'string', title: '负责人', 'x-prefill': 'person.name' },
      phone: { type: 'string', title: '联系电话', 'x-prefill': 'person.phone' },
      capital: { type: 'string', title: '注册资本' },
      premises: { type: 'string', title: '经营场所' },
    },
  },
});

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  await buildLicenseType(t.ctx, '11100000GAB0000115001', { name: '居民身份证', definingBody: '公安部', holderKind: 'person' });
  const jyScjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局' })).id;
  const ypScjg = (await buildDepartment(t.ctx, { regionCode: YP, name: '延平区市场监督管理局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  editor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  reviewer = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  ypEditor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: YP, departmentId: ypScjg })).login);
  await publish(jyScjg, codes.trader, traderGuide);
  await publish(ypScjg, codes.trader, traderGuide);
  await publish(jyScjg, codes.food, foodGuide);
  await publish(jyScjg, codes.onlyJy, buildGuide({ name: '只在建阳区的事项' }));
});
afterAll(async () => {
  await t.close();
});

const restaurant = () => ({
  code: 'open-restaurant', name: '我要开餐馆', audience: 'person', icon: 'shop', description: '个体工商户登记和食品经营许可一次申请',
  members: [{ basicCode: codes.trader }, { basicCode: codes.food, note: '如需' }],
});

describe('life events (一件事)', () => {
  it('is a draft only its catalog admins see until published; then anyone sees it resolved in their county with one merged form', async () => {
    const created = await call<View>(editor, 'POST', '/api/v1/catalog/life-events', restaurant());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', regionCode: '350700000000', members: [{ basicCode: codes.trader, note: null }, { basicCode: codes.food, note: '如需' }] });
    expect((await call(null, 'GET', '/api/v1/catalog/life-events/open-restaurant')).status).toBe(404);
    expect((await call<{ items: View[] }>(null, 'GET', '/api/v1/catalog/life-events')).body.items).toEqual([]);
    expect((await call(editor, 'GET', `/api/v1/catalog/life-events/open-restaurant?region=${JY}`)).status).toBe(200);

    expect((await call<View>(editor, 'POST', '/api/v1/catalog/life-events/open-restaurant/publish')).body.status).toBe('published');

    const jy = await call<Detail>(null, 'GET', `/api/v1/catalog/life-events/open-restaurant?region=${JY}`);
    expect(jy.status).toBe(200);
    expect(jy.body.region.name).toBe('建阳区');
    expect(jy.body.implementedCount).toBe(2);
    expect(jy.body.members.map((m) => m.implementation?.departmentName)).toEqual(['建阳区市场监督管理局', '建阳区市场监督管理局']);
    expect(jy.body.totals).toEqual({ promisedWorkingDays: 5, promisedNaturalDays: 0, visitsRequired: 0, visitsIfSeparate: 0 });
    const form = jy.body.mergedForm;
    // 8 fields asked by the two items; name and phone are asked once, capital conflicts (number vs string) and is asked twice.
    expect([form.fieldsBefore, form.fieldsAfter]).toEqual([8, 6]);
    const name = form.fields.find((f) => f.prefill === 'person.name');
    expect(name?.usedBy.map((u) => u.key)).toEqual(['operator', 'legalRep']);
    expect(form.fields.filter((f) => f.prefill === 'person.phone')).toHaveLength(1);
    expect(form.conflicts).toEqual([expect.objectContaining({ field: 'capital', reason: 'type' })]);
    expect(form.fields.filter((f) => f.conflict).map((f) => f.type)).toEqual(['number', 'string']);
    const mats = jy.body.mergedMaterials;
    expect([mats.before, mats.after]).toEqual([4, 3]);
    expect(mats.materials.find((m) => m.provedByPlatform)?.usedBy.map((u) => u.basicCode)).toEqual([codes.trader, codes.food]);

    // 延平区 has not implemented the food license: shown as such, and left out of the merged form.
    const yp = await call<Detail>(null, 'GET', `/api/v1/catalog/life-events/open-restaurant?region=${YP}`);
    expect(yp.body.members.map((m) => m.implementation?.regionName ?? null)).toEqual(['延平区', null]);
    expect(yp.body.implementedCount).toBe(1);
    expect(yp.body.mergedForm.fieldsAfter).toBe(4);
    // At city level no city body implements them: the citizen is asked to choose a county.
    expect((await call<Detail>(null, 'GET', '/api/v1/catalog/life-events/open-restaurant')).body.implementedCount).toBe(0);

    expect((await call<{ items: View[] }>(null, 'GET', `/api/v1/catalog/life-events?region=${JY}&audience=person`)).body.items.map((e) => e.code)).toEqual(['open-restaurant']);
    expect((await call<{ items: View[] }>(null, 'GET', `/api/v1/catalog/life-events?region=${JY}&audience=legal_person`)).body.items).toEqual([]);

    const audited = await rows<{ action: string }>(t.database.db, sql`select action from audit_log where entity_type = 'catalog_life_event' order by seq`);
    expect(audited.map((a) => a.action)).toEqual(['catalog.life_event.create', 'catalog.life_event.publish']);
  });

  it('edits members (the public sees the change), and withdraws it back to a draft', async () => {
    const edited = await call<View>(editor, 'PATCH', '/api/v1/catalog/life-events/open-restaurant', { ...restaurant(), code: undefined, name: '我要开饭店', members: [{ basicCode: codes.food }, { basicCode: codes.trader, note: '尚未办理营业执照的' }] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const pub = await call<Detail>(null, 'GET', `/api/v1/catalog/life-events/open-restaurant?region=${JY}`);
    expect(pub.body.members.map((m) => [m.basicCode, m.note])).toEqual([[codes.food, null], [codes.trader, '尚未办理营业执照的']]);
    expect((await call<View>(editor, 'POST', '/api/v1/catalog/life-events/open-restaurant/unpublish')).body.status).toBe('draft');
    expect((await call(null, 'GET', '/api/v1/catalog/life-events/open-restaurant')).status).toBe(404);
    const again = await call<ErrorJson>(editor, 'POST', '/api/v1/catalog/life-events/open-restaurant/unpublish');
    expect([again.status, again.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('names the member that is not in the base catalog, refuses a taken code and a one-item bundle', async () => {
    const unknown = await call<ErrorJson>(editor, 'POST', '/api/v1/catalog/life-events', { ...restaurant(), code: 'unknown-item', members: [{ basicCode: codes.trader }, { basicCode: '000199999999' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details?.[0]?.path).toBe('members.1.basicCode');
    const taken = await call<ErrorJson>(editor, 'POST', '/api/v1/catalog/life-events', restaurant());
    expect([taken.status, taken.body.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const single = await call<ErrorJson>(editor, 'POST', '/api/v1/catalog/life-events', { ...restaurant(), code: 'single', members: [{ basicCode: codes.trader }] });
    expect(single.status).toBe(400);
    expect(JSON.stringify(single.body.error)).toContain('至少包含两个事项');
  });

  it('keeps county admins to their county, and refuses to publish a bundle whose items their county does not offer', async () => {
    // A county admin does not even see the city's draft; once published, they see it but may not change it.
    expect((await call<ErrorJson>(ypEditor, 'PATCH', '/api/v1/catalog/life-events/open-restaurant', restaurant())).status).toBe(404);
    expect((await call(editor, 'POST', '/api/v1/catalog/life-events/open-restaurant/publish')).status).toBe(200);
    const other = await call<ErrorJson>(ypEditor, 'PATCH', '/api/v1/catalog/life-events/open-restaurant', restaurant());
    expect([other.status, other.body.error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const own = await call<View>(ypEditor, 'POST', '/api/v1/catalog/life-events', { ...restaurant(), code: 'yp-shop', members: [{ basicCode: codes.trader }, { basicCode: codes.onlyJy }] });
    expect(own.body.regionCode).toBe(YP);
    const refused = await call<ErrorJson>(ypEditor, 'POST', '/api/v1/catalog/life-events/yp-shop/publish');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'members.1.basicCode', message: '只在建阳区的事项尚未在本区域发布' }]);
    expect((await call<{ items: View[] }>(ypEditor, 'GET', '/api/v1/catalog/admin/life-events')).body.items.map((e) => e.code)).toEqual(['yp-shop']);
    expect((await call<{ items: View[] }>(editor, 'GET', '/api/v1/catalog/admin/life-events')).body.items.map((e) => e.code).sort()).toEqual(['open-restaurant', 'yp-shop']);
    // A county's draft is visible to the city's admins (the county lies in their scope), not to the public.
    expect((await call(editor, 'GET', '/api/v1/catalog/life-events/yp-shop')).status).toBe(200);
    expect((await call(null, 'GET', '/api/v1/catalog/life-events/yp-shop')).status).toBe(404);
  });
});
