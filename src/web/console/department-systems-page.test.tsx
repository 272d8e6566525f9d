// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { DepartmentSystemsPage } from './department-systems-page.tsx';

const SYSTEM = {
  id: '00000000-0000-4000-8000-0000000000d1', departmentId: '00000000-0000-4000-8000-0000000000d2', departmentName: '建阳区市场监督管理局', name: '市场监管局审批系统',
  webhookUrl: 'https://sp.example.cn/tongban', events: ['case.accepted'], active: true, secretRotatedAt: '2026-11-23T01:00:00.000Z', createdAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T01:00:00.000Z',
};
const FAILED = {
  id: '00000000-0000-4000-8000-0000000000e1', systemId: SYSTEM.id, caseId: '00000000-0000-4000-8000-0000000000e2', caseNumber: '350703-20261123-00042', event: 'case.accepted',
  eventId: '00000000-0000-4000-8000-0000000000e3', status: 'failed', attempts: 7, lastStatusCode: 503, lastError: 'HTTP 503', createdAt: '2026-11-23T01:00:00.000Z', deliveredAt: null,
};

describe('部门自建系统 console page', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists systems, shows a rotated secret once, and retries a failed delivery', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/department-systems': () => json(200, { items: [SYSTEM] }),
      [`POST /api/v1/department-systems/${SYSTEM.id}/rotate-secret`]: () => json(200, { ...SYSTEM, secret: 'tbsec_new-secret-value' }),
      [`GET /api/v1/department-systems/${SYSTEM.id}/deliveries`]: () => json(200, { items: [FAILED], total: 1, page: 1, pageSize: 20 }),
      [`POST /api/v1/department-systems/deliveries/${FAILED.id}/retry`]: () => json(200, { ...FAILED, status: 'pending' }),
    });
    renderApp(<DepartmentSystemsPage />);
    expect(await screen.findByText('市场监管局审批系统')).toBeTruthy();
    expect(screen.getByText('已受理')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '更换密钥' }));
    // antd spaces out two-character button labels (确 定).
    fireEvent.click(await screen.findByRole('button', { name: /确\s?定/ }));
    expect(await screen.findByText('tbsec_new-secret-value')).toBeTruthy();
    expect(screen.getByText('密钥只显示这一次，请立即复制并交给部门系统配置。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /我已保存/ }));
    await waitFor(() => expect(screen.queryByText('tbsec_new-secret-value')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: '推送记录' }));
    expect(await screen.findByText('350703-20261123-00042')).toBeTruthy();
    expect(screen.getByText('HTTP 503')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重新推送' }));
    const ok = await screen.findAllByRole('button', { name: /确\s?定/ });
    fireEvent.click(ok[ok.length - 1] as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === `/api/v1/department-systems/deliveries/${FAILED.id}/retry`)).toBe(true));
  });
});
