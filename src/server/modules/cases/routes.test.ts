import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseViewT } from '../../../common/schemas/cases.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildCase, buildMaterials, changeImplementation, publishImplementation, SHOP_FORM, uploadFile, type PublishedVersion } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildDepartment, buildStaff, buildWindow, loginCookie } from '../../../../test/support/factories.ts';
import { buildGuideLicenseTypes, holdLicense } from '../../../../test/support/license-factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Timeline = { items: { seq: number; action: string; actionLabel: string; actorName: string; fromState: string | null; toState: string; stepName: string | null; opinion: string | null; data: Record<string, unknown> | null }[] };
type Page = { items: { id: string; caseNumber: string; taskId: string | null; stepName: string | null; clock: { left: number; used: number; overdue: boolean; provisional: boolean } | null }[]; total: number };

const JY = '350703000000';
let t: TestApp;
let admins: { editor: string; reviewer: string };
let scjg = '';
let wjw = '';
let citizen = '';
let citizenId = '';
let otherCitizen = '';
let clerk = '';
let ypClerk = '';
let scjgApprover = '';
let scjgColleague = '';
let scjgColleagueId = '';
let wjwApprover = '';
let supervisor = '';
let food: PublishedVersion;

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  wjw = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局', shortName: '卫健局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  const c = await buildCitizen(t.ctx, { name: '林小梅' });
  // Applicants hold a 营业执照 in the license library: buildGuide proves that material by it.
  await holdLicense(t.ctx, { kind: 'person', name: '林小梅', code: c.idNumber });
  citizenId = c.id;
  citizen = await loginCookie(t.app, c.login);
  const other = await buildCitizen(t.ctx);
  await holdLicense(t.ctx, { kind: 'person', name: '测试市民', code: other.idNumber });
  otherCitizen = await loginCookie(t.app, other.login);
  await holdLicense(t.ctx, { kind: 'legal_person', name: '建阳区某餐饮有限公司', code: '91350100M000100Y43' });
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg })).login);
  ypClerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: '350702000000' })).login);
  scjgApprover = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: scjg })).login);
  const colleague = await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: scjg });
  scjgColleagueId = colleague.id;
  scjgColleague = await loginCookie(t.app, colleague.login);
  wjwApprover = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: wjw })).login);
  supervisor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['supervisor'], regionCode: '350700000000', departmentId: sgb })).login);
  food = await publishImplementation(t.app, admins, scjg, buildGuide({
    form: SHOP_FORM,
    specialProcedures: [{ name: '现场核查', maxDays: 10 }],
    materials: [
      ...(buildGuide().materials ?? []),
      { key: 'health-cert', name: '从业人员健康证明', form: 'copy', medium: 'either', required: 'conditional', condition: '有直接接触入口食品的从业人员的', source: { kind: 'applicant' }, deficiencyAllowed: true },
    ],
  }));
});
afterAll(async () => {
  await t.close();
});

async function call<T = CaseViewT>(cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...headers }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: json<T>(res), headers: res.headers };
}

function openTask(c: CaseViewT, stepKey: string): string {
  const task = c.tasks.find((x) => x.stepKey === stepKey && (x.status === 'open' || x.status === 'claimed'));
  if (!task) throw new Error(`no open task ${stepKey}: ${JSON.stringify(c.tasks)}`);
  return task.id;
}

