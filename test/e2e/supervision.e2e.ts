import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STEP_TIMEOUT_MS, expectAccessible, launchBrowser, loginAs, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function staffPage(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await loginAs(page, username);
  return page;
}

/** Set a monitoring point's threshold on 监察点设置 as the city supervisor. */
async function setThreshold(page: Page, point: string, value: number): Promise<void> {
  await page.goto(`${baseUrl}/dashboards/points`);
  const input = page.getByLabel(`${point}的阈值`);
  await input.fill(String(value));
  await page.getByRole('button', { name: `保存${point}` }).click();
  await page.getByText(`已保存“${point}”`).first().waitFor();
}

describe('supervision in the browser', () => {
  it('an untouched case past its yellow threshold warns its handler; past the deadline it is red in the supervisor’s list', async () => {
    const supervisor = await staffPage('supervisor.np');
    // The demo year leaves cases in process: with a wide yellow threshold every one not yet late is near its deadline.
    await setThreshold(supervisor, '即将超期', 60);
    await supervisor.goto(`${baseUrl}/dashboards/warnings`);
    await supervisor.getByRole('heading', { level: 1, name: '预警监控' }).waitFor();
    await supervisor.getByRole('button', { name: /立即扫描/ }).click();
    await supervisor.getByText(/^扫描完成：/).waitFor();

    // One of the people told of a yellow warning — the handler of its case or the department's head — logs in to
    // the workbench (建阳区市场监管局's approver when he was told; the demo year decides which bureaus have cases in process).
    const yellow = (await (await supervisor.request.get(`${baseUrl}/api/v1/supervision/warnings?level=yellow&point=processing_near_deadline&pageSize=100`)).json()) as {
      items: { recipients: { id: string }[] }[];
    };
    const told = [...new Set(yellow.items.flatMap((w) => w.recipients.map((r) => r.id)))];
    expect(told.length).toBeGreaterThan(0);
    const usernames: string[] = [];
    for (const id of told.slice(0, 20)) {
      const staff = (await (await supervisor.request.get(`${baseUrl}/api/v1/org/staff/${id}`)).json()) as { username?: string | null };
      if (staff.username) usernames.push(staff.username);
    }
    const handler = usernames.includes('approver.jy.scjg') ? 'approver.jy.scjg' : usernames[0] ?? '';
    const approver = await staffPage(handler);
    await approver.goto(`${baseUrl}/workbench/warnings`);
    await approver.getByRole('heading', { level: 1, name: '我的预警' }).waitFor();
    const yellowRow = approver.locator('tbody tr', { hasText: '即将超期' }).first();
    await yellowRow.waitFor();
    expect(await yellowRow.innerText()).toContain('黄灯');
    await expectAccessible(approver, 'workbench my warnings');
    // … and was told in the message centre, with a link to the case.
    await approver.goto(`${baseUrl}/workbench/messages`);
    await approver.getByText(/【黄灯预警】即将超期/).first().waitFor();
    await approver.goto(`${baseUrl}/workbench/warnings`);
    await approver.locator('tbody tr', { hasText: '即将超期' }).first().getByRole('link').first().click();
    await approver.waitForURL(/\/workbench\/cases\//);
    await approver.getByRole('heading', { level: 1 }).waitFor();

    // Cases past their deadline are red in the supervisor's list.
    await supervisor.goto(`${baseUrl}/dashboards/warnings?level=red&point=processing_overdue`);
    const redRow = supervisor.locator('tbody tr', { hasText: '办理超期' }).first();
    await redRow.waitFor();
    expect(await redRow.innerText()).toContain('红灯');
    await expectAccessible(supervisor, 'dashboards warnings');
    await screenshot(supervisor, 'supervision-red-warnings');

    // The overview counts the same red warnings and the overdue rectification tickets; charts have a table view.
    await supervisor.goto(`${baseUrl}/dashboards`);
    await supervisor.getByRole('heading', { level: 1, name: '监管总览' }).waitFor();
    const live = (await (await supervisor.request.get(`${baseUrl}/api/v1/supervision/overview`)).json()) as { red: number; overdueTickets: number };
    expect(live.red).toBeGreaterThan(0);
    expect(live.overdueTickets).toBeGreaterThan(0);
    await supervisor.getByText(String(live.red), { exact: true }).first().waitFor();
    await expectAccessible(supervisor, 'dashboards overview');
    await screenshot(supervisor, 'supervision-overview');

    await setThreshold(supervisor, '即将超期', 2);
  });
});

describe('supervision pages are accessible', () => {
  const sweep: [string, string[]][] = [
    ['supervisor.np', ['/dashboards/matrix', '/dashboards/points', '/dashboards/orders', '/dashboards/complaints', '/dashboards/rectification']],
    ['approver.jy.scjg', ['/workbench/orders', '/workbench/complaints', '/workbench/rectification']],
    ['350703198503120113', ['/account/complaints', '/account/complaints/new']],
  ];
  it('has no serious or critical axe violation on the 督办, 投诉, 整改, matrix, settings and public rating pages', async () => {
    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const publicPage = await visitor.newPage();
    publicPage.setDefaultTimeout(STEP_TIMEOUT_MS);
    await publicPage.goto(`${baseUrl}/ratings`);
    await publicPage.getByRole('heading', { level: 1, name: '好差评公示' }).waitFor();
    await publicPage.waitForLoadState('networkidle');
    await expectAccessible(publicPage, '/ratings');
    for (const [account, paths] of sweep) {
      const page = await staffPage(account);
      for (const p of paths) {
        await page.goto(`${baseUrl}${p}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page, p);
      }
      await page.context().close();
    }
  });
});
