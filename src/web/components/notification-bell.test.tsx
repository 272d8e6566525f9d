// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../api/types.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { MessageCenter } from './message-center.tsx';
import { SiteHeader } from './site-header.tsx';

const citizen: AccountView = {
  id: '00000000-0000-4000-8000-000000000001', kind: 'citizen', status: 'active', displayName: '张三', username: null, idNumberMasked: '3507**********1234',
  creditCode: null, legalRepName: null, phoneMasked: '139****0001', email: null, realNameLevel: 2, roles: ['applicant'], scope: null,
  createdAt: '2026-11-01T00:00:00.000Z', lastLoginAt: null,
};
const me = () => json(200, { account: citizen, session: { expiresAt: '2026-12-01T00:00:00.000Z' } });
const note = (id: string, title: string, readAt: string | null) => ({ id, kind: 'case.accepted', title, body: '请留意办理进度。', link: null, readAt, createdAt: '2026-11-23T08:00:00.000Z' });

describe('notification bell and message centre', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('shows no bell to a visitor', async () => {
    stubFetch();
    renderApp(<SiteHeader />);
    await screen.findByRole('link', { name: '登录' });
    expect(screen.queryByRole('link', { name: /消息/ })).toBeNull();
  });

  it('shows a logged-in citizen the unread count, linking to the message centre in the account area', async () => {
    stubFetch({
      'GET /api/v1/auth/me': me,
      'GET /api/v1/notifications': () => json(200, { items: [], total: 3, unread: 3, page: 1, pageSize: 1 }),
      // The account menu asks which enterprises the citizen may act for (切换身份): none here.
      'GET /api/v1/auth/acting-options': () => json(200, { person: { accountId: citizen.id, displayName: citizen.displayName }, currentEnterpriseId: null, items: [] }),
    });
    renderApp(<SiteHeader />);
    const bell = await screen.findByRole('link', { name: '消息，3 条未读' });
    expect(bell.getAttribute('href')).toBe('/account/messages');
  });

  it('lists messages with the unread ones marked, and marks them all read', async () => {
    let unread = 1;
    const { calls } = stubFetch({
      'GET /api/v1/auth/me': me,
      'GET /api/v1/notifications': () =>
        json(200, { items: [note('00000000-0000-4000-8000-0000000000a1', '您的申请已受理', unread ? null : '2026-11-23T09:00:00.000Z'), note('00000000-0000-4000-8000-0000000000a2', '旧消息', '2026-11-22T09:00:00.000Z')], total: 2, unread, page: 1, pageSize: 20 }),
      'POST /api/v1/notifications/read-all': () => {
        unread = 0;
        return json(200, { updated: 1 });
      },
    });
    renderApp(<MessageCenter />);
    expect(await screen.findByText('您的申请已受理')).toBeTruthy();
    expect(screen.getAllByText('未读').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: '全部标为已读' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/read-all')).toBe(true));
    await waitFor(() => expect(screen.getByRole('button', { name: '全部标为已读' }).hasAttribute('disabled')).toBe(true));
  });
});
