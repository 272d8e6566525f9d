import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from '../../platform/db.ts';
import { createTestApp, json, sessionCookie, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildCreditCode, buildIdNumber, buildPhone, loginCookie, TEST_PASSWORD } from '../../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

function registerCitizen(overrides: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { kind: 'citizen', name: '林测试', idNumber: buildIdNumber(), phone: buildPhone(), password: TEST_PASSWORD, ...overrides },
  });
}

describe('registration', () => {
  it('accepts the GB 11643 example ID number and logs the citizen in', async () => {
    const res = await registerCitizen({ idNumber: '11010519491231002X' });
    expect(res.statusCode).toBe(201);
    const body = json<{ account: { kind: string; idNumberMasked: string; roles: string[]; realNameLevel: number } }>(res);
    expect(body.account.kind).toBe('citizen');
    expect(body.account.idNumberMasked).toBe('1101**********002X');
    expect(body.account.roles).toEqual(['applicant']);
    expect(body.account.realNameLevel).toBe(1);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.statusCode).toBe(200);
  });

  it('refuses a wrong check digit with 400 naming idNumber', async () => {
    const res = await registerCitizen({ idNumber: '110105194912310021' });
    expect(res.statusCode).toBe(400);
    const body = json<ErrorJson>(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.[0]?.path).toBe('idNumber');
    expect(body.error.details?.[0]?.message).toMatch(/校验位/);
  });

  it('accepts the GB 32100 example credit code and refuses a wrong check character naming creditCode', async () => {
    const base = { kind: 'enterprise', name: '南平测试有限公司', legalRepName: '林法人', legalRepIdNumber: buildIdNumber(), phone: buildPhone(), password: TEST_PASSWORD };
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...base, creditCode: '91350100M000100Y43' } });
    expect(ok.statusCode).toBe(201);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...base, creditCode: '91350100M000100Y44' } });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorJson>(bad).error.details?.[0]?.path).toBe('creditCode');
  });

  it('refuses a weak password naming the field, and a duplicate ID number with 409', async () => {
    const weak = await registerCitizen({ password: 'abcdefghij' });
    expect(weak.statusCode).toBe(400);
    expect(json<ErrorJson>(weak).error.details?.[0]?.path).toBe('password');
    const idNumber = buildIdNumber();
    expect((await registerCitizen({ idNumber })).statusCode).toBe(201);
    const dup = await registerCitizen({ idNumber });
    expect(dup.statusCode).toBe(409);
    expect(json<ErrorJson>(dup).error.details?.[0]?.path).toBe('idNumber');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { 'content-type': 'application/json' }, payload: '{"kind":' });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorJson>(res).error.code).toBe('BAD_REQUEST');
  });

  it('stores ID and phone numbers encrypted, never in clear', async () => {
    const idNumber = buildIdNumber();
    const phone = buildPhone();
    const res = await registerCitizen({ idNumber, phone });
    const id = json<{ account: { id: string } }>(res).account.id;
    const row = await firstRow<Record<string, unknown>>(t.database.db, sql`select * from accounts where id = ${id}`);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain(phone);
  });
});

