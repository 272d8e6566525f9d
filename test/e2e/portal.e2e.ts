import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { buildIdNumber, buildPhone } from '../support/factories.ts';
import { STEP_TIMEOUT_MS, expectAccessible, fillPasswordLogin, launchBrowser, screenshot } from './browser.ts';

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


describe('portal', () => {
  it('registers a citizen, lands on my account, logs out and logs in again', async () => {
    const page = await newPage(true);
    const idNumber = buildIdNumber({ county: '350703' });
    const phone = buildPhone();
    const password = 'E2e@Passw0rd';
    await page.goto(`${baseUrl}/register`);
    await page.getByLabel('姓名').fill('范测试');
    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL(/\/account/);
    await expect.poll(() => page.getByText('基本信息').first().isVisible()).toBe(true);
    const body = await page.locator('main').innerText();
    expect(body).toContain('范测试');
    expect(body).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    await screenshot(page, 'portal-account-after-register');

    // Log out through the account menu, then log in with the phone number.
    await page.goto(`${baseUrl}/login`);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' })).status);
    expect(me).toBe(200);
    await page.goto(`${baseUrl}/login`);
    await fillPasswordLogin(page, phone, password);
    await page.waitForURL(/\/account/);
    expect(await page.locator('main').innerText()).toContain('范测试');
    await page.context().close();
  });

  it('shows the Chinese check-digit error for a wrong ID number without losing the other fields', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/register`);
    await page.getByLabel('姓名').fill('林校验');
    await page.getByLabel('身份证号').fill('110105194912310021');
    await page.getByLabel('手机号').fill(buildPhone());
    await page.getByRole('button', { name: '注册并登录' }).click();
    await expect.poll(() => page.getByText('身份证号码校验位不正确').first().isVisible()).toBe(true);
    expect(await page.getByLabel('姓名').inputValue()).toBe('林校验');
    await page.context().close();
  });

  it('lets a seeded citizen log in and see my account', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/login`);
    await fillPasswordLogin(page, '350703198503120113', DEMO_PASSWORD);
    await page.waitForURL(/\/account/);
    expect(await page.locator('main').innerText()).toContain('林志强');
    await screenshot(page, 'portal-account-seeded');
    await page.context().close();
  });

  it('has no serious or critical accessibility violation on the portal pages, in normal and elderly mode', async () => {
    const page = await newPage();
    const paths = ['/', '/login', '/register', '/departments', '/halls'];
    for (const p of paths) {
      await page.goto(`${baseUrl}${p}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, p);
    }
    await page.goto(`${baseUrl}/`);
    await page.getByRole('button', { name: '长者模式' }).first().click();
    expect(await page.getByRole('button', { name: '长者模式' }).first().getAttribute('aria-pressed')).toBe('true');
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'portal-home-elderly');
    for (const p of paths) {
      await page.goto(`${baseUrl}${p}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `${p} (elderly mode)`);
    }
    // Logged-in page too.
    await page.goto(`${baseUrl}/login`);
    await fillPasswordLogin(page, '13859900002', DEMO_PASSWORD);
    await page.waitForURL(/\/account/);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, '/account (elderly mode)');
    await page.context().close();
  });
});

describe('staff areas', () => {
  it('takes a window clerk to the workbench and an admin to the console region tree', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/login`);
    await fillPasswordLogin(page, 'clerk.jy', DEMO_PASSWORD);
    await page.waitForURL(/\/workbench/);
    await expect.poll(() => page.locator('main').innerText()).toContain('建阳区');
    await screenshot(page, 'workbench-clerk');
    await page.context().close();

    const admin = await newPage();
    await admin.goto(`${baseUrl}/login`);
    await fillPasswordLogin(admin, 'admin', DEMO_PASSWORD);
    await admin.waitForURL(/\/console/);
    await admin.waitForLoadState('networkidle');
    await expect.poll(() => admin.locator('main').innerText()).toContain('南平市');
    await screenshot(admin, 'console-admin');
    await admin.context().close();
  });
});
