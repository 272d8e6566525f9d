// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../api/cases.ts';
import { ApplyPage } from '../../portal/cases/apply-page.tsx';
import { MyCasePage } from '../../portal/cases/my-cases-page.tsx';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { CaseDetailPage } from './case-detail-page.tsx';

const CASE_ID = '00000000-0000-4000-8000-0000000000c1';
const DEPT = '00000000-0000-4000-8000-0000000000d1';

const me = (roles: string[], kind = 'staff') => () =>
  json(200, {
    account: {
      id: '00000000-0000-4000-8000-000000000001', kind, status: 'active', displayName: '窗口人员', username: 'clerk', idNumberMasked: null,
      creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles, scope: kind === 'staff' ? { regionCode: '350703000000', departmentId: DEPT } : null,
      createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
    },
    session: { expiresAt: '2026-11-23T12:00:00Z' },
  });

function buildView(o: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID, caseNumber: '350703-20261123-00042', state: 'submitted', stateLabel: '待受理', allowedActions: ['accept', 'accept_with_deficiency', 'not_accept', 'request_supplement', 'withdraw'],
    channel: 'online', implementationId: '00000000-0000-4000-8000-0000000000a1', versionId: '00000000-0000-4000-8000-0000000000b1', versionNumber: 1,
    itemName: '食品经营许可（新办）', regionCode: '350703000000', regionName: '建阳区', departmentId: DEPT, departmentName: '建阳区市场监督管理局',
    applicant: { kind: 'person', name: '林小梅', idNumberMasked: '3507**********1234', creditCode: null, legalRepName: null, agentName: null, accountId: null },
    formData: { shopName: '闽北小吃店' },
    materials: [
      { key: 'application', name: '食品经营许可申请书', required: 'required', entry: { via: 'upload', fileIds: ['00000000-0000-4000-8000-0000000000f1'] }, supplementReason: null },
      { key: 'layout', name: '经营场所布局图', required: 'required', entry: { via: 'upload', fileIds: ['00000000-0000-4000-8000-0000000000f2'] }, supplementReason: null },
    ],
    submittedAt: '2026-11-23T01:00:00Z', acceptedAt: null, receiptNumber: null, clock: null, supplementCount: 0, supplementRequest: null, deficiency: null,
    decision: null, specialProcedure: null, outcome: null, result: null, completedAt: null, delivery: null, tasks: [],
    createdAt: '2026-11-23T01:00:00Z', updatedAt: '2026-11-23T01:00:00Z',
    ...o,
  };
}

const TIMELINE = { items: [{ seq: 1, occurredAt: '2026-11-23T01:00:00Z', actorName: '林小梅', action: 'submit', actionLabel: '提交申请', fromState: 'draft', toState: 'submitted', toStateLabel: '待受理', stepName: null, opinion: null, data: null, source: 'platform' }] };

