// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../api/cases.ts';
import type { CaseLicenseView, LicenseDetail } from '../../api/licenses-staff.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { CaseDetailPage } from './case-detail-page.tsx';

const CASE_ID = '00000000-0000-4000-8000-0000000000c1';
const VERSION_ID = '00000000-0000-4000-8000-0000000000b1';
const DEPT = '00000000-0000-4000-8000-0000000000d1';
const BUSINESS_LICENSE = '11100000MB0143028R001';

const me = () =>
  json(200, {
    account: {
      id: '00000000-0000-4000-8000-000000000001', kind: 'staff', status: 'active', displayName: '陈受理', username: 'clerk.jy', idNumberMasked: null,
      creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles: ['window_clerk'], scope: { regionCode: '350703000000', departmentId: DEPT },
      createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
    },
    session: { expiresAt: '2026-11-23T12:00:00Z' },
  });

const view: CaseView = {
  id: CASE_ID, caseNumber: '350703-20261123-00042', state: 'submitted', stateLabel: '待受理', allowedActions: ['accept', 'not_accept', 'request_supplement'],
  channel: 'online', implementationId: '00000000-0000-4000-8000-0000000000a1', versionId: VERSION_ID, versionNumber: 1,
  itemName: '食品经营许可（新办）', regionCode: '350703000000', regionName: '建阳区', departmentId: DEPT, departmentName: '建阳区市场监督管理局',
  applicant: { kind: 'legal_person', name: '南平市建阳区味香源餐饮店', idNumberMasked: null, creditCode: '92350703MA350K0T9B', legalRepName: '林志强', agentName: null, accountId: null },
  formData: {},
  materials: [
    { key: 'application', name: '食品经营许可申请书', required: 'required', entry: { via: 'upload', fileIds: ['00000000-0000-4000-8000-0000000000f1'] }, supplementReason: null },
    { key: 'business-license', name: '营业执照', required: 'required', entry: { via: 'license', licenseNumber: '92350703MA350K0T9B' }, supplementReason: null },
  ],
  submittedAt: '2026-11-23T01:00:00Z', acceptedAt: null, receiptNumber: null, clock: null, supplementCount: 0, supplementRequest: null, deficiency: null,
  decision: null, specialProcedure: null, outcome: null, result: null, completedAt: null, delivery: null, tasks: [],
  createdAt: '2026-11-23T01:00:00Z', updatedAt: '2026-11-23T01:00:00Z',
};

const detail: Omit<LicenseDetail, 'uses'> = {
  id: '00000000-0000-4000-8000-00000000a001', identifier: '1.2.156.3005.2.11100000MB0143028R001.11350703035000289Q.201900000001.001.W', licenseNumber: '92350703MA350K0T9B',
  typeCode: BUSINESS_LICENSE, typeName: '营业执照', version: 1, state: 'valid', expired: false, holderKind: 'legal_person', holderName: '南平市建阳区味香源餐饮店',
  holderCode: '92350703MA350K0T9B', issuerName: '建阳区市场监督管理局', issuedAt: '2019-03-18T01:00:00.000Z', validFrom: '2019-03-18', validUntil: null, caseId: null, source: 'import',
  data: [
    { key: 'legalRep', label: '经营者/法定代表人', value: '林志强' },
    { key: 'premises', label: '经营场所/住所', value: '南平市建阳区潭城街道人民路128号' },
    { key: 'scope', label: '经营范围', value: '餐饮服务；食品销售（仅销售预包装食品）' },
  ],
  signature: '3045', keyId: '00000000-0000-4000-8000-00000000b001', previousId: null, nextId: null, stateReason: null, events: [], documents: { ofd: true, pdf: true }, verifyUrl: 'http://x/verify/y',
};

const granted = (o: Partial<CaseLicenseView> = {}): CaseLicenseView => ({ materialKey: 'business-license', reason: '申请食品经营许可（新办）', grantedAt: '2026-11-23T01:00:00Z', verdict: 'valid', license: detail, ...o });

const guide = {
  id: VERSION_ID,
  content: {
    materials: [
      { key: 'application', name: '食品经营许可申请书', source: { kind: 'applicant' } },
      { key: 'business-license', name: '营业执照', source: { kind: 'license', licenseTypeCode: BUSINESS_LICENSE, licenseTypeName: '营业执照' } },
    ],
  },
};

function renderCase() {
  renderApp(
    <Routes>
      <Route path="/workbench/cases/:id" element={<CaseDetailPage />} />
    </Routes>,
    { route: `/workbench/cases/${CASE_ID}` },
  );
}