describe('golden path: 食品经营许可 through the API', () => {
  it('apply with two uploads → supplement once → accept → two departments in parallel → decide → 办结 → delivered', async () => {
    const applied = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    expect(applied).toMatchObject({ state: 'submitted', channel: 'online', versionId: food.id, versionNumber: 1, applicant: { name: '林小梅', accountId: citizenId } });
    expect(applied.caseNumber).toMatch(/^350703-\d{8}-\d{5}$/);
    expect(applied.applicant.idNumberMasked).toMatch(/^\d{4}\*+\d{4}$|^\d{3,6}\*+/);
    const id = applied.id;
    // The uploads now belong to the case: the window of 建阳区 may read them, a clerk of 延平区 may not.
    const upload = applied.materials.find((m) => m.key === 'application')?.entry;
    const fileId = upload?.via === 'upload' ? upload.fileIds[0] : undefined;
    expect(fileId).toBeTruthy();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${fileId ?? ''}`, headers: { cookie: clerk } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${fileId ?? ''}`, headers: { cookie: ypClerk } })).statusCode).toBe(404);

    // The window sees it to accept, and asks once for everything missing.
    const queue = await call<Page>(clerk, 'GET', '/api/v1/cases?queue=to_accept');
    expect(queue.body.items.map((i) => i.id)).toContain(id);
    const asked = await call(clerk, 'POST', `/api/v1/cases/${id}/supplement-request`, { items: [{ key: 'layout', reason: '布局图未标注各功能区面积' }], notice: '请补正后重新提交' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ state: 'supplementing', supplementCount: 1, supplementRequest: { items: [{ key: 'layout', name: '经营场所布局图', reason: '布局图未标注各功能区面积' }] } });
    // A second request before the applicant supplemented is not allowed.
    const again = await call<ErrorJson>(clerk, 'POST', `/api/v1/cases/${id}/supplement-request`, { items: [{ key: 'application', reason: '签字不清' }] });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ allowed: ['supplement', 'withdraw'] });

    // The applicant must bring every listed material.
    const incomplete = await call<ErrorJson>(citizen, 'POST', `/api/v1/cases/${id}/supplement`, { materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, citizen)] } } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details).toEqual([{ path: 'materials.layout', message: '须补正：布局图未标注各功能区面积' }]);
    const supplemented = await call(citizen, 'POST', `/api/v1/cases/${id}/supplement`, { materials: { layout: { via: 'upload', fileIds: [await uploadFile(t.app, citizen, '经营场所布局图（补正）.pdf')] } } });
    expect(supplemented.body).toMatchObject({ state: 'submitted', supplementRequest: null, supplementCount: 1 });

    const accepted = await call(clerk, 'POST', `/api/v1/cases/${id}/accept`, { opinion: '材料齐全，予以受理' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'processing', receiptNumber: `SL-${applied.caseNumber ?? ''}`, clock: { limitDays: 3, unit: 'working_day', used: 0, left: 3, overdue: false } });
    // 会签: both departments get a task at once, each bound to its own department.
    const joint = accepted.body.tasks.filter((x) => x.status === 'open');
    expect(joint.map((x) => [x.stepKey, x.departmentName]).sort()).toEqual([['review-scjg', '建阳区市场监督管理局'], ['review-wjw', '建阳区卫生健康局']]);

    // 卫健局 cannot act on 市场监管局's task.
    expect((await call(wjwApprover, 'POST', `/api/v1/cases/${id}/tasks/${openTask(accepted.body, 'review-scjg')}/approve`, { opinion: '同意' })).status).toBe(403);
    const claimable = await call<Page>(scjgApprover, 'GET', '/api/v1/cases?queue=claimable');
    expect(claimable.body.items.find((i) => i.id === id)?.stepName).toBe('审查');
    expect((await call(scjgApprover, 'POST', `/api/v1/cases/${id}/tasks/${openTask(accepted.body, 'review-scjg')}/claim`)).status).toBe(200);
    const mine = await call<Page>(scjgApprover, 'GET', '/api/v1/cases?queue=my_tasks');
    expect(mine.body.items.map((i) => i.id)).toContain(id);
    const first = await call(scjgApprover, 'POST', `/api/v1/cases/${id}/tasks/${openTask(accepted.body, 'review-scjg')}/approve`, { opinion: '经营场所符合要求' });
    expect(first.body.state).toBe('processing');
    // The group is not done until 卫健局 approves: no 决定 task yet.
    expect(first.body.tasks.some((x) => x.stepKey === 'decide')).toBe(false);
    const second = await call(wjwApprover, 'POST', `/api/v1/cases/${id}/tasks/${openTask(first.body, 'review-wjw')}/approve`, { opinion: '卫生条件符合要求' });
    expect(second.body.tasks.filter((x) => x.status === 'open').map((x) => x.stepKey)).toEqual(['decide']);
    const decided = await call(scjgApprover, 'POST', `/api/v1/cases/${id}/tasks/${openTask(second.body, 'decide')}/approve`, { opinion: '准予许可' });
    expect(decided.body).toMatchObject({ state: 'completed', outcome: 'approved', result: { type: 'license', name: '食品经营许可证' } });

    // The citizen sees 办结 and the result, in the case and in "my cases".
    const seen = await call(citizen, 'GET', `/api/v1/cases/${id}`);
    expect(seen.body).toMatchObject({ state: 'completed', stateLabel: '已办结', result: { name: '食品经营许可证' }, allowedActions: ['deliver'] });
    const myCases = await call<Page>(citizen, 'GET', '/api/v1/cases/mine');
    expect(myCases.body.items.find((i) => i.id === id)).toBeTruthy();
    // Another citizen learns nothing.
    expect((await call(otherCitizen, 'GET', `/api/v1/cases/${id}`)).status).toBe(404);

    // Delivery is its own action; a courier needs an address and a tracking number.
    const noTracking = await call<ErrorJson>(clerk, 'POST', `/api/v1/cases/${id}/deliver`, { method: 'courier', address: '建阳区童游街道某路1号' });
    expect(noTracking.status).toBe(400);
    expect(noTracking.body.error.message).toContain('trackingNumber');
    const delivered = await call(clerk, 'POST', `/api/v1/cases/${id}/deliver`, { method: 'courier', address: '建阳区童游街道某路1号', trackingNumber: 'EMS1234567890', recipient: '林小梅' });
    expect(delivered.body).toMatchObject({ state: 'delivered', delivery: { method: 'courier', trackingNumber: 'EMS1234567890' } });

    // The applicant was told at each step that concerns them (in-app; SMS goes through the outbox).
    const told = await call<{ items: { kind: string; link: string | null }[] }>(citizen, 'GET', '/api/v1/notifications?pageSize=100');
    const kinds = told.body.items.filter((n) => n.link === `/account/cases/${id}`).map((n) => n.kind).sort();
    expect(kinds).toEqual(['case.accept', 'case.complete', 'case.deliver', 'case.request_supplement']);

    const tl = await call<Timeline>(citizen, 'GET', `/api/v1/cases/${id}/timeline`);
    expect(tl.body.items.map((e) => e.action)).toEqual([
      'create', 'submit', 'request_supplement', 'supplement', 'accept', 'claim', 'approve', 'approve', 'approve', 'complete', 'deliver',
    ]);
    expect(tl.body.items.map((e) => e.seq)).toEqual(tl.body.items.map((_, n) => n + 1));
    // Every transition is in the audit log with before/after state.
    const audited = await rows<{ action: string; before: { state: string } | null; after: { state: string } }>(t.database.db, sql`select action, before, after from audit_log where entity_type = 'case' and entity_id = ${id} and action <> 'cases.case.read' order by seq`);
    expect(audited.map((a) => a.action)).toEqual(tl.body.items.map((e) => `cases.case.${e.action}`));
    expect(audited.find((a) => a.action === 'cases.case.accept')).toMatchObject({ before: { state: 'submitted' }, after: { state: 'processing' } });
  });
});

