import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ENTERPRISES, DEMO_PASSWORD, demoCitizenIdNumber } from '../../seed/demo-people.ts';
import { expectAccessible, launchBrowser, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function newPage(mobile = false): Promise<Page> {
  const context = await browser.newContext(mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

/** Log in through the API inside the page (the login page itself is another test's subject), then open my account. */
async function loginAs(page: Page, account: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  const status = await page.evaluate(async (body) => (await fetch('/api/v1/auth/login', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body })).status, JSON.stringify({ account, password: DEMO_PASSWORD }));
  expect(status).toBe(200);
  await page.goto(`${baseUrl}/`);
  await expect.poll(() => page.getByRole('button', { name: /账户菜单/ }).isVisible()).toBe(true);
}

/** Open the account menu and pick an identity under 切换身份. */
async function switchTo(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: /账户菜单/ }).click();
  await page.getByRole('menuitem', { name }).click();
}

const shop = DEMO_ENTERPRISES[0].name; // 林志强 is its legal representative
const teaFarm = DEMO_ENTERPRISES[1].name; // 陈秀英 is its legal representative

describe('enterprise login by the legal representative or an agent (法定代表人 / 经办人)', () => {
  it('林志强 acts for his shop, authorises 陈秀英 as agent; she acts for it; the revocation sends her back to her own identity', async () => {
    const rep = await newPage();
    await loginAs(rep, demoCitizenIdNumber(0));
    await switchTo(rep, new RegExp(`${shop}.*法定代表人`));
    await expect.poll(() => rep.getByText(`以 ${shop} 法定代表人身份办理`).isVisible()).toBe(true);

    await rep.goto(`${baseUrl}/account/agents`);
    await expect.poll(() => rep.getByRole('heading', { name: '经办人管理' }).isVisible()).toBe(true);
    await rep.getByLabel('经办人姓名').fill('陈秀英');
    await rep.getByLabel('经办人身份证号').fill(demoCitizenIdNumber(1));
    await rep.getByRole('button', { name: '添加经办人' }).click();
    await expect.poll(() => rep.getByRole('cell', { name: /^陈秀英 3507/ }).isVisible()).toBe(true);
    expect(await rep.locator('main').innerText()).toContain('林志强');
    await expectAccessible(rep, 'agents page');
    await screenshot(rep, 'enterprise-agents-page');

    // The agent, on a phone: both her own company (legal representative) and the shop (agent) are offered.
    const agent = await newPage(true);
    await loginAs(agent, demoCitizenIdNumber(1));
    await agent.getByRole('button', { name: /账户菜单/ }).click();
    await expect.poll(() => agent.getByRole('menuitem', { name: new RegExp(`${teaFarm}.*法定代表人`) }).isVisible()).toBe(true);
    await agent.getByRole('menuitem', { name: new RegExp(`${shop}.*经办人`) }).click();
    await expect.poll(() => agent.getByText(`以 ${shop} 经办人身份办理`).isVisible()).toBe(true);
    await agent.goto(`${baseUrl}/account/cases`);
    await expect.poll(() => agent.getByText(`以 ${shop} 经办人身份办理`).isVisible()).toBe(true);
    await expectAccessible(agent, 'acting banner');
    await screenshot(agent, 'enterprise-agent-acting');

    // The legal representative revokes; the agent's next page is her own identity, with the reason.
    await rep.getByRole('button', { name: '撤销 陈秀英' }).click();
    await rep.getByLabel('撤销原因').fill('岗位调整');
    await rep.getByRole('dialog').getByRole('button', { name: /^撤\s?销$/ }).click();
    await expect.poll(() => rep.locator('.status-tag', { hasText: '已撤销' }).first().isVisible()).toBe(true);

    await agent.reload();
    await expect.poll(() => agent.getByText(/已撤销对您的经办授权.*岗位调整/).isVisible()).toBe(true);
    expect(await agent.getByText(`以 ${shop} 经办人身份办理`).count()).toBe(0);
    await agent.getByRole('button', { name: /^知道了$/ }).click();
    await expect.poll(() => agent.getByText(/已撤销对您的经办授权/).count()).toBe(0);

    // Back to his own identity.
    await switchTo(rep, /个人：林志强/);
    await expect.poll(() => rep.getByText(`以 ${shop} 法定代表人身份办理`).count()).toBe(0);
    await rep.context().close();
    await agent.context().close();
  });
});
