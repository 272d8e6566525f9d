import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow, rows } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildDepartment, buildIdNumber, buildPhone, buildStaff, buildWindow, loginCookie } from '../../../../test/support/factories.ts';
import * as org from '../org/service.ts';

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Lookup = { accountId: string; displayName: string; idNumberMasked: string; phoneMasked: string | null; realNameLevel: number; lastVerification: { level: number; method: string } | null };
type Verified = { accountId: string; previousLevel: number; realNameLevel: number; raised: boolean; windowName: string };

const JY = '350703000000';
const YP = '350702000000';
let t: TestApp;
let jyWindow = '';
let ypWindow = '';
let clerk = '';
let clerkId = '';
let ypClerk = '';

beforeAll(async () => {
  t = await createTestApp();
  const dept = await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区行政服务中心' });
  jyWindow = (await buildWindow(t.ctx, { regionCode: JY, departmentId: dept.id, number: 'A01' })).id;
  const s = await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: dept.id, windowId: jyWindow });
  clerkId = s.id;
  clerk = await loginCookie(t.app, s.login);
  const ypDept = await buildDepartment(t.ctx, { regionCode: YP });
  ypWindow = (await buildWindow(t.ctx, { regionCode: YP, departmentId: ypDept.id, number: 'A02' })).id;
  ypClerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: YP, departmentId: ypDept.id, windowId: ypWindow })).login);
});
afterAll(async () => {
  await t.close();
});

function post<T>(cookie: string, url: string, payload: object) {
  return t.app.inject({ method: 'POST', url, headers: { cookie }, payload }).then((res) => ({ status: res.statusCode, body: json<T>(res) }));
}

