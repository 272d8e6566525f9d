import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { ROOT } from '../support/template.ts';

/**
 * How long a browser step may wait. Generous: CI has two cores shared by the server, the browser and
 * the test, and a slow step is not a failure; a step that never happens still is.
 */
export const STEP_TIMEOUT_MS = 30_000;

/** Where screenshots go (kept as CI artifacts, not committed). */
export const ARTIFACTS = path.join(ROOT, 'test-results');

/** Launch Debian's Chromium headless with the flags this network-less machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Save a full-page screenshot under test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core on the current page (WCAG 2.1 A/AA): no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // A drawer or popup still fading in has half-transparent text: axe would measure its contrast
  // mid-animation (this failed intermittently on busy machines). Let animations finish first.
  // Endless ones (spinners) are left alone.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  );
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).join(' | ')}`);
  expect(summary, `${label}: axe violations`).toEqual([]);
}

/** Log in through the login page as a person would, and wait to leave it. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${inject('baseUrl')}/login`);
  await fillPasswordLogin(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Fill and submit the 密码登录 tab of the login page the browser is on. */
export async function fillPasswordLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const panel = page.getByRole('tabpanel', { name: '密码登录' });
  await panel.getByLabel('账号').fill(username);
  await panel.locator('input[type="password"]').fill(password);
  await panel.getByRole('button', { name: /^登\s?录$/ }).click();
}
