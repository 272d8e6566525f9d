import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseViewT } from '../../../common/schemas/cases.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildMaterials, publishImplementation, SHOP_FORM, type PublishedVersion } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildDepartment, buildStaff, buildWindow, loginCookie } from '../../../../test/support/factories.ts';
import { buildGuideLicenseTypes, holdLicense } from '../../../../test/support/license-factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: { requiredLevel: number; currentLevel: number; ways: string[] } } };

const JY = '350703000000';
let t: TestApp;
let clerk = '';
let l2Item: PublishedVersion;
let l3Item: PublishedVersion;
let openItem: PublishedVersion;

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  const scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局', shortName: '卫健局' });
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  const win = await buildWindow(t.ctx, { regionCode: JY, departmentId: scjg });
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg, windowId: win.id })).login);
  l2Item = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM, minRealNameLevel: 2 }));
  l3Item = await publishImplementation(t.app, admins, scjg, buildGuide({ name: '食品经营许可（延续）', form: SHOP_FORM, minRealNameLevel: 3 }));
  openItem = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM }));
});
afterAll(async () => {
  await t.close();
});

async function citizen() {
  const c = await buildCitizen(t.ctx, { name: '林等级' });
  await holdLicense(t.ctx, { kind: 'person', name: '林等级', code: c.idNumber });
  return { ...c, cookie: await loginCookie(t.app, c.login) };
}

async function apply(cookie: string, implementationId: string, o: { submit?: boolean; applicant?: object } = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: { cookie, 'idempotency-key': `rn-${randomUUID()}` },
    payload: { implementationId, formData: { shopName: '闽北小吃店' }, materials: await buildMaterials(t.app, cookie), submit: o.submit ?? true, ...(o.applicant ? { applicant: o.applicant } : {}) },
  });
  return { status: res.statusCode, body: res.json<unknown>() };
}

describe('事项实名等级要求 (items that need a minimum real-name level)', () => {
  it('shows the requirement in the published guide, L1 by default', async () => {
    const guide = json<{ content: { minRealNameLevel: number } }>(await t.app.inject(`/api/v1/catalog/versions/${l2Item.id}`));
    expect(guide.content.minRealNameLevel).toBe(2);
    const open = json<{ content: { minRealNameLevel: number } }>(await t.app.inject(`/api/v1/catalog/versions/${openItem.id}`));
    expect(open.content.minRealNameLevel).toBe(1);
  });

  it('refuses an L1 applicant for an L2 item with 403 REAL_NAME_LEVEL_TOO_LOW naming both levels; after the upgrade the same applicant succeeds', async () => {
    const c = await citizen();
    const refused = await apply(c.cookie, l2Item.implementationId);
    expect(refused.status).toBe(403);
    const err = refused.body as ErrorJson;
    expect(err.error.code).toBe('REAL_NAME_LEVEL_TOO_LOW');
    expect(err.error.details).toEqual({ requiredLevel: 2, currentLevel: 1, ways: ['sms', 'window'] });
    expect(err.error.message).toContain('短信');
    // The L1 item is open to the same account.
    expect((await apply(c.cookie, openItem.implementationId)).status).toBe(201);

    // At a window the citizen's ID card is checked: L3, and the application goes through.
    const verified = await t.app.inject({ method: 'POST', url: '/api/v1/real-name/verifications', headers: { cookie: clerk }, payload: { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card' } });
    expect(verified.statusCode).toBe(200);
    const ok = await apply(c.cookie, l2Item.implementationId);
    expect(ok.status).toBe(201);
    expect((ok.body as CaseViewT).state).toBe('submitted');
    expect((await apply(c.cookie, l3Item.implementationId)).status).toBe(201);
  });

  it('keeps a draft of an L1 applicant but refuses submitting it until the level is reached', async () => {
    const c = await citizen();
    const draft = await apply(c.cookie, l3Item.implementationId, { submit: false });
    expect(draft.status).toBe(201);
    const id = (draft.body as CaseViewT).id;
    const submit = () => t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/submit`, headers: { cookie: c.cookie, 'idempotency-key': `rn-${randomUUID()}` } });
    const refused = await submit();
    expect(refused.statusCode).toBe(403);
    expect(json<ErrorJson>(refused).error.details).toMatchObject({ requiredLevel: 3, currentLevel: 1, ways: ['window'] });
    await t.app.inject({ method: 'POST', url: '/api/v1/real-name/verifications', headers: { cookie: clerk }, payload: { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card' } });
    const ok = await submit();
    expect(ok.statusCode).toBe(200);
    expect(json<CaseViewT>(ok).state).toBe('submitted');
  });

  it('does not refuse a case a window clerk applies for on behalf of a person at the window (identity checked there)', async () => {
    const c = await citizen();
    const atWindow = await apply(clerk, l3Item.implementationId, { applicant: { kind: 'person', name: '林等级', idNumber: c.idNumber } });
    expect(atWindow.status).toBe(201);
    expect((atWindow.body as CaseViewT).channel).toBe('window');
  });
});
