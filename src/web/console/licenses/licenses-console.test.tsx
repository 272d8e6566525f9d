// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LicenseDetail, LicenseState, LicenseTypeView } from '../../api/licenses-staff.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { LicenseDetailPage } from './license-detail-page.tsx';
import { LicenseTypesPage } from './license-types-page.tsx';

const LICENSE_ID = '00000000-0000-4000-8000-00000000a001';
const NEXT_ID = '00000000-0000-4000-8000-00000000a002';

const me = (roles: string[]) => () =>
  json(200, {
    account: {
      id: '00000000-0000-4000-8000-000000000001', kind: 'staff', status: 'active', displayName: '陈审批', username: 'approver.jy.scjg', idNumberMasked: null,
      creditCode: null, legalRepName: null, phoneMasked: null, email: null, realNameLevel: 3, roles, scope: { regionCode: '350703000000', departmentId: '00000000-0000-4000-8000-0000000000d1' },
      createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
    },
    session: { expiresAt: '2026-11-23T12:00:00Z' },
  });

function license(state: LicenseState, o: Partial<LicenseDetail> = {}): LicenseDetail {
  return {
    id: LICENSE_ID, identifier: '1.2.156.3005.2.11100000MB0143028R001.11350703035000289Q.201900000001.001.W', licenseNumber: '92350703MA350K0T9B',
    typeCode: '11100000MB0143028R001', typeName: '营业执照', version: 1, state, expired: false, holderKind: 'legal_person', holderName: '南平市建阳区味香源餐饮店',
    holderCode: '92350703MA350K0T9B', issuerName: '建阳区市场监督管理局', issuedAt: '2019-03-18T01:00:00.000Z', validFrom: '2019-03-18', validUntil: null, caseId: null, source: 'import',
    data: [
      { key: 'name', label: '名称', value: '南平市建阳区味香源餐饮店' },
      { key: 'scope', label: '经营范围', value: '餐饮服务；食品销售' },
    ],
    signature: '3045', keyId: '00000000-0000-4000-8000-00000000b001', previousId: null, nextId: null, stateReason: state === 'revoked' ? '营业执照被吊销' : null,
    events: [{ event: 'issue', fromState: 'pending', toState: 'valid', reason: null, actorName: '建阳区市场监督管理局', at: '2019-03-18T01:00:00.000Z' }],
    uses: [{ kind: 'verify', channel: 'qr', result: 'valid', caseId: null, actorName: null, purpose: null, at: '2026-11-20T02:00:00.000Z' }],
    documents: { ofd: true, pdf: true }, verifyUrl: 'http://127.0.0.1:3000/verify/x',
    ...o,
  };
}

function renderDetail() {
  renderApp(
    <Routes>
      <Route path="/workbench/licenses/:id" element={<LicenseDetailPage basePath="/workbench/licenses" />} />
    </Routes>,
    { route: `/workbench/licenses/${LICENSE_ID}` },
  );
}

const button = (name: RegExp) => screen.queryByRole('button', { name });
// antd spaces out two-character button labels (暂 停).
const SUSPEND = /^暂\s?停$/;
const RESUME = /^恢\s?复$/;
const REVOKE = /^注\s?销$/;
const CHANGE = /^变\s?更$/;
const RENEW = /^延\s?续$/;

