// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { ApplyPage } from './apply-page.tsx';

const IMPL = '00000000-0000-4000-8000-0000000000a1';
const LICENSE = '00000000-0000-4000-8000-00000000e001';
const FILE = '00000000-0000-4000-8000-0000000000f9';
const BL = '11100000MB0143028R001';
const ID_CARD = '11100000GAB0000115001';

const me = (kind: 'citizen' | 'enterprise') => () =>
  json(200, {
    account: {
      id: '00000000-0000-4000-8000-000000000002', kind, status: 'active', displayName: kind === 'enterprise' ? '南平市建阳区味香源餐饮店' : '林志强', username: null,
      idNumberMasked: '3507**********0113', creditCode: kind === 'enterprise' ? '92350703MA350K0T9B' : null, legalRepName: null, phoneMasked: null, email: null,
      realNameLevel: 3, roles: ['applicant'], scope: null, createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null,
    },
    session: { expiresAt: '2026-11-23T12:00:00Z' },
  });

const guide = {
  id: '00000000-0000-4000-8000-0000000000b1', implementationId: IMPL, isCurrent: true, implementationStatus: 'published', version: 1,
  content: {
    name: '食品经营许可（新办）', handlingForm: 'both',
    form: { type: 'object', required: ['shopName'], properties: { shopName: { type: 'string', title: '店铺名称' } } },
    materials: [
      { key: 'application', name: '食品经营许可申请书', required: 'required', source: { kind: 'applicant' } },
      { key: 'business-license', name: '营业执照', required: 'required', source: { kind: 'license', licenseTypeCode: BL, licenseTypeName: '营业执照' } },
      { key: 'agent-id', name: '受托人居民身份证', required: 'conditional', condition: '委托他人代为办理的', source: { kind: 'license', licenseTypeCode: ID_CARD, licenseTypeName: '居民身份证' } },
      { key: 'health', name: '健康证明', required: 'required', source: { kind: 'shared_data', resourceCode: 'WJ-001', resourceName: '健康证明信息' } },
    ],
  },
};

const businessLicense = { id: LICENSE, typeCode: BL, typeName: '营业执照', licenseNumber: '92350703MA350K0T9B', holderName: '南平市建阳区味香源餐饮店', issuerName: '建阳区市场监督管理局', validUntil: null };

const TRUSTED = '00000000-0000-4000-8000-00000000d001';
const trustedApplication = {
  id: TRUSTED, name: '食品经营许可申请书', materialKey: 'application', fileIds: ['00000000-0000-4000-8000-0000000000f1'], sourceCaseId: '00000000-0000-4000-8000-0000000000c0',
  verifierName: '陈受理', verifiedAt: '2026-11-20T02:00:00.000Z', validUntil: '2027-11-20', revoked: false, revokeReason: null, usable: true, uses: 1,
};

/** The fetch stub of an apply page whose applicant holds `licenses` (by type code) and `trusted` materials (by material key). */
function stubApply(
  kind: 'citizen' | 'enterprise',
  licenses: Record<string, unknown[]>,
  apply: () => Response = () => json(201, { id: '00000000-0000-4000-8000-0000000000c1' }),
  trusted: Record<string, unknown[]> = {},
) {
  const stub = stubFetch({
    'GET /api/v1/auth/me': me(kind),
    [`GET /api/v1/catalog/implementations/${IMPL}`]: () => json(200, guide),
    'GET /api/v1/licenses/mine/usable': () => json(200, []),
    'POST /api/v1/files': () => json(201, { id: FILE, hash: 'h', size: 10, contentType: 'application/pdf', name: 'a.pdf' }),
    'POST /api/v1/cases': apply,
  });
  // The usable licenses depend on the query string, which the path-keyed stub does not see.
  const inner = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    if (url.pathname === '/api/v1/licenses/mine/usable') {
      await inner(input, init);
      return json(200, licenses[url.searchParams.get('typeCode') ?? ''] ?? []);
    }
    if (url.pathname === '/api/v1/licenses/mine/materials') {
      await inner(input, init);
      return json(200, trusted[url.searchParams.get('materialKey') ?? ''] ?? []);
    }
    return inner(input, init);
  };
  return stub;
}

