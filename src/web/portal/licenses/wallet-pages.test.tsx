// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LicenseDetail, LicenseSummary, TrustedMaterial } from '../../api/license-wallet.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { IssuedLicenseCard } from './license-parts.tsx';
import { MyLicensePage, MyLicensesPage, TrustedMaterialsSection } from './wallet-pages.tsx';

const ID = '00000000-0000-4000-8000-00000000e001';
const CASE = '00000000-0000-4000-8000-0000000000c1';

function summary(o: Partial<LicenseSummary> = {}): LicenseSummary {
  return {
    id: ID, identifier: '1.2.156.3005.2.11100000MB0143028R001.11350703035000289Q.201900000001.001.W', licenseNumber: '92350703MA350K0T9B', typeCode: '11100000MB0143028R001',
    typeName: '营业执照', version: 1, state: 'valid', expired: false, holderKind: 'legal_person', holderName: '南平市建阳区味香源餐饮店', holderCode: '92350703MA350K0T9B',
    issuerName: '建阳区市场监督管理局', issuedAt: '2019-03-18T01:00:00.000Z', validFrom: '2019-03-18', validUntil: null, caseId: null, source: 'import',
    ...o,
  };
}

function detail(): LicenseDetail {
  return {
    ...summary(), data: [{ key: 'premises', label: '经营场所/住所', value: '南平市建阳区潭城街道人民路128号' }], signature: '30440220', keyId: null, previousId: null, nextId: null, stateReason: null,
    events: [{ event: 'issue', fromState: 'pending', toState: 'valid', reason: null, actorName: '建阳区市场监督管理局', at: '2026-12-01T10:00:00Z' }],
    uses: [
      { kind: 'verify', channel: 'qr', result: 'valid', caseId: null, actorName: null, purpose: null, at: '2026-12-02T10:00:00Z' },
      { kind: 'grant', channel: 'application', result: null, caseId: CASE, actorName: '南平市建阳区味香源餐饮店', purpose: '申请食品经营许可（新办）', at: '2026-12-02T09:00:00Z' },
      { kind: 'case_use', channel: 'case', result: null, caseId: CASE, actorName: '陈审批', purpose: '办理食品经营许可（新办）（350703-20261202-00001）', at: '2026-12-02T11:00:00Z' },
      { kind: 'staff_read', channel: 'query', result: 'valid', caseId: CASE, actorName: '陈受理', purpose: '核对经营场所', at: '2026-12-02T12:00:00Z' },
      { kind: 'download', channel: 'pdf', result: null, caseId: null, actorName: '南平市建阳区味香源餐饮店', purpose: '持证人下载', at: '2026-12-02T13:00:00Z' },
    ],
    documents: { ofd: true, pdf: true }, verifyUrl: 'http://127.0.0.1:3000/verify/x',
  };
}