describe('idempotent submit', () => {
  const payload = async () => ({ implementationId: food.implementationId, formData: { shopName: '幂等小店' }, materials: await buildMaterials(t.app, citizen), submit: true });

  it('a retried submit returns the first answer and makes one case', async () => {
    const key = `retry-${randomUUID()}`;
    const body = await payload();
    const a = await call(citizen, 'POST', '/api/v1/cases', body, { 'idempotency-key': key });
    const b = await call(citizen, 'POST', '/api/v1/cases', body, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.caseNumber).toBe(a.body.caseNumber);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const n = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases where form_data->>'shopName' = '幂等小店'`);
    expect(n?.n).toBe(1);
    // The same key for a different request is refused.
    const other = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', { ...body, formData: { shopName: '另一家店' } }, { 'idempotency-key': key });
    expect(other.status).toBe(409);
  });

  it('two concurrent submits with one key make one case', async () => {
    const key = `race-${randomUUID()}`;
    const body = { ...(await payload()), formData: { shopName: '并发小店' } };
    const [a, b] = await Promise.all([
      call(citizen, 'POST', '/api/v1/cases', body, { 'idempotency-key': key }),
      call(citizen, 'POST', '/api/v1/cases', body, { 'idempotency-key': key }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const n = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases where form_data->>'shopName' = '并发小店'`);
    expect(n?.n).toBe(1);
  });

  it('numbers concurrent submits without gaps or duplicates, per region and day', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => buildCase(t.app, citizen, { implementationId: food.implementationId })));
    const numbers = made.map((c) => c.caseNumber ?? '');
    expect(new Set(numbers).size).toBe(6);
    const seqs = numbers.map((n) => Number(n.slice(-5))).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]!).toBe(5);
  });

  it('a submit needs a key; a draft resumes and submits with one', async () => {
    const noKey = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', await payload());
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    const draft = await buildCase(t.app, citizen, { implementationId: food.implementationId, submit: false, formData: {}, materials: {} });
    expect(draft).toMatchObject({ state: 'draft', caseNumber: null });
    const premature = await call<ErrorJson>(citizen, 'POST', `/api/v1/cases/${draft.id}/submit`, undefined, { 'idempotency-key': `s-${randomUUID()}` });
    expect(premature.status).toBe(400);
    expect((premature.body.error.details as { path: string }[]).map((d) => d.path)).toEqual(['formData.shopName', 'materials.application', 'materials.business-license', 'materials.layout']);
    expect((await call(citizen, 'PATCH', `/api/v1/cases/${draft.id}`, { formData: { shopName: '草稿小店' }, materials: (await buildMaterials(t.app, citizen)) })).status).toBe(200);
    const key = `s-${randomUUID()}`;
    const s1 = await call(citizen, 'POST', `/api/v1/cases/${draft.id}/submit`, undefined, { 'idempotency-key': key });
    const s2 = await call(citizen, 'POST', `/api/v1/cases/${draft.id}/submit`, undefined, { 'idempotency-key': key });
    expect(s1.body.state).toBe('submitted');
    expect(s2.body.caseNumber).toBe(s1.body.caseNumber);
    // A new key on a submitted case is an illegal action, answered with what is allowed.
    const third = await call<ErrorJson>(citizen, 'POST', `/api/v1/cases/${draft.id}/submit`, undefined, { 'idempotency-key': `s-${randomUUID()}` });
    expect(third.status).toBe(409);
  });
});

