// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WarningMatrix } from '../api/supervision.ts';
import { installDomStubs, json, renderApp, resetDom } from '../test/render.tsx';
import { MatrixPage } from './matrix-page.tsx';

const CITY = '350700000000';
const JIANYANG = '350703000000';

const ME = {
  account: {
    id: '00000000-0000-4000-8000-000000000005', kind: 'staff', status: 'active', displayName: '市效能办', username: 'supervisor.np', idNumberMasked: null,
    creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles: ['supervisor'], scope: { regionCode: CITY, departmentId: null },
    createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
  },
  session: { expiresAt: '2026-12-02T12:00:00Z' },
};

const zeros = { acceptance_overdue: 0, processing_near_deadline: 0, processing_overdue: 0, repeated_supplement: 0, material_beyond_guide: 0, suspended_too_long: 0, rejected_without_reason: 0 };

const MATRICES: Record<string, WarningMatrix> = {
  [CITY]: {
    by: 'region',
    rows: [{ key: JIANYANG, name: '建阳区', counts: { ...zeros, processing_near_deadline: 3, processing_overdue: 2 }, total: 5 }],
    totals: { ...zeros, processing_near_deadline: 3, processing_overdue: 2 },
  },
  [JIANYANG]: {
    by: 'region',
    rows: [{ key: '350703001000', name: '潭城街道', counts: { ...zeros, processing_overdue: 2 }, total: 2 }],
    totals: { ...zeros, processing_overdue: 2 },
  },
};

describe('监察点矩阵', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('shows point × region with totals, drills into a county, and exports the matrix shown', async () => {
    const calls: URL[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
        calls.push(url);
        if (url.pathname === '/api/v1/auth/me') return json(200, ME);
        if (url.pathname === '/api/v1/supervision/warnings/matrix') return json(200, MATRICES[url.searchParams.get('regionCode') ?? CITY]);
        if (url.pathname === `/api/v1/org/regions/${CITY}`) return json(200, { code: CITY, name: '南平市', level: 2, parentCode: null, childCount: 10, path: [{ code: CITY, name: '南平市', level: 2 }] });
        if (url.pathname === `/api/v1/org/regions/${JIANYANG}`) return json(200, { code: JIANYANG, name: '建阳区', level: 3, parentCode: CITY, childCount: 13, path: [{ code: CITY, name: '南平市', level: 2 }, { code: JIANYANG, name: '建阳区', level: 3 }] });
        return json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
      }),
    );
    renderApp(<MatrixPage />, { route: '/dashboards/matrix' });
    expect(screen.getByRole('heading', { level: 1, name: '监察点矩阵' })).toBeTruthy();
    expect(await screen.findByText('未解除预警共 5 条。')).toBeTruthy();
    const card = screen.getByRole('heading', { level: 2, name: '监察点 × 下级区划' }).closest('.ant-card') as HTMLElement;
    expect(within(card).getByRole('img', { name: '监察点 × 下级区划：建阳区 5' })).toBeTruthy();
    expect(new URL(within(card).getByRole('link', { name: /导出/ }).getAttribute('href') ?? '', 'http://localhost').search).toBe('?by=region');

    fireEvent.click(within(card).getByText('表格'));
    const tr = (await within(card).findByRole('button', { name: '查看建阳区的下级区划' })).closest('tr') as HTMLElement;
    expect(within(tr).getAllByRole('cell').map((c) => c.textContent)).toEqual(['建阳区', '0', '3', '2', '0', '0', '0', '0', '5']);

    fireEvent.click(within(tr).getByRole('button', { name: '查看建阳区的下级区划' }));
    expect(await screen.findByText('未解除预警共 2 条。')).toBeTruthy();
    await waitFor(() => expect(calls.some((u) => u.pathname === '/api/v1/supervision/warnings/matrix' && u.searchParams.get('regionCode') === JIANYANG)).toBe(true));
    const county = screen.getByRole('heading', { level: 2, name: '监察点 × 下级区划' }).closest('.ant-card') as HTMLElement;
    expect(new URL(within(county).getByRole('link', { name: /导出/ }).getAttribute('href') ?? '', 'http://localhost').searchParams.get('regionCode')).toBe(JIANYANG);
    await waitFor(() => expect(document.querySelector('[aria-current="location"]')?.textContent).toBe('建阳区'));
  });
});
