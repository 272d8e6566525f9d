// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { GuideContent } from '../../../common/schemas/catalog.ts';
import type { CatalogSearchHit, CatalogSearchResponse, VersionView } from '../../api/catalog.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { CatalogSearchPage } from './catalog-search-page.tsx';
import { GuidePage, GuideVersionPage } from './guide-page.tsx';

const IMPL = '0b7c1d9e-4f43-4a55-9d3e-2f1a8b6c7d01';
const V1 = '1c8d2eaf-5a54-4b66-8e4f-3a2b9c7d8e02';
const V2 = '2d9e3fb0-6b65-4c77-9f50-4b3cad8e9f03';

/** A published version as the API presents it, built from the shared test guide. */
function versionView(o: Partial<VersionView> = {}): VersionView {
  const content = GuideContent.parse(
    buildGuide({
      materials: [
        { key: 'application', name: '食品经营许可申请书', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } },
        { key: 'business-license', name: '营业执照', form: 'copy', medium: 'electronic', required: 'required', source: { kind: 'license', licenseTypeCode: '11100000000013338W001', licenseTypeName: '营业执照' } },
        { key: 'id', name: '法定代表人身份证明', form: 'copy', medium: 'either', required: 'required', source: { kind: 'shared_data', resourceCode: 'GA-RK-001', resourceName: '人口基础信息' } },
        { key: 'proxy', name: '委托书', form: 'original', medium: 'paper', required: 'conditional', condition: '委托他人办理的', copies: 2, source: { kind: 'applicant' } },
      ],
    }),
  );
  return {
    id: V2,
    implementationId: IMPL,
    implementationCode: '11350703MB0000000X4000101001000',
    basicCode: '000101001000',
    regionCode: '350703000000',
    regionName: '建阳区',
    departmentId: '3e0f4ac1-7c76-4d88-8a61-5c4dbe9fa004',
    departmentName: '建阳区市场监督管理局',
    implementationStatus: 'published',
    endedBy: null,
    successorImplementationId: null,
    version: 2,
    status: 'published',
    operation: 'change',
    operationDetail: null,
    changeNote: null,
    reviewComment: null,
    authorId: '4f105bd2-8d87-4e99-9b72-6d5ecfa0b105',
    authorName: '林建华',
    reviewerId: '5a216ce3-9e98-4faa-8c83-7e6fd0b1c206',
    reviewerName: '陈秀英',
    submittedAt: '2026-11-20T02:00:00.000Z',
    publishedAt: '2026-11-21T02:00:00.000Z',
    createdAt: '2026-11-19T02:00:00.000Z',
    isCurrent: true,
    content,
    ...o,
  };
}

function hit(o: Partial<CatalogSearchHit>): CatalogSearchHit {
  return {
    implementationId: IMPL,
    versionId: V2,
    version: 2,
    basicCode: '000101001000',
    name: '食品经营许可（新办）',
    nameHighlight: [{ text: '食品经营许可（新办）', hit: false }],
    itemType: '01',
    servesTo: ['person', 'legal_person'],
    themes: ['准营准办'],
    regionCode: '350703000000',
    regionName: '建阳区',
    departmentId: '3e0f4ac1-7c76-4d88-8a61-5c4dbe9fa004',
    departmentName: '建阳区市场监督管理局',
    promisedDays: 3,
    promisedUnit: 'working_day',
    regionCount: 1,
    statutoryDays: 10,
    statutoryUnit: 'working_day',
    visitsRequired: 0,
    onlineDepth: [1, 2, 3, 4, 5, 6],
    resultName: '食品经营许可证',
    materialCount: 3,
    ...o,
  };
}

const guideRoutes = (
  <Routes>
    <Route path="/guide/:implementationId" element={<GuidePage />} />
    <Route path="/guide/version/:versionId" element={<GuideVersionPage />} />
  </Routes>
);

describe('guide page', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists the materials with their source badges, form and conditions', async () => {
    stubFetch({ [`GET /api/v1/catalog/implementations/${IMPL}`]: () => json(200, versionView()) });
    renderApp(guideRoutes, { route: `/guide/${IMPL}` });

    expect(await screen.findByRole('heading', { level: 1, name: '食品经营许可（新办）' })).toBeTruthy();
    const license = screen.getByRole('heading', { name: '营业执照' }).closest('li');
    expect(license).toBeTruthy();
    expect(within(license as HTMLElement).getByText(/可用电子证照免提交/)).toBeTruthy();
    expect(within(license as HTMLElement).getByText('复印件')).toBeTruthy();
    const shared = screen.getByRole('heading', { name: '法定代表人身份证明' }).closest('li');
    expect(within(shared as HTMLElement).getByText(/部门共享数据免提交/)).toBeTruthy();
    // An applicant's own material carries no exemption badge.
    const own = screen.getByRole('heading', { name: '食品经营许可申请书' }).closest('li');
    expect(within(own as HTMLElement).queryByText(/免提交/)).toBeNull();
    const proxy = screen.getByRole('heading', { name: '委托书' }).closest('li');
    expect(within(proxy as HTMLElement).getByText('容缺/条件')).toBeTruthy();
    expect(within(proxy as HTMLElement).getByText('委托他人办理的')).toBeTruthy();

    // Parallel steps are shown together; no fee reads 不收费; the guide can be printed.
    expect(screen.getByText('并联审批')).toBeTruthy();
    expect(screen.getAllByText('不收费').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /打印/ })).toBeTruthy();
    expect(screen.getByText(/第2版/)).toBeTruthy();
  });

  it('says when an older version is shown and links to the one in force', async () => {
    stubFetch({
      [`GET /api/v1/catalog/versions/${V1}`]: () => json(200, versionView({ id: V1, version: 1, status: 'superseded', isCurrent: false })),
      [`GET /api/v1/catalog/implementations/${IMPL}`]: () => json(200, versionView()),
    });
    renderApp(guideRoutes, { route: `/guide/version/${V1}` });

    expect(await screen.findByText('此为历史版本（第1版），现行版本为第2版')).toBeTruthy();
    expect(screen.getByRole('link', { name: '查看现行版本（第2版）' }).getAttribute('href')).toBe(`/guide/${IMPL}`);
  });
});

describe('catalog search', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('marks the matched words with <mark> and never renders the pieces as HTML', async () => {
    const page: CatalogSearchResponse = {
      items: [
        hit({
          nameHighlight: [
            { text: '食品', hit: true },
            { text: '经营许可', hit: false },
            { text: '<img src=x onerror="alert(1)">', hit: true },
          ],
        }),
      ],
      total: 1,
      page: 1,
      pageSize: 10,
    };
    const { calls } = stubFetch({ 'GET /api/v1/catalog/items': () => json(200, page) });
    const { container } = renderApp(<CatalogSearchPage />, { route: '/search?q=食品&servesTo=legal_person' });

    await screen.findByText('建阳区市场监督管理局 · 建阳区');
    const link = screen.getAllByRole('link').find((a) => a.textContent?.startsWith('食品经营许可'));
    if (!link) throw new Error('no link to the guide');
    expect(link.getAttribute('href')).toBe(`/guide/${IMPL}`);
    const marks = [...link.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['食品', '<img src=x onerror="alert(1)">']);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('一趟不用跑')).toBeTruthy();
    expect(screen.getByText('全程网办')).toBeTruthy();
    expect(screen.getByText('建阳区市场监督管理局 · 建阳区')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/catalog/items')).toBe(true);
  });
});