describe('办件 in the workbench and the portal', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('offers a window clerk the decisions the state allows and sends 一次性告知 listing the materials with a reason', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/auth/me': me(['window_clerk']),
      [`GET /api/v1/cases/${CASE_ID}`]: () => json(200, buildView()),
      [`GET /api/v1/cases/${CASE_ID}/timeline`]: () => json(200, TIMELINE),
      // The 电子证照（用证） panel: no license used (an unplanned call would answer 401 and end the session).
      [`GET /api/v1/licenses/case/${CASE_ID}`]: () => json(200, []),
      [`POST /api/v1/cases/${CASE_ID}/supplement-request`]: () => json(200, buildView({ state: 'supplementing', allowedActions: ['supplement', 'withdraw'], supplementCount: 1 })),
    });
    renderApp(
      <Routes>
        <Route path="/workbench/cases/:id" element={<CaseDetailPage />} />
      </Routes>,
      { route: `/workbench/cases/${CASE_ID}` },
    );
    expect(await screen.findByText('350703-20261123-00042')).toBeTruthy();
    expect(await screen.findByRole('button', { name: /^受\s*理$/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: '不予受理' })).toBeTruthy();
    expect(screen.getByText('提交申请')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '一次性告知补正' }));
    fireEvent.change(await screen.findByLabelText('“经营场所布局图”需补正之处'), { target: { value: '未标注面积' } });
    fireEvent.click(screen.getAllByRole('button', { name: '一次性告知补正' }).at(-1) as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ items: [{ key: 'layout', reason: '未标注面积' }] });
    expect(await screen.findByText('已完成：一次性告知补正')).toBeTruthy();
  });

  it('shows an applicant what the window asked for, with one upload per listed material', async () => {
    stubFetch({
      'GET /api/v1/auth/me': me(['applicant'], 'citizen'),
      [`GET /api/v1/cases/${CASE_ID}`]: () =>
        json(200, buildView({ state: 'supplementing', allowedActions: ['supplement', 'withdraw'], supplementCount: 1, supplementRequest: { items: [{ key: 'layout', name: '经营场所布局图', reason: '未标注面积' }], notice: null, requestedAt: '2026-11-23T02:00:00Z' } })),
      [`GET /api/v1/cases/${CASE_ID}/timeline`]: () => json(200, TIMELINE),
    });
    renderApp(
      <Routes>
        <Route path="/account/cases/:id" element={<MyCasePage />} />
      </Routes>,
      { route: `/account/cases/${CASE_ID}` },
    );
    expect(await screen.findByText('一次性告知：请补正以下材料')).toBeTruthy();
    expect(screen.getByText('“经营场所布局图”补正文件')).toBeTruthy();
    // Nothing chosen yet: the supplement cannot be sent half-done.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '提交补正材料' }).disabled).toBe(true);
    expect(screen.getByRole('button', { name: '撤回申请' })).toBeTruthy();
  });

  it('applies online: the form from the guide’s JSON Schema, uploads, the license material attached without an upload', async () => {
    const guide = {
      id: '00000000-0000-4000-8000-0000000000b1', implementationId: '00000000-0000-4000-8000-0000000000a1', isCurrent: true, implementationStatus: 'published', version: 1,
      content: {
        name: '食品经营许可（新办）', handlingForm: 'both',
        form: { type: 'object', required: ['shopName'], properties: { shopName: { type: 'string', title: '店铺名称' } } },
        materials: [
          { key: 'application', name: '食品经营许可申请书', required: 'required', source: { kind: 'applicant' } },
          { key: 'business-license', name: '营业执照', required: 'required', source: { kind: 'license', licenseTypeCode: 'X', licenseTypeName: '营业执照' } },
        ],
      },
    };
    const { calls } = stubFetch({
      'GET /api/v1/auth/me': me(['applicant'], 'citizen'),
      [`GET /api/v1/catalog/implementations/${guide.implementationId}`]: () => json(200, guide),
      'POST /api/v1/files': () => json(201, { id: '00000000-0000-4000-8000-0000000000f9', hash: 'h', size: 10, contentType: 'application/pdf', name: 'a.pdf' }),
      'POST /api/v1/cases': () => json(201, buildView()),
    });
    renderApp(
      <Routes>
        <Route path="/apply/:implementationId" element={<ApplyPage />} />
        <Route path="/account/cases/:id" element={<p>我的办件详情</p>} />
      </Routes>,
      { route: `/apply/${guide.implementationId}` },
    );
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '闽北小吃店' } });
    expect(screen.getByRole('checkbox', { name: '使用电子证照（无需上传）' })).toBeTruthy();
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], '申请书.pdf', { type: 'application/pdf' })] } });
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('我的办件详情')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/cases');
    expect(post?.body).toEqual({
      implementationId: guide.implementationId, formData: { shopName: '闽北小吃店' }, submit: true,
      materials: { application: { via: 'upload', fileIds: ['00000000-0000-4000-8000-0000000000f9'] }, 'business-license': { via: 'license' } },
    });
  });
});
