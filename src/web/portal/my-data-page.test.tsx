// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataUsageRecord, MySession } from '../api/data-usage.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { MyDataPage } from './my-data-page.tsx';

const sso: DataUsageRecord = {
  id: '00000000-0000-4000-8000-00000000d001', occurredAt: '2026-12-02T02:00:00.000Z', category: 'sso', action: 'identity.sso.login',
  description: '登录 不动产登记系统（单点登录）', descriptionEn: 'Logged in to 不动产登记系统 (single sign-on)',
  actor: { kind: 'system', name: '不动产登记系统', department: null, region: null }, purpose: '单点登录不动产登记系统',
  dataItems: [{ code: 'name', label: '姓名/名称', labelEn: 'name' }, { code: 'phone_number', label: '手机号码', labelEn: 'phone number' }], ipMasked: '10.1.*.*',
};
const read: DataUsageRecord = {
  id: '00000000-0000-4000-8000-00000000d002', occurredAt: '2026-12-02T01:00:00.000Z', category: 'read', action: 'cases.case.read',
  description: '查看了您的办件 350703-20261202-00001（居民身份证换领）', descriptionEn: 'Viewed your case 350703-20261202-00001 (居民身份证换领)',
  actor: { kind: 'staff', name: '陈受理', department: '建阳区行政服务中心管理委员会', region: '建阳区' }, purpose: '办件受理',
  dataItems: [{ code: 'case', label: '办件申请信息与材料', labelEn: 'application data and materials' }], ipMasked: '127.0.*.*',
};
const session = (o: Partial<MySession>): MySession => ({
  id: 'aaaaaaaaaaaaaaaa', current: false, active: true, device: 'Safari · iOS', userAgent: 'x', ipMasked: '10.1.*.*', method: 'sms',
  createdAt: '2026-12-02T00:00:00.000Z', lastSeenAt: '2026-12-02T00:30:00.000Z', endedAt: null, endReason: null, ...o,
});

describe('数据使用记录 page', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('shows each record with who, purpose and data; the SSO row names the system; a category filter asks the server', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/me/data-usage': () => json(200, { items: [sso, read], total: 2, page: 1, pageSize: 20 }),
      'GET /api/v1/me/sessions': () => json(200, { items: [session({ id: 'cccccccccccccccc', current: true, device: 'Chrome · Linux', method: 'password' })] }),
    });
    renderApp(<MyDataPage />, { route: '/account/data-usage' });
    const ssoRow = await screen.findByRole('article', { name: /登录 不动产登记系统（单点登录）/ });
    expect(within(ssoRow).getByText('不动产登记系统（部门系统）')).toBeTruthy();
    expect(within(ssoRow).getByText('姓名/名称、手机号码')).toBeTruthy();
    const readRow = screen.getByRole('article', { name: /查看了您的办件/ });
    expect(within(readRow).getByText('陈受理（建阳区行政服务中心管理委员会 · 建阳区）')).toBeTruthy();
    expect(within(readRow).getByText('办件受理')).toBeTruthy();
    expect(await screen.findByText('没有其他设备登录您的账户。')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '单点登录' }));
    const urls = () => vi.mocked(fetch).mock.calls.map(([input]) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url));
    await waitFor(() => expect(urls()).toContain('/api/v1/me/data-usage?category=sso&page=1&pageSize=20'));
    expect(calls.filter((c) => c.path === '/api/v1/me/data-usage').length).toBeGreaterThanOrEqual(2);
  });

  it('signs another device out after confirmation', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/me/data-usage': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      'GET /api/v1/me/sessions': () => json(200, { items: [session({ id: 'cccccccccccccccc', current: true, device: null }), session({})] }),
      'POST /api/v1/me/sessions/aaaaaaaaaaaaaaaa/end': () => json(200, { ok: true }),
    });
    renderApp(<MyDataPage />, { route: '/account/data-usage' });
    expect(await screen.findByText('没有符合条件的记录。')).toBeTruthy();
    expect(screen.getByText('未知设备')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: /^下线：Safari · iOS/ }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s?定/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/me/sessions/aaaaaaaaaaaaaaaa/end')).toBe(true));
    expect(await screen.findByText('已让该设备下线')).toBeTruthy();
  });
});
