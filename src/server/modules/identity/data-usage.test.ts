import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { DataUsageRecord, MySessionsResponse } from '../../../common/schemas/data-usage.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildCase, publishImplementation, SHOP_FORM, type PublishedVersion } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildDepartment, buildPhone, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { buildGuideLicenseTypes, holdLicense } from '../../../../test/support/license-factories.ts';

type Rec = z.infer<typeof DataUsageRecord>;
type Page = { items: Rec[]; total: number };
type ErrorJson = { error: { code: string; details?: { path: string; message: string }[] } };

const JY = '350703000000';
let t: TestApp;
let food: PublishedVersion;
let citizen = { id: '', idNumber: '', phone: '', cookie: '' };
let other = { id: '', idNumber: '', cookie: '' };
let clerk = '';
let approver = '';
let admin = '';

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  const scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  // buildGuide's process runs a parallel step at 卫健局.
  await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局', shortName: '卫健局' });
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  food = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM }));
  const phone = buildPhone();
  const c = await buildCitizen(t.ctx, { name: '林小梅', phone });
  await holdLicense(t.ctx, { kind: 'person', name: '林小梅', code: c.idNumber });
  citizen = { id: c.id, idNumber: c.idNumber, phone, cookie: await loginCookie(t.app, c.login) };
  const o = await buildCitizen(t.ctx, { name: '郑旁人' });
  other = { id: o.id, idNumber: o.idNumber, cookie: await loginCookie(t.app, o.login) };
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg })).login);
  approver = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: scjg })).login);
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: '350700000000', departmentId: sgb })).login);
});
afterAll(async () => {
  await t.close();
});

