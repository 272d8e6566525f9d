import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { expectAccessible, launchBrowser, loginAs, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
// The license this file suspends, to put back should a step fail midway (the portal tests use it too).
let suspendedIdentifier: string | null = null;
let suspendedId: string | null = null;

const HOLDER = '南平市建阳区味香源餐饮店';
const IDENTIFIER = /1\.2\.156\.3005\.2\.[0-9A-Z]{21}\.[0-9A-Z]{18}\.[0-9A-Z]+\.\d{3}\.[0-9A-Z]/;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

/** expect.poll with the patience of a browser test. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: STEP_TIMEOUT_MS });
}

/**
 * axe on the page as it rests: the pointer moved off the control just clicked first (antd's hover
 * colour of a default button, #4373e6 from the theme's primary, is 4.3:1 and would be measured).
 */
async function checkAccessible(page: Page, label: string): Promise<void> {
  await page.mouse.move(1, 1);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, label);
}

/** The public verification anyone can make (no login), as a verifier's system would. */
async function verdictOf(identifier: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/licenses/verify/${encodeURIComponent(identifier)}?channel=api`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { verdict: string }).verdict;
}

/** Resume the license through the API as its approver (the safety net of afterAll). */
async function resumeByApi(id: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'approver.jy.scjg', password: DEMO_PASSWORD }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  await fetch(`${baseUrl}/api/v1/licenses/${id}/resume`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ reason: '浏览器测试结束，恢复有效' }) });
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  if (suspendedIdentifier && suspendedId && (await verdictOf(suspendedIdentifier)) === 'suspended') await resumeByApi(suspendedId);
  await browser.close();
});

describe('electronic licenses in the workbench and the console', () => {
  it('an approver suspends 味香源’s 营业执照 in 证照库, verification says suspended at once, and resumes it', async () => {
    const page = await newPage();
    await loginAs(page, 'approver.jy.scjg');
    await page.waitForURL(/\/workbench/);
    await page.locator('nav.staff-nav').getByRole('link', { name: '证照库' }).click();
    await page.getByRole('heading', { level: 1, name: '证照库' }).waitFor();

    await page.getByLabel('持证主体、证照编号或标识').fill('味香源');
    const table = page.getByRole('region', { name: '证照库' });
    const rows = table.locator('tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('营业执照');
    expect(row).toContain(HOLDER);
    expect(row).toContain('有效');
    await checkAccessible(page, '/workbench/licenses');
    await screenshot(page, 'licenses-registry-approver');

    await rows.first().getByRole('link', { name: '营业执照', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `营业执照 · ${HOLDER}` }).waitFor();
    suspendedId = new URL(page.url()).pathname.split('/').pop() ?? null;
    const identifier = IDENTIFIER.exec(await page.locator('main').innerText())?.[0] ?? '';
    expect(identifier).not.toBe('');
    expect(await verdictOf(identifier)).toBe('valid');
    await checkAccessible(page, 'license detail (valid)');

    // 暂停 asks for a reason and a confirmation.
    await page.getByRole('button', { name: /^暂\s?停$/ }).click();
    const suspend = page.getByRole('dialog', { name: '暂停：营业执照' });
    await suspend.getByLabel('原因').fill('浏览器测试：经营场所与登记不符，待核查');
    await checkAccessible(page, 'suspend dialog');
    suspendedIdentifier = identifier;
    await suspend.getByRole('button', { name: '确认暂停' }).click();
    await eventually(() => suspend.count()).toBe(0);
    await eventually(() => page.locator('.license-head').innerText()).toContain('暂停使用');
    // The verifier sees it at once.
    expect(await verdictOf(identifier)).toBe('suspended');
    // What a suspended license allows: 恢复 (and 注销, 变更, 延续), not 暂停 again.
    expect(await page.getByRole('button', { name: /^暂\s?停$/ }).count()).toBe(0);
    await eventually(() => page.locator('main').innerText()).toContain('浏览器测试：经营场所与登记不符，待核查');
    await checkAccessible(page, 'license detail (suspended)');
    await screenshot(page, 'licenses-detail-suspended');

    await page.getByRole('button', { name: /^恢\s?复$/ }).click();
    const resume = page.getByRole('dialog', { name: '恢复：营业执照' });
    await resume.getByLabel('原因').fill('浏览器测试：核查无误，恢复使用');
    await resume.getByRole('button', { name: '确认恢复' }).click();
    await eventually(() => resume.count()).toBe(0);
    await eventually(() => page.locator('.license-head').innerText()).toContain('有效');
    expect(await verdictOf(identifier)).toBe('valid');
    suspendedIdentifier = null;
    // Both steps are on the lifecycle with their reasons.
    const lifecycle = await page.locator('main').innerText();
    expect(lifecycle).toContain('原因：浏览器测试：经营场所与登记不符，待核查');
    expect(lifecycle).toContain('原因：浏览器测试：核查无误，恢复使用');
    await page.context().close();
  });

  it('a data administrator opens 证照目录 and the signing keys with the transparency log', async () => {
    const page = await newPage();
    await loginAs(page, 'data.np');
    await page.waitForURL(/\/console/);
    const nav = page.locator('nav.staff-nav');

    // The whole city's registry, with the 存量证照入库 form open.
    await nav.getByRole('link', { name: '证照库' }).click();
    await page.getByRole('heading', { level: 1, name: '证照库' }).waitFor();
    await eventually(() => page.getByRole('region', { name: '证照库' }).locator('tbody tr.ant-table-row').count()).toBeGreaterThan(10);
    await checkAccessible(page, '/console/licenses/registry');
    await page.getByRole('button', { name: '存量证照入库' }).click();
    await page.getByRole('dialog', { name: '存量证照入库' }).getByLabel('证照编号').waitFor();
    await checkAccessible(page, '/console/licenses/registry (import form)');
    await screenshot(page, 'licenses-import-form');
    await page.getByRole('dialog', { name: '存量证照入库' }).getByRole('button', { name: /^取\s?消$/ }).click();

    await nav.getByRole('link', { name: '证照目录' }).click();
    await page.getByRole('heading', { level: 1, name: '证照目录' }).waitFor();
    const types = page.getByRole('region', { name: '证照目录' });
    await eventually(() => types.innerText()).toContain('营业执照');
    expect(await types.innerText()).toContain('11100000MB0143028R001');
    await checkAccessible(page, '/console/licenses/types');
    await screenshot(page, 'licenses-types');
    // The editor with its table of data items, open.
    await page.getByLabel('名称、代码或定义机构').fill('营业执照');
    await page.getByRole('button', { name: '编辑 营业执照' }).click();
    const editor = page.getByRole('dialog', { name: '编辑证照类型：营业执照' });
    await eventually(() => editor.getByLabel('字段标识（第 1 项）').inputValue()).toBe('name');
    expect(await editor.getByLabel('显示名称（第 5 项）').inputValue()).toBe('经营范围');
    await checkAccessible(page, '/console/licenses/types (editor)');
    await screenshot(page, 'licenses-type-editor');
    await editor.getByRole('button', { name: /^取\s?消$/ }).click();
    await eventually(() => editor.count()).toBe(0);

    await nav.getByRole('link', { name: '签章密钥与信任列表' }).click();
    await page.getByRole('heading', { level: 1, name: '签章密钥与信任列表' }).waitFor();
    const keys = page.getByRole('region', { name: '签章密钥与信任列表' });
    await eventually(() => keys.innerText()).toContain('建阳区市场监督管理局');
    expect(await keys.innerText()).toContain('本平台');
    expect(await keys.getByRole('button', { name: '更换密钥' }).count()).toBeGreaterThan(0);
    // The tree head's signature and a consistency proof, both checked in the browser.
    await page.getByRole('button', { name: '在本机验证签名' }).click();
    await page.getByText('SM2 签名有效').waitFor();
    await page.getByLabel('较早的树大小').fill('1');
    await page.getByRole('button', { name: '一致性校验' }).click();
    await page.getByText(/一致：大小为 1 的日志是大小为 \d+ 的日志的前缀/).waitFor();
    await checkAccessible(page, '/console/licenses/keys');
    await screenshot(page, 'licenses-keys');
    await page.context().close();
  });
});
