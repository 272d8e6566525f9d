import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, demoCitizenIdNumber } from '../../seed/demo-people.ts';
import { expectAccessible, launchBrowser, loginAs, screenshot, STEP_TIMEOUT_MS } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Log in through the API (as a second device would) and return the session cookie. */
async function apiLogin(account: string, userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1'): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': userAgent }, body: JSON.stringify({ account, password: DEMO_PASSWORD }) });
  expect(r.status).toBe(200);
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

type Schema = { type: string; enum?: string[]; format?: string; minimum?: number; items?: { enum?: string[] }; 'x-prefill'?: string };

/** The window (clerk) applies at the counter on behalf of a seeded citizen: 居民身份证换领 with paper materials. */
async function windowCase(clerk: string, person: { name: string; idNumber: string }): Promise<{ id: string; caseNumber: string }> {
  const search = (await (await fetch(`${baseUrl}/api/v1/catalog/items?q=${encodeURIComponent('居民身份证换领')}&regionCode=350703000000`)).json()) as { items: { implementationId: string; name: string }[] };
  const item = search.items.find((i) => i.name === '居民身份证换领');
  expect(item).toBeTruthy();
  const impl = (await (await fetch(`${baseUrl}/api/v1/catalog/implementations/${item?.implementationId ?? ''}`)).json()) as {
    content: { materials: { key: string; required: string }[]; form?: { required?: string[]; properties?: Record<string, Schema> } };
  };
  // Fill the form's required fields from the person and the first option of each choice.
  const formData: Record<string, unknown> = {};
  for (const k of impl.content.form?.required ?? []) {
    const p = impl.content.form?.properties?.[k];
    if (!p) continue;
    const prefill: Record<string, string> = { 'person.name': person.name, 'person.idNumber': person.idNumber, 'person.phone': '13905990113' };
    formData[k] = p['x-prefill'] ? prefill[p['x-prefill']] : p.enum ? p.enum[0] : p.type === 'array' ? [p.items?.enum?.[0]] : p.type === 'number' || p.type === 'integer' ? Math.max(1, p.minimum ?? 1) : p.format === 'date' ? '2026-01-01' : '测试';
  }
  const materials = Object.fromEntries(impl.content.materials.filter((m) => m.required === 'required').map((m) => [m.key, { via: 'paper', copies: 1 }]));
  const r = await fetch(`${baseUrl}/api/v1/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: clerk, 'idempotency-key': `my-data-e2e-${Date.now()}` },
    body: JSON.stringify({ implementationId: item?.implementationId, formData, materials, submit: true, applicant: { kind: 'person', ...person } }),
  });
  const body = (await r.json()) as { id: string; caseNumber: string };
  expect(r.status, JSON.stringify(body)).toBe(201);
  return body;
}

async function newPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

describe('数据使用记录 in the browser', () => {
  it('a clerk opens 林志强’s case in the workbench; 林志强 sees the read with who and purpose on a phone, and signs another device out', async () => {
    const idNumber = demoCitizenIdNumber(0);
    const clerkCookie = await apiLogin('clerk.jy');
    const clerkName = ((await (await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie: clerkCookie } })).json()) as { account: { displayName: string } }).account.displayName;
    const c = await windowCase(clerkCookie, { name: '林志强', idNumber });

    // The clerk opens the case in the workbench: that read is recorded for 林志强.
    const clerk = await newPage(1280, 900);
    await loginAs(clerk, 'clerk.jy');
    await clerk.goto(`${baseUrl}/workbench/cases/${c.id}`);
    await clerk.getByText(c.caseNumber).first().waitFor();
    await clerk.context().close();

    // Another device of 林志强 (an iPhone), to be signed out from the page.
    const otherDevice = await apiLogin(idNumber);

    const citizen = await newPage(375, 812);
    await loginAs(citizen, idNumber);
    await citizen.goto(`${baseUrl}/account`);
    await citizen.getByRole('link', { name: '数据使用记录' }).click();
    await citizen.waitForURL(/\/account\/data-usage$/);
    await citizen.getByRole('heading', { level: 1, name: '数据使用记录' }).waitFor();

    // The clerk's read: who (name, department, region), what, and why.
    await citizen.locator('.usage-filter').getByText('查阅使用', { exact: true }).click();
    const read = citizen.getByRole('listitem').filter({ hasText: `查看了您的办件 ${c.caseNumber}` });
    await read.first().waitFor();
    await expect.poll(() => read.first().innerText()).toContain('办件受理');
    const text = await read.first().innerText();
    expect(text).toContain(clerkName);
    expect(text).toContain('建阳区');
    expect(text).toMatch(/\d+\.\d+\.\*\.\*/);
    // No ID number in clear anywhere on the page.
    expect(await citizen.locator('body').innerText()).not.toContain(idNumber);
    // Mobile-first: nothing wider than the phone.
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(citizen, 'my-data-375');
    await expectAccessible(citizen, '数据使用记录 (375 px)');

    // Sign the iPhone out: its cookie stops working, and the ending is itself on record.
    const session = citizen.locator('.session-item').filter({ hasText: 'Safari · iOS' });
    await session.getByRole('button', { name: /^下线/ }).first().click();
    await citizen.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s?定/ }).click();
    await citizen.getByText('已让该设备下线').waitFor();
    await expect.poll(async () => (await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie: otherDevice } })).status).toBe(401);
    await citizen.locator('.usage-filter').getByText('登录与会话', { exact: true }).click();
    await citizen.getByRole('listitem').filter({ hasText: '结束了一个登录会话（下线）' }).first().waitFor();
    await expectAccessible(citizen, '数据使用记录: 登录与会话');
    await citizen.context().close();
  });
});