describe('我的证照 (the wallet)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists licenses by type with their state, 已过期 for a valid one past its date, and filters by type', async () => {
    stubFetch({
      'GET /api/v1/licenses/mine': () =>
        json(200, {
          items: [
            summary(),
            summary({ id: '00000000-0000-4000-8000-00000000e002', typeCode: '11100000MB0143028R002', typeName: '食品经营许可证', licenseNumber: 'JY13507030000012', validFrom: '2020-01-01', validUntil: '2025-01-01', expired: true }),
          ],
          total: 2, page: 1, pageSize: 200,
        }),
    });
    renderApp(<MyLicensesPage />, { route: '/account/licenses' });
    const food = await screen.findByRole('article', { name: '食品经营许可证' });
    expect(within(food).getByText('已过期')).toBeTruthy();
    expect(within(food).getByText('2020-01-01 至 2025-01-01')).toBeTruthy();
    const bl = screen.getByRole('article', { name: '营业执照' });
    expect(within(bl).getByText('有效')).toBeTruthy();
    expect(within(bl).getByText('2019-03-18 至 长期')).toBeTruthy();
    expect(within(bl).getByText('建阳区市场监督管理局')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /食品经营许可证/ }));
    expect(screen.queryByRole('article', { name: '营业执照' })).toBeNull();
    expect(screen.getByRole('article', { name: '食品经营许可证' })).toBeTruthy();
  });

  it('shows a license with its face, downloads, verify link, lifecycle and every use in words', async () => {
    stubFetch({ [`GET /api/v1/licenses/mine/${ID}`]: () => json(200, detail()) });
    renderApp(
      <Routes>
        <Route path="/account/licenses/:id" element={<MyLicensePage />} />
      </Routes>,
      { route: `/account/licenses/${ID}` },
    );
    expect(await screen.findByRole('heading', { level: 1, name: '营业执照' })).toBeTruthy();
    expect(screen.getByText('南平市建阳区潭城街道人民路128号')).toBeTruthy();
    expect(screen.getByRole('link', { name: /下载 OFD/ }).getAttribute('href')).toBe(`/api/v1/licenses/${ID}/document/ofd`);
    expect(screen.getByRole('link', { name: /下载 PDF/ }).getAttribute('href')).toBe(`/api/v1/licenses/${ID}/document/pdf`);
    expect(screen.getByRole('link', { name: '核验此证照' }).getAttribute('href')).toContain('/verify/1.2.156.3005.2.');
    const uses = screen.getByRole('heading', { name: '用证记录' }).closest('.ant-card') as HTMLElement;
    for (const kind of ['核验', '授权使用', '办件中使用', '工作人员查询', '下载']) expect(within(uses).getByText(kind)).toBeTruthy();
    expect(within(uses).getByText('扫描二维码')).toBeTruthy();
    expect(within(uses).getByText('未登录的核验人')).toBeTruthy();
    expect(within(uses).getByText('核对经营场所')).toBeTruthy();
    expect(within(uses).getAllByRole('link', { name: '查看办件' })[0]?.getAttribute('href')).toBe(`/account/cases/${CASE}`);
    expect(screen.getByText('签发')).toBeTruthy();
  });

  it('offers the result download on a completed case that issued a license', async () => {
    stubFetch({ [`GET /api/v1/licenses/case/${CASE}/issued`]: () => json(200, summary({ caseId: CASE, source: 'case', typeName: '食品经营许可证', licenseNumber: 'JY13507030000012' })) });
    renderApp(<IssuedLicenseCard caseId={CASE} completedAt="2026-12-02T10:00:00Z" completed />);
    expect(await screen.findByRole('heading', { name: /电子证照已签发/ })).toBeTruthy();
    expect(screen.getByText(/JY13507030000012/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '在“我的证照”中查看' }).getAttribute('href')).toBe(`/account/licenses/${ID}`);
    expect(screen.getByRole('link', { name: /下载 PDF/ })).toBeTruthy();
  });

  it('lists the trusted materials with who verified them, validity, reuse count, state and files, and withdraws a usable one after confirming', async () => {
    const tm = (o: Partial<TrustedMaterial>): TrustedMaterial => ({
      id: '00000000-0000-4000-8000-00000000d001', name: '食品经营许可申请书', materialKey: 'application', fileIds: ['00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000f2'],
      sourceCaseId: CASE, verifierName: '陈受理', verifiedAt: '2026-11-20T02:00:00.000Z', validUntil: '2027-11-20', revoked: false, revokeReason: null, usable: true, uses: 2, ...o,
    });
    let withdrawn = false;
    const { calls } = stubFetch({
      'GET /api/v1/licenses/mine/materials': () =>
        json(200, [
          tm({ revoked: withdrawn, usable: !withdrawn, revokeReason: withdrawn ? '持有人撤回' : null }),
          tm({ id: '00000000-0000-4000-8000-00000000d002', name: '房屋租赁合同', materialKey: 'lease', fileIds: ['00000000-0000-4000-8000-0000000000f3'], validUntil: '2026-01-01', usable: false, uses: 0 }),
          tm({ id: '00000000-0000-4000-8000-00000000d003', name: '健康证明', materialKey: 'health', revoked: true, usable: false, revokeReason: '持有人撤回' }),
        ]),
      'POST /api/v1/licenses/mine/materials/00000000-0000-4000-8000-00000000d001/withdraw': () => {
        withdrawn = true;
        return json(200, tm({ revoked: true, usable: false }));
      },
    });
    renderApp(<TrustedMaterialsSection />, { route: '/account/licenses' });
    expect(await screen.findByRole('heading', { name: /可信电子材料/ })).toBeTruthy();
    const app = await screen.findByRole('article', { name: '食品经营许可申请书' });
    expect(within(app).getByText('可复用')).toBeTruthy();
    expect(within(app).getByText(/陈受理 于 .*核验/)).toBeTruthy();
    expect(within(app).getByText('至 2027-11-20')).toBeTruthy();
    expect(within(app).getByText('2 次')).toBeTruthy();
    expect(within(app).getByRole('link', { name: '查看文件 1' }).getAttribute('href')).toBe('/api/v1/files/00000000-0000-4000-8000-0000000000f1');
    expect(within(app).getByRole('link', { name: '查看文件 2' })).toBeTruthy();
    const lease = screen.getByRole('article', { name: '房屋租赁合同' });
    expect(within(lease).getByText('已过期')).toBeTruthy();
    expect(within(lease).queryByRole('button', { name: '撤回' })).toBeNull();
    const health = screen.getByRole('article', { name: '健康证明' });
    expect(within(health).getByText('已撤回')).toBeTruthy();
    expect(within(health).queryByRole('button', { name: '撤回' })).toBeNull();
    fireEvent.click(within(app).getByRole('button', { name: '撤回' }));
    expect(await screen.findByText(/以后的申请不能再复用它/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确 定' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/withdraw'))).toBe(true));
    await waitFor(() => expect(within(screen.getByRole('article', { name: '食品经营许可申请书' })).getByText('已撤回')).toBeTruthy());
  });
});
