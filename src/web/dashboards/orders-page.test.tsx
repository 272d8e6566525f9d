// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderCaseFacts, OrderDetail } from '../api/orders.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { MyOrdersPage } from '../workbench/orders-page.tsx';
import { OrdersPage } from './orders-page.tsx';

const ORDER_ID = '00000000-0000-4000-8000-0000000000d1';
const CASE_ID = '00000000-0000-4000-8000-0000000000c1';

const FACTS: OrderCaseFacts = {
  id: CASE_ID, caseNumber: '350703-20261207-00001', itemName: '个体工商户名称变更登记', state: 'processing', stateLabel: '办理中',
  regionCode: '350703000000', regionName: '建阳区', departmentId: '00000000-0000-4000-8000-0000000000a1', departmentName: '建阳区市场监督管理局',
  submittedAt: '2026-12-07T02:00:00Z', acceptedAt: '2026-12-07T02:10:00Z', dueDate: '2026-12-10', completedAt: null,
  openTasks: [{ stepName: '审批', role: 'approver', status: 'open', assigneeName: null }], openOrders: 0,
};

function order(over: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: ORDER_ID, number: 'DB-350703-20261207-0001', caseId: CASE_ID, caseNumber: FACTS.caseNumber, itemName: FACTS.itemName, caseState: 'processing', caseStateLabel: '办理中',
    warningId: null, departmentId: FACTS.departmentId, departmentName: FACTS.departmentName, regionCode: FACTS.regionCode, regionName: '建阳区',
    issuedBy: { id: '00000000-0000-4000-8000-0000000000b1', name: '林督查' }, reason: '办件临近超期仍未审批', requirement: '请于期限内完成审批', deadline: '2026-12-10',
    status: 'issued', overdue: false, reply: null, repliedBy: null, repliedAt: null, reviewOpinion: null, escalationLevel: 0, escalatedAt: null, closedAt: null,
    createdAt: '2026-12-07T02:20:00Z', updatedAt: '2026-12-07T02:20:00Z', allowedActions: ['reply'],
    case: { ...FACTS, openOrders: 1 }, notified: [{ id: '00000000-0000-4000-8000-0000000000e1', name: '林审批' }],
    history: [{ action: 'supervision.order.issue', label: '发起督办', at: '2026-12-07T02:20:00Z', actorName: '林督查', note: '办件临近超期仍未审批' }],
    ...over,
  };
}

const page = (items: OrderDetail[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('督办', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('workbench: lists my department’s order, opens it with the case facts and sends the reply', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/supervision/my-orders': () => json(200, page([order()])),
      [`GET /api/v1/supervision/my-orders/${ORDER_ID}`]: () => json(200, order()),
      [`POST /api/v1/supervision/my-orders/${ORDER_ID}/reply`]: (b) => json(200, order({ status: 'replied', reply: (b as { reply: string }).reply, allowedActions: ['accept', 'return'] })),
    });
    renderApp(<Routes><Route path="/workbench/orders/:id" element={<MyOrdersPage />} /></Routes>, { route: `/workbench/orders/${ORDER_ID}` });
    expect(screen.getByRole('heading', { level: 1, name: '本部门督办件' })).toBeTruthy();
    expect((await screen.findAllByText('DB-350703-20261207-0001')).length).toBeGreaterThan(0);
    expect(await screen.findByText('审批')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('回复内容'), { target: { value: '已督促经办人今日完成审批' } });
    fireEvent.click(screen.getAllByRole('button', { name: '提交回复' })[0] as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: `/api/v1/supervision/my-orders/${ORDER_ID}/reply`, body: { reply: '已督促经办人今日完成审批' } });
  });

  it('dashboards: finds a case by number and issues an order with the reason and requirement typed', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/supervision/orders': () => json(200, page([])),
      'GET /api/v1/supervision/order-cases': () => json(200, FACTS),
      'GET /api/v1/supervision/settings': () => json(200, { rectificationDays: 5, complaintDays: 5, orderDays: 3, orderEscalationDays: 2 }),
      'POST /api/v1/supervision/orders': () => json(201, order()),
      [`GET /api/v1/supervision/orders/${ORDER_ID}`]: () => json(200, order()),
    });
    renderApp(<Routes><Route path="/dashboards/orders" element={<OrdersPage />} /><Route path="/dashboards/orders/:id" element={<OrdersPage />} /></Routes>, { route: '/dashboards/orders' });
    expect(screen.getByRole('heading', { level: 1, name: '督办管理' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('办件编号'), { target: { value: FACTS.caseNumber } });
    fireEvent.click(screen.getByRole('button', { name: /查找办件/ }));
    expect(await screen.findByText('建阳区市场监督管理局（建阳区）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /发起督办/ }));
    fireEvent.change(await screen.findByLabelText('督办事由'), { target: { value: '办件临近超期仍未审批' } });
    fireEvent.change(screen.getByLabelText('督办要求'), { target: { value: '请于期限内完成审批' } });
    expect(await screen.findByText('留空则为今天起 3 个工作日')).toBeTruthy();
    const ok = screen.getAllByRole('button', { name: /发起督办/ }).at(-1);
    fireEvent.click(ok as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/api/v1/supervision/orders', body: { caseId: CASE_ID, reason: '办件临近超期仍未审批', requirement: '请于期限内完成审批' } });
    // The new order opens in the drawer.
    expect(await screen.findByText('督办详情')).toBeTruthy();
  });
});
