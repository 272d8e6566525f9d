// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KpiCounts } from '../../common/schemas/supervision.ts';
import type { KpiRates, KpiReport, KpiRow, LiveOverview } from '../api/supervision.ts';
import { installDomStubs, json, renderApp, resetDom } from '../test/render.tsx';
import { everyMonth, SupervisionOverviewPage } from './supervision-overview-page.tsx';

const CITY = '350700000000';
const JIANYANG = '350703000000';
const YANPING = '350702000000';

const ME = {
  account: {
    id: '00000000-0000-4000-8000-000000000005', kind: 'staff', status: 'active', displayName: '市效能办', username: 'supervisor.np', idNumberMasked: null,
    creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles: ['supervisor'], scope: { regionCode: CITY, departmentId: null },
    createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
  },
  session: { expiresAt: '2026-12-02T12:00:00Z' },
};

function counts(submitted: number, online: number, completed: number, overdue: number): KpiCounts {
  return { submitted, online, fullOnline: online, completed, instant: 0, early: completed - overdue, overdue, visits: submitted - online, materials: submitted * 4, materialsExempt: submitted, ratings: completed, ratingSum: completed * 4, goodRatings: completed, badRatings: 0 };
}

function rates(c: KpiCounts): KpiRates {
  const div = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    onlineRate: div(c.online, c.submitted), fullOnlineRate: div(c.fullOnline, c.submitted), instantRate: div(c.instant, c.completed), earlyRate: div(c.early, c.completed),
    overdueRate: div(c.overdue, c.completed), avgVisits: div(c.visits, c.submitted), exemptShare: div(c.materialsExempt, c.materials), satisfaction: div(c.goodRatings, c.ratings), avgRating: div(c.ratingSum, c.ratings),
  };
}

function row(key: string, name: string, drill: string | null, c: KpiCounts): KpiRow {
  return { key, name, drill, counts: c, rates: rates(c) };
}

function report(regionCode: string, regionName: string, groupBy: KpiReport['groupBy'], rows: KpiRow[], from: string, to: string): KpiReport {
  const total = rows.reduce<KpiCounts>((acc, r) => {
    const out = { ...acc };
    for (const k of Object.keys(out) as (keyof KpiCounts)[]) out[k] = acc[k] + r.counts[k];
    return out;
  }, counts(0, 0, 0, 0));
  return { from, to, regionCode, regionName, groupBy, asOf: '2026-12-01T16:00:00Z', totals: { counts: total, rates: rates(total) }, rows };
}

/** The children of each region the page may ask for. */
const CHILDREN: Record<string, { name: string; rows: KpiRow[] }> = {
  [CITY]: {
    name: '南平市',
    rows: [row(JIANYANG, '建阳区', JIANYANG, counts(400, 300, 380, 19)), row(YANPING, '延平区', YANPING, counts(100, 50, 90, 9))],
  },
  [JIANYANG]: {
    name: '建阳区',
    rows: [row('350703001000', '潭城街道', '350703001000', counts(250, 200, 240, 12)), row('350703100000', '麻沙镇', '350703100000', counts(150, 100, 140, 7))],
  },
};

function live(regionCode: string): LiveOverview {
  return {
    regionCode, regionName: CHILDREN[regionCode]?.name ?? regionCode, at: '2026-12-02T01:00:00Z', awaitingAcceptance: 7, inProcess: 42, suspended: 1, submittedToday: 5, completedToday: 3,
    yellow: 4, red: 2, openOrders: 1, overdueOrders: 0, openComplaints: 2, openTickets: 3, overdueTickets: 1,
    byPoint: { processing_near_deadline: 4, processing_overdue: 2, repeated_supplement: 0 },
  };
}

/** A fetch stub that answers the supervision API by path and query, and records what it was asked. */
function stubSupervisionApi() {
  const calls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
      calls.push(url);
      const q = url.searchParams;
      const region = q.get('regionCode') ?? CITY;
      switch (url.pathname) {
        case '/api/v1/auth/me':
          return json(200, ME);
        case '/api/v1/supervision/overview':
          return json(200, live(region));
        case '/api/v1/supervision/kpis': {
          const from = q.get('from') ?? '';
          const to = q.get('to') ?? '';
          const node = CHILDREN[region] ?? { name: region, rows: [] };
          if (q.get('groupBy') === 'region') return json(200, report(region, node.name, 'region', node.rows, from, to));
          if (q.get('groupBy') === 'month') return json(200, report(region, node.name, 'month', [row('2026-11', '2026-11', null, counts(80, 60, 70, 3))], from, to));
          return json(200, report(region, node.name, 'department', [row('d1', `${node.name}市场监督管理局`, null, counts(60, 40, 50, 2))], from, to));
        }
        case `/api/v1/org/regions/${JIANYANG}`:
          return json(200, { code: JIANYANG, name: '建阳区', level: 3, parentCode: CITY, childCount: 13, path: [{ code: '350000000000', name: '福建省', level: 1 }, { code: CITY, name: '南平市', level: 2 }, { code: JIANYANG, name: '建阳区', level: 3 }] });
        case `/api/v1/org/regions/${CITY}`:
          return json(200, { code: CITY, name: '南平市', level: 2, parentCode: '350000000000', childCount: 10, path: [{ code: '350000000000', name: '福建省', level: 1 }, { code: CITY, name: '南平市', level: 2 }] });
        default:
          return json(404, { error: { code: 'NOT_FOUND', message: `no ${url.pathname}` } });
      }
    }),
  );
  return { calls };
}

