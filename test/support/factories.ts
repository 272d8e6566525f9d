import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../src/common/enums.ts';
import { creditCodeCheckChar, idNumberCheckChar, orgCodeCheckChar } from '../../src/common/identifiers.ts';
import type { Ctx } from '../../src/server/platform/context.ts';
import { regionLevelOf } from '../../src/server/platform/guard.ts';
import * as identity from '../../src/server/modules/identity/service.ts';
import * as org from '../../src/server/modules/org/service.ts';
import { sessionCookie } from './app.ts';

/** A password that satisfies the policy. */
export const TEST_PASSWORD = 'Test@Passw0rd';

const COUNTY6 = ['350702', '350703', '350721', '350722', '350723', '350724', '350725', '350781', '350782', '350783'];
let counter = 0;

/** A valid random ID number (overrides: county, birth yyyymmdd). */
export function buildIdNumber(o: { county?: string; birth?: string } = {}): string {
  const county = o.county ?? COUNTY6[randomInt(COUNTY6.length)] ?? '350702';
  const birth = o.birth ?? `19${50 + randomInt(50)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}`;
  const first17 = `${county}${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid random credit code for an enterprise in a county. */
export function buildCreditCode(county = '350703'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += CREDIT_CHARS[randomInt(CREDIT_CHARS.length)] ?? '0';
  const first17 = `91${county}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A unique valid phone number. */
export function buildPhone(): string {
  counter++;
  return `139${String(randomInt(10_000)).padStart(4, '0')}${String(counter % 10_000).padStart(4, '0')}`;
}

/** Register a citizen through the service; returns the account id, ID number and password. */
export async function buildCitizen(ctx: Ctx, o: Partial<{ name: string; idNumber: string; phone: string; password: string }> = {}) {
  const idNumber = o.idNumber ?? buildIdNumber();
  const password = o.password ?? TEST_PASSWORD;
  const row = await identity.register(ctx, { kind: 'citizen', name: o.name ?? '测试市民', idNumber, phone: o.phone ?? buildPhone(), password });
  return { id: row.id, idNumber, password, login: idNumber };
}

/** Register an enterprise through the service (its legal representative's ID number generated unless given, e.g. a citizen's). */
export async function buildEnterprise(ctx: Ctx, o: Partial<{ name: string; creditCode: string; password: string; legalRepName: string; legalRepIdNumber: string }> = {}) {
  const creditCode = o.creditCode ?? buildCreditCode();
  const password = o.password ?? TEST_PASSWORD;
  const legalRepIdNumber = o.legalRepIdNumber ?? buildIdNumber();
  const row = await identity.register(ctx, {
    kind: 'enterprise', name: o.name ?? '测试企业有限公司', creditCode, legalRepName: o.legalRepName ?? '测试法人', legalRepIdNumber, phone: buildPhone(), password,
  });
  return { id: row.id, creditCode, password, login: creditCode, legalRepIdNumber };
}

/** A valid random credit code of a government body (authority 1, category 1) in a region. */
export function buildBodyCreditCode(county6 = '350703'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += String(randomInt(10));
  const first17 = `11${county6}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Create a department through the service (defaults: a county bureau of 建阳区, with a credit code). */
export async function buildDepartment(ctx: Ctx, o: Partial<{ name: string; shortName: string; regionCode: string; level: 'city' | 'county' | 'town' }> = {}) {
  counter++;
  const regionCode = o.regionCode ?? '350703000000';
  return org.createDepartment(ctx, {
    name: o.name ?? `测试局${counter}`, ...(o.shortName ? { shortName: o.shortName } : {}), level: o.level ?? (regionLevelOf(regionCode) === 2 ? 'city' : 'county'), regionCode, creditCode: buildBodyCreditCode(regionCode.slice(0, 6)),
  });
}

/** Create a window through the service. */
export async function buildWindow(ctx: Ctx, o: Partial<{ regionCode: string; departmentId: string | null; number: string; kind: 'integrated' | 'specialised' | 'self_service' }> = {}) {
  counter++;
  return org.createWindow(ctx, {
    name: '综合受理窗口', number: o.number ?? `A${String(counter % 1000).padStart(2, '0')}`, kind: o.kind ?? 'integrated', hall: '测试政务服务中心',
    regionCode: o.regionCode ?? '350703000000', departmentId: o.departmentId ?? null,
  });
}

/** Create a staff member (defaults: window clerk of a new 建阳区 department). */
export async function buildStaff(ctx: Ctx, o: Partial<{ roles: StaffRole[]; regionCode: string; departmentId: string | null; username: string; password: string; windowId: string }> = {}) {
  counter++;
  const regionCode = o.regionCode ?? '350703000000';
  const departmentId = o.departmentId !== undefined ? o.departmentId : (await buildDepartment(ctx, { regionCode, level: regionLevelOf(regionCode) === 2 ? 'city' : 'county' })).id;
  const password = o.password ?? TEST_PASSWORD;
  const username = o.username ?? `staff${counter}.${randomInt(1_000_000)}`;
  const v = await org.createStaff(ctx, { username, name: '测试人员', idNumber: buildIdNumber(), phone: buildPhone(), password, roles: o.roles ?? ['window_clerk'], regionCode, departmentId, ...(o.windowId ? { windowId: o.windowId } : {}) });
  return { id: v.id, username, password, login: username, departmentId, regionCode };
}

/** Log in through the API and return the session cookie. */
export async function loginCookie(app: FastifyInstance, login: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: login, password } });
  return sessionCookie(res);
}
