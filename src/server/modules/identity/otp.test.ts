import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, sessionCookie, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildEnterprise, buildPhone, buildStaff, loginCookie, TEST_PASSWORD } from '../../../../test/support/factories.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { outboxOnlyAdapter, setChannelAdapter, type OutboundMessage } from '../notify/channels.ts';
import { raiseRealNameLevel } from './real-name.ts';
import { pii } from './service.ts';

type ErrorJson = { error: { code: string; message: string; details?: { path?: string; message?: string; remainingAttempts?: number; retryAfterSeconds?: number } | { path: string; message: string; remainingAttempts?: number }[] } };
type Me = { account: { id: string; phoneMasked: string | null; email: string | null; realNameLevel: number } };

let t: TestApp;
let admin: string;
const sent: OutboundMessage[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // Capture what the gateways would deliver: the only place a code is readable in clear.
  for (const channel of ['sms', 'email'] as const) restore.push(setChannelAdapter(channel, { name: 'capture', send: async (_ctx, m) => void sent.push(m) }));
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'] })).login);
});
afterAll(async () => {
  for (const r of restore) r();
  await t.close();
});

// Every test starts a minute after the last one asked for a code, so the resend limit does not carry over.
let now = Date.parse('2026-12-01T09:00:00+08:00');
function tick(seconds = 61): void {
  now += seconds * 1000;
  t.clock.set(new Date(now).toISOString());
}

const post = (url: string, payload: object, cookie?: string) => t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) });
const err = (res: LightMyRequestResponse) => json<ErrorJson>(res).error;
function issue(res: LightMyRequestResponse): { path?: string; message?: string; remainingAttempts?: number } | undefined {
  const d = err(res).details;
  return Array.isArray(d) ? d[0] : d;
}

/** Deliver the queued messages and return the code last sent to an address. */
async function codeSentTo(to: string): Promise<string> {
  await t.drainJobs();
  const m = [...sent].reverse().find((x) => x.to === to);
  const code = m?.body.match(/验证码：(\d{6})/)?.[1];
  if (!code) throw new Error(`no code sent to ${to}: ${JSON.stringify(sent.map((x) => x.body))}`);
  return code;
}
function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}
async function auditActions(accountId: string): Promise<string[]> {
  const r = await rows<{ action: string }>(t.ctx.db, sql`select action from audit_log where subject_account_id = ${accountId} order by seq`);
  return r.map((x) => x.action);
}

