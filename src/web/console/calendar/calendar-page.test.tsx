// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import CalendarPage from './calendar-page.tsx';
import { toDeadlineQuery } from './deadline-calculator.tsx';
import { LoadYearDialog } from './load-year-dialog.tsx';

const me = (roles: string[]) => () =>
  json(200, {
    account: {
      id: '00000000-0000-4000-8000-000000000001', kind: 'staff', status: 'active', displayName: '系统管理员', username: 'admin', idNumberMasked: null,
      creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles, scope: { regionCode: '350700000000', departmentId: null },
      createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
    },
    session: { expiresAt: '2026-11-23T12:00:00Z' },
  });

const YEARS = {
  items: [{ year: 2026, source: 'chinese-days', noticeRef: 'chinese-days 1.5.7', loadedBy: '系统（migrate）', loadedAt: '2026-11-23T00:00:00Z', holidays: 33, adjustedWorkdays: 6 }],
  today: '2026-11-23',
  missing: [2027],
};
const Y2026 = {
  year: 2026,
  schedule: YEARS.items[0],
  days: [
    { date: '2026-09-20', kind: 'workday', name: '国庆节' },
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday', name: '国庆节' })),
    { date: '2026-10-10', kind: 'workday', name: '国庆节' },
  ],
};

describe('工作日历', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('warns that 2027 is not loaded, lists the year’s periods and offers an admin to replace the year', async () => {
    stubFetch({ 'GET /api/v1/auth/me': me(['system_admin']), 'GET /api/v1/calendar/years': () => json(200, YEARS), 'GET /api/v1/calendar/2026': () => json(200, Y2026) });
    renderApp(<CalendarPage />, { route: '/console/calendar' });
    expect(await screen.findByText('2027年节假日安排尚未载入')).toBeTruthy();
    const periods = await screen.findByRole('region', { name: '2026年安排' });
    expect(within(periods).getByText('放假：10-01~10-07（7天）')).toBeTruthy();
    expect(within(periods).getByText('上班：09-20、10-10')).toBeTruthy();
    expect(await screen.findByRole('button', { name: '替换2026年安排' })).toBeTruthy();
  });

  it('does not offer loading to a window clerk', async () => {
    const { calls } = stubFetch({ 'GET /api/v1/auth/me': me(['window_clerk']), 'GET /api/v1/calendar/years': () => json(200, YEARS), 'GET /api/v1/calendar/2026': () => json(200, Y2026) });
    renderApp(<CalendarPage />, { route: '/console/calendar' });
    await screen.findByRole('region', { name: '2026年安排' });
    // The clerk's roles have arrived (an admin's button would show by now).
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/auth/me')).toBe(true));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: /2026年安排/ })).toBeNull();
  });

  it('sends pasted ranges as days and shows a server error on the line it came from', async () => {
    const { calls } = stubFetch({
      'PUT /api/v1/calendar/2027': () =>
        json(400, { error: { code: 'VALIDATION_FAILED', message: 'x', details: [{ path: 'holidays.3.date', message: '2028-01-01 不在2027年内' }] } }),
    });
    renderApp(<LoadYearDialog year={2027} current={null} onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText('通知文号'), { target: { value: '国办发明电〔2026〕1号' } });
    fireEvent.change(screen.getByLabelText('放假日'), { target: { value: '2027-01-01~2027-01-03 元旦\n2028-01-01 元旦' } });
    fireEvent.change(screen.getByLabelText('调休上班日（周六、周日上班）'), { target: { value: '2027-02-06 春节' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('第 2 行：2028-01-01 不在2027年内')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      noticeRef: '国办发明电〔2026〕1号',
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-02', name: '元旦' },
        { date: '2027-01-03', name: '元旦' },
        { date: '2028-01-01', name: '元旦' },
      ],
      workdays: [{ date: '2027-02-06', name: '春节' }],
    });
  });

  it('refuses unreadable lines without calling the server', async () => {
    const { calls } = stubFetch();
    renderApp(<LoadYearDialog year={2027} current={null} onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText('通知文号'), { target: { value: '国办发明电〔2026〕1号' } });
    fireEvent.change(screen.getByLabelText('放假日'), { target: { value: '2027-02-30 春节' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('第 1 行无法识别：2027-02-30 春节')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(false));
  });

  it('turns the calculator form into the deadline query (a running pause has no end)', () => {
    expect(
      toDeadlineQuery({
        start: dayjs('2026-09-25'), days: 20, unit: 'working_day', asOf: null,
        pauses: [{ range: [dayjs('2026-10-12'), dayjs('2026-10-14')] }, { range: [dayjs('2026-10-20'), null] }, { range: null }],
      }),
    ).toEqual({ start: '2026-09-25', days: 20, unit: 'working_day', pauses: '2026-10-12/2026-10-14,2026-10-20/' });
    expect(toDeadlineQuery({ unit: 'working_day', days: 20 })).toBeNull();
  });
});
