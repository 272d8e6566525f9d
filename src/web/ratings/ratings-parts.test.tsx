// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDetail, TicketListItem } from '../api/ratings.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { TicketListPage, TicketPage } from './ratings-parts.tsx';

const ID = '8b9e3c1a-3333-4a2b-9c3d-000000000003';
const ITEM: TicketListItem = {
  id: ID, number: 'ZG-350703-20261202-0001', caseId: '8b9e3c1a-1111-4a2b-9c3d-000000000001', caseNumber: '350703-20261201-00001', itemName: '个体工商户名称变更登记',
  regionCode: '350703000000', departmentId: '8b9e3c1a-4444-4a2b-9c3d-000000000004', departmentName: '建阳区市场监督管理局', status: 'reviewing', allowedActions: ['review'],
  overall: 1, dueDate: '2026-12-09', overdue: true, createdAt: '2026-12-02T02:00:00.000Z', closedAt: null,
};
const DETAIL: TicketDetail = {
  ...ITEM, applicantName: '林*梅',
  rating: { id: '8b9e3c1a-2222-4a2b-9c3d-000000000002', caseId: ITEM.caseId, channel: 'online', realName: true, overall: 1, efficiency: 1, guideAccuracy: 2, convenience: 1, usability: 3, standard: null, attitude: null, causes: ['overdue'], comment: '超时了', bad: true, createdAt: '2026-12-02T02:00:00.000Z' },
  substantiated: true, verification: '审批超时一天', rectification: '调整排班', reply: '已整改，感谢监督', repliedAt: '2026-12-03T02:00:00.000Z', reviewOpinion: null,
  timeline: [
    { action: 'open', at: '2026-12-02T02:00:00.000Z', actorName: null, text: null, substantiated: null },
    { action: 'verify', at: '2026-12-02T03:00:00.000Z', actorName: '王审批', text: '审批超时一天', substantiated: true },
  ],
};

describe('差评整改 (supervisor)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists the region’s tickets with overdue ones tagged 已超期', async () => {
    const { calls } = stubFetch({ 'GET /api/v1/supervision/tickets': () => json(200, { items: [ITEM, { ...ITEM, id: 'x', number: 'ZG-350703-20261202-0002', overdue: false, status: 'closed', allowedActions: [] }], total: 2, page: 1, pageSize: 20 }) });
    renderApp(<TicketListPage base="/dashboards" supervisor />);
    expect(await screen.findByText('ZG-350703-20261202-0001')).toBeTruthy();
    expect(screen.getAllByText('已超期').length).toBe(1);
    expect(screen.getAllByText('建阳区市场监督管理局').length).toBe(2);
    expect(calls.find((c) => c.path === '/api/v1/supervision/tickets')).toBeTruthy();
  });

  it('reviews an answered ticket: 退回 requires an opinion, then posts it', async () => {
    const { calls } = stubFetch({
      [`GET /api/v1/supervision/tickets/${ID}`]: () => json(200, DETAIL),
      [`POST /api/v1/supervision/tickets/${ID}/review`]: () => json(200, { ...DETAIL, status: 'rectifying', allowedActions: ['rectify'], reviewOpinion: '措施不具体' }),
    });
    renderApp(
      <Routes>
        <Route path="/dashboards/rectification/:id" element={<TicketPage base="/dashboards" supervisor />} />
      </Routes>,
      { route: `/dashboards/rectification/${ID}` },
    );
    expect(await screen.findByRole('heading', { level: 1, name: '整改工单 ZG-350703-20261202-0001' })).toBeTruthy();
    expect(screen.getByText('林*梅')).toBeTruthy();
    expect(screen.getByText('已整改，感谢监督')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('退回重办'));
    fireEvent.click(screen.getByRole('button', { name: /^复\s?核$/ }));
    expect(await screen.findByText('请填写内容')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText('复核意见'), { target: { value: '措施不具体' } });
    fireEvent.click(screen.getByRole('button', { name: /^复\s?核$/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'return', opinion: '措施不具体' }));
  });
});