/** The card whose h2 is `name`. */
function card(name: string | RegExp): HTMLElement {
  const heading = screen.getByRole('heading', { level: 2, name });
  const el = heading.closest('.ant-card');
  if (!(el instanceof HTMLElement)) throw new Error('no card');
  return el;
}

describe('监管总览', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('shows the live counters and the KPIs of this year, and drills down from 南平市 into 建阳区 and back', async () => {
    const { calls } = stubSupervisionApi();
    renderApp(<SupervisionOverviewPage />, { route: '/dashboards' });
    expect(screen.getByRole('heading', { level: 1, name: '监管总览' })).toBeTruthy();

    // Live counters, 黄灯/红灯 linking to the filtered warning list.
    expect(await screen.findByText('红灯预警')).toBeTruthy();
    expect(screen.getByRole('link', { name: '查看红灯预警' }).getAttribute('href')).toBe('/dashboards/warnings?level=red');

    // KPI cards: 网办率 (300+50)/(400+100) = 70.0%, 超期率 (19+9)/(380+90) = 6.0%.
    const kpis = await screen.findByRole('region', { name: /效能指标/ });
    expect(within(within(kpis).getByText('网办率').closest('.ant-card') as HTMLElement).getByText('70.0%')).toBeTruthy();
    expect(within(within(kpis).getByText('超期率').closest('.ant-card') as HTMLElement).getByText('6.0%')).toBeTruthy();
    // Default period: 1 January of this year to today (Asia/Shanghai).
    const first = calls.find((u) => u.pathname === '/api/v1/supervision/kpis');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(first?.searchParams.get('from')).toBe(`${today.slice(0, 4)}-01-01`);
    expect(first?.searchParams.get('to')).toBe(today);
    expect(first?.searchParams.has('regionCode')).toBe(false);

    // The region card's table view, then a click on 建阳区.
    await screen.findByRole('heading', { level: 2, name: '南平市下级区划对比' });
    const cityCard = card('南平市下级区划对比');
    fireEvent.click(within(cityCard).getByText('表格'));
    fireEvent.click(await within(cityCard).findByRole('button', { name: '查看建阳区的下级区划' }));

    await screen.findByRole('heading', { level: 2, name: '建阳区下级区划对比' });
    await waitFor(() => expect(calls.some((u) => u.pathname === '/api/v1/supervision/kpis' && u.searchParams.get('groupBy') === 'region' && u.searchParams.get('regionCode') === JIANYANG)).toBe(true));
    expect(calls.some((u) => u.pathname === '/api/v1/supervision/overview' && u.searchParams.get('regionCode') === JIANYANG)).toBe(true);
    const countyCard = card('建阳区下级区划对比');
    expect(await within(countyCard).findByText('潭城街道')).toBeTruthy();
    expect(within(countyCard).getByText('麻沙镇')).toBeTruthy();
    expect(within(countyCard).queryByText('延平区')).toBeNull();
    // The export carries the drilled region.
    const href = within(countyCard).getByRole('link', { name: /导出/ }).getAttribute('href') ?? '';
    expect(new URL(href, 'http://localhost').searchParams.get('regionCode')).toBe(JIANYANG);

    // Breadcrumb 南平市 › 建阳区 (福建省 is above the supervisor's scope), and back up.
    await waitFor(() => expect(document.querySelector('[aria-current="location"]')?.textContent).toBe('建阳区'));
    expect(screen.queryByRole('button', { name: '福建省' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: '南平市' }));
    expect(await screen.findByRole('heading', { level: 2, name: '南平市下级区划对比' })).toBeTruthy();
  });

  it('draws the trend over every month of the period, months without applications as zero', () => {
    const r = report(CITY, '南平市', 'month', [row('2026-02', '2026-02', null, counts(80, 60, 70, 3))], '2025-12-15', '2026-03-01');
    const months = everyMonth(r);
    expect(months.map((m) => m.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(months.map((m) => m.counts.submitted)).toEqual([0, 0, 80, 0]);
    expect(months[0]?.rates.onlineRate).toBeNull();
  });
});