describe('returning a case to an earlier step', () => {
  it('return from step 3 to step 1 and approve again leaves a timeline a supervisor can read', async () => {
    const v = await publishImplementation(t.app, admins, scjg, buildGuide({
      form: SHOP_FORM,
      promisedLimit: { days: 5, unit: 'working_day' },
      processSteps: [
        { key: 'accept', name: '受理', role: 'window_clerk', days: 1 },
        { key: 'first', name: '初审', role: 'approver', department: '市场监管局', days: 1 },
        { key: 'second', name: '复审', role: 'approver', department: '市场监管局', days: 1 },
        { key: 'third', name: '决定', role: 'approver', department: '市场监管局', days: 1 },
      ],
    }));
    let c = await buildCase(t.app, citizen, { implementationId: v.implementationId });
    c = (await call(clerk, 'POST', `/api/v1/cases/${c.id}/accept`, {})).body;
    c = (await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'first')}/approve`, { opinion: '初审同意' })).body;
    c = (await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'second')}/approve`, { opinion: '复审同意' })).body;
    const forward = await call<ErrorJson>(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'third')}/return`, { toStep: 'third', reason: '自己' });
    expect(forward.status).toBe(400);
    expect(forward.body.error.details).toEqual([expect.objectContaining({ path: 'toStep' })]);
    expect((await call<ErrorJson>(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'third')}/return`, { toStep: 'first' })).status).toBe(400);
    c = (await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'third')}/return`, { toStep: 'first', reason: '场所面积与申请表不一致，请重新初审' })).body;
    expect(c.tasks.filter((x) => x.status === 'open').map((x) => [x.stepKey, x.round])).toEqual([['first', 2]]);
    const returned = await call<Page>(scjgColleague, 'GET', '/api/v1/cases?queue=returned');
    expect(returned.body.items.map((i) => i.id)).toContain(c.id);
    // 转办: the returned task goes to a colleague, who finishes the round.
    c = (await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'first')}/delegate`, { toAccountId: scjgColleagueId, reason: '由熟悉该店的同事核实' })).body;
    expect(c.tasks.find((x) => x.stepKey === 'first' && x.round === 2)).toMatchObject({ status: 'claimed', assigneeId: scjgColleagueId });
    expect((await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'first')}/approve`, { opinion: '抢办' })).status).toBe(409);
    c = (await call(scjgColleague, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'first')}/approve`, { opinion: '已核实，面积一致' })).body;
    c = (await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'second')}/approve`, { opinion: '复审同意' })).body;
    c = (await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(c, 'third')}/approve`, { opinion: '准予许可' })).body;
    expect(c.state).toBe('completed');

    const tl = await call<Timeline>(supervisor, 'GET', `/api/v1/cases/${c.id}/timeline`);
    expect(tl.status).toBe(200);
    const readable = tl.body.items.filter((e) => e.stepName).map((e) => `${e.actionLabel}·${e.stepName ?? ''}·${e.opinion ?? ''}`);
    expect(readable).toEqual([
      '审核通过·初审·初审同意',
      '审核通过·复审·复审同意',
      '退回·决定·场所面积与申请表不一致，请重新初审',
      '转办·初审·由熟悉该店的同事核实',
      '审核通过·初审·已核实，面积一致',
      '审核通过·复审·复审同意',
      '审核通过·决定·准予许可',
      '办结·决定·',
    ]);
    expect(tl.body.items.find((e) => e.action === 'return')?.data).toMatchObject({ toStep: 'first', toStepName: '初审', round: 2 });
  });
});

