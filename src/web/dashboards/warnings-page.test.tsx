// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonitoringPointView, WarningView } from '../api/supervision.ts';
import { installDomStubs, json, renderApp, resetDom } from '../test/render.tsx';
import { PointsPage } from './points-page.tsx';
import { WarningsPage } from './warnings-page.tsx';

const me = (regionCode: string) => ({
  account: {
    id: '00000000-0000-4000-8000-000000000005', kind: 'staff', status: 'active', displayName: '效能办', username: 'supervisor', idNumberMasked: null,
    creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles: ['supervisor'], scope: { regionCode, departmentId: null },
    createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
  },
  session: { expiresAt: '2026-12-02T12:00:00Z' },
});

const RED: WarningView = {
  id: '00000000-0000-4000-8000-0000000000e1', caseId: '00000000-0000-4000-8000-0000000000c1', caseNumber: '350703-20261101-00007', itemName: '食品经营许可（新办）',
  caseState: 'processing', pointCode: 'processing_overdue', level: 'red', regionCode: '350703000000', regionName: '建阳区',
  departmentId: '00000000-0000-4000-8000-0000000000d1', departmentName: '建阳区市场监督管理局', dueDate: '2026-11-20',
  detail: { dueDate: '2026-11-20', workingDaysOver: 8 }, status: 'open', raisedAt: '2026-11-21T02:00:00Z', resolvedAt: null,
  recipients: [{ id: '00000000-0000-4000-8000-0000000000a1', name: '陈审批' }],
};

type Handler = (url: URL, body: unknown) => Response;

/** A fetch stub by "METHOD path" that also hands the handler the query; records every call. */
function stub(routes: Record<string, Handler>) {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, url, body });
      const h = routes[`${method} ${url.pathname}`];
      return h ? h(url, body) : json(404, { error: { code: 'NOT_FOUND', message: `no ${url.pathname}` } });
    }),
  );
  return { calls };
}

describe('预警监控', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists the red warnings the URL asks for, scans on demand, and closes a checked warning with a note', async () => {
    let resolved = false;
    const { calls } = stub({
      'GET /api/v1/auth/me': () => json(200, me('350700000000')),
      'GET /api/v1/supervision/warnings': () => json(200, { items: resolved ? [] : [RED], total: resolved ? 0 : 1, page: 1, pageSize: 20 }),
      'POST /api/v1/supervision/scan': () => json(200, { raised: 2, resolved: 1, open: 5, at: '2026-12-02T01:00:00Z' }),
      [`POST /api/v1/supervision/warnings/${RED.id}/resolve`]: () => {
        resolved = true;
        return json(200, { ...RED, status: 'resolved', resolvedAt: '2026-12-02T01:05:00Z' });
      },
    });
    renderApp(<WarningsPage />, { route: '/dashboards/warnings?level=red' });
    expect(screen.getByRole('heading', { level: 1, name: '预警监控' })).toBeTruthy();
    const link = await screen.findByRole('link', { name: '350703-20261101-00007' });
    expect(link.getAttribute('href')).toBe(`/dashboards/cases/${RED.caseId}`);
    const tr = link.closest('tr') as HTMLElement;
    expect(within(tr).getByText('红灯')).toBeTruthy();
    expect(within(tr).getByText('办理超期')).toBeTruthy();
    expect(within(tr).getByText('已超时限 8 个工作日')).toBeTruthy();
    expect(within(tr).getByText('2026-11-20')).toBeTruthy();
    expect(within(tr).getByText('建阳区市场监督管理局（建阳区）')).toBeTruthy();
    // 督办 straight from the warning (the 督办 module's button).
    expect(within(tr).getByRole('button', { name: /发起督办/ })).toBeTruthy();
    const list = calls.find((c) => c.url.pathname === '/api/v1/supervision/warnings');
    expect(list?.url.searchParams.get('level')).toBe('red');
    expect(list?.url.searchParams.get('status')).toBe('open');

    fireEvent.click(screen.getByRole('button', { name: /立即扫描/ }));
    expect(await screen.findByText('扫描完成：新增 2 条，解除 1 条，当前未解除 5 条')).toBeTruthy();

    fireEvent.click(within(tr).getByRole('button', { name: '核实处理 350703-20261101-00007 的预警' }));
    const dialog = await screen.findByRole('dialog');
    // A blank note is refused here, as the server would.
    fireEvent.click(within(dialog).getByRole('button', { name: /解除预警/ }));
    expect(await within(dialog).findByText('请填写核实处理情况')).toBeTruthy();
    expect(calls.some((c) => c.url.pathname.endsWith('/resolve'))).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('核实处理情况'), { target: { value: '已电话督促，申请人材料已补齐' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /解除预警/ }));
    await waitFor(() => expect(calls.find((c) => c.url.pathname.endsWith('/resolve'))?.body).toEqual({ note: '已电话督促，申请人材料已补齐' }));
    expect(await screen.findByText('没有符合条件的预警')).toBeTruthy();
  });
});

const POINTS: MonitoringPointView[] = [
  { code: 'processing_near_deadline', level: 'yellow', threshold: 2, unit: 'working_days', enabled: true, updatedAt: '2026-12-01T00:00:00Z', open: 4 },
  { code: 'repeated_supplement', level: 'yellow', threshold: 1, unit: 'times', enabled: true, updatedAt: '2026-12-01T00:00:00Z', open: 0 },
];
const SETTINGS = { rectificationDays: 5, complaintDays: 5, orderDays: 3, orderEscalationDays: 2 };

describe('监察点设置', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lets a city supervisor change a threshold and sends only that change', async () => {
    const { calls } = stub({
      'GET /api/v1/auth/me': () => json(200, me('350700000000')),
      'GET /api/v1/supervision/points': () => json(200, { items: POINTS }),
      'GET /api/v1/supervision/settings': () => json(200, SETTINGS),
      'PATCH /api/v1/supervision/points/processing_near_deadline': (_u, body) => json(200, { ...POINTS[0], ...(body as object) }),
    });
    renderApp(<PointsPage />);
    expect(screen.getByRole('heading', { level: 1, name: '监察点设置' })).toBeTruthy();
    const threshold = await screen.findByLabelText('即将超期的阈值');
    await waitFor(() => expect(screen.getByRole('button', { name: '保存即将超期' })).toBeTruthy());
    fireEvent.change(threshold, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: '保存即将超期' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ threshold: 3 }));
  });

  it('shows a county supervisor the same settings read-only', async () => {
    stub({
      'GET /api/v1/auth/me': () => json(200, me('350703000000')),
      'GET /api/v1/supervision/points': () => json(200, { items: POINTS }),
      'GET /api/v1/supervision/settings': () => json(200, SETTINGS),
    });
    renderApp(<PointsPage />);
    expect(await screen.findByText('监察点和期限由市级监管人员统一配置，县级监管人员可以查看。')).toBeTruthy();
    const threshold = await screen.findByLabelText('即将超期的阈值');
    expect((threshold as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '保存即将超期' })).toBeNull();
    expect(screen.queryByRole('button', { name: '保存期限' })).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('差评整改期限（工作日）').value).toBe('5');
  });
});