describe('SMS login (短信验证码登录)', () => {
  it('logs a citizen in with the code sent to the bound phone, once; the outbox never shows the code', async () => {
    tick();
    const phone = buildPhone();
    const c = await buildCitizen(t.ctx, { phone });
    const res = await post('/api/v1/auth/sms/code', { phone, purpose: 'login' });
    expect(res.statusCode).toBe(202);
    expect(json(res)).toEqual({ ok: true, sentTo: `${phone.slice(0, 3)}****${phone.slice(-4)}`, expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = await codeSentTo(phone);
    expect(code).toMatch(/^\d{6}$/);

    const login = await post('/api/v1/auth/sms/login', { phone, code });
    expect(login.statusCode).toBe(200);
    expect(json<Me>(login).account.id).toBe(c.id);
    const cookie = sessionCookie(login);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const audited = await firstRow<{ after: { method: string } }>(t.ctx.db, sql`select after from audit_log where action = 'identity.login' and subject_account_id = ${c.id} order by seq desc limit 1`);
    expect(audited?.after.method).toBe('sms');

    // Single use.
    const again = await post('/api/v1/auth/sms/login', { phone, code });
    expect(again.statusCode).toBe(400);
    expect(issue(again)?.path).toBe('code');
    expect(err(again).message).toContain('已使用');

    // The code is stored only as a keyed hash, and the system admin's outbox shows it masked.
    const stored = JSON.stringify(await rows(t.ctx.db, sql`select * from otp_codes`));
    expect(stored).not.toContain(code);
    const outbox = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?channel=sms', headers: { cookie: admin } });
    const mine = json<{ items: { body: string; recipientMasked: string }[] }>(outbox).items.find((o) => o.recipientMasked === `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(mine?.body).toContain('验证码：******');
    expect(JSON.stringify(json(outbox))).not.toContain(code);
    expect(JSON.stringify(await rows(t.ctx.db, sql`select body from outbox`))).not.toContain(code);
  });

  it('locks the code at the 6th wrong entry: after that even the right code is refused until a new one is asked for', async () => {
    tick();
    const phone = buildPhone();
    await buildCitizen(t.ctx, { phone });
    await post('/api/v1/auth/sms/code', { phone });
    const code = await codeSentTo(phone);
    for (let i = 1; i <= 5; i++) {
      const res = await post('/api/v1/auth/sms/login', { phone, code: wrongCode(code) });
      expect(res.statusCode).toBe(400);
      expect(issue(res)).toMatchObject({ path: 'code', remainingAttempts: 6 - i });
      expect(err(res).message).toContain(`还可再试${6 - i}次`);
    }
    const sixth = await post('/api/v1/auth/sms/login', { phone, code: wrongCode(code) });
    expect(sixth.statusCode).toBe(423);
    expect(err(sixth).code).toBe('OTP_LOCKED');
    const right = await post('/api/v1/auth/sms/login', { phone, code });
    expect(right.statusCode).toBe(423);
    expect(err(right).code).toBe('OTP_LOCKED');

    tick();
    await post('/api/v1/auth/sms/code', { phone });
    const fresh = await codeSentTo(phone);
    expect((await post('/api/v1/auth/sms/login', { phone, code: fresh })).statusCode).toBe(200);
    const locked = await firstRow<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_log where action = 'identity.otp.locked'`);
    expect(locked?.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses an expired code', async () => {
    tick();
    const phone = buildPhone();
    await buildCitizen(t.ctx, { phone });
    await post('/api/v1/auth/sms/code', { phone });
    const code = await codeSentTo(phone);
    tick(301);
    const res = await post('/api/v1/auth/sms/login', { phone, code });
    expect(res.statusCode).toBe(400);
    expect(issue(res)?.path).toBe('code');
    expect(err(res).message).toContain('过期');
  });

  it('answers the same for an unregistered number, sends nothing to it, and rate-limits it alike', async () => {
    tick();
    const known = buildPhone();
    await buildCitizen(t.ctx, { phone: known });
    const unknown = buildPhone();
    const a = await post('/api/v1/auth/sms/code', { phone: known });
    const b = await post('/api/v1/auth/sms/code', { phone: unknown });
    expect(b.statusCode).toBe(a.statusCode);
    const strip = (r: LightMyRequestResponse) => ({ ...json<Record<string, unknown>>(r), sentTo: 'x' });
    expect(strip(b)).toEqual(strip(a));
    await t.drainJobs();
    expect(sent.some((m) => m.to === unknown)).toBe(false);
    // Asked again at once: both limited, the same way.
    const a2 = await post('/api/v1/auth/sms/code', { phone: known });
    const b2 = await post('/api/v1/auth/sms/code', { phone: unknown });
    expect([a2.statusCode, b2.statusCode]).toEqual([429, 429]);
    expect(err(b2).code).toBe(err(a2).code);
    // A guessed code: the same refusal as for a registered number.
    const la = await post('/api/v1/auth/sms/login', { phone: known, code: '123456' });
    const lb = await post('/api/v1/auth/sms/login', { phone: unknown, code: '123456' });
    expect(lb.statusCode).toBe(la.statusCode);
    expect(issue(lb)).toEqual(issue(la));
  });

  it('limits codes per number: one a minute (with the wait) and ten a day', async () => {
    tick();
    const phone = buildPhone();
    await buildCitizen(t.ctx, { phone });
    expect((await post('/api/v1/auth/sms/code', { phone })).statusCode).toBe(202);
    tick(30);
    const soon = await post('/api/v1/auth/sms/code', { phone });
    expect(soon.statusCode).toBe(429);
    expect(err(soon).code).toBe('RATE_LIMITED');
    expect(issue(soon)?.message ?? err(soon).message).toContain('30秒');
    for (let i = 2; i <= 10; i++) {
      tick();
      expect((await post('/api/v1/auth/sms/code', { phone })).statusCode).toBe(202);
    }
    tick();
    const eleventh = await post('/api/v1/auth/sms/code', { phone });
    expect(eleventh.statusCode).toBe(429);
    expect(err(eleventh).message).toContain('今天');
    tick(24 * 3600);
    expect((await post('/api/v1/auth/sms/code', { phone })).statusCode).toBe(202);
  });

  it('asks to log in by ID number when several accounts share the phone', async () => {
    tick();
    const phone = buildPhone();
    await buildCitizen(t.ctx, { phone });
    await buildCitizen(t.ctx, { phone });
    await post('/api/v1/auth/sms/code', { phone });
    const res = await post('/api/v1/auth/sms/login', { phone, code: await codeSentTo(phone) });
    expect(res.statusCode).toBe(409);
    expect(err(res).message).toContain('身份证号码');
  });

  it('logs staff in by their phone, and refuses a disabled account like password login', async () => {
    tick();
    const s = await buildStaff(t.ctx, { roles: ['window_clerk'] });
    const phone = buildPhone();
    const c = pii(t.ctx);
    await t.ctx.db.execute(sql`update accounts set phone_enc = ${c.encrypt(phone)}, phone_hash = ${c.lookupHash(phone)} where id = ${s.id}`);
    await post('/api/v1/auth/sms/code', { phone });
    const ok = await post('/api/v1/auth/sms/login', { phone, code: await codeSentTo(phone) });
    expect(ok.statusCode).toBe(200);
    expect(json<Me>(ok).account.id).toBe(s.id);

    await t.ctx.db.execute(sql`update accounts set status = 'disabled' where id = ${s.id}`);
    tick();
    await post('/api/v1/auth/sms/code', { phone });
    const refused = await post('/api/v1/auth/sms/login', { phone, code: await codeSentTo(phone) });
    expect(refused.statusCode).toBe(403);
    expect(err(refused).message).toContain('停用');
  });

  it('refuses a malformed phone or code with 400 naming the field', async () => {
    const a = await post('/api/v1/auth/sms/code', { phone: '1234' });
    expect(a.statusCode).toBe(400);
    expect(JSON.stringify(err(a).details)).toContain('phone');
    const b = await post('/api/v1/auth/sms/login', { phone: buildPhone(), code: '12ab' });
    expect(b.statusCode).toBe(400);
    expect(JSON.stringify(err(b).details)).toContain('code');
  });
});

describe('rate limit per IP', () => {
  it('refuses more code requests from one address than the per-minute limit', async () => {
    const small = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await small.app.inject({ method: 'POST', url: '/api/v1/auth/sms/code', payload: { phone: buildPhone() } })).statusCode);
      expect(codes).toEqual([202, 202, 202, 429]);
    } finally {
      await small.close();
    }
  });
});

