// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { RegisterPage } from './register-page.tsx';

function fill(label: RegExp | string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('register page', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('rejects an ID number with a wrong check digit in Chinese, without calling the server', async () => {
    const { calls } = stubFetch();
    renderApp(<RegisterPage />, { route: '/register' });

    fill('身份证号', '110105194912310021');
    expect(await screen.findByText('身份证号码校验位不正确')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /注册并登录/ }));
    await waitFor(() => expect(screen.getAllByText('身份证号码校验位不正确').length).toBeGreaterThan(0));
    expect(calls.some((c) => c.path === '/api/v1/auth/register')).toBe(false);
  });

  it('shows the server’s field error under the field it names', async () => {
    const { calls } = stubFetch({
      'POST /api/v1/auth/register': () =>
        json(400, { error: { code: 'VALIDATION_FAILED', message: 'phone: 该手机号已被其他账户使用', details: [{ path: 'phone', message: '该手机号已被其他账户使用' }] } }),
    });
    renderApp(<RegisterPage />, { route: '/register' });

    fill('姓名', '张三');
    fill('身份证号', '11010519491231002x');
    fill('手机号', '13800138000');
    fill('密码', 'Abcdefgh12');
    fill('确认密码', 'Abcdefgh12');
    fireEvent.click(screen.getByRole('button', { name: /注册并登录/ }));

    const message = await screen.findByText('该手机号已被其他账户使用');
    // The message sits in the phone field's item, not in a page-level alert.
    expect(message.closest('.ant-form-item')?.querySelector('#register-citizen_phone')).toBeTruthy();
    const sent = calls.find((c) => c.path === '/api/v1/auth/register');
    // The shared schema normalised the ID number before sending.
    expect(sent?.body).toMatchObject({ kind: 'citizen', idNumber: '11010519491231002X', phone: '13800138000' });
  });
});
