// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { RealNameLevelNotice } from '../portal/cases/real-name-notice.tsx';
import { RealNamePage } from './real-name-page.tsx';

const ACCOUNT = '00000000-0000-4000-8000-0000000000a7';
const ID = '350703198503120113';

describe('workbench: 现场实名核验', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('finds the citizen by ID number, shows masked numbers and the level, and confirms L3 only after the check box', async () => {
    const { calls } = stubFetch({
      'POST /api/v1/real-name/lookup': () =>
        json(200, { accountId: ACCOUNT, displayName: '林志强', idNumberMasked: '3507**********0113', phoneMasked: '138****0001', realNameLevel: 1, lastVerification: null }),
      'POST /api/v1/real-name/verifications': () =>
        json(200, { accountId: ACCOUNT, displayName: '林志强', idNumberMasked: '3507**********0113', previousLevel: 1, realNameLevel: 3, raised: true, windowName: '建阳区政务服务中心 A01 综合受理窗口', verifiedAt: '2026-12-01T02:00:00.000Z' }),
    });
    renderApp(<RealNamePage />);
    fireEvent.change(screen.getByLabelText('证件号码'), { target: { value: ID } });
    fireEvent.click(screen.getByRole('button', { name: '查找账户' }));
    expect(await screen.findByText('林志强')).toBeTruthy();
    expect(screen.getByText('3507**********0113')).toBeTruthy();
    expect(screen.getByText('138****0001')).toBeTruthy();
    expect(screen.getByText('尚未核验')).toBeTruthy();

    // Without ticking "checked the original", nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: '确认核验，升为 L3' }));
    expect(await screen.findByText('请先核对证件原件并勾选确认')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/real-name/verifications')).toBe(false);

    fireEvent.click(screen.getByRole('checkbox', { name: '我已核对证件原件，照片与本人一致' }));
    fireEvent.click(screen.getByRole('button', { name: '确认核验，升为 L3' }));
    expect(await screen.findByText('已完成现场实名核验')).toBeTruthy();
    expect(screen.getByText('林志强 的实名等级已由 L1 升为 L3，系统已通知本人。')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/real-name/verifications')?.body).toEqual({ accountId: ACCOUNT, idNumber: ID, documentType: 'resident_id_card' });
  });

  it('says under the field when the number has no account', async () => {
    stubFetch({
      'POST /api/v1/real-name/lookup': () => json(404, { error: { code: 'NOT_FOUND', message: '未找到使用该身份证号码注册的账户，请申请人先在网上或用自助终端注册', details: [{ path: 'idNumber', message: '该身份证号码尚未注册账户' }] } }),
    });
    renderApp(<RealNamePage />);
    fireEvent.change(screen.getByLabelText('证件号码'), { target: { value: ID } });
    fireEvent.click(screen.getByRole('button', { name: '查找账户' }));
    expect(await screen.findByText(/未找到使用该身份证号码注册的账户/)).toBeTruthy();
  });
});

describe('portal: 实名等级不足 notice', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('explains both ways up for an L2 item, and only the window for an L3 item', () => {
    const { unmount } = renderApp(<RealNameLevelNotice required={2} current={1} />);
    expect(screen.getByText('本事项需实名等级 L2 及以上，您的账户当前为 L1，暂不能在网上提交。')).toBeTruthy();
    expect(screen.getByText(/用手机短信验证码升级为 L2/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '前往我的账户' }).getAttribute('href')).toBe('/account');
    unmount();
    renderApp(<RealNameLevelNotice required={3} current={2} />);
    expect(screen.queryByText(/用手机短信验证码升级为 L2/)).toBeNull();
    expect(screen.getByRole('link', { name: '查看服务大厅' }).getAttribute('href')).toBe('/halls');
  });
});
