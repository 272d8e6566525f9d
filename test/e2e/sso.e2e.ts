import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { startDemoSystem, type DemoSystem } from '../support/demo-department-system.ts';
import { freePort } from '../support/sso.ts';
import { expectAccessible, fillPasswordLogin, launchBrowser, loginAs, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
const CITIZEN = '350703198503120113';
const CITIZEN_NAME = '林志强';
const SYSTEM_NAME = '南平市市场监管业务系统（演示）';
let browser: Browser;
let demo: DemoSystem;

/** Log in to the API as someone (for the admin's setup step) and answer the session cookie. */
async function apiLogin(account: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tb_sid='));
  return cookie?.split(';')[0] ?? '';
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The system administrator registers the department system in the console's API, as docs/sso.md says.
  const port = await freePort();
  const demoUrl = `http://127.0.0.1:${port}`;
  const admin = await apiLogin('admin');
  const res = await fetch(`${baseUrl}/api/v1/sso/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({
      name: SYSTEM_NAME, departmentId: null, applicationType: 'web', redirectUris: [`${demoUrl}/callback`], postLogoutRedirectUris: [`${demoUrl}/`],
      backchannelLogoutUri: `${demoUrl}/backchannel-logout`, grantTypes: ['authorization_code'], scopes: ['openid', 'profile'], claims: ['name', 'real_name_level'],
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const created = (await res.json()) as { client: { clientId: string }; clientSecret: string };
  const discovery = (await (await fetch(`${baseUrl}/oidc/.well-known/openid-configuration`)).json()) as { issuer: string };
  demo = await startDemoSystem({ issuer: discovery.issuer, clientId: created.client.clientId, clientSecret: created.clientSecret, port, title: SYSTEM_NAME });
});

afterAll(async () => {
  await demo.close();
  await browser.close();
});

async function newPage(mobile: boolean): Promise<Page> {
  const context = await browser.newContext(mobile ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

describe('single sign-on into a department system', () => {
  it('a seeded citizen logs in to the department system through the platform, once; logging out of the platform logs them out there too', async () => {
    const page = await newPage(true);
    await page.goto(demo.url);
    await page.getByRole('link', { name: '通过通办统一身份认证登录' }).click();

    // Not signed in to the platform yet: its login page first, then the consent screen.
    await page.waitForURL(/\/login\?next=/);
    await fillPasswordLogin(page, CITIZEN);
    await page.waitForURL(/\/sso\/interaction\//);
    await page.getByRole('heading', { name: '授权登录', level: 1 }).waitFor();
    const consent = await page.locator('main').innerText();
    expect(consent).toContain(SYSTEM_NAME);
    expect(consent).toContain('姓名');
    expect(consent).toContain('实名等级');
    expect(consent, 'the ID number is not released to this system').not.toContain('身份证号');
    await expectAccessible(page, 'SSO consent screen');
    await screenshot(page, 'sso/consent');
    await page.getByRole('button', { name: '同意并登录' }).click();

    // Back in the department system, logged in with the platform's identity.
    await page.waitForURL((u) => u.toString().startsWith(demo.url));
    await page.getByText(`欢迎，${CITIZEN_NAME}`).waitFor();
    expect(await page.locator('table').innerText()).toContain('实名等级');
    await screenshot(page, 'sso/department-system');

    // Logging out from the department system (RP-initiated) asks in Chinese and ends the unified
    // identity session — the platform's own session with it.
    await page.getByRole('link', { name: '退出' }).click();
    await page.getByText('是否退出通办统一身份认证').waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL((u) => u.toString().startsWith(demo.url)).catch(async (err: unknown) => {
      await screenshot(page, 'sso/after-logout');
      throw new Error(`${String(err)} at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 500)}`);
    });
    await page.getByText('您尚未登录。').waitFor();
    await page.goto(`${baseUrl}/`);
    expect(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);

    // Signed in to the platform, the person enters the department system with one click: no
    // password, no second consent (it was remembered) — that is the single sign-on.
    await loginAs(page, CITIZEN);
    await page.goto(demo.url);
    await page.getByRole('link', { name: '通过通办统一身份认证登录' }).click();
    await page.waitForURL((u) => u.toString().startsWith(demo.url) && u.pathname === '/');
    await page.getByText(`欢迎，${CITIZEN_NAME}`).waitFor();

    // 数据使用记录: the person sees each login to the department system and what it received.
    await page.goto(`${baseUrl}/account/data-usage`);
    const row = page.getByRole('article', { name: new RegExp(`登录 ${SYSTEM_NAME.replace(/[()（）]/g, '.')}（单点登录）`) }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('姓名');
    await screenshot(page, 'sso/my-data');

    // Logging out of the platform ends the department system's session through back-channel logout.
    const before = demo.backchannelLogouts;
    await page.goto(`${baseUrl}/account`);
    const out = await page.evaluate(async () => (await fetch('/api/v1/auth/logout', { method: 'POST' })).status);
    expect(out).toBe(200);
    expect(demo.backchannelLogouts).toBe(before + 1);
    await page.goto(demo.url);
    await page.getByText('您尚未登录。').waitFor();
  });
});
