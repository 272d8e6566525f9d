import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseViewT } from '../../../common/schemas/cases.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildCase, publishImplementation, SHOP_FORM, type PublishedVersion } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { buildGuideLicenseTypes, holdLicense } from '../../../../test/support/license-factories.ts';
import { rows } from '../../platform/db.ts';

type Received = { headers: IncomingHttpHeaders; body: string };
type System = { id: string; secret: string; webhookUrl: string; events: string[] };
type Delivery = { id: string; eventId: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; caseNumber: string | null };
type Timeline = { items: { action: string; source: string; actorName: string; opinion: string | null; stepName: string | null; data: Record<string, unknown> | null }[] };

const JY = '350703000000';
let t: TestApp;
let admin = '';
let clerk = '';
let citizen = '';
let food: PublishedVersion;
let server: Server;
let url = '';
/** What the department's endpoint answers next (status codes, consumed in order; then 200). */
let script: number[] = [];
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = script.shift() ?? 200;
      res.end(res.statusCode === 200 ? '{"ok":true}' : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tongban/events`;

  t = await createTestApp();

  await buildGuideLicenseTypes(t.ctx);
  const scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局', shortName: '卫健局' });
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg })).login);
  const c = await buildCitizen(t.ctx, { name: '林小梅' });
  await holdLicense(t.ctx, { kind: 'person', name: '林小梅', code: c.idNumber });
  citizen = await loginCookie(t.app, c.login);
  food = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM }));
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/department-systems', headers: { cookie: admin },
    payload: { departmentId: scjg, name: '市场监管局审批系统', webhookUrl: url, events: ['case.accepted', 'case.completed'] },
  });
  expect(res.statusCode).toBe(201);
  system = json<System>(res);
});
let system: System;

afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function acceptedCase(): Promise<CaseViewT> {
  const c = await buildCase(t.app, citizen, { implementationId: food.implementationId });
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/accept`, headers: { cookie: clerk }, payload: {} });
  expect(res.statusCode).toBe(200);
  return json<CaseViewT>(res);
}

/** Sign as the department system does: HMAC-SM3 over `${timestamp}.${body}`, computed here independently. */
function signed(secret: string, body: string, o: { eventId?: string; timestamp?: number } = {}) {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-tongban-event-id': o.eventId ?? randomUUID(),
    'x-tongban-timestamp': timestamp,
    'x-tongban-signature': `hmac-sm3=${createHmac('sm3', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  };
}

const report = (caseId: string, kind: 'progress' | 'result', body: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/department-systems/cases/${caseId}/${kind}`, headers, payload: body });

const timeline = async (caseId: string) => json<Timeline>(await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/timeline`, headers: { cookie: clerk } })).items;

describe('webhook to a department system', () => {
  it('delivers an accepted case once when the endpoint fails twice then succeeds, signed so that it verifies', async () => {
    expect(system.secret).toMatch(/^tbsec_/);
    received.length = 0;
    script = [500, 500];
    const c = await acceptedCase();
    // Nothing is sent inside the accepting transaction: the job waits for the queue.
    expect(received).toHaveLength(0);
    await t.drainJobs();

    expect(received).toHaveLength(3);
    const ids = new Set(received.map((r) => r.headers['x-tongban-event-id']));
    expect(ids.size).toBe(1);
    for (const r of received) {
      const ts = String(r.headers['x-tongban-timestamp']);
      const expected = `hmac-sm3=${createHmac('sm3', system.secret).update(`${ts}.${r.body}`).digest('hex')}`;
      expect(r.headers['x-tongban-signature']).toBe(expected);
    }
    const payload = JSON.parse(received[2]?.body ?? '{}') as { eventId: string; event: string; case: { id: string; number: string; applicant: { name: string; idNumberMasked: string | null }; materials: { key: string }[]; form: Record<string, unknown>; version: { number: number } } };
    expect(payload).toMatchObject({ eventId: [...ids][0], event: 'case.accepted', case: { id: c.id, number: c.caseNumber, form: { shopName: '闽北小吃店' }, version: { number: 1 } } });
    expect(payload.case.applicant.name).toBe('林小梅');
    // Desensitized: only the masked identity number travels.
    expect(payload.case.applicant.idNumberMasked).toMatch(/\*/);
    expect(payload.case.materials.map((m) => m.key)).toContain('application');

    const page = json<{ items: Delivery[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/department-systems/${system.id}/deliveries`, headers: { cookie: admin } }));
    const mine = page.items.filter((d) => d.caseNumber === c.caseNumber);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ event: 'case.accepted', status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, eventId: payload.eventId });
    const delivered = await rows(t.ctx.db, sql`select 1 from department_deliveries where case_id = ${c.id} and status = 'delivered'`);
    expect(delivered).toHaveLength(1);
  });

  it('ends a delivery failed after the retry limit, and a system admin retries it with the same event id', async () => {
    received.length = 0;
    script = Array<number>(7).fill(503);
    const c = await acceptedCase();
    await t.drainJobs();
    expect(received).toHaveLength(7);
    const failed = json<{ items: Delivery[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/department-systems/${system.id}/deliveries?status=failed`, headers: { cookie: admin } })).items;
    const d = failed.find((x) => x.caseNumber === c.caseNumber);
    expect(d).toMatchObject({ status: 'failed', attempts: 7, lastStatusCode: 503, lastError: 'HTTP 503' });

    script = [];
    const retry = await t.app.inject({ method: 'POST', url: `/api/v1/department-systems/deliveries/${d?.id ?? ''}/retry`, headers: { cookie: admin } });
    expect(retry.statusCode).toBe(200);
    await t.drainJobs();
    expect(received).toHaveLength(8);
    expect(received[7]?.headers['x-tongban-event-id']).toBe(d?.eventId);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/department-systems/deliveries/${d?.id ?? ''}/retry`, headers: { cookie: admin } });
    expect(again.statusCode).toBe(409);
  });

  it('keeps registrations and deliveries from everyone but system admins, and never shows the secret again', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/department-systems', headers: { cookie: clerk } })).statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/department-systems', headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(system.secret);
  });
});

