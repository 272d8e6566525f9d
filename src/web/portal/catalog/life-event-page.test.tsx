// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifeEventDetail } from '../../api/life-events.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { LifeEventPage } from './life-event-page.tsx';

const IMPL = '0b7c1d9e-4f43-4a55-9d3e-2f1a8b6c7d01';
const VERSION = '1c8d2eaf-5a54-4b66-8e4f-3a2b9c7d8e02';
const idCard = { kind: 'license', licenseTypeCode: '11100000GAB000011A001', licenseTypeName: '居民身份证' } as const;

/** 我要开餐馆 in 建阳区 as the API presents it: the food license is not offered there. */
function detail(): LifeEventDetail {
  return {
    id: '2d9e3fb0-6b65-4c77-9f50-4b3cad8e9f03', code: 'open-restaurant', name: '我要开餐馆', audience: 'person', icon: 'shop',
    description: '营业执照、食品经营许可一次申请', regionCode: '350700000000', regionName: '南平市', status: 'published',
    publishedAt: '2026-11-21T02:00:00.000Z', updatedAt: '2026-11-21T02:00:00.000Z',
    region: { code: '350703000000', name: '建阳区' },
    members: [
      {
        position: 1, basicCode: '000120010001', name: '个体工商户设立登记', itemType: '01', note: null,
        implementation: {
          implementationId: IMPL, versionId: VERSION, version: 1, name: '个体工商户设立登记', departmentName: '建阳区市场监督管理局', regionCode: '350703000000',
          regionName: '建阳区', promisedLimit: { days: 1, unit: 'working_day' }, statutoryLimit: { days: 3, unit: 'working_day' }, visitsRequired: 0, onlineDepth: [1, 2, 3, 4, 5, 6], resultName: '营业执照',
        },
      },
      { position: 2, basicCode: '000120008001', name: '食品经营许可（新办）', itemType: '01', note: '如需', implementation: null },
    ],
    implementedCount: 1,
    totals: { promisedWorkingDays: 1, promisedNaturalDays: 0, visitsRequired: 0, visitsIfSeparate: 0 },
    mergedForm: {
      fieldsBefore: 5, fieldsAfter: 4,
      conflicts: [{ field: 'capital', reason: 'type', message: '字段“capital”在“甲”、“乙”中定义不同（类型不同），须分别填写', items: [] }],
      fields: [
        { key: 'operator', title: '经营者姓名', type: 'string', prefill: 'person.name', required: true, conflict: false, schema: { type: 'string' },
          usedBy: [{ basicCode: '1', itemName: '个体工商户设立登记', key: 'operator', title: '经营者姓名' }, { basicCode: '2', itemName: '特种设备使用登记', key: 'contact', title: '联系人' }] },
        { key: 'organisation', title: '组成形式', type: 'string', prefill: null, required: false, conflict: false, schema: { type: 'string', enum: ['个人经营', '家庭经营'] },
          usedBy: [{ basicCode: '1', itemName: '个体工商户设立登记', key: 'organisation', title: '组成形式' }] },
      ],
    },
    mergedMaterials: {
      before: 3, after: 2,
      materials: [
        { key: 'name:申请书', name: '个体工商户登记申请书', required: 'required', condition: null, source: { kind: 'applicant' }, form: 'original', medium: 'either', provedByPlatform: false,
          usedBy: [{ basicCode: '1', itemName: '个体工商户设立登记', key: 'application', title: '个体工商户登记申请书' }] },
        { key: 'license:id', name: '经营者居民身份证', required: 'required', condition: null, source: idCard, form: 'original', medium: 'electronic', provedByPlatform: true,
          usedBy: [{ basicCode: '1', itemName: '个体工商户设立登记', key: 'operator-id', title: '经营者居民身份证' }, { basicCode: '2', itemName: '特种设备使用登记', key: 'owner-id', title: '使用人居民身份证' }] },
      ],
    },
  };
}

describe('life event page (一件事)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('shows the members in the county, what is not offered there, and each merged question and document once', async () => {
    const { calls } = stubFetch({ 'GET /api/v1/catalog/life-events/open-restaurant': () => json(200, detail()) });
    renderApp(
      <Routes>
        <Route path="/services/life-events/:code" element={<LifeEventPage />} />
      </Routes>,
      { route: '/services/life-events/open-restaurant?region=350703000000' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: '我要开餐馆' })).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/catalog/life-events/open-restaurant')).toBe(true);

    const members = screen.getByRole('heading', { level: 2, name: '包含的事项' }).closest('section') as HTMLElement;
    expect(within(members).getByRole('link', { name: '个体工商户设立登记' }).getAttribute('href')).toBe(`/guide/${IMPL}`);
    expect(within(members).getByText('建阳区暂未实施此事项')).toBeTruthy();
    expect(within(members).getByText('如需')).toBeTruthy();

    const form = screen.getByRole('heading', { level: 2, name: '合并后的申请表（预览）' }).closest('section') as HTMLElement;
    expect(within(form).getByText('各事项共需填写 5 项，合并后只需填写 4 项。')).toBeTruthy();
    expect(within(form).getByText('用于：个体工商户设立登记、特种设备使用登记')).toBeTruthy();
    expect(within(form).getByText('登录后自动填入（人口库）')).toBeTruthy();
    expect(within(form).getByText('单选：个人经营、家庭经营')).toBeTruthy();
    expect(within(form).getByText('字段“capital”在“甲”、“乙”中定义不同（类型不同），须分别填写')).toBeTruthy();

    const materials = screen.getByRole('heading', { level: 2, name: '合并后的申请材料' }).closest('section') as HTMLElement;
    expect(within(materials).getByRole('heading', { level: 3, name: '需要您提供（1）' })).toBeTruthy();
    expect(within(materials).getByRole('heading', { level: 3, name: /免提交/ })).toBeTruthy();
    expect(within(materials).getByRole('heading', { level: 4, name: '经营者居民身份证' })).toBeTruthy();
  });

  it('asks for a county when nothing is handled at city level', async () => {
    stubFetch({ 'GET /api/v1/catalog/life-events/open-restaurant': () => json(200, { ...detail(), region: { code: '350700000000', name: '南平市' }, implementedCount: 0, members: detail().members.map((m) => ({ ...m, implementation: null })) }) });
    renderApp(
      <Routes>
        <Route path="/services/life-events/:code" element={<LifeEventPage />} />
      </Routes>,
      { route: '/services/life-events/open-restaurant' },
    );
    expect(await screen.findByText(/请选择您办理所在的区县/)).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2, name: '合并后的申请表（预览）' })).toBeNull();
  });
});