describe('现场实名核验 (L3 in person at a window)', () => {
  it('a clerk in scope looks the citizen up (name and masked numbers only) and raises the account to L3; audited and notified', async () => {
    const phone = buildPhone();
    const c = await buildCitizen(t.ctx, { name: '林核验', phone });
    const found = await post<Lookup>(clerk, '/api/v1/real-name/lookup', { idNumber: c.idNumber });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ accountId: c.id, displayName: '林核验', realNameLevel: 1, lastVerification: null });
    expect(found.body.idNumberMasked).toBe(`${c.idNumber.slice(0, 4)}**********${c.idNumber.slice(-4)}`);
    expect(found.body.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(found.body)).not.toContain(c.idNumber);
    const read = await firstRow<{ purpose: string; actor_account_id: string }>(t.database.db, sql`select purpose, actor_account_id from audit_log where action = 'identity.real-name.lookup' and subject_account_id = ${c.id}`);
    expect(read).toEqual({ purpose: '现场实名核验', actor_account_id: clerkId });

    const done = await post<Verified>(clerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card', note: '二代证读卡器读取' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ accountId: c.id, previousLevel: 1, realNameLevel: 3, raised: true });
    expect(done.body.windowName).toContain('A01');

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await loginCookie(t.app, c.login) } });
    expect(json<{ account: { realNameLevel: number } }>(me).account.realNameLevel).toBe(3);
    const a = await firstRow<{ purpose: string; actor_account_id: string; before: { realNameLevel: number }; after: { realNameLevel: number; method: string; windowId: string } }>(
      t.database.db, sql`select purpose, actor_account_id, before, after from audit_log where action = 'identity.real-name.verify' and subject_account_id = ${c.id}`,
    );
    expect(a).toMatchObject({ purpose: '现场实名核验', actor_account_id: clerkId, before: { realNameLevel: 1 }, after: { realNameLevel: 3, method: 'window', windowId: jyWindow } });
    const history = await rows<{ level: number; previous_level: number; method: string; verified_by: string; window_id: string; document_type: string }>(
      t.database.db, sql`select level, previous_level, method, verified_by, window_id, document_type from real_name_verifications where account_id = ${c.id}`,
    );
    expect(history).toEqual([{ level: 3, previous_level: 1, method: 'window', verified_by: clerkId, window_id: jyWindow, document_type: 'resident_id_card' }]);
    const note = await firstRow<{ title: string }>(t.database.db, sql`select title from notifications where recipient_account_id = ${c.id} and kind = 'identity.real-name'`);
    expect(note?.title).toBe('已完成现场实名核验');

    // The citizen sees the level and how it was reached.
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/real-name/mine', headers: { cookie: await loginCookie(t.app, c.login) } });
    expect(json<{ realNameLevel: number; history: { method: string; windowName: string }[] }>(mine)).toMatchObject({ realNameLevel: 3, history: [{ method: 'window' }] });
  });

  it('never lowers a level: verifying an L3 account again keeps L3 and records the check without a second notice', async () => {
    const c = await buildCitizen(t.ctx);
    await post(clerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card' });
    const again = await post<Verified>(clerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'temporary_id_card' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ previousLevel: 3, realNameLevel: 3, raised: false });
    // A lower verification (e.g. a late SMS check) leaves L3 in place.
    const { raiseRealNameLevel } = await import('./real-name.ts');
    const sms = await raiseRealNameLevel(t.ctx, c.id, { level: 2, method: 'sms', purpose: '短信实名核验' });
    expect(sms).toMatchObject({ previousLevel: 3, level: 3, raised: false });
    const level = await firstRow<{ real_name_level: number }>(t.database.db, sql`select real_name_level from accounts where id = ${c.id}`);
    expect(level?.real_name_level).toBe(3);
    const n = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from real_name_verifications where account_id = ${c.id}`);
    expect(n?.n).toBe(3);
  });

  it('refuses a clerk naming a window outside their region (OUT_OF_SCOPE), and a window that does not exist', async () => {
    const c = await buildCitizen(t.ctx);
    const out = await post<ErrorJson>(ypClerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card', windowId: jyWindow });
    expect(out.status).toBe(403);
    expect(out.body.error.code).toBe('OUT_OF_SCOPE');
    const unknown = await post<ErrorJson>(clerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card', windowId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'windowId', message: '窗口不存在' }]);
    const level = await firstRow<{ real_name_level: number }>(t.database.db, sql`select real_name_level from accounts where id = ${c.id}`);
    expect(level?.real_name_level).toBe(1);
  });

  it('refuses a clerk without a window unless one in scope is named', async () => {
    const c = await buildCitizen(t.ctx);
    const loose = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY })).login);
    const none = await post<ErrorJson>(loose, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card' });
    expect(none.status).toBe(400);
    expect((none.body.error.details as { path: string }[])[0]?.path).toBe('windowId');
    const named = await post<Verified>(loose, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card', windowId: jyWindow });
    expect(named.status).toBe(200);
  });

  it('refuses a citizen verifying himself (no window_clerk role), and a clerk verifying their own citizen account', async () => {
    const c = await buildCitizen(t.ctx);
    const self = await loginCookie(t.app, c.login);
    for (const [url, payload] of [
      ['/api/v1/real-name/lookup', { idNumber: c.idNumber }],
      ['/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'resident_id_card' }],
    ] as const) {
      const r = await post<ErrorJson>(self, url, payload);
      expect(r.status, url).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    // A clerk who also holds a citizen account (same ID number) cannot raise it themselves.
    const idNumber = buildIdNumber({ county: '350703' });
    const own = await buildCitizen(t.ctx, { idNumber });
    const dept = await buildDepartment(t.ctx, { regionCode: JY });
    const v = await org.createStaff(t.ctx, { username: `clerk.self.${Date.now()}`, name: '自核验', idNumber, phone: buildPhone(), password: 'Test@Passw0rd', roles: ['window_clerk'], regionCode: JY, departmentId: dept.id, windowId: jyWindow });
    const staffCookie = await loginCookie(t.app, v.username ?? '');
    const lookup = await post<ErrorJson>(staffCookie, '/api/v1/real-name/lookup', { idNumber });
    expect(lookup.status).toBe(403);
    const verify = await post<ErrorJson>(staffCookie, '/api/v1/real-name/verifications', { accountId: own.id, idNumber, documentType: 'resident_id_card' });
    expect(verify.status).toBe(403);
    expect(verify.body.error.message).toContain('本人');
    const level = await firstRow<{ real_name_level: number }>(t.database.db, sql`select real_name_level from accounts where id = ${own.id}`);
    expect(level?.real_name_level).toBe(1);
  });

  it('refuses a number that is not the account’s (400 naming idNumber) and answers an unregistered number with 404 naming idNumber', async () => {
    const c = await buildCitizen(t.ctx);
    const wrong = await post<ErrorJson>(clerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: buildIdNumber(), documentType: 'resident_id_card' });
    expect(wrong.status).toBe(400);
    expect((wrong.body.error.details as { path: string }[])[0]?.path).toBe('idNumber');
    const missing = await post<ErrorJson>(clerk, '/api/v1/real-name/lookup', { idNumber: buildIdNumber() });
    expect(missing.status).toBe(404);
    expect((missing.body.error.details as { path: string }[])[0]?.path).toBe('idNumber');
    const bad = await post<ErrorJson>(clerk, '/api/v1/real-name/lookup', { idNumber: '350703198503120110' });
    expect(bad.status).toBe(400);
    const badDoc = await post<ErrorJson>(clerk, '/api/v1/real-name/verifications', { accountId: c.id, idNumber: c.idNumber, documentType: 'passport' });
    expect(badDoc.status).toBe(400);
  });
});