describe('refusals', () => {
  it('answers an illegal action with 409 and the actions allowed now', async () => {
    const c = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    const early = await call<ErrorJson>(clerk, 'POST', `/api/v1/cases/${c.id}/deliver`, { method: 'window' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_STATE', details: { state: 'submitted', action: 'deliver', allowed: ['accept', 'accept_with_deficiency', 'not_accept', 'request_supplement', 'withdraw'] } });
    await call(clerk, 'POST', `/api/v1/cases/${c.id}/accept`, {});
    const withdraw = await call<ErrorJson>(citizen, 'POST', `/api/v1/cases/${c.id}/withdraw`, {});
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error.details).toMatchObject({ allowed: ['claim', 'approve', 'deny', 'return', 'delegate', 'start_special_procedure', 'fulfil_promise'] });
  });

  it('gives a window clerk of another county 403', async () => {
    const c = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    const res = await call<ErrorJson>(ypClerk, 'POST', `/api/v1/cases/${c.id}/accept`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call(ypClerk, 'GET', `/api/v1/cases/${c.id}`)).status).toBe(403);
    expect((await call(ypClerk, 'GET', '/api/v1/cases?queue=to_accept&regionCode=350703000000')).status).toBe(403);
  });

  it('lets a clerk of the service centre at an integrated window accept for every department (一窗受理), not one at a specialised window', async () => {
    const centre = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区行政服务中心' })).id;
    const integrated = (await buildWindow(t.ctx, { regionCode: JY, departmentId: centre, kind: 'integrated' })).id;
    const specialised = (await buildWindow(t.ctx, { regionCode: JY, departmentId: centre, kind: 'specialised' })).id;
    const front = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: centre, windowId: integrated })).login);
    const side = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: centre, windowId: specialised })).login);
    const c = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    expect((await call<Page>(front, 'GET', '/api/v1/cases?queue=to_accept')).body.items.map((i) => i.id)).toContain(c.id);
    expect((await call<Page>(side, 'GET', '/api/v1/cases?queue=to_accept')).body.items.map((i) => i.id)).not.toContain(c.id);
    expect((await call<ErrorJson>(side, 'POST', `/api/v1/cases/${c.id}/accept`, {})).status).toBe(403);
    expect((await call(front, 'POST', `/api/v1/cases/${c.id}/accept`, {})).body.state).toBe('processing');
  });

  it('refuses a material that is not in the published guide (400 naming it)', async () => {
    const res = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', {
      implementationId: food.implementationId, formData: { shopName: '多要材料店' }, materials: { ...(await buildMaterials(t.app, citizen)), 'house-deed': { via: 'upload', fileIds: [await uploadFile(t.app, citizen)] } }, submit: true,
    }, { 'idempotency-key': `m-${randomUUID()}` });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'materials.house-deed' })]);
    expect(res.body.error.message).toContain('不在该事项办事指南');
    const c = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    const ask = await call<ErrorJson>(clerk, 'POST', `/api/v1/cases/${c.id}/supplement-request`, { items: [{ key: 'house-deed', reason: '需要房产证' }] });
    expect(ask.status).toBe(400);
    expect(ask.body.error.details).toEqual([expect.objectContaining({ path: 'items.0.key' })]);
    expect(ask.body.error.message).toContain('不在该事项办事指南');
    const paper = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', { implementationId: food.implementationId, materials: { layout: { via: 'paper' } } });
    expect(paper.status).toBe(400);
    expect(paper.body.error.details).toEqual([expect.objectContaining({ path: 'materials.layout' })]);
    const ghost = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', { implementationId: food.implementationId, materials: { layout: { via: 'upload', fileIds: [randomUUID()] } } });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.details).toEqual([expect.objectContaining({ path: 'materials.layout.fileIds.0' })]);
    const used = c.materials.find((m) => m.key === 'layout')?.entry;
    const reuse = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', { implementationId: food.implementationId, materials: { layout: used } });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.message).toContain('已用于其他办件');
    const badForm = await call<ErrorJson>(citizen, 'POST', '/api/v1/cases', { implementationId: food.implementationId, formData: { shopName: '店', area: '很大' }, materials: (await buildMaterials(t.app, citizen)), submit: true }, { 'idempotency-key': `f-${randomUUID()}` });
    expect(badForm.status).toBe(400);
    expect(badForm.body.error.details).toEqual([expect.objectContaining({ path: 'formData.area' })]);
  });
});