const base = {
  'GET /api/v1/auth/me': me,
  [`GET /api/v1/cases/${CASE_ID}`]: () => json(200, view),
  [`GET /api/v1/cases/${CASE_ID}/timeline`]: () => json(200, { items: [] }),
  [`GET /api/v1/catalog/versions/${VERSION_ID}`]: () => json(200, guide),
  'GET /api/v1/license-types': () => json(200, []),
};

describe('电子证照（用证） on a case in the workbench', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('shows the granted license against its material: verdict, registry facts and 照面信息, instead of a scan', async () => {
    stubFetch({ ...base, [`GET /api/v1/licenses/case/${CASE_ID}`]: () => json(200, [granted()]) });
    renderCase();
    const panel = await screen.findByRole('region', { name: '营业执照 · 营业执照' });
    expect(within(panel).getByRole('heading', { name: '营业执照' })).toBeTruthy();
    expect(within(panel).getByText('核验通过')).toBeTruthy();
    expect(within(panel).getByText('建阳区市场监督管理局')).toBeTruthy();
    expect(within(panel).getByText('2019-03-18 起长期有效')).toBeTruthy();
    // The 照面信息 the window checks, label beside value.
    expect(within(panel).getByText('经营范围')).toBeTruthy();
    expect(within(panel).getByText('餐饮服务；食品销售（仅销售预包装食品）')).toBeTruthy();
    expect(within(panel).getByText('南平市建阳区潭城街道人民路128号')).toBeTruthy();
    expect(within(panel).getByText('申请人授权：申请食品经营许可（新办）（2026年11月23日 09:00）')).toBeTruthy();
  });

  it('warns when the license no longer verifies', async () => {
    stubFetch({ ...base, [`GET /api/v1/licenses/case/${CASE_ID}`]: () => json(200, [granted({ verdict: 'revoked', license: { ...detail, state: 'revoked' } })]) });
    renderCase();
    expect(await screen.findByText('核验未通过：已注销。请申请人改为提交其他有效材料。')).toBeTruthy();
  });

  it('queries a license of the guide’s license materials with a reason, and says the query is on record', async () => {
    const { calls } = stubFetch({
      ...base,
      [`GET /api/v1/licenses/case/${CASE_ID}`]: () => json(200, []),
      'POST /api/v1/licenses/query': () => json(200, [{ ...detail, uses: [] }]),
    });
    renderCase();
    expect(await screen.findByText('本件没有使用电子证照提交的材料。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /查询证照/ }));
    const dialog = await screen.findByRole('dialog', { name: '查询证照' });
    // The guide's license material is proposed first.
    await waitFor(() => expect(within(dialog).getByText('营业执照（用于“营业执照”）')).toBeTruthy());
    fireEvent.change(within(dialog).getByLabelText('查询事由'), { target: { value: '核对' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^查\s?询$/ }));
    expect(await within(dialog).findByText('请填写查询事由（不少于4个字）')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('查询事由'), { target: { value: '核对经营范围是否含餐饮服务' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^查\s?询$/ }));
    const results = await screen.findByRole('dialog', { name: '查询结果：营业执照' });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ caseId: CASE_ID, typeCode: BUSINESS_LICENSE, reason: '核对经营范围是否含餐饮服务' });
    expect(within(results).getByText('本次查询已记录（事由：核对经营范围是否含餐饮服务），持证人可在“我的证照”的用证记录中看到。')).toBeTruthy();
    expect(within(results).getByText('餐饮服务；食品销售（仅销售预包装食品）')).toBeTruthy();
  });

  it('checks an uploaded material against the original and keeps it for the applicant (可信电子材料)', async () => {
    const { calls } = stubFetch({
      ...base,
      [`GET /api/v1/licenses/case/${CASE_ID}`]: () => json(200, []),
      'POST /api/v1/licenses/trusted-materials': () => json(201, {
        id: '00000000-0000-4000-8000-00000000e001', name: '食品经营许可申请书', materialKey: 'application', fileIds: ['00000000-0000-4000-8000-00000000e002'], sourceCaseId: CASE_ID,
        verifierName: '陈受理', verifiedAt: '2026-11-23T02:00:00Z', validUntil: null, revoked: false, revokeReason: null, usable: true, uses: 0,
      }),
    });
    renderCase();
    const card = (await screen.findByRole('heading', { name: '材料核验（可信电子材料）' })).closest('.ant-card') as HTMLElement;
    // Only the uploaded material can be checked; the license-proved one is not listed here.
    expect(within(card).getByText('食品经营许可申请书')).toBeTruthy();
    expect(within(card).queryByText('营业执照')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: /核验原件并保存/ }));
    const dialog = await screen.findByRole('dialog', { name: '核验“食品经营许可申请书”' });
    fireEvent.click(within(dialog).getByRole('button', { name: /确认已核验/ }));
    expect(await within(card).findByText('已核验（陈受理）')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ caseId: CASE_ID, materialKey: 'application' });
  });
});