function renderApply() {
  renderApp(
    <Routes>
      <Route path="/apply/:implementationId" element={<ApplyPage />} />
      <Route path="/account/cases/:id" element={<p>我的办件详情</p>} />
    </Routes>,
    { route: `/apply/${IMPL}` },
  );
}

function chooseFile(input: Element, name: string): void {
  fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], name, { type: 'application/pdf' })] } });
}

const submitted = (calls: { method: string; path: string; body: unknown }[]) => calls.find((c) => c.method === 'POST' && c.path === '/api/v1/cases')?.body as { materials: Record<string, unknown> } | undefined;

describe('apply page: electronic licenses as materials (用证)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('offers the holder’s valid license checked by default, says what submitting authorises, and sends its id', async () => {
    const { calls } = stubApply('enterprise', { [BL]: [businessLicense] });
    renderApply();
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '闽北小吃店' } });
    const use = await screen.findByRole<HTMLInputElement>('checkbox', { name: '使用我的电子证照：营业执照 No.92350703MA350K0T9B（建阳区市场监督管理局）' });
    expect(use.checked).toBe(true);
    expect(screen.getByText(/提交申请即授权承办部门在本次申请中使用该电子证照（用证授权）/)).toBeTruthy();
    // The conditional material's license is not offered unasked: the applicant holds no 居民身份证 here, so it takes an upload.
    expect(screen.getByText('未找到您名下有效的“居民身份证”电子证照，请上传文件。')).toBeTruthy();
    // Shared data keeps its own box, ticked.
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: '由共享数据提供（无需上传）' }).checked).toBe(true);
    // Uploads: the application form and the conditional ID card; none for the business license.
    const inputs = document.querySelectorAll('input[type=file]');
    expect(inputs.length).toBe(2);
    chooseFile(inputs[0] as Element, '申请书.pdf');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('我的办件详情')).toBeTruthy();
    expect(submitted(calls)).toEqual({
      implementationId: IMPL, formData: { shopName: '闽北小吃店' }, submit: true,
      materials: {
        application: { via: 'upload', fileIds: [FILE] },
        'business-license': { via: 'license', licenseId: LICENSE },
        health: { via: 'shared_data', resourceCode: 'WJ-001' },
      },
    });
    // One lookup per license type the guide accepts.
    expect(calls.filter((c) => c.path === '/api/v1/licenses/mine/usable').length).toBe(2);
  });

  it('lets the holder upload instead of using the license', async () => {
    const { calls } = stubApply('enterprise', { [BL]: [businessLicense] });
    renderApply();
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '闽北小吃店' } });
    const use = await screen.findByRole<HTMLInputElement>('checkbox', { name: /^使用我的电子证照：营业执照/ });
    fireEvent.click(use);
    expect(use.checked).toBe(false);
    expect(screen.getByText('不使用电子证照，改为上传文件。')).toBeTruthy();
    const inputs = document.querySelectorAll('input[type=file]');
    expect(inputs.length).toBe(3);
    chooseFile(inputs[0] as Element, '申请书.pdf');
    chooseFile(inputs[1] as Element, '营业执照.pdf');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('我的办件详情')).toBeTruthy();
    expect(submitted(calls)?.materials['business-license']).toEqual({ via: 'upload', fileIds: [FILE] });
  });

  it('asks for an upload, with a hint, when the applicant holds no valid license of the type', async () => {
    const { calls } = stubApply('citizen', {});
    renderApply();
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '林记小吃' } });
    expect(await screen.findByText('未找到您名下有效的“营业执照”电子证照，请上传文件。')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /使用我的电子证照/ })).toBeNull();
    const inputs = document.querySelectorAll('input[type=file]');
    expect(inputs.length).toBe(3);
    chooseFile(inputs[0] as Element, '申请书.pdf');
    chooseFile(inputs[1] as Element, '营业执照.pdf');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('我的办件详情')).toBeTruthy();
    expect(submitted(calls)?.materials).toEqual({
      application: { via: 'upload', fileIds: [FILE] },
      'business-license': { via: 'upload', fileIds: [FILE] },
      health: { via: 'shared_data', resourceCode: 'WJ-001' },
    });
  });

  it('lets the holder pick one of several licenses, and shows the server’s refusal under the material it names', async () => {
    const second = { ...businessLicense, id: '00000000-0000-4000-8000-00000000e002', licenseNumber: '92350703MA350K0T9C', issuerName: '延平区市场监督管理局' };
    const { calls } = stubApply('enterprise', { [BL]: [businessLicense, second] }, () =>
      json(400, {
        error: {
          code: 'VALIDATION_FAILED', message: 'materials.business-license: 所选“营业执照”已不在有效状态，请改为上传',
          details: [{ path: 'materials.business-license', message: '所选“营业执照”已不在有效状态，请改为上传' }],
        },
      }),
    );
    renderApply();
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '闽北小吃店' } });
    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: '使用我的电子证照：营业执照' })).checked).toBe(true);
    const group = screen.getByRole('radiogroup', { name: '选择要使用的证照' });
    expect(group).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '营业执照 No.92350703MA350K0T9C（延平区市场监督管理局）' }));
    chooseFile(document.querySelectorAll('input[type=file]')[0] as Element, '申请书.pdf');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(submitted(calls)).toBeTruthy());
    expect(submitted(calls)?.materials['business-license']).toEqual({ via: 'license', licenseId: second.id });
    const refused = await screen.findAllByText('所选“营业执照”已不在有效状态，请改为上传');
    // Once in the summary at the top and once under the material itself.
    expect(refused.some((el) => el.closest('.ant-form-item')?.textContent?.includes('营业执照'))).toBe(true);
  });

  it('offers a trusted material the window verified before, chosen by default, and sends its id instead of an upload', async () => {
    const { calls } = stubApply('enterprise', { [BL]: [businessLicense] }, undefined, { application: [trustedApplication] });
    renderApply();
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '闽北小吃店' } });
    const reuse = await screen.findByRole<HTMLInputElement>('radio', { name: '使用已核验的材料：食品经营许可申请书（陈受理 于 2026年11月20日 核验）' });
    expect(reuse.checked).toBe(true);
    expect(screen.getByText(/已由窗口工作人员与原件核对/)).toBeTruthy();
    // The license material is untouched: still the holder's license, checked.
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /^使用我的电子证照：营业执照/ }).checked).toBe(true);
    // Only the conditional ID card takes an upload.
    expect(document.querySelectorAll('input[type=file]').length).toBe(1);
    const lookup = calls.find((c) => c.path === '/api/v1/licenses/mine/materials');
    expect(lookup).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('我的办件详情')).toBeTruthy();
    expect(submitted(calls)?.materials).toEqual({
      application: { via: 'trusted', trustedMaterialId: TRUSTED },
      'business-license': { via: 'license', licenseId: LICENSE },
      health: { via: 'shared_data', resourceCode: 'WJ-001' },
    });
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/files')).toBe(false);
  });

  it('uploads instead when the applicant turns the trusted material down', async () => {
    const { calls } = stubApply('enterprise', { [BL]: [businessLicense] }, undefined, { application: [trustedApplication] });
    renderApply();
    fireEvent.change(await screen.findByLabelText('店铺名称'), { target: { value: '闽北小吃店' } });
    await screen.findByRole('radio', { name: /^使用已核验的材料/ });
    fireEvent.click(screen.getByRole('radio', { name: '不使用，改为上传文件' }));
    const inputs = document.querySelectorAll('input[type=file]');
    expect(inputs.length).toBe(2);
    chooseFile(inputs[0] as Element, '申请书.pdf');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('我的办件详情')).toBeTruthy();
    expect(submitted(calls)?.materials.application).toEqual({ via: 'upload', fileIds: [FILE] });
  });
});