describe('versions, window applications and other decisions', () => {
  it('keeps showing the guide version a case was applied under after the guide changes', async () => {
    const v1 = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM }));
    const c = await buildCase(t.app, citizen, { implementationId: v1.implementationId });
    const changed = buildGuide({ form: SHOP_FORM });
    changed.materials = (changed.materials ?? []).map((m) => (m.key === 'layout' ? { ...m, name: '经营场所布局平面图（新）' } : m));
    const v2 = await changeImplementation(t.app, admins, v1.implementationId, changed);
    expect(v2.version).toBe(2);
    const seen = await call(citizen, 'GET', `/api/v1/cases/${c.id}`);
    expect(seen.body).toMatchObject({ versionId: v1.id, versionNumber: 1 });
    expect(seen.body.materials.find((m) => m.key === 'layout')?.name).toBe('经营场所布局图');
    const next = await buildCase(t.app, citizen, { implementationId: v1.implementationId });
    expect(next).toMatchObject({ versionId: v2.id, versionNumber: 2 });
    expect(next.materials.find((m) => m.key === 'layout')?.name).toBe('经营场所布局平面图（新）');
  });

  it('a clerk applies at the window with paper materials; the applicant sees it in my cases', async () => {
    const me = await call<{ idNumberMasked: string }>(citizen, 'GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    const c = await buildCase(t.app, clerk, {
      implementationId: food.implementationId,
      materials: { application: { via: 'paper', copies: 1 }, 'business-license': { via: 'license' }, layout: { via: 'paper', copies: 1 } },
      applicant: { kind: 'legal_person', name: '建阳区某餐饮有限公司', creditCode: '91350100M000100Y43', legalRepName: '张三' },
    });
    expect(c).toMatchObject({ channel: 'window', state: 'submitted', applicant: { kind: 'legal_person', creditCode: '91350100M000100Y43', accountId: null } });
    const noApplicant = await call<ErrorJson>(clerk, 'POST', '/api/v1/cases', { implementationId: food.implementationId });
    expect(noApplicant.status).toBe(400);
    expect(noApplicant.body.error.details).toEqual([expect.objectContaining({ path: 'applicant' })]);
  });

  it('completes at acceptance when the guide has no step after the window (即办件)', async () => {
    const v = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM, processSteps: [{ key: 'accept', name: '受理并办结', role: 'window_clerk', days: 0 }] }));
    const c = await buildCase(t.app, citizen, { implementationId: v.implementationId });
    const done = await call(clerk, 'POST', `/api/v1/cases/${c.id}/accept`, {});
    expect(done.body).toMatchObject({ state: 'completed', outcome: 'approved', tasks: [] });
    const tl = await call<Timeline>(citizen, 'GET', `/api/v1/cases/${c.id}/timeline`);
    expect(tl.body.items.map((e) => `${e.action}:${e.fromState ?? ''}>${e.toState}`)).toEqual(['create:>draft', 'submit:draft>submitted', 'accept:submitted>processing', 'complete:processing>completed']);
  });

  it('不予受理, 撤回, 容缺受理, 特别程序 and 不予许可', async () => {
    const a = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    const na = await call(clerk, 'POST', `/api/v1/cases/${a.id}/not-accept`, { reasons: ['申请事项不属于本机关职权范围'], notice: '不予受理通知书：……' });
    expect(na.body).toMatchObject({ state: 'not_accepted', decision: { kind: 'not_accepted', reasons: ['申请事项不属于本机关职权范围'] }, allowedActions: [] });

    const b = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    expect((await call(citizen, 'POST', `/api/v1/cases/${b.id}/withdraw`, { reason: '信息填错' })).body.state).toBe('withdrawn');

    // 容缺: only materials the guide allows; the promise is taken at the window.
    const c = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    const notAllowed = await call<ErrorJson>(clerk, 'POST', `/api/v1/cases/${c.id}/accept-with-deficiency`, { promises: [{ key: 'layout', promise: '三日内补交' }] });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.error.details).toEqual([expect.objectContaining({ path: 'promises.layout' })]);
    const ok = await call(clerk, 'POST', `/api/v1/cases/${c.id}/accept-with-deficiency`, { promises: [{ key: 'health-cert', promise: '承诺10个工作日内补交健康证明' }], dueDays: 10 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'processing', deficiency: { keys: ['health-cert'], promise: ['承诺10个工作日内补交健康证明'] } });

    // The promised material comes in later (补交); only what was promised.
    const other = await call<ErrorJson>(citizen, 'POST', `/api/v1/cases/${c.id}/promised-materials`, { materials: { layout: { via: 'upload', fileIds: [await uploadFile(t.app, citizen)] } } });
    expect(other.status).toBe(400);
    expect(other.body.error.details).toEqual([expect.objectContaining({ path: 'materials.layout' })]);
    const fulfilled = await call(citizen, 'POST', `/api/v1/cases/${c.id}/promised-materials`, { materials: { 'health-cert': { via: 'upload', fileIds: [await uploadFile(t.app, citizen, '健康证明.pdf')] } } });
    expect(fulfilled.body).toMatchObject({ state: 'processing', deficiency: null });
    expect(fulfilled.body.materials.find((m) => m.key === 'health-cert')?.entry).toMatchObject({ via: 'upload' });

    // 特别程序 pauses the clock; only the guide's procedures.
    const wrong = await call<ErrorJson>(scjgApprover, 'POST', `/api/v1/cases/${c.id}/special-procedure/start`, { name: '专家评审', reason: '需要专家论证' });
    expect(wrong.status).toBe(400);
    const started = await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/special-procedure/start`, { name: '现场核查', reason: '需到经营场所核查' });
    expect(started.body).toMatchObject({ state: 'suspended', specialProcedure: { name: '现场核查', maxDays: 10 } });
    expect((await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(started.body, 'review-scjg')}/approve`, { opinion: '同意' })).status).toBe(409);
    const ended = await call(scjgApprover, 'POST', `/api/v1/cases/${c.id}/special-procedure/end`, { result: '现场核查合格' });
    expect(ended.body).toMatchObject({ state: 'processing', specialProcedure: null });

    const denied = await call(wjwApprover, 'POST', `/api/v1/cases/${c.id}/tasks/${openTask(ended.body, 'review-wjw')}/deny`, { opinion: '卫生条件不符合要求', reasons: ['无更衣设施'] });
    expect(denied.body).toMatchObject({ state: 'denied', outcome: 'denied', decision: { kind: 'denied', reasons: ['无更衣设施'] }, result: { type: 'denial_notice' } });
    expect(denied.body.tasks.filter((x) => x.status === 'open' || x.status === 'claimed')).toEqual([]);
  });
});

