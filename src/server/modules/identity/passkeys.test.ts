import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { rows } from '../../platform/db.ts';
import { createTestApp, json, sessionCookie, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { SoftAuthenticator } from '../../../../test/support/webauthn-authenticator.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
interface RegOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string }[];
  authenticatorSelection?: { residentKey?: string; userVerification?: string };
}
interface LoginOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}
interface PasskeyJson {
  id: string;
  name: string;
  deviceType: string;
  lastUsedAt: string | null;
}

async function registrationOptions(cookie: string): Promise<RegOptions> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/passkeys/registration/options', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return json<{ options: RegOptions }>(res).options;
}

async function loginOptions(account?: string): Promise<LoginOptions> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options', payload: account ? { account } : {} });
  expect(res.statusCode).toBe(200);
  return json<{ options: LoginOptions }>(res).options;
}

function verifyRegistration(cookie: string, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/passkeys/registration/verify', headers: { cookie }, payload });
}

function verifyLogin(credential: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/passkey/verify', payload: { credential } });
}

/** A citizen with one registered passkey in a fresh soft authenticator. */
async function citizenWithPasskey(name = '我的手机') {
  const c = await buildCitizen(t.ctx);
  const cookie = await loginCookie(t.app, c.login);
  const auth = new SoftAuthenticator();
  const { credential } = auth.register(await registrationOptions(cookie));
  const res = await verifyRegistration(cookie, { credential, name });
  expect(res.statusCode, res.body).toBe(201);
  return { ...c, cookie, auth, passkey: json<PasskeyJson>(res) };
}

function fieldOf(res: LightMyRequestResponse): string | undefined {
  return json<ErrorJson>(res).error.details?.[0]?.path;
}

async function auditActions(accountId: string): Promise<string[]> {
  const r = await rows<{ action: string }>(t.database.db, sql`select action from audit_log where subject_account_id = ${accountId} order by seq`);
  return r.map((x) => x.action);
}

describe('passkey registration', () => {
  it('refuses anyone not logged in with 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/passkeys/registration/options' });
    expect(res.statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/passkeys' });
    expect(list.statusCode).toBe(401);
  });

  it('registers a discoverable, user-verified passkey; options carry a random user handle, not the account id or ID number', async () => {
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.login);
    const options = await registrationOptions(cookie);
    expect(options.rp.id).toBe('localhost');
    expect(options.authenticatorSelection?.residentKey).toBe('required');
    expect(options.authenticatorSelection?.userVerification).toBe('required');
    expect(options.user.id).not.toContain(c.id);
    expect(Buffer.from(options.user.id, 'base64url').toString('utf8')).not.toContain(c.idNumber);
    expect(options.user.name).not.toContain(c.idNumber);
    expect(options.user.name).toBe(`${c.idNumber.slice(0, 4)}**********${c.idNumber.slice(-4)}`);

    const auth = new SoftAuthenticator();
    const { credential } = auth.register(options);
    const res = await verifyRegistration(cookie, { credential, name: '我的手机' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<PasskeyJson>(res)).toMatchObject({ name: '我的手机', deviceType: 'singleDevice', lastUsedAt: null });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: { cookie } });
    expect(json<{ items: PasskeyJson[] }>(list).items.map((p) => p.name)).toEqual(['我的手机']);
    // The same user handle again, and the registered passkey excluded from a second registration.
    const again = await registrationOptions(cookie);
    expect(again.user.id).toBe(options.user.id);
    expect(again.excludeCredentials?.map((x) => x.id)).toEqual([credential.id]);
    expect(await auditActions(c.id)).toContain('identity.passkey.register');
  });

  it('refuses a wrong, replayed or expired challenge with 400 naming the client data', async () => {
    const c = await buildCitizen(t.ctx);
    const cookie = await loginCookie(t.app, c.login);
    const auth = new SoftAuthenticator();
    const options = await registrationOptions(cookie);

    const wrong = await verifyRegistration(cookie, { credential: auth.register(options, { challenge: 'bm90LWEtY2hhbGxlbmdl' }).credential });
    expect(wrong.statusCode).toBe(400);
    expect(fieldOf(wrong)).toBe('credential.response.clientDataJSON');

    const { credential } = auth.register(options);
    expect((await verifyRegistration(cookie, { credential })).statusCode).toBe(201);
    const replay = await verifyRegistration(cookie, { credential: auth.register(options).credential });
    expect(replay.statusCode).toBe(400);
    expect(fieldOf(replay)).toBe('credential.response.clientDataJSON');
    expect(json<ErrorJson>(replay).error.message).toMatch(/已使用/);

    const late = await registrationOptions(cookie);
    await t.database.db.execute(sql`update passkey_challenges set expires_at = now() - interval '1 second' where challenge = ${late.challenge}`);
    const expired = await verifyRegistration(cookie, { credential: auth.register(late).credential });
    expect(expired.statusCode).toBe(400);
    expect(json<ErrorJson>(expired).error.message).toMatch(/过期/);
  });

  it("refuses another account's challenge, a wrong origin, and malformed input with 400 naming the field", async () => {
    const a = await buildCitizen(t.ctx);
    const b = await buildCitizen(t.ctx);
    const cookieA = await loginCookie(t.app, a.login);
    const cookieB = await loginCookie(t.app, b.login);
    const auth = new SoftAuthenticator();
    const optionsOfA = await registrationOptions(cookieA);
    const stolen = await verifyRegistration(cookieB, { credential: auth.register(optionsOfA).credential });
    expect(stolen.statusCode).toBe(400);
    expect(fieldOf(stolen)).toBe('credential.response.clientDataJSON');

    const phishing = await verifyRegistration(cookieA, { credential: auth.register(await registrationOptions(cookieA), { origin: 'https://tongban.example.com' }).credential });
    expect(phishing.statusCode).toBe(400);
    expect(fieldOf(phishing)).toBe('credential');

    const garbage = await verifyRegistration(cookieA, { credential: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'not base64!', attestationObject: 'AA' } } });
    expect(garbage.statusCode).toBe(400);
    expect(fieldOf(garbage)).toBe('credential.response.clientDataJSON');

    const undecodable = await verifyRegistration(cookieA, { credential: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AA' } } });
    expect(undecodable.statusCode).toBe(400);
    expect(fieldOf(undecodable)).toBe('credential.response.clientDataJSON');
  });

  it('lets staff register a passkey too', async () => {
    const s = await buildStaff(t.ctx);
    const cookie = await loginCookie(t.app, s.login);
    const options = await registrationOptions(cookie);
    expect(options.user.name).toBe(s.username);
    const res = await verifyRegistration(cookie, { credential: new SoftAuthenticator().register(options).credential });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<PasskeyJson>(res).name).toBe('通行密钥 1');
  });
});