describe('数据回流: progress and results from the department system', () => {
  it('refuses a bad signature, a stale timestamp and a replayed event id; shows good progress on the timeline', async () => {
    const c = await acceptedCase();
    await t.drainJobs();
    const body = JSON.stringify({ status: '现场核查中', step: '现场核查', opinion: '已派员核查', at: new Date().toISOString() });
    expect((await report(c.id, 'progress', body, { 'content-type': 'application/json' })).statusCode).toBe(401);
    expect((await report(c.id, 'progress', body, signed('tbsec_wrong', body))).statusCode).toBe(401);
    // A body changed after signing.
    const tampered = signed(system.secret, body);
    expect((await report(c.id, 'progress', body.replace('现场核查中', '已办结'), tampered)).statusCode).toBe(401);
    expect((await report(c.id, 'progress', body, signed(system.secret, body, { timestamp: Math.floor(Date.now() / 1000) - 600 }))).statusCode).toBe(401);
    expect((await timeline(c.id)).some((e) => e.action === 'department_progress')).toBe(false);

    const headers = signed(system.secret, body);
    const ok = await report(c.id, 'progress', body, headers);
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ caseId: c.id, state: 'processing' });
    const replay = await report(c.id, 'progress', body, headers);
    expect(replay.statusCode).toBe(409);

    const entries = (await timeline(c.id)).filter((e) => e.action === 'department_progress');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: 'department_system', actorName: '系统（市场监管局审批系统）', stepName: '现场核查', opinion: '已派员核查', data: { status: '现场核查中' } });
    expect((await timeline(c.id)).find((e) => e.action === 'accept')?.source).toBe('platform');
  });

  it('completes the case with the department result, sends case.completed, and answers 409 with the allowed actions after', async () => {
    const c = await acceptedCase();
    await t.drainJobs();
    received.length = 0;
    const body = JSON.stringify({ outcome: 'approved', documentNumber: 'JY-SP-2026-0001', note: '符合条件，准予许可' });
    const res = await report(c.id, 'result', body, signed(system.secret, body));
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ state: 'completed' });
    const view = json<CaseViewT>(await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}`, headers: { cookie: citizen } }));
    expect(view).toMatchObject({ state: 'completed', outcome: 'approved', result: { documentNumber: 'JY-SP-2026-0001' } });
    expect(view.tasks.some((x) => x.status === 'open' || x.status === 'claimed')).toBe(false);
    const actions = (await timeline(c.id)).map((e) => `${e.action}:${e.source}`);
    expect(actions.slice(-2)).toEqual(['department_result:department_system', 'complete:platform']);

    await t.drainJobs();
    expect(received.map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual(['case.completed']);

    const again = JSON.stringify({ outcome: 'denied', documentNumber: 'X-1' });
    const late = await report(c.id, 'result', again, signed(system.secret, again));
    expect(late.statusCode).toBe(409);
    expect(json<{ error: { code: string; details: { allowed: string[] } } }>(late).error).toMatchObject({ code: 'INVALID_STATE', details: { allowed: ['deliver'] } });
  });

  it('does not let one department sign for another department’s case', async () => {
    const other = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区交通运输局' })).id;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/department-systems', headers: { cookie: admin }, payload: { departmentId: other, name: '交通系统', webhookUrl: url } });
    const foreign = json<System>(res);
    const c = await acceptedCase();
    const body = JSON.stringify({ status: '处理中', at: new Date().toISOString() });
    expect((await report(c.id, 'progress', body, signed(foreign.secret, body))).statusCode).toBe(401);
  });

  it('verifies with the new secret only after a rotation', async () => {
    const c = await acceptedCase();
    const rotated = json<System>(await t.app.inject({ method: 'POST', url: `/api/v1/department-systems/${system.id}/rotate-secret`, headers: { cookie: admin } }));
    expect(rotated.secret).not.toBe(system.secret);
    const body = JSON.stringify({ status: '审查中', at: new Date().toISOString() });
    expect((await report(c.id, 'progress', body, signed(system.secret, body))).statusCode).toBe(401);
    expect((await report(c.id, 'progress', body, signed(rotated.secret, body))).statusCode).toBe(200);
    system = { ...system, secret: rotated.secret };
  });
});
