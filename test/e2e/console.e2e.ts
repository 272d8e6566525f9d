import { randomInt } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildIdNumber, buildPhone } from '../support/factories.ts';
import { expectAccessible, launchBrowser, loginAs, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}



/** expect.poll with the patience of a browser test (lists wait for a debounce and a request). */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: STEP_TIMEOUT_MS });
}

/** The open select / tree-select popup (antd keeps closed ones in the DOM, hidden). */
function popup(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** Choose an option of an antd Select by its label (typing first narrows searchable lists). */
async function chooseOption(page: Page, field: Locator, label: string, search?: string): Promise<void> {
  await field.click();
  if (search) await field.fill(search);
  // The list may re-render while its query refreshes (a click then lands on a stale row): keep
  // clicking the option until the popup closes.
  await expect
    .poll(
      async () => {
        const open = popup(page);
        if ((await open.count()) === 0) return 'closed';
        const option = open.locator('.ant-select-item-option', { hasText: label }).first();
        if (await option.isVisible()) await option.click({ timeout: 2_000 }).catch(() => undefined);
        return (await popup(page).count()) === 0 ? 'closed' : 'open';
      },
      { timeout: STEP_TIMEOUT_MS, interval: 500 },
    )
    .toBe('closed');
}

/**
 * Choose a region in a RegionTreeSelect: open the branch of each ancestor (children load on demand,
 * so keep clicking until the branch says it is expanded), then click the region.
 */
async function chooseRegion(page: Page, field: Locator, ancestors: string[], region: string): Promise<void> {
  await field.click();
  const tree = popup(page);
  const title = (name: string) => page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) });
  for (const name of ancestors) {
    const node = tree.getByRole('treeitem').filter({ has: title(name) });
    await node.waitFor();
    await expect
      .poll(
        async () => {
          if ((await node.getAttribute('aria-expanded')) !== 'true') await node.locator('.ant-select-tree-switcher').click();
          return node.getAttribute('aria-expanded');
        },
        { timeout: STEP_TIMEOUT_MS, interval: 300 },
      )
      .toBe('true');
  }
  await tree.locator(title(region)).click();
  await eventually(() => popup(page).count()).toBe(0);
}

/** The side drawer of a create/edit form: a dialog named by its title. */
function drawer(page: Page, title: string): Locator {
  return page.getByRole('dialog', { name: title });
}

const SAVE = /^保\s?存$/;