describe('证照库: the lifecycle actions follow the license state', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('offers 变更, 延续, 暂停 and 注销 on a valid license, and suspends it with the reason given', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/auth/me': me(['approver']),
      [`GET /api/v1/licenses/${LICENSE_ID}`]: () => json(200, license('valid')),
      [`POST /api/v1/licenses/${LICENSE_ID}/suspend`]: () => json(200, license('suspended', { stateReason: '经营场所与登记不符' })),
    });
    renderDetail();
    expect(await screen.findByRole('heading', { level: 1, name: '营业执照 · 南平市建阳区味香源餐饮店' })).toBeTruthy();
    for (const name of [CHANGE, RENEW, SUSPEND, REVOKE]) expect(button(name)).toBeTruthy();
    expect(button(RESUME)).toBeNull();
    expect(screen.getByText('餐饮服务；食品销售')).toBeTruthy();

    fireEvent.click(button(SUSPEND) as HTMLElement);
    const dialog = await screen.findByRole('dialog');
    // No reason, no request: the reason is required.
    fireEvent.click(within(dialog).getByRole('button', { name: '确认暂停' }));
    expect(await within(dialog).findByText('请填写原因')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('原因'), { target: { value: '经营场所与登记不符' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认暂停' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: `/api/v1/licenses/${LICENSE_ID}/suspend`, body: { reason: '经营场所与登记不符' } });
  });

  it('offers 恢复 instead of 暂停 on a suspended license', async () => {
    stubFetch({
      'GET /api/v1/auth/me': me(['approver']),
      [`GET /api/v1/licenses/${LICENSE_ID}`]: () => json(200, license('suspended', { stateReason: '待核查' })),
    });
    renderDetail();
    expect(await screen.findByText('原因：待核查')).toBeTruthy();
    expect(button(RESUME)).toBeTruthy();
    expect(button(REVOKE)).toBeTruthy();
    expect(button(SUSPEND)).toBeNull();
  });

  it('offers no action at all on a revoked license, and shows why it was revoked', async () => {
    stubFetch({
      'GET /api/v1/auth/me': me(['approver']),
      [`GET /api/v1/licenses/${LICENSE_ID}`]: () => json(200, license('revoked')),
    });
    renderDetail();
    expect(await screen.findByText('证照已注销，不再有效，且不能恢复。')).toBeTruthy();
    expect(screen.getByText('原因：营业执照被吊销')).toBeTruthy();
    for (const name of [CHANGE, RENEW, SUSPEND, RESUME, REVOKE]) expect(button(name)).toBeNull();
    expect(screen.getByText('当前状态下不能再对该证照进行操作。')).toBeTruthy();
    // The documents of a revoked license still download (the verifier's answer is what counts).
    expect(screen.getByRole('button', { name: /下载 PDF/ })).toBeTruthy();
  });

  it('points a superseded version to its successor, and a supervisor sees no action', async () => {
    stubFetch({
      'GET /api/v1/auth/me': me(['supervisor']),
      [`GET /api/v1/licenses/${LICENSE_ID}`]: () => json(200, license('superseded', { nextId: NEXT_ID, stateReason: '经营范围变更' })),
    });
    renderDetail();
    expect(await screen.findByRole('link', { name: '查看新版本' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '查看新版本' }).getAttribute('href')).toBe(`/workbench/licenses/${NEXT_ID}`);
    expect(button(CHANGE)).toBeNull();
  });

  it('shows the server’s refusal (409 with the allowed actions) in the dialog', async () => {
    stubFetch({
      'GET /api/v1/auth/me': me(['approver']),
      [`GET /api/v1/licenses/${LICENSE_ID}`]: () => json(200, license('valid')),
      [`POST /api/v1/licenses/${LICENSE_ID}/revoke`]: () =>
        json(409, { error: { code: 'INVALID_STATE', message: '证照当前状态为“已注销”，不能注销；当前可执行：无', details: { state: 'revoked', action: 'revoke', allowed: [] } } }),
    });
    renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: REVOKE }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/注销后证照永久失效/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('原因'), { target: { value: '重复登记' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认注销' }));
    expect(await within(dialog).findByText('证照当前状态为“已注销”，不能注销；当前可执行：无')).toBeTruthy();
  });
});

const BUSINESS: LicenseTypeView = {
  code: '11100000MB0143028R001', name: '营业执照', definingBody: '国家市场监督管理总局', holderKind: 'both', category: 'license', issuingDepartments: ['市场监管局'],
  fields: [{ key: 'name', label: '名称', required: true, formKey: 'name' }], validity: { kind: 'long_term' }, numberPrefix: '', template: { frameColor: '#b22222' }, active: true, issuedCount: 10,
};

describe('证照目录', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists the types, and puts a 400 from the server under the field it names (code, a row of the fields table)', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/auth/me': me(['data_admin']),
      'GET /api/v1/license-types': () => json(200, [BUSINESS]),
      'POST /api/v1/license-types': () =>
        json(400, {
          error: {
            code: 'VALIDATION_FAILED', message: '证照类型代码的前18位应为定义机构的统一社会信用代码',
            details: [
              { path: 'code', message: '证照类型代码的前18位应为定义机构的统一社会信用代码：统一社会信用代码校验位不正确' },
              { path: 'fields.1.key', message: '字段标识“address”重复' },
            ],
          },
        }),
    });
    renderApp(<LicenseTypesPage />);
    expect(await screen.findByText('营业执照')).toBeTruthy();
    expect(screen.getByText('国家市场监督管理总局')).toBeTruthy();
    expect(screen.getByText('自然人或法人')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '新增证照类型' }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.change(within(drawer).getByLabelText('证照类型代码'), { target: { value: '11100000MB0143028R009' } });
    fireEvent.change(within(drawer).getByLabelText('证照名称'), { target: { value: '测试许可证' } });
    fireEvent.change(within(drawer).getByLabelText('定义机构'), { target: { value: '国家市场监督管理总局' } });
    for (const [i, key, label] of [[1, 'address', '地址'], [2, 'address', '住所']] as const) {
      fireEvent.click(within(drawer).getByRole('button', { name: /添加信息项/ }));
      fireEvent.change(await within(drawer).findByLabelText(`字段标识（第 ${i} 项）`), { target: { value: key } });
      fireEvent.change(within(drawer).getByLabelText(`显示名称（第 ${i} 项）`), { target: { value: label } });
    }
    fireEvent.click(within(drawer).getByRole('button', { name: /^保\s?存$/ }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      code: '11100000MB0143028R009', name: '测试许可证', holderKind: 'legal_person', validity: { kind: 'long_term' },
      fields: [{ key: 'address', label: '地址', required: true }, { key: 'address', label: '住所', required: true }],
    });
    // Each message under its own field, not in a banner.
    const codeItem = within(drawer).getByLabelText('证照类型代码').closest('.ant-form-item') as HTMLElement;
    expect(await within(codeItem).findByText('证照类型代码的前18位应为定义机构的统一社会信用代码：统一社会信用代码校验位不正确')).toBeTruthy();
    const rowItem = within(drawer).getByLabelText('字段标识（第 2 项）').closest('.ant-form-item') as HTMLElement;
    expect(within(rowItem).getByText('字段标识“address”重复')).toBeTruthy();
    expect(within(drawer).queryByText(/fields\.1\.key/)).toBeNull();
  });
});