describe('workbench queues and the clock', () => {
  it('lists near-deadline and overdue cases with days used and left; counts every supplement request', async () => {
    let late = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    // Two rounds of 一次性告知, each after the applicant supplemented: both are counted.
    for (const n of [1, 2]) {
      late = (await call(clerk, 'POST', `/api/v1/cases/${late.id}/supplement-request`, { items: [{ key: 'layout', reason: `第${n}次：布局图不清晰` }] })).body;
      expect(late.supplementCount).toBe(n);
      late = (await call(citizen, 'POST', `/api/v1/cases/${late.id}/supplement`, { materials: { layout: { via: 'upload', fileIds: [await uploadFile(t.app, citizen)] } } })).body;
    }
    await call(clerk, 'POST', `/api/v1/cases/${late.id}/accept`, {});
    const soon = await buildCase(t.app, citizen, { implementationId: food.implementationId });
    await call(clerk, 'POST', `/api/v1/cases/${soon.id}/accept`, {});
    // Accepted a month ago (3 working days) → overdue; the other is due tomorrow → near deadline.
    await t.database.db.execute(sql`update cases set accepted_at = accepted_at - interval '30 days', due_date = due_date - 30 where id = ${late.id}`);
    await t.database.db.execute(sql`update cases set due_date = (now() at time zone 'Asia/Shanghai')::date + 1 where id = ${soon.id}`);
    const overdue = await call<Page>(supervisor, 'GET', '/api/v1/cases?queue=overdue');
    const row = overdue.body.items.find((i) => i.id === late.id);
    expect(row?.clock).toMatchObject({ overdue: true, left: 0 });
    expect(row?.clock?.used).toBeGreaterThan(3);
    expect(overdue.body.items.map((i) => i.id)).not.toContain(soon.id);
    const near = await call<Page>(clerk, 'GET', '/api/v1/cases?queue=near_deadline');
    expect(near.body.items.map((i) => i.id)).toContain(soon.id);
    expect(near.body.items.map((i) => i.id)).not.toContain(late.id);
    const tl = await call<Timeline>(supervisor, 'GET', `/api/v1/cases/${late.id}/timeline`);
    expect(tl.body.items.filter((e) => e.action === 'request_supplement').map((e) => e.data?.count)).toEqual([1, 2]);
  });
});