describe('change of phone and e-mail with re-verification', () => {
  it('binds a new phone after a code to it and the password; sessions stay, the old phone is told, audited', async () => {
    tick();
    const oldPhone = buildPhone();
    const c = await buildCitizen(t.ctx, { phone: oldPhone });
    const cookie = await loginCookie(t.app, c.login);
    const other = await loginCookie(t.app, c.login);
    const newPhone = buildPhone();

    const same = await post(`/api/v1/accounts/${c.id}/phone/code`, { phone: oldPhone }, cookie);
    expect(same.statusCode).toBe(400);
    expect(issue(same)?.path).toBe('phone');

    expect((await post(`/api/v1/accounts/${c.id}/phone/code`, { phone: newPhone }, cookie)).statusCode).toBe(202);
    const code = await codeSentTo(newPhone);
    const badPassword = await post(`/api/v1/accounts/${c.id}/phone`, { phone: newPhone, code, password: 'Wrong@Passw0rd' }, cookie);
    expect(badPassword.statusCode).toBe(400);
    expect(issue(badPassword)?.path).toBe('password');
    // The code was for this number: another number is refused.
    const otherNumber = await post(`/api/v1/accounts/${c.id}/phone`, { phone: buildPhone(), code, password: TEST_PASSWORD }, cookie);
    expect(otherNumber.statusCode).toBe(400);
    expect(issue(otherNumber)?.path).toBe('code');

    const ok = await post(`/api/v1/accounts/${c.id}/phone`, { phone: newPhone, code, password: TEST_PASSWORD }, cookie);
    expect(ok.statusCode).toBe(200);
    expect(json<{ phoneMasked: string }>(ok).phoneMasked).toBe(`${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`);
    const row = await firstRow<{ phone_enc: string; phone_hash: string }>(t.ctx.db, sql`select phone_enc, phone_hash from accounts where id = ${c.id}`);
    expect(row?.phone_enc).not.toContain(newPhone);
    expect(pii(t.ctx).decrypt(row?.phone_enc ?? '')).toBe(newPhone);
    expect(row?.phone_hash).toBe(pii(t.ctx).lookupHash(newPhone));
    for (const k of [cookie, other]) expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: k } })).statusCode).toBe(200);

    await t.drainJobs();
    const notice = sent.find((m) => m.to === oldPhone && m.body.includes('已更换'));
    expect(notice?.body).toContain(`${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`);
    const audit = await firstRow<{ before: { phone: string }; after: { phone: string } }>(t.ctx.db, sql`select before, after from audit_log where action = 'identity.account.phone-change' and entity_id = ${c.id}`);
    expect(audit).toMatchObject({ before: { phone: `${oldPhone.slice(0, 3)}****${oldPhone.slice(-4)}` }, after: { phone: `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}` } });
    expect(await auditActions(c.id)).toEqual(expect.arrayContaining(['identity.otp.send', 'identity.otp.consume', 'identity.account.phone-change']));

    // The new number logs in; the code cannot be used twice.
    expect((await post(`/api/v1/accounts/${c.id}/phone`, { phone: newPhone, code, password: TEST_PASSWORD }, cookie)).statusCode).toBe(400);
    tick();
    await post('/api/v1/auth/sms/code', { phone: newPhone });
    expect((await post('/api/v1/auth/sms/login', { phone: newPhone, code: await codeSentTo(newPhone) })).statusCode).toBe(200);
  });

  it('does not let one account use a code sent for another account', async () => {
    tick();
    const a = await buildCitizen(t.ctx);
    const b = await buildCitizen(t.ctx);
    const ca = await loginCookie(t.app, a.login);
    const cb = await loginCookie(t.app, b.login);
    const phone = buildPhone();
    await post(`/api/v1/accounts/${a.id}/phone/code`, { phone }, ca);
    const code = await codeSentTo(phone);
    const res = await post(`/api/v1/accounts/${b.id}/phone`, { phone, code, password: TEST_PASSWORD }, cb);
    expect(res.statusCode).toBe(400);
    expect(issue(res)?.path).toBe('code');
    expect((await post(`/api/v1/accounts/${a.id}/phone`, { phone, code, password: TEST_PASSWORD }, cb)).statusCode).toBe(403);
  });

  it('binds a new e-mail after a code sent to it; the old address is told', async () => {
    tick();
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.login);
    expect((await post(`/api/v1/accounts/${c.id}/email/code`, { email: 'first.lin@example.cn' }, cookie)).statusCode).toBe(202);
    const first = await codeSentTo('first.lin@example.cn');
    const ok = await post(`/api/v1/accounts/${c.id}/email`, { email: 'First.Lin@example.cn', code: first, password: TEST_PASSWORD }, cookie);
    expect(ok.statusCode).toBe(200);
    expect(json<{ email: string }>(ok).email).toBe('First.Lin@example.cn');

    tick();
    await post(`/api/v1/accounts/${c.id}/email/code`, { email: 'second.lin@example.cn' }, cookie);
    const second = await codeSentTo('second.lin@example.cn');
    const wrong = await post(`/api/v1/accounts/${c.id}/email`, { email: 'second.lin@example.cn', code: wrongCode(second), password: TEST_PASSWORD }, cookie);
    expect(wrong.statusCode).toBe(400);
    expect(issue(wrong)).toMatchObject({ path: 'code', remainingAttempts: 5 });
    expect((await post(`/api/v1/accounts/${c.id}/email`, { email: 'second.lin@example.cn', code: second, password: TEST_PASSWORD }, cookie)).statusCode).toBe(200);
    await t.drainJobs();
    expect(sent.find((m) => m.to === 'First.Lin@example.cn' && m.channel === 'email')?.body).toContain('s***@example.cn');
    const audit = await firstRow<{ before: { email: string }; after: { email: string } }>(t.ctx.db, sql`select before, after from audit_log where action = 'identity.account.email-change' and entity_id = ${c.id} order by seq desc limit 1`);
    expect(audit).toMatchObject({ before: { email: 'F***@example.cn' }, after: { email: 's***@example.cn' } });
  });
});

