// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../api/types.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { ContactChange, RealNameUpgradeCard } from './contact-change.tsx';
import { LoginPage } from './login-page.tsx';

function fill(label: RegExp | string, value: string, root: HTMLElement = document.body): void {
  fireEvent.change(within(root).getByLabelText(label), { target: { value } });
}

const sent = (to: string) => () => json(202, { ok: true, sentTo: to, expiresInSeconds: 300, resendAfterSeconds: 60 });

const account: AccountView = {
  id: '7b1e2f5c-0000-4000-8000-000000000001', kind: 'citizen', status: 'active', displayName: '林志强', username: null,
  idNumberMasked: '3507**********0113', creditCode: null, legalRepName: null, phoneMasked: '138****0001', email: null,
  realNameLevel: 1, roles: ['applicant'], scope: null, createdAt: '2026-11-01T00:00:00.000Z', lastLoginAt: null,
};

describe('SMS login tab', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('sends a code to the phone, counts down, and shows a wrong code under the code field', async () => {
    const { calls } = stubFetch({
      'POST /api/v1/auth/sms/code': sent('139****1234'),
      'POST /api/v1/auth/sms/login': () =>
        json(400, { error: { code: 'VALIDATION_FAILED', message: 'code: 验证码不正确，还可再试5次', details: [{ path: 'code', message: '验证码不正确，还可再试5次', remainingAttempts: 5 }] } }),
    });
    renderApp(<LoginPage />, { route: '/login' });
    fireEvent.click(screen.getByRole('tab', { name: '短信验证码登录' }));

    // No code for a malformed number: the field says why, the server is not asked.
    fill('手机号', '1391234');
    fireEvent.click(await screen.findByRole('button', { name: '获取验证码' }));
    await waitFor(() => expect(document.querySelector('.ant-form-item-explain-error')).toBeTruthy());
    expect(calls.some((c) => c.path === '/api/v1/auth/sms/code')).toBe(false);

    fill('手机号', '13912341234');
    // (happy-dom runs no animations: the leaving loading icon stays in the button's name.)
    fireEvent.click(await screen.findByRole('button', { name: /获取验证码/ }));
    expect(await screen.findByText(/验证码已发送至 139\*\*\*\*1234，5分钟内有效/)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/auth/sms/code')?.body).toEqual({ phone: '13912341234', purpose: 'login' });
    const countdown = await screen.findByRole('button', { name: /秒后重新获取/ });
    expect((countdown as HTMLButtonElement).disabled).toBe(true);

    fill('验证码', '654321');
    fireEvent.click(screen.getByRole('button', { name: '登 录' }));
    const error = await screen.findByText('验证码不正确，还可再试5次');
    expect(error.closest('.ant-form-item')?.querySelector('#sms-login_code')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/auth/sms/login')?.body).toEqual({ phone: '13912341234', code: '654321' });
  });
});

describe('account: change of phone and real-name upgrade', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('sends a code to the new number and confirms it with the code and the password', async () => {
    const { calls } = stubFetch({
      [`POST /api/v1/accounts/${account.id}/phone/code`]: sent('139****5678'),
      [`POST /api/v1/accounts/${account.id}/phone`]: () => json(200, { ...account, phoneMasked: '139****5678' }),
    });
    renderApp(<ContactChange account={account} />, { route: '/account' });
    fireEvent.click(screen.getByRole('button', { name: '更换手机号' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/当前手机号：138\*\*\*\*0001/)).toBeTruthy();
    fill('新手机号', '13912345678', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '获取验证码' }));
    expect(await within(dialog).findByText(/验证码已发送至 139\*\*\*\*5678/)).toBeTruthy();
    fill('验证码', '123456', dialog);
    fill('当前密码', 'Tongban@2026', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '确认更换' }));
    await waitFor(() => expect(calls.some((c) => c.path === `/api/v1/accounts/${account.id}/phone`)).toBe(true));
    expect(calls.find((c) => c.path === `/api/v1/accounts/${account.id}/phone`)?.body).toEqual({ phone: '13912345678', code: '123456', password: 'Tongban@2026' });
    expect(calls.find((c) => c.path === `/api/v1/accounts/${account.id}/phone/code`)?.body).toEqual({ phone: '13912345678' });
  });

  it('offers 升级实名等级（L2） to a citizen at L1 only, and upgrades with the code sent to the bound phone', async () => {
    const { calls } = stubFetch({
      'POST /api/v1/real-name/sms/code': sent('138****0001'),
      'POST /api/v1/real-name/sms': () => json(200, { previousLevel: 1, realNameLevel: 2, raised: true }),
    });
    const { unmount } = renderApp(<RealNameUpgradeCard account={{ ...account, realNameLevel: 2 }} />);
    expect(screen.queryByText('升级实名等级（L2）')).toBeNull();
    unmount();

    renderApp(<RealNameUpgradeCard account={account} />);
    fireEvent.click(screen.getByRole('button', { name: '升级实名等级（L2）' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '获取验证码' }));
    expect(await within(dialog).findByText(/验证码已发送至 138\*\*\*\*0001/)).toBeTruthy();
    fill('验证码', '246810', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '确认升级' }));
    expect(await screen.findByText('实名等级已升为 L2')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/real-name/sms')?.body).toEqual({ code: '246810' });
  });
});