describe('passkey management', () => {
  it('renames and deletes one’s own passkey (audited); another account gets 404 for it', async () => {
    const owner = await citizenWithPasskey();
    const other = await buildCitizen(t.ctx);
    const otherCookie = await loginCookie(t.app, other.login);
    const url = `/api/v1/passkeys/${owner.passkey.id}`;

    expect((await t.app.inject({ method: 'PATCH', url, headers: { cookie: otherCookie }, payload: { name: '抢来的' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url, headers: { cookie: otherCookie } })).statusCode).toBe(404);

    const blank = await t.app.inject({ method: 'PATCH', url, headers: { cookie: owner.cookie }, payload: { name: '  ' } });
    expect(blank.statusCode).toBe(400);
    expect(fieldOf(blank)).toBe('name');
    const renamed = await t.app.inject({ method: 'PATCH', url, headers: { cookie: owner.cookie }, payload: { name: '办公室电脑' } });
    expect(renamed.statusCode).toBe(200);
    expect(json<PasskeyJson>(renamed).name).toBe('办公室电脑');

    expect((await t.app.inject({ method: 'DELETE', url, headers: { cookie: owner.cookie } })).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: { cookie: owner.cookie } });
    expect(json<{ items: unknown[] }>(list).items).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url, headers: { cookie: owner.cookie } })).statusCode).toBe(404);
    const actions = await auditActions(owner.id);
    expect(actions).toContain('identity.passkey.rename');
    expect(actions).toContain('identity.passkey.delete');

    // A deleted passkey no longer logs in.
    const res = await verifyLogin(owner.auth.authenticate(await loginOptions()));
    expect(res.statusCode).toBe(400);
    expect(fieldOf(res)).toBe('credential.id');
    expect(json<ErrorJson>(res).error.message).toMatch(/已被删除/);
  });
});

