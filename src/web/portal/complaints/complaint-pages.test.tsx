// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintView } from '../../api/complaints.ts';
import { HandlerComplaintPage } from '../../complaints/complaint-parts.tsx';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { ComplaintFormPage, MyComplaintPage } from './complaint-pages.tsx';

const ID = '00000000-0000-4000-8000-00000000c001';
const CASE = '00000000-0000-4000-8000-00000000ca5e';
const complaint = (o: Partial<ComplaintView> = {}): ComplaintView => ({
  id: ID, number: 'TS-350703-20261202-0001', category: 'beyond_guide', content: '窗口要求我额外提供房屋产权证明。', status: 'answered', complainantName: null,
  caseId: CASE, caseNumber: '350703-20261202-00001', itemName: '个体工商户名称变更登记', windowId: null, windowName: null,
  departmentId: '00000000-0000-4000-8000-0000000000d1', departmentName: '建阳区市场监督管理局', regionCode: '350703000000', regionName: '建阳区',
  handlerId: '00000000-0000-4000-8000-0000000000a1', handlerName: '陈受理', takenAt: '2026-12-02T02:00:00.000Z',
  answer: '经核实，该材料不应要求，已向您致歉并纠正。', answeredAt: '2026-12-02T03:00:00.000Z', dueDate: '2026-12-09', overdue: false,
  satisfaction: null, satisfactionComment: null, ratedAt: null, reopenCount: 0, reopenReason: null, history: [], allowedActions: ['rate'],
  createdAt: '2026-12-02T01:00:00.000Z', updatedAt: '2026-12-02T03:00:00.000Z', ...o,
});

describe('投诉 pages', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('我的投诉 detail shows the answer; a bad rating without a reason is refused in the form, with one it is sent', async () => {
    const { calls } = stubFetch({
      [`GET /api/v1/complaints/${ID}`]: () => json(200, complaint()),
      [`POST /api/v1/complaints/${ID}/rating`]: () => json(200, complaint({ status: 'closed', satisfaction: 2, satisfactionComment: '没有说明整改', allowedActions: ['reopen'] })),
    });
    renderApp(
      <Routes>
        <Route path="/account/complaints/:id" element={<MyComplaintPage />} />
      </Routes>,
      { route: `/account/complaints/${ID}` },
    );
    expect(await screen.findByText('经核实，该材料不应要求，已向您致歉并纠正。')).toBeTruthy();
    expect(screen.getByText('要求清单外材料')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '不满意' }));
    fireEvent.click(screen.getByRole('button', { name: /评价答复/ }));
    expect(await screen.findByText('请写明不满意的原因')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText('评价意见'), { target: { value: '没有说明整改' } });
    fireEvent.click(screen.getByRole('button', { name: /评价答复/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ satisfaction: 2, comment: '没有说明整改' }));
  });

  it('我要投诉 preselects the case from the link and shows the server’s field message under 投诉内容', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/cases/mine': () => json(200, { items: [{ id: CASE, caseNumber: '350703-20261202-00001', state: 'processing', stateLabel: '办理中', itemName: '个体工商户名称变更登记', applicantName: '林小梅', regionCode: '350703000000', departmentId: 'd', submittedAt: null, acceptedAt: null, clock: null, taskId: null, stepName: null, updatedAt: '2026-12-02T01:00:00.000Z' }], total: 1, page: 1, pageSize: 100 }),
      'POST /api/v1/complaints': () => json(400, { error: { code: 'VALIDATION_FAILED', message: 'content: 投诉内容至少10个字', details: [{ path: 'content', message: '投诉内容至少10个字（服务器）' }] } }),
    });
    renderApp(<ComplaintFormPage />, { route: `/account/complaints/new?caseId=${CASE}` });
    expect(await screen.findByText('个体工商户名称变更登记（350703-20261202-00001）')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '服务态度' }));
    fireEvent.change(screen.getByLabelText('投诉内容'), { target: { value: '窗口人员态度很差，不回答问题。' } });
    fireEvent.click(screen.getByRole('button', { name: /提交投诉/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ caseId: CASE, category: 'attitude', content: '窗口人员态度很差，不回答问题。' }));
    expect(await screen.findByText('投诉内容至少10个字（服务器）')).toBeTruthy();
  });

  it('a handler sees 受理 on a new complaint, with the complainant and the overdue tag', async () => {
    const { calls } = stubFetch({
      [`GET /api/v1/supervision/complaints/${ID}`]: () => json(200, complaint({ status: 'submitted', overdue: true, complainantName: '林小梅', answer: null, answeredAt: null, handlerId: null, handlerName: null, allowedActions: ['take'] })),
      [`POST /api/v1/supervision/complaints/${ID}/take`]: () => json(200, complaint({ status: 'handling', answer: null, allowedActions: ['answer'] })),
    });
    renderApp(
      <Routes>
        <Route path="/workbench/complaints/:id" element={<HandlerComplaintPage base="/workbench" />} />
      </Routes>,
      { route: `/workbench/complaints/${ID}` },
    );
    expect(await screen.findByText('林小梅')).toBeTruthy();
    expect(screen.getByText('已超期')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /受\s?理/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === `/api/v1/supervision/complaints/${ID}/take`)).toBe(true));
  });
});
