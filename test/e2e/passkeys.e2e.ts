import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { expectAccessible, launchBrowser, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

// WebAuthn refuses IP addresses as relying party: browse the server as localhost (its development RP id).
const baseUrl = inject('baseUrl').replace('//127.0.0.1:', '//localhost:');
// 林志强, a seeded demo citizen.
const CITIZEN_ID = '350703198503120113';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A page with Chromium's virtual authenticator: a platform authenticator that verifies the user by itself. */
async function pageWithAuthenticator(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { page, cdp, authenticatorId };
}

describe('passkeys', () => {
  it('a citizen adds a passkey on the account page, logs out and logs in with it (no password)', async () => {
    const { page, cdp, authenticatorId } = await pageWithAuthenticator();

    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('账号', { exact: true }).fill(CITIZEN_ID);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${baseUrl}/account`);
    await expect.poll(() => page.getByText('还没有通行密钥').isVisible()).toBe(true);
    await page.getByRole('button', { name: '添加通行密钥' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('测试电脑');
    await dialog.getByRole('button', { name: /^继\s?续$/ }).click();
    await expect.poll(() => page.getByText('已添加通行密钥').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('测试电脑', { exact: true }).isVisible()).toBe(true);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    await expectAccessible(page, 'account page with a passkey');
    await screenshot(page, 'passkeys-account');

    const out = await page.evaluate(async () => (await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' })).status);
    expect(out).toBe(200);

    await page.goto(`${baseUrl}/login`);
    await expectAccessible(page, 'login page with the passkey button');
    await page.getByRole('button', { name: '使用通行密钥登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${baseUrl}/account`);
    await expect.poll(() => page.locator('main').innerText()).toContain('林志强');
    // The passkey now shows when it was last used.
    await expect.poll(() => page.getByText(/最近使用 (?!尚未使用)/).isVisible()).toBe(true);
    await screenshot(page, 'passkeys-after-passkey-login');
    await page.context().close();
  });
});