async function usage(cookie: string, query = ''): Promise<{ status: number; body: Page; raw: string }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/data-usage${query}`, headers: { cookie } });
  return { status: res.statusCode, body: json<Page>(res), raw: res.body };
}

function asAccount(accountId: string): Ctx {
  return { ...t.ctx, actor: { type: 'account', accountId, kind: 'citizen', displayName: '', roles: [], scope: null, sessionId: null } };
}

describe('数据使用记录 (who used my data)', () => {
  it('lists a clerk’s and an approver’s reads of the citizen’s case with name, department, region and purpose; nobody else sees them', async () => {
    const applied = await buildCase(t.app, citizen.cookie, { implementationId: food.implementationId });
    // The applicant reading their own case is not a use of their data by someone else.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${applied.id}`, headers: { cookie: citizen.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${applied.id}`, headers: { cookie: clerk } })).statusCode).toBe(200);
    const reads = await usage(citizen.cookie, '?category=read');
    expect(reads.status).toBe(200);
    expect(reads.body.total).toBe(1);
    expect(reads.body.items[0]).toMatchObject({
      category: 'read', action: 'cases.case.read', purpose: '办件受理',
      description: `查看了您的办件 ${applied.caseNumber ?? ''}（${applied.itemName}）`,
      descriptionEn: `Viewed your case ${applied.caseNumber ?? ''} (${applied.itemName})`,
      actor: { kind: 'staff', name: '测试人员', department: '建阳区市场监督管理局', region: '建阳区' },
      dataItems: [{ code: 'case', label: '办件申请信息与材料' }],
    });
    expect(reads.body.items[0]?.ipMasked).toMatch(/\*/);

    // After acceptance the approver's read is for approval (办件审批).
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${applied.id}/accept`, headers: { cookie: clerk }, payload: {} });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${applied.id}`, headers: { cookie: approver } })).statusCode).toBe(200);
    const after = await usage(citizen.cookie, '?category=read');
    expect(after.body.items.map((r) => r.purpose)).toEqual(['办件审批', '办件受理']);

    // The case's own progress shows under 其他, not as a read.
    const others = await usage(citizen.cookie, '?category=other');
    expect(others.body.items.some((r) => r.action === 'cases.case.accept' && r.description === `办件 ${applied.caseNumber ?? ''}：受理` && r.actor.kind === 'staff')).toBe(true);

    // Another citizen's records hold none of it.
    const theirs = await usage(other.cookie);
    expect(theirs.body.items.some((r) => r.action.startsWith('cases.'))).toBe(false);
    expect(theirs.raw).not.toContain(applied.caseNumber ?? 'no case number');
  });

  it('shows an administrator’s read of the account with its purpose', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${citizen.id}`, headers: { cookie: admin } })).statusCode).toBe(200);
    const reads = await usage(citizen.cookie, '?category=read');
    expect(reads.body.items[0]).toMatchObject({ action: 'identity.account.read', description: '查看了您的账户信息', purpose: '账户管理', actor: { kind: 'staff', department: '南平市审改办', region: '南平市' } });
  });

  it('shows a login to a department system through SSO with the system’s name and the data released', async () => {
    await audit(asAccount(citizen.id), {
      action: 'identity.sso.login', entityType: 'sso_client', entityId: 'bdc-system', subjectAccountId: citizen.id, purpose: '单点登录不动产登记系统',
      after: { clientId: 'bdc-system', clientName: '不动产登记系统', scopes: ['openid', 'profile', 'phone'], claims: ['sub', 'name', 'phone_number'] },
    });
    await audit(asAccount(citizen.id), {
      action: 'identity.sso.consent', entityType: 'sso_client', entityId: 'bdc-system', subjectAccountId: citizen.id, purpose: '授权不动产登记系统获取身份信息',
      after: { clientId: 'bdc-system', clientName: '不动产登记系统', scopes: ['openid', 'profile', 'phone'], claims: ['name', 'phone_number'], grantId: 'abcd' },
    });
    const sso = await usage(citizen.cookie, '?category=sso');
    expect(sso.body.items.map((r) => r.description)).toEqual(['授权 不动产登记系统 获取您的身份信息', '登录 不动产登记系统（单点登录）']);
    const login = sso.body.items[1];
    expect(login).toMatchObject({ category: 'sso', descriptionEn: 'Logged in to 不动产登记系统 (single sign-on)', actor: { kind: 'system', name: '不动产登记系统' }, purpose: '单点登录不动产登记系统' });
    expect(login?.dataItems.map((d) => d.label)).toEqual(['用户标识（不含个人信息）', '姓名/名称', '手机号码']);
    expect(sso.body.items[0]?.actor.kind).toBe('self');
    // Only the selected fields of the record: not the grant id, not the scopes.
    expect(sso.raw).not.toContain('abcd');
    expect((await usage(other.cookie, '?category=sso')).body.total).toBe(0);
  });

  it('lists the sessions with the login method, and ends another session (audited); the current one cannot be ended this way', async () => {
    const second = await loginCookie(t.app, citizen.idNumber);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: citizen.cookie, 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36' } });
    expect(res.statusCode).toBe(200);
    const sessions = json<z.infer<typeof MySessionsResponse>>(res).items;
    const active = sessions.filter((s) => s.active);
    expect(active.length).toBeGreaterThanOrEqual(2);
    expect(active.every((s) => s.method === 'password')).toBe(true);
    const current = sessions.find((s) => s.current);
    expect(current).toBeTruthy();
    const target = active.find((s) => !s.current);
    expect(target?.id).toMatch(/^[0-9a-f]{16}$/);

    const self = await t.app.inject({ method: 'POST', url: `/api/v1/me/sessions/${current?.id ?? ''}/end`, headers: { cookie: citizen.cookie } });
    expect(self.statusCode).toBe(409);
    // Someone else's session is not found for me.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/me/sessions/${target?.id ?? ''}/end`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/me/sessions/not-a-session/end', headers: { cookie: citizen.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorJson>(bad).error.details?.[0]?.path).toBe('id');

    // Which session is which: the second login is the newest, and ending it logs that cookie out.
    const meBefore = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: second } });
    expect(meBefore.statusCode).toBe(200);
    const ended: string[] = [];
    for (const s of active.filter((x) => !x.current)) {
      const r = await t.app.inject({ method: 'POST', url: `/api/v1/me/sessions/${s.id}/end`, headers: { cookie: citizen.cookie } });
      expect(r.statusCode).toBe(200);
      ended.push(s.id);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: citizen.cookie } })).statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/me/sessions/${ended[0] ?? ''}/end`, headers: { cookie: citizen.cookie } });
    expect(again.statusCode).toBe(409);

    const listed = json<z.infer<typeof MySessionsResponse>>(await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: citizen.cookie } })).items;
    expect(listed.find((s) => s.id === ended[0])).toMatchObject({ active: false, endReason: 'ended by owner' });
    const logins = await usage(citizen.cookie, '?category=login');
    expect(logins.body.items.filter((r) => r.action === 'identity.session.end')).toHaveLength(ended.length);
    expect(logins.body.items.find((r) => r.action === 'identity.session.end')).toMatchObject({ description: '结束了一个登录会话（下线）', actor: { kind: 'self' } });
    expect(logins.body.items.find((r) => r.action === 'identity.login')).toMatchObject({ description: '登录平台（密码）', actor: { kind: 'self' } });
  });

  it('filters by date range and refuses a bad date naming the field', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const all = await usage(citizen.cookie);
    const todays = await usage(citizen.cookie, `?from=${today}&to=${today}`);
    expect(todays.body.total).toBe(all.body.total);
    expect((await usage(citizen.cookie, '?to=2020-01-01')).body.total).toBe(0);
    const bad = await usage(citizen.cookie, '?from=2026-02-31');
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.raw) as ErrorJson).error.details?.[0]?.path).toBe('from');
    const reversed = await usage(citizen.cookie, '?from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(400);
    const unknown = await usage(citizen.cookie, '?category=everything');
    expect(unknown.status).toBe(400);
  });

  it('pages newest first and never shows personal numbers of anyone', async () => {
    const p1 = await usage(citizen.cookie, '?page=1&pageSize=2');
    const p2 = await usage(citizen.cookie, '?page=2&pageSize=2');
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.total).toBeGreaterThan(4);
    expect(new Date(p1.body.items[1]?.occurredAt ?? 0) >= new Date(p2.body.items[0]?.occurredAt ?? 0)).toBe(true);
    const everything = await usage(citizen.cookie, '?pageSize=200');
    for (const secret of [citizen.idNumber, citizen.phone, other.idNumber, '郑旁人']) expect(everything.raw).not.toContain(secret);
    // No ID number of any staff member or applicant: no 18-character run of digits anywhere.
    expect(everything.raw).not.toMatch(/(?<![0-9a-fA-F])\d{17}[\dX](?![0-9a-fA-F])/);
    expect(everything.raw).not.toMatch(/"(before|after)"/);
  });

  it('refuses anonymous callers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/data-usage' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions' })).statusCode).toBe(401);
  });
});