describe('passkey login', () => {
  it('logs in without a username (discoverable) and opens a session audited with method passkey', async () => {
    const c = await citizenWithPasskey();
    const options = await loginOptions();
    expect(options.allowCredentials ?? []).toEqual([]);
    const res = await verifyLogin(c.auth.authenticate(options));
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ account: { id: string } }>(res).account.id).toBe(c.id);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.statusCode).toBe(200);
    const logins = await rows<{ after: { method: string; passkeyId: string } }>(
      t.database.db,
      sql`select after from audit_log where action = 'identity.login' and subject_account_id = ${c.id} order by seq desc limit 1`,
    );
    expect(logins[0]?.after).toMatchObject({ method: 'passkey', passkeyId: c.passkey.id });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: { cookie: c.cookie } });
    expect(json<{ items: PasskeyJson[] }>(list).items[0]?.lastUsedAt).not.toBeNull();
  });

  it('offers the passkeys of a named account, and refuses another account’s passkey for it', async () => {
    const a = await citizenWithPasskey();
    const b = await citizenWithPasskey();
    const options = await loginOptions(a.idNumber);
    const [credA] = a.auth.credentials;
    const [credB] = b.auth.credentials;
    if (!credA || !credB) throw new Error('no credential');
    expect(options.allowCredentials?.map((x) => x.id)).toEqual([Buffer.from(credA.id).toString('base64url')]);
    const res = await verifyLogin(b.auth.authenticate(options, { credential: credB }));
    expect(res.statusCode).toBe(400);
    expect(fieldOf(res)).toBe('credential.id');
    // An identifier that names nobody gets plain discoverable options (no hint whether it exists).
    expect((await loginOptions('nobody.here')).allowCredentials ?? []).toEqual([]);
  });

  it('refuses an unknown passkey, a replayed or wrong challenge, and a counter that went backwards', async () => {
    const c = await citizenWithPasskey();
    const stranger = new SoftAuthenticator();
    stranger.register({ challenge: 'eA', rp: { id: 'localhost' }, user: { id: 'dXNlcg' } });
    const unknown = await verifyLogin(stranger.authenticate(await loginOptions()));
    expect(unknown.statusCode).toBe(400);
    expect(fieldOf(unknown)).toBe('credential.id');

    const options = await loginOptions();
    const first = c.auth.authenticate(options);
    expect((await verifyLogin(first)).statusCode).toBe(200);
    const replay = await verifyLogin(c.auth.authenticate(options));
    expect(replay.statusCode).toBe(400);
    expect(fieldOf(replay)).toBe('credential.response.clientDataJSON');

    const wrong = await verifyLogin(c.auth.authenticate(await loginOptions(), { challenge: 'Zm9yZ2Vk' }));
    expect(wrong.statusCode).toBe(400);
    expect(fieldOf(wrong)).toBe('credential.response.clientDataJSON');

    const cloned = await verifyLogin(c.auth.authenticate(await loginOptions(), { counter: 1 }));
    expect(cloned.statusCode).toBe(400);
    expect(fieldOf(cloned)).toBe('credential.response.authenticatorData');
    expect(await auditActions(c.id)).toContain('identity.passkey.counter-regression');

    const badSignature = c.auth.authenticate(await loginOptions());
    badSignature.response.signature = Buffer.from('not a signature').toString('base64url');
    const forged = await verifyLogin(badSignature);
    expect(forged.statusCode).toBe(400);
    expect(fieldOf(forged)).toBe('credential');
  });

  it('refuses a passkey login without user verification', async () => {
    const c = await citizenWithPasskey();
    const res = await verifyLogin(c.auth.authenticate(await loginOptions(), { userVerified: false }));
    expect(res.statusCode).toBe(400);
    expect(json<ErrorJson>(res).error.details?.[0]?.message).toMatch(/verif/i);
  });

  it('refuses a locked, disabled or deregistered account', async () => {
    const c = await citizenWithPasskey();
    await t.database.db.execute(sql`update accounts set locked_until = now() + interval '10 minutes' where id = ${c.id}`);
    const locked = await verifyLogin(c.auth.authenticate(await loginOptions()));
    expect(locked.statusCode).toBe(423);
    await t.database.db.execute(sql`update accounts set locked_until = null, status = 'disabled' where id = ${c.id}`);
    const disabled = await verifyLogin(c.auth.authenticate(await loginOptions()));
    expect(disabled.statusCode).toBe(403);
    await t.database.db.execute(sql`update accounts set status = 'active' where id = ${c.id}`);
    const dereg = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${c.id}/deregister`, headers: { cookie: c.cookie }, payload: { password: c.password } });
    expect(dereg.statusCode).toBe(200);
    const gone = await verifyLogin(c.auth.authenticate(await loginOptions()));
    expect(gone.statusCode).toBe(403);
    expect(await auditActions(c.id)).toContain('identity.login.failed');
  });
});

describe('relying party configuration', () => {
  it('defaults to localhost in development, takes a real domain from PUBLIC_BASE_URL, and refuses IP addresses and foreign origins', () => {
    expect(loadConfig({ PORT: '4000' }).webauthn).toMatchObject({ rpId: 'localhost', origins: ['http://localhost:4000'] });
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:3000' }).webauthn.rpId).toBe('localhost');
    const prod = loadConfig({ NODE_ENV: 'production', PII_KEY: 'a'.repeat(64), LICENSE_KEY: 'b'.repeat(64), PUBLIC_BASE_URL: 'https://zwfw.np.gov.cn' }).webauthn;
    expect(prod).toMatchObject({ rpId: 'zwfw.np.gov.cn', origins: ['https://zwfw.np.gov.cn'] });
    expect(loadConfig({ WEBAUTHN_RP_ID: 'np.gov.cn', WEBAUTHN_ORIGINS: 'https://zwfw.np.gov.cn, https://m.zwfw.np.gov.cn' }).webauthn.origins).toEqual(['https://zwfw.np.gov.cn', 'https://m.zwfw.np.gov.cn']);
    expect(() => loadConfig({ WEBAUTHN_RP_ID: '10.0.0.1' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBAUTHN_RP_ID: 'http://np.gov.cn' })).toThrow(/WEBAUTHN_RP_ID/);
    expect(() => loadConfig({ WEBAUTHN_RP_ID: 'np.gov.cn', WEBAUTHN_ORIGINS: 'https://evil.example.com' })).toThrow(/WEBAUTHN_ORIGINS/);
    expect(() => loadConfig({ WEBAUTHN_RP_ID: 'np.gov.cn', WEBAUTHN_ORIGINS: 'http://zwfw.np.gov.cn' })).toThrow(/https/);
  });
});
