import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { buildIdNumber, buildPhone } from '../support/factories.ts';
import { pdfBytes } from '../support/files.ts';
import { STEP_TIMEOUT_MS, fillPasswordLogin, launchBrowser, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A fresh browser context logged in as `account` (a username or an ID number). */
async function loggedIn(account: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(`${baseUrl}/login`);
  await fillPasswordLogin(page, account, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Pick an option of the antd select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  await page.keyboard.press('Escape');
}

/** Run a case action from the workbench case page: its button, then the dialog's fields and confirm. */
async function act(page: Page, caseId: string, button: RegExp, fields: Record<string, string> = {}): Promise<void> {
  await page.goto(`${baseUrl}/workbench/cases/${caseId}`);
  await page.getByRole('button', { name: button }).first().click();
  const dialog = page.getByRole('dialog');
  if (Object.keys(fields).length > 0) {
    for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
    await dialog.getByRole('button', { name: button }).click();
  }
  // Either the success notice or the server's refusal shown in an error alert: fail with its words.
  const done = page.getByText(/^已完成：/);
  const refused = page.locator('.ant-alert-error');
  await done.or(refused).first().waitFor();
  if (await refused.count() > 0) throw new Error(`${button.source}: ${await refused.first().innerText()}`);
}

describe('case handling in the browser', () => {
  it('食品经营许可: apply with uploads → supplement once → accept → two departments in parallel → 办结 seen by the citizen', async () => {
    // A new citizen of 建阳区.
    const idNumber = buildIdNumber({ county: '350703' });
    const reg = await fetch(`${baseUrl}/api/v1/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'citizen', name: '林小梅', idNumber, phone: buildPhone(), password: DEMO_PASSWORD }),
    });
    expect(reg.status).toBe(201);
    const search = (await (await fetch(`${baseUrl}/api/v1/catalog/items?q=${encodeURIComponent('食品经营许可')}&regionCode=350703000000`)).json()) as { items: { implementationId: string; name: string }[] };
    const item = search.items.find((i) => i.name.includes('食品经营许可'));
    expect(item).toBeTruthy();

    const citizen = await loggedIn(idNumber);
    await citizen.goto(`${baseUrl}/guide/${item?.implementationId ?? ''}`);
    await citizen.getByRole('link', { name: /在线申请/ }).click();
    await citizen.waitForURL(/\/apply\//);
    // The applicant's own name is pre-filled from the account.
    expect(await citizen.getByLabel('法定代表人（负责人）').inputValue()).toBe('林小梅');
    await citizen.getByLabel('经营者名称').fill('建阳区林记小吃店');
    await citizen.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await citizen.getByLabel('联系电话').fill('13900001111');
    await citizen.getByLabel('经营场所').fill('建阳区童游街道人民路1号');
    await choose(citizen, '主体业态', '餐饮服务经营者');
    await choose(citizen, '经营项目', '热食类食品制售');
    // A new citizen holds no 营业执照 or 居民身份证 electronic license: those materials take an upload too
    // (the upload controls appear once the wallet lookup has answered).
    await citizen.getByText('未找到您名下有效的“营业执照”电子证照，请上传文件。').waitFor();
    await citizen.getByText('未找到您名下有效的“居民身份证”电子证照，请上传文件。').first().waitFor();
    const uploads = citizen.locator('input[type=file]');
    const count = await uploads.count();
    for (let i = 0; i < count; i++) {
      await uploads.nth(i).setInputFiles({ name: `材料${i + 1}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(`材料${i + 1}`) });
    }
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.waitForURL(/\/account\/cases\//);
    const caseId = citizen.url().split('/').pop() ?? '';
    await citizen.getByText(/^350703-\d{8}-\d{5}$/).waitFor();

    // The window asks once for a better layout drawing.
    const clerk = await loggedIn('clerk.jy');
    await act(clerk, caseId, /一次性告知补正/, { '“与食品经营相适应的主要设备设施、经营布局、操作流程等文件”需补正之处': '布局图未标注各功能区面积' });

    await citizen.reload();
    await citizen.getByText('布局图未标注各功能区面积').first().waitFor();
    await citizen.locator('input[type=file]').first().setInputFiles({ name: '布局图（补正）.pdf', mimeType: 'application/pdf', buffer: pdfBytes('布局图补正') });
    await citizen.getByRole('button', { name: '提交补正材料' }).click();
    // The supplement form goes away once the server has taken it (the timeline's earlier 待受理 is no sign).
    await citizen.getByRole('button', { name: '提交补正材料' }).waitFor({ state: 'detached' });
    await citizen.getByText('待受理').first().waitFor();

    await act(clerk, caseId, /^受\s?理$/);

    // 会签: 市场监管局 and 卫健局 each approve their own task; then 决定 and 制证.
    const scjg = await loggedIn('approver.jy.scjg');
    const wjw = await loggedIn('approver.jy.wjw');
    await act(scjg, caseId, /审核通过·材料审查/, { 意见: '材料齐全，符合要求' });
    await act(wjw, caseId, /审核通过·从业人员健康证明核查/, { 意见: '健康证明有效' });
    await act(scjg, caseId, /审核通过·决定/, { 意见: '准予许可' });
    await act(scjg, caseId, /审核通过·制证/, { 意见: '已制证' });

    await citizen.reload();
    await citizen.getByText('已办结').first().waitFor();
    const main = await citizen.locator('main').innerText();
    expect(main).toContain('食品经营许可证');
    expect(main).toContain('从业人员健康证明核查');
    // The result is issued as an electronic license (signed by a job moments after 办结): downloadable here.
    await citizen.getByRole('heading', { name: /电子证照已签发/ }).waitFor();
    await citizen.getByRole('link', { name: /下载 PDF/ }).waitFor();
    await screenshot(citizen, 'case-completed');
  });
});