describe('login, lockout and sessions', () => {
  it('logs in by ID number, phone or credit code and logs out', async () => {
    const phone = buildPhone();
    const c = await buildCitizen(t.ctx, { phone });
    const byId = await loginCookie(t.app, c.idNumber);
    const byPhone = await loginCookie(t.app, phone);
    expect(byId).not.toBe(byPhone);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: byId } });
    expect(out.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: byId } });
    expect(me.statusCode).toBe(401);
    const creditCode = buildCreditCode();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { kind: 'enterprise', name: '登录测试公司', creditCode, legalRepName: '甲', legalRepIdNumber: buildIdNumber(), phone: buildPhone(), password: TEST_PASSWORD } });
    expect(await loginCookie(t.app, creditCode)).toMatch(/^tb_sid=/);
  });

  it('locks the account after 5 wrong passwords, even for the right one, and audits it', async () => {
    const c = await buildCitizen(t.ctx);
    for (let i = 1; i <= 4; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: c.idNumber, password: 'Wrong@Passw0rd' } });
      expect(r.statusCode).toBe(401);
      expect(json<ErrorJson>(r).error.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: c.idNumber, password: 'Wrong@Passw0rd' } });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: c.idNumber, password: c.password } });
    expect(right.statusCode).toBe(423);
    expect(json<ErrorJson>(right).error.code).toBe('ACCOUNT_LOCKED');
    const locked = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'identity.account.locked' and entity_id = ${c.id}`);
    expect(locked?.n).toBe(1);
  });

  it('ends a session that stayed idle past the timeout', async () => {
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.idNumber);
    await t.database.db.execute(sql`update sessions set idle_expires_at = now() - interval '1 second' where account_id = ${c.id}`);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('sets an httpOnly, SameSite session cookie', async () => {
    const c = await buildCitizen(t.ctx);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: c.idNumber, password: c.password } });
    const cookie = res.cookies.find((x) => x.name === 'tb_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });
});

describe('my account', () => {
  it('refuses a direct change of phone or e-mail, pointing to the verified flow (a code to the new address), and keeps both', async () => {
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.idNumber);
    for (const [field, payload] of [['phone', { phone: '13905991234' }], ['email', { email: 'lin@example.cn' }]] as const) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${c.id}`, headers: { cookie }, payload });
      expect(res.statusCode).toBe(400);
      const e = json<ErrorJson>(res).error;
      expect(e.details?.[0]?.path).toBe(field);
      expect(e.message).toContain('验证码');
    }
    const me = json<{ phoneMasked: string; email: string | null }>(await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${c.id}`, headers: { cookie } }));
    expect(me.phoneMasked).not.toBe('139****1234');
    expect(me.email).toBeNull();
    const a = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'identity.account.update' and entity_id = ${c.id}`);
    expect(a?.n).toBe(0);
  });

  it('refuses a citizen renaming themselves (legal name comes from real-name data)', async () => {
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.idNumber);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${c.id}`, headers: { cookie }, payload: { displayName: '别名' } });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorJson>(res).error.details?.[0]?.path).toBe('displayName');
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const c = await buildCitizen(t.ctx);
    const here = await loginCookie(t.app, c.idNumber);
    const elsewhere = await loginCookie(t.app, c.idNumber);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${c.id}/password`, headers: { cookie: here }, payload: { currentPassword: 'Nope@Passw0rd', newPassword: 'New@Passw0rd1' } });
    expect(wrong.statusCode).toBe(400);
    expect(json<ErrorJson>(wrong).error.details?.[0]?.path).toBe('currentPassword');
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${c.id}/password`, headers: { cookie: here }, payload: { currentPassword: c.password, newPassword: 'New@Passw0rd1' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: elsewhere } })).statusCode).toBe(401);
    const old = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: c.idNumber, password: c.password } });
    expect(old.statusCode).toBe(401);
  });

  it('deregisters: sessions end, login fails, the ID number can register again, the audit trail stays', async () => {
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.idNumber);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${c.id}/deregister`, headers: { cookie }, payload: { password: c.password, reason: '迁出南平' } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: c.idNumber, password: c.password } })).statusCode).toBe(401);
    expect((await registerCitizen({ idNumber: c.idNumber })).statusCode).toBe(201);
    const trail = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where subject_account_id = ${c.id}`);
    expect(trail?.n).toBeGreaterThanOrEqual(3);
  });

  it('does not let a citizen read or change another citizen', async () => {
    const a = await buildCitizen(t.ctx);
    const b = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, a.idNumber);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${b.id}`, headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${b.id}`, headers: { cookie }, payload: { email: 'x@example.cn' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${a.id}`, headers: { cookie } })).statusCode).toBe(200);
  });
});
