import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, loginAs, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function newPage(viewport: { width: number; height: number }, mobile = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return { context, page };
}



/** GET a JSON API from inside the page (same cookies as the person using it). */
async function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json() as Promise<unknown>, path) as Promise<T>;
}

/** The page does not scroll sideways (a phone user never pans to read). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('catalog in the browser', () => {
  it('lets a citizen on a 375 px phone search with everyday words, open a guide and read its materials and limits', async () => {
    const { context, page } = await newPage({ width: 375, height: 812 }, true);
    await page.goto(baseUrl);
    await page.getByRole('search').getByLabel('搜索办事事项').fill('个体户');
    await page.getByRole('search').getByRole('button', { name: /搜\s?索/ }).click();
    await page.waitForURL(/\/search\?q=/);
    const results = page.locator('.item-card .item-name');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const top3 = (await results.allInnerTexts()).slice(0, 3);
    expect(top3.some((name) => name.includes('个体工商户设立登记')), top3.join(' | ')).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'search results at 375 px');
    await screenshot(page, 'catalog-search-375');

    await results.filter({ hasText: '个体工商户设立登记' }).first().getByRole('link').click();
    await page.waitForURL(/\/guide\//);
    // City-wide, the card stood for all ten counties: the guide lets the citizen pick theirs.
    await page.getByRole('combobox', { name: '选择办理区县' }).waitFor();
    const materials = page.getByRole('heading', { name: /^申请材料（\d+项）$/ });
    await materials.waitFor();
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('办理时限');
    const text = await main.innerText();
    expect(text).toMatch(/法定办结时限[\s\S]*\d+\s*个?工作日/);
    expect(text).toMatch(/承诺办结时限[\s\S]*\d+\s*个?工作日/);
    expect(text).toContain('身份证');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'guide at 375 px');
    await screenshot(page, 'catalog-guide-375');
    await context.close();
  });

  it('changes a material in 建阳区, a second admin approves, the diff shows it and the old version’s guide still reads as before', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await loginAs(page, 'catalog.np');
    type Hit = { implementationId: string; versionId: string; version: number; name: string };
    const search = await getJson<{ items: Hit[] }>(page, `/api/v1/catalog/items?q=${encodeURIComponent('食品经营许可')}&regionCode=350703000000`);
    const hit = search.items.find((h) => h.name.startsWith('食品经营许可'));
    if (!hit) throw new Error('seeded 食品经营许可 of 建阳区 not found');
    const oldGuide = await getJson<{ content: { materials: { name: string }[] } }>(page, `/api/v1/catalog/versions/${hit.versionId}`);
    const oldName = oldGuide.content.materials[0]?.name ?? '';
    const newName = `${oldName}（2026年版）`;

    await page.goto(`${baseUrl}/console/catalog/items/${hit.implementationId}`);
    await page.getByRole('button', { name: '发起变更' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('原因').fill('申请书启用2026年版格式');
    await dialog.getByRole('button', { name: '发起变更' }).click();
    const firstMaterial = page.locator('.editor-list-item').filter({ has: page.getByRole('heading', { name: /^材料 1：/ }) });
    await firstMaterial.getByLabel('名称', { exact: true }).fill(newName);
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByText('已提交审核').first().isVisible()).toBe(true);
    type V = { id: string; status: string; version: number };
    const versions = await getJson<{ items: V[] }>(page, `/api/v1/catalog/implementations/${hit.implementationId}/versions`);
    const submitted = versions.items.find((v) => v.status === 'in_review');
    if (!submitted) throw new Error(`no version in review: ${JSON.stringify(versions.items)}`);

    // The author cannot approve their own change.
    await page.goto(`${baseUrl}/console/catalog/versions/${submitted.id}`);
    await expect.poll(() => page.getByText('须由其他管理员审核').first().isVisible()).toBe(true);
    await context.clearCookies();

    await loginAs(page, 'catalog2.np');
    await page.goto(`${baseUrl}/console/catalog/review`);
    await page.getByRole('link', { name: new RegExp(`^食品经营许可.*（第${submitted.version}版）$`) }).first().click();
    await page.getByRole('button', { name: '通过并发布' }).click();
    await page.waitForURL(/\/console\/catalog\/review$/);

    await page.goto(`${baseUrl}/console/catalog/versions/${submitted.id}`);
    await expect.poll(() => page.locator('main').innerText()).toContain(newName);
    const diffText = await page.locator('main').innerText();
    expect(diffText).toContain(oldName);
    expect(diffText).toContain('现行');
    await screenshot(page, 'catalog-diff-after-review');

    // A case applied under the old version keeps its guide: the version page still shows the old material.
    await page.goto(`${baseUrl}/guide/version/${hit.versionId}`);
    await expect.poll(() => page.locator('main').innerText()).toContain(oldName);
    expect(await page.locator('main').innerText()).not.toContain(newName);
    await page.goto(`${baseUrl}/guide/${hit.implementationId}`);
    await expect.poll(() => page.locator('main').innerText()).toContain(newName);
    await context.close();
  });

  it('gives a catalog admin on a phone an accessible console (menu as a row of links, readable empty tables)', async () => {
    const { context, page } = await newPage({ width: 375, height: 812 }, true);
    await loginAs(page, 'catalog.np');
    for (const path of ['/console/catalog/review', '/console/catalog/drafts', '/console/catalog/items']) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator('main h1').first().waitFor();
      await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
      await expectAccessible(page, `${path} at 375 px`);
      await expectNoSidewaysScroll(page);
    }
    await page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: '草稿箱' }).click();
    await page.waitForURL(/\/console\/catalog\/drafts$/);
    await context.close();
  });

  it('shows a citizen on a phone a life event in 建阳区 with materials and a form asked once', async () => {
    const { context, page } = await newPage({ width: 375, height: 812 }, true);
    await page.goto(`${baseUrl}/services/personal`);
    await page.getByRole('tab', { name: /一件事/ }).click();
    await page.getByRole('link', { name: /新生儿出生一件事/ }).first().click();
    await page.waitForURL(/\/services\/life-events\/newborn/);
    await page.goto(`${page.url().split('?')[0]}?region=350703000000`);
    await page.getByRole('heading', { name: '合并后的申请材料' }).waitFor();
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toMatch(/合并后只需 \d+ 份/);
    const text = await main.innerText();
    expect(text).toContain('合并后的申请表（预览）');
    expect(text).not.toContain('暂未实施此事项');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'life event at 375 px');
    await screenshot(page, 'life-event-newborn-375');
    await context.close();
  });

  it('lets a supervisor read the catalog statistics and drill into a county', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await loginAs(page, 'supervisor.np');
    await page.goto(`${baseUrl}/dashboards`);
    await page.getByRole('link', { name: '统计分析' }).first().click();
    await page.locator('main h1').first().waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain('建阳区');
    await expectAccessible(page, 'catalog statistics');
    await screenshot(page, 'catalog-statistics');
    await context.close();
  });
});