describe('real-name level L2 by SMS (短信实名核验)', () => {
  it('raises a citizen from L1 to L2 with a code to the bound phone, recorded and audited', async () => {
    tick();
    const phone = buildPhone();
    const c = await buildCitizen(t.ctx, { phone });
    const cookie = await loginCookie(t.app, c.login);
    expect((await post('/api/v1/real-name/sms/code', {}, cookie)).statusCode).toBe(202);
    const code = await codeSentTo(phone);
    const wrong = await post('/api/v1/real-name/sms', { code: wrongCode(code) }, cookie);
    expect(wrong.statusCode).toBe(400);
    const res = await post('/api/v1/real-name/sms', { code }, cookie);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ previousLevel: 1, realNameLevel: 2, raised: true });
    const mine = json<{ realNameLevel: number; history: { level: number; method: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/real-name/mine', headers: { cookie } }));
    expect(mine.realNameLevel).toBe(2);
    expect(mine.history[0]).toMatchObject({ level: 2, method: 'sms' });
    const audit = await firstRow<{ purpose: string; after: { realNameLevel: number } }>(t.ctx.db, sql`select purpose, after from audit_log where action = 'identity.real-name.verify' and subject_account_id = ${c.id}`);
    expect(audit).toMatchObject({ purpose: '短信实名核验', after: { realNameLevel: 2 } });

    tick();
    const again = await post('/api/v1/real-name/sms/code', {}, cookie);
    expect(again.statusCode).toBe(409);
  });

  it('never lowers a higher level reached meanwhile', async () => {
    tick();
    const phone = buildPhone();
    const c = await buildCitizen(t.ctx, { phone });
    const cookie = await loginCookie(t.app, c.login);
    await post('/api/v1/real-name/sms/code', {}, cookie);
    const code = await codeSentTo(phone);
    await raiseRealNameLevel(t.ctx, c.id, { level: 3, method: 'window', purpose: '现场实名核验' });
    const res = await post('/api/v1/real-name/sms', { code }, cookie);
    expect(json(res)).toEqual({ previousLevel: 3, realNameLevel: 3, raised: false });
  });

  it('is for citizens: an enterprise account is told why', async () => {
    const e = await buildEnterprise(t.ctx);
    const res = await post('/api/v1/real-name/sms/code', {}, await loginCookie(t.app, e.login));
    expect(res.statusCode).toBe(400);
    expect(err(res).message).toContain('自然人');
  });
});

describe('development outbox', () => {
  it('writes the text of an SMS to the server log in development only', async () => {
    const lines: string[] = [];
    const log = { info: (_o: unknown, msg: string) => void lines.push(msg) } as unknown as FastifyBaseLogger;
    const m: OutboundMessage = { outboxId: 'x', channel: 'sms', to: '13912345678', subject: '', body: '【通办】登录验证码：123456，5分钟内有效。' };
    await outboxOnlyAdapter.send({ ...t.ctx, log, config: { ...t.config, env: 'development' } }, m);
    await outboxOnlyAdapter.send({ ...t.ctx, log, config: { ...t.config, env: 'production' } }, m);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('123456');
    expect(lines[0]).toContain('139****5678');
    expect(lines[0]).not.toContain('13912345678');
  });
});