describe('console', () => {
  it('creates a department, a window and a window clerk in 建阳区; the clerk logs in to the workbench', async () => {
    const suffix = String(randomInt(1000, 9999));
    const deptName = `数字政务测试局${suffix}`;
    const windowNumber = `E${suffix.slice(0, 3)}`;
    const windowName = `数字政务综合窗口${suffix}`;
    const username = `clerk.e2e${suffix}`;
    const staffName = `陈测试${suffix.slice(0, 1)}`;
    const password = 'Clerk@E2e2026';

    const page = await newPage();
    await loginAs(page, 'admin');
    await page.waitForURL(/\/console/);

    // 1. A department in 建阳区.
    await page.getByRole('link', { name: '部门管理' }).click();
    await page.getByRole('heading', { level: 1, name: '部门管理' }).waitFor();
    await page.getByRole('button', { name: '新增部门' }).click();
    const deptForm = drawer(page, '新增部门');
    await deptForm.getByLabel('部门名称').fill(deptName);
    await deptForm.getByLabel('简称').fill('数政局');
    await chooseRegion(page, deptForm.getByLabel('所属区划'), ['福建省', '南平市'], '建阳区');
    await chooseOption(page, deptForm.getByLabel('部门层级'), '县级');
    await deptForm.getByLabel('咨询电话').fill('0599-5888888');
    await screenshot(page, 'console-department-form');
    await deptForm.getByRole('button', { name: SAVE }).click();
    await eventually(() => deptForm.count()).toBe(0);
    await page.getByLabel('关键词').fill(deptName);
    const deptTable = page.getByRole('region', { name: '部门管理' });
    await eventually(() => deptTable.locator('tbody tr').count()).toBe(1);
    const deptRow = await deptTable.locator('tbody tr').innerText();
    expect(deptRow).toContain(deptName);
    expect(deptRow).toContain('建阳区');
    expect(deptRow).toContain('县级');
    await screenshot(page, 'console-departments-created');

    // 2. A window of that department.
    await page.getByRole('link', { name: '窗口管理' }).click();
    await page.getByRole('heading', { level: 1, name: '窗口管理' }).waitFor();
    await page.getByRole('button', { name: '新增窗口' }).click();
    const winForm = drawer(page, '新增窗口');
    await winForm.getByLabel('窗口号').fill(windowNumber);
    await winForm.getByLabel('窗口名称').fill(windowName);
    await winForm.getByLabel('服务大厅').fill('建阳区政务服务中心');
    await chooseRegion(page, winForm.getByLabel('所属区划'), ['福建省', '南平市'], '建阳区');
    await chooseOption(page, winForm.getByLabel('所属部门'), deptName, deptName);
    await winForm.getByRole('button', { name: SAVE }).click();
    await eventually(() => winForm.count()).toBe(0);
    await chooseOption(page, page.getByLabel('所属部门'), deptName, deptName);
    const winTable = page.getByRole('region', { name: '窗口管理' });
    await eventually(() => winTable.locator('tbody tr').count()).toBe(1);
    const winRow = await winTable.locator('tbody tr').innerText();
    expect(winRow).toContain(windowNumber);
    expect(winRow).toContain(windowName);
    expect(winRow).toContain(deptName);

    // 3. A window clerk in that department, at that window.
    await page.getByRole('link', { name: '人员管理' }).click();
    await page.getByRole('heading', { level: 1, name: '人员管理' }).waitFor();
    await page.getByRole('button', { name: '新增工作人员' }).click();
    const staffForm = drawer(page, '新增工作人员');
    await staffForm.getByLabel('用户名').fill(username);
    await staffForm.getByLabel('姓名').fill(staffName);
    await staffForm.getByLabel('身份证号').fill(buildIdNumber({ county: '350703' }));
    await staffForm.getByLabel('手机号').fill(buildPhone());
    // A password against the policy is refused under its field before anything is sent.
    await staffForm.getByLabel('初始密码').fill('short');
    await staffForm.getByRole('button', { name: SAVE }).click();
    await eventually(() => staffForm.getByText('密码至少10位').count()).toBeGreaterThan(0);
    await staffForm.getByLabel('初始密码').fill(password);
    expect(await staffForm.locator('.ant-select-selection-item', { hasText: '综合窗口人员' }).count()).toBe(1);
    await chooseRegion(page, staffForm.getByLabel('数据范围（区划）'), ['福建省', '南平市'], '建阳区');
    await chooseOption(page, staffForm.getByLabel('所属部门'), deptName, deptName);
    await chooseOption(page, staffForm.getByLabel('所在窗口'), windowName);
    await staffForm.getByLabel('职务').fill('综合窗口受理员');
    await screenshot(page, 'console-staff-form');
    await staffForm.getByRole('button', { name: SAVE }).click();
    await eventually(() => staffForm.count()).toBe(0);
    await page.getByLabel('姓名或用户名').fill(username);
    const staffTable = page.getByRole('region', { name: '人员管理' });
    await eventually(() => staffTable.locator('tbody tr').count()).toBe(1);
    const staffRow = await staffTable.locator('tbody tr').innerText();
    expect(staffRow).toContain(staffName);
    expect(staffRow).toContain(deptName);
    expect(staffRow).toContain('综合窗口人员');
    await page.context().close();

    // 4. The new clerk logs in and lands on the workbench of that department and window.
    const clerk = await newPage();
    await loginAs(clerk, username, password);
    await clerk.waitForURL(/\/workbench/);
    await eventually(() => clerk.locator('main').innerText()).toContain(deptName);
    const main = await clerk.locator('main').innerText();
    expect(main).toContain(staffName);
    expect(main).toContain('建阳区');
    expect(main).toContain(`${windowNumber} ${windowName}`);
    await screenshot(clerk, 'workbench-new-clerk');
    await clerk.context().close();
  });

  it('renames a village found by search in the region tree', async () => {
    const page = await newPage();
    await loginAs(page, 'admin');
    await page.goto(`${baseUrl}/console/regions`);
    await page.getByRole('heading', { level: 1, name: '区划管理' }).waitFor();
    const search = page.getByRole('search');
    await search.getByLabel('搜索区划').fill('考亭');
    await search.getByRole('button', { name: /^搜\s?索$/ }).click();
    await page.getByRole('button', { name: '考亭村委会' }).click();
    const detail = page.locator('.split-main');
    await eventually(() => detail.locator('[aria-current="location"]').innerText()).toBe('考亭村委会');
    expect(await detail.innerText()).toContain('350703001203');

    await detail.getByRole('button', { name: '修改名称' }).click();
    const modal = page.getByRole('dialog', { name: '修改名称' });
    await modal.getByLabel('区划名称').fill('考亭村民委员会');
    await modal.getByRole('button', { name: SAVE }).click();
    await eventually(() => modal.count()).toBe(0);
    await eventually(() => detail.locator('[aria-current="location"]').innerText()).toBe('考亭村民委员会');
    // The search results and the tree are refreshed too.
    await eventually(() => page.getByRole('button', { name: '考亭村民委员会' }).count()).toBe(1);
    await page.getByRole('button', { name: '返回树形浏览' }).click();
    await eventually(() => page.getByRole('tree', { name: '行政区划' }).innerText()).toContain('考亭村民委员会');
    await screenshot(page, 'console-region-renamed');
    await page.context().close();
  });

  it('has no serious or critical accessibility violation on the console pages', async () => {
    const page = await newPage();
    await loginAs(page, 'admin');
    for (const p of ['/console/regions', '/console/departments', '/console/windows', '/console/staff', '/console/accounts']) {
      await page.goto(`${baseUrl}${p}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, p);
    }
    // The forms, open.
    await page.goto(`${baseUrl}/console/staff`);
    await page.getByRole('button', { name: '新增工作人员' }).click();
    await drawer(page, '新增工作人员').getByLabel('用户名').waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, '/console/staff (create form)');
    await page.goto(`${baseUrl}/console/departments`);
    await page.getByRole('button', { name: '新增部门' }).click();
    await drawer(page, '新增部门').getByLabel('部门名称').waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, '/console/departments (create form)');
    await page.context().close();
  });
});

describe('dashboards', () => {
  it('lets a supervisor drill down from 南平市 into 建阳区', async () => {
    const page = await newPage();
    await loginAs(page, 'supervisor.np');
    await page.goto(`${baseUrl}/dashboards/org`);
    const heading = page.getByRole('heading', { level: 1 });
    await eventually(() => heading.innerText()).toContain('南平市');
    const table = page.getByRole('region', { name: '明细' });
    await eventually(() => table.innerText()).toContain('建阳区');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, '/dashboards (南平市)');

    await table.getByRole('button', { name: '查看建阳区的下级区划' }).click();
    await page.waitForURL(/region=350703000000/);
    await eventually(() => heading.innerText()).toContain('建阳区');
    await eventually(() => table.locator('tbody tr').count()).toBe(16);
    const rows = await table.innerText();
    for (const town of ['潭城街道', '童游街道', '将口镇', '麻沙镇', '回龙乡']) expect(rows).toContain(town);
    expect(rows).not.toContain('延平区');
    // The breadcrumb leads back up.
    expect(await page.locator('[aria-current="location"]').innerText()).toBe('建阳区');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, '/dashboards (建阳区)');
    await screenshot(page, 'dashboards-jianyang');

    await page.getByRole('button', { name: '南平市' }).click();
    await eventually(() => heading.innerText()).toContain('南平市');
    await page.context().close();
  });
});
