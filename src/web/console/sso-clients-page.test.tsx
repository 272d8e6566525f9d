// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { SsoClientsPage } from './sso-clients-page.tsx';

const CLIENT = {
  clientId: 'tb_scjg_approval', name: '市场监管局审批系统', departmentId: '00000000-0000-4000-8000-0000000000d2', departmentName: '建阳区市场监督管理局', description: null,
  applicationType: 'web', redirectUris: ['https://sp.example.cn/cb'], postLogoutRedirectUris: [], backchannelLogoutUri: null, grantTypes: ['authorization_code'],
  scopes: ['openid', 'profile', 'id_card'], claims: ['name', 'id_number'], status: 'active',
  createdAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T01:00:00.000Z', secretRotatedAt: '2026-11-23T01:00:00.000Z',
};
const NEW_CLIENT = { ...CLIENT, clientId: 'tb_new_client', name: '不动产登记系统', departmentId: null, departmentName: null, scopes: ['openid', 'profile'], claims: ['name'] };

/** Open 登记应用, type a name and redirect URIs, and save. */
async function fillAndSave(redirects: string) {
  fireEvent.click(await screen.findByRole('button', { name: '登记应用' }));
  fireEvent.change(await screen.findByLabelText('应用名称'), { target: { value: '不动产登记系统' } });
  fireEvent.change(screen.getByLabelText('回调地址（redirect_uri）'), { target: { value: redirects } });
  fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
}

describe('单点登录应用 console page', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists clients with their scopes and claims in Chinese, and the discovery URL', async () => {
    stubFetch({ 'GET /api/v1/sso/clients': () => json(200, [CLIENT]) });
    renderApp(<SsoClientsPage />);
    expect(await screen.findByText('市场监管局审批系统')).toBeTruthy();
    expect(screen.getByText('建阳区市场监督管理局')).toBeTruthy();
    expect(screen.getByText('网页应用')).toBeTruthy();
    expect(screen.getByText('tb_scjg_approval')).toBeTruthy();
    expect(screen.getByText('姓名与实名等级（profile）')).toBeTruthy();
    expect(screen.getByText('身份证号')).toBeTruthy();
    expect(screen.getByText('正常')).toBeTruthy();
    expect(screen.getByText(`${window.location.origin}/oidc/.well-known/openid-configuration`)).toBeTruthy();
  });

  it('registers a web application with minimal defaults and shows its secret once', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/sso/clients': () => json(200, [CLIENT]),
      'POST /api/v1/sso/clients': () => json(201, { client: NEW_CLIENT, clientSecret: 'sso-secret-shown-once' }),
    });
    renderApp(<SsoClientsPage />);
    await fillAndSave('https://bdc.example.cn/cb\n\nhttps://bdc.example.cn/cb2');
    expect(await screen.findByText('sso-secret-shown-once')).toBeTruthy();
    expect(screen.getByText('密钥只显示这一次，请立即复制并交给应用开发方配置。')).toBeTruthy();
    expect(screen.getAllByText('tb_new_client').length).toBeGreaterThan(0);
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/sso/clients');
    expect(post?.body).toMatchObject({
      name: '不动产登记系统', applicationType: 'web', departmentId: null, redirectUris: ['https://bdc.example.cn/cb', 'https://bdc.example.cn/cb2'],
      grantTypes: ['authorization_code'], scopes: ['openid', 'profile'], claims: ['name'],
    });
    fireEvent.click(screen.getByRole('button', { name: /我已保存/ }));
    await waitFor(() => expect(screen.queryByText('sso-secret-shown-once')).toBeNull());
  });

  it('names the field of a validation error, from the shared schema and from the server', async () => {
    const { calls } = stubFetch({
      'GET /api/v1/sso/clients': () => json(200, []),
      'POST /api/v1/sso/clients': () =>
        json(400, { error: { code: 'VALIDATION_FAILED', message: 'redirectUris.1: 须为 http(s) 地址', details: [{ path: 'redirectUris.1', message: '须为 http(s) 地址' }] } }),
    });
    renderApp(<SsoClientsPage />);
    // Caught before sending: the second line is not an http(s) URL.
    await fillAndSave('https://bdc.example.cn/cb\nftp://bdc.example.cn/cb');
    expect(await screen.findByText('第2行：须为 http(s) 地址')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // The server's answer is shown under the same field.
    fireEvent.change(screen.getByLabelText('回调地址（redirect_uri）'), { target: { value: 'https://bdc.example.cn/cb\nhttps://bdc.example.cn/cb2' } });
    await waitFor(() => expect(screen.queryByText('第2行：须为 http(s) 地址')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(await screen.findByText('第2行：须为 http(s) 地址')).toBeTruthy();
  });
});