describe('process definition export', () => {
  it('exports BPMN 2.0 with the parallel group between parallel gateways, readable by bpmn-moddle', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/process-definitions/${food.id}/bpmn` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const { BpmnModdle } = await import('bpmn-moddle');
    const moddle = new BpmnModdle();
    const { rootElement, warnings } = await moddle.fromXML(res.body);
    expect(warnings).toEqual([]);
    const process = (rootElement as { rootElements: { $type: string; flowElements: { $type: string; id: string; name?: string; sourceRef?: { id: string }; targetRef?: { id: string } }[] }[] }).rootElements[0];
    const els = process?.flowElements ?? [];
    expect(els.filter((e) => e.$type === 'bpmn:UserTask').map((e) => e.name)).toEqual(['受理', '审查', '卫生审查', '决定']);
    expect(els.filter((e) => e.$type === 'bpmn:ParallelGateway')).toHaveLength(2);
    const flows = els.filter((e) => e.$type === 'bpmn:SequenceFlow').map((e) => `${e.sourceRef?.id ?? ''}>${e.targetRef?.id ?? ''}`);
    expect(flows).toContain('Gateway_1_split>Task_review_scjg');
    expect(flows).toContain('Task_review_wjw>Gateway_1_join');
    expect(flows).toContain('Gateway_1_join>Task_decide');
  });
});
