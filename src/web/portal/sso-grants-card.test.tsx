// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { SsoGrantsCard } from './sso-grants-card.tsx';

const GRANT = { grantId: 'grant-1', clientId: 'tb_scjg', clientName: '市场监管局审批系统', scopes: ['openid', 'profile', 'id_card'], claims: ['sub', 'name', 'id_number'], grantedAt: '2026-11-23T01:00:00.000Z' };

describe('已授权的应用 card', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('lists what each application may see in words and withdraws an authorization', async () => {
    let grants = [GRANT];
    const { calls } = stubFetch({
      'GET /api/v1/sso/grants/mine': () => json(200, grants),
      'DELETE /api/v1/sso/grants/mine/grant-1': () => {
        grants = [];
        return json(200, { ok: true });
      },
    });
    renderApp(<SsoGrantsCard />);
    expect(await screen.findByText('市场监管局审批系统')).toBeTruthy();
    expect(screen.getByText('姓名')).toBeTruthy();
    expect(screen.getByText('身份证号')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '撤销授权' }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s?定/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/sso/grants/mine/grant-1')).toBe(true));
    expect(await screen.findByText('您还没有授权任何应用使用通办账号登录。')).toBeTruthy();
  });
});
