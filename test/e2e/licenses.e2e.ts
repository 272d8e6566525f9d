import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, loginAs, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
const ENTERPRISE = '92350703MA350K0T9B';
const HOLDER = '南平市建阳区味香源餐饮店';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A fresh context: a phone (mobile first) or a desktop; nobody logged in. */
async function newPage(mobile: boolean): Promise<Page> {
  const context = await browser.newContext(
    mobile ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, acceptDownloads: true } : { viewport: { width: 1280, height: 900 }, acceptDownloads: true },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

/** The enterprise's 营业执照, as its wallet lists it. */
async function businessLicense(page: Page): Promise<{ id: string; identifier: string; verifyUrl: string }> {
  return page.evaluate(async () => {
    const list = (await (await fetch('/api/v1/licenses/mine')).json()) as { items: { id: string; typeName: string }[] };
    const l = list.items.find((i) => i.typeName === '营业执照');
    if (!l) throw new Error('no 营业执照 in the wallet');
    return (await (await fetch(`/api/v1/licenses/mine/${l.id}`)).json()) as { id: string; identifier: string; verifyUrl: string };
  });
}

describe('electronic licenses in the portal', () => {
  it('the enterprise finds its 营业执照 in 我的证照, downloads the PDF, and a visitor verifies it by identifier', async () => {
    const holder = await newPage(true);
    await loginAs(holder, ENTERPRISE);
    // 我的证照 sits beside 我的办件 in the account menu.
    await holder.getByRole('button', { name: /账户菜单/ }).click();
    await holder.getByRole('link', { name: '我的证照' }).click();
    await holder.waitForURL(/\/account\/licenses$/);
    const card = holder.getByRole('article', { name: '营业执照' });
    await card.waitFor();
    const cardText = await card.innerText();
    expect(cardText).toContain('有效');
    expect(cardText).toContain(ENTERPRISE);
    expect(cardText).toContain('建阳区市场监督管理局');
    await screenshot(holder, 'licenses-wallet-375');
    await expectAccessible(holder, '/account/licenses at 375 px');

    await card.getByRole('link', { name: /^查看证照/ }).click();
    await holder.getByRole('heading', { level: 1, name: '营业执照' }).waitFor();
    const identifier = (await holder.locator('.license-identifier').innerText()).trim();
    expect(identifier).toMatch(/^1\.2\.156\.3005\.2\./);
    expect(await holder.locator('main').innerText()).toContain('经营场所/住所');
    await expectAccessible(holder, '/account/licenses/:id at 375 px');

    // 下载 PDF: a real PDF comes back, and the download is in the use record.
    const [download] = await Promise.all([holder.waitForEvent('download'), holder.getByRole('link', { name: /下载 PDF/ }).click()]);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await holder.reload();
    const uses = holder.locator('.use-list');
    await expect.poll(async () => (await uses.innerText()).includes('PDF 文件')).toBe(true);
    expect(await uses.innerText()).toContain('下载');
    await screenshot(holder, 'licenses-license-375');

    // A visitor, not logged in, types the identifier on /verify.
    const visitor = await newPage(false);
    await visitor.goto(`${baseUrl}/`);
    await visitor.getByRole('link', { name: /证照核验/ }).first().click();
    await visitor.waitForURL(/\/verify$/);
    await expectAccessible(visitor, '/verify');
    await visitor.getByLabel('证照标识').fill(identifier.slice(0, -1));
    await visitor.getByRole('button', { name: /^核\s?验$/ }).click();
    // The shape is checked before anything is sent.
    await visitor.getByText(/证照标识格式应为|证照标识校验位不正确/).first().waitFor();
    await visitor.getByLabel('证照标识').fill(identifier);
    await visitor.getByRole('button', { name: /^核\s?验$/ }).click();
    await visitor.getByRole('heading', { name: '真实有效' }).waitFor();
    const result = await visitor.locator('.verify-result').innerText();
    expect(result).toContain(HOLDER);
    expect(result).toContain('建阳区市场监督管理局');
    await screenshot(visitor, 'licenses-verify-typed-1280');
    await expectAccessible(visitor, '/verify with a result');

    // The holder sees that verification in the use record.
    await holder.reload();
    await expect.poll(async () => (await holder.locator('.use-list').innerText()).includes('输入证照标识')).toBe(true);
    await holder.context().close();
    await visitor.context().close();
  });

  it('the QR link printed on the license opens the verification at once (channel qr), for a visitor on a phone', async () => {
    const holder = await newPage(false);
    await loginAs(holder, ENTERPRISE);
    const license = await businessLicense(holder);
    // Exactly the path the QR code encodes (PUBLIC_BASE_URL is the deployment's address, not this test server's).
    const qrPath = new URL(license.verifyUrl).pathname;
    expect(qrPath).toBe(`/verify/${encodeURIComponent(license.identifier)}`);

    const visitor = await newPage(true);
    const res = await visitor.goto(`${baseUrl}${qrPath}`);
    expect(res?.status(), `GET ${qrPath} must serve the portal app (the server's SPA fallback)`).toBe(200);
    await visitor.getByRole('heading', { name: '真实有效' }).waitFor();
    const result = await visitor.locator('.verify-result').innerText();
    expect(result).toContain(HOLDER);
    expect(result).toContain('营业执照');
    // The inclusion proof is there, collapsed.
    const tech = visitor.getByRole('button', { name: /技术信息/ });
    expect(await tech.getAttribute('aria-expanded')).toBe('false');
    await screenshot(visitor, 'licenses-verify-qr-375');
    await expectAccessible(visitor, '/verify/:identifier at 375 px');
    await tech.click();
    await visitor.getByText('根哈希').waitFor();

    await holder.goto(`${baseUrl}/account/licenses/${license.id}`);
    await expect.poll(async () => (await holder.locator('.use-list').innerText()).includes('扫描二维码')).toBe(true);
    await holder.context().close();
    await visitor.context().close();
  });
});
