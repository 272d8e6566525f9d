// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../api/types.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { ActingBanner } from './acting-switch.tsx';
import { UserMenu } from './user-menu.tsx';

const base: Omit<AccountView, 'id' | 'kind' | 'displayName' | 'idNumberMasked' | 'creditCode' | 'legalRepName'> = {
  status: 'active', username: null, phoneMasked: null, email: null, realNameLevel: 1, roles: ['applicant'], scope: null, createdAt: '2026-11-01T00:00:00.000Z', lastLoginAt: null,
};
const person: AccountView = { ...base, id: '00000000-0000-4000-8000-000000000001', kind: 'citizen', displayName: '陈秀英', idNumberMasked: '3507**********0123', creditCode: null, legalRepName: null };
const shop: AccountView = { ...base, id: '00000000-0000-4000-8000-000000000002', kind: 'enterprise', displayName: '味香源餐饮店', idNumberMasked: '3507**********0113', creditCode: '92350703MA350K0T9B', legalRepName: '林志强' };
const session = { expiresAt: '2026-12-01T00:00:00.000Z' };
const actingMe = {
  account: shop, session,
  acting: { enterpriseId: shop.id, enterpriseName: shop.displayName, relation: 'agent', person: { accountId: person.id, displayName: person.displayName }, authorizationId: '00000000-0000-4000-8000-000000000003', itemCodes: null, validUntil: null },
  actingNotice: null,
};
const options = (current: string | null) => ({
  person: { accountId: person.id, displayName: person.displayName }, currentEnterpriseId: current,
  items: [{ enterpriseId: shop.id, name: shop.displayName, creditCode: shop.creditCode, relation: 'agent', authorizationId: '00000000-0000-4000-8000-000000000003', scope: 'all', itemCodes: [], validUntil: null }],
});

describe('切换身份 (acting for an enterprise)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('offers the enterprises in the account menu; picking one acts for it and shows the banner', async () => {
    let acting = false;
    const { calls } = stubFetch({
      'GET /api/v1/auth/me': () => json(200, acting ? actingMe : { account: person, session, acting: null, actingNotice: null }),
      'GET /api/v1/auth/acting-options': () => json(200, options(acting ? shop.id : null)),
      'POST /api/v1/auth/act-as': () => {
        acting = true;
        return json(200, actingMe);
      },
    });
    renderApp(
      <>
        <UserMenu />
        <ActingBanner />
      </>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /账户菜单/ }));
    const item = await screen.findByRole('menuitem', { name: /味香源餐饮店.*经办人/ });
    expect(screen.getByRole('menuitem', { name: /个人：陈秀英/ })).toBeTruthy();
    fireEvent.click(item);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/auth/act-as')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ enterpriseId: shop.id });
    expect(await screen.findByText('以 味香源餐饮店 经办人身份办理')).toBeTruthy();
    expect(screen.getByText(/办理人：陈秀英/)).toBeTruthy();
  });

  it('shows why acting ended by itself, until dismissed', async () => {
    let notice: string | null = '味香源餐饮店已撤销对您的经办授权（原因：岗位调整），已切换回个人身份';
    stubFetch({
      'GET /api/v1/auth/me': () => json(200, { account: person, session, acting: null, actingNotice: notice }),
      'DELETE /api/v1/auth/act-as': () => {
        notice = null;
        return json(200, { account: person, session, acting: null, actingNotice: null });
      },
    });
    renderApp(<ActingBanner />);
    expect(await screen.findByText(/岗位调整/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /知道了/ }));
    await waitFor(() => expect(screen.queryByText(/岗位调整/)).toBeNull());
  });
});
