import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import * as oc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { CookieBrowser, freePort } from '../../../../test/support/sso.ts';
import { rows } from '../../platform/db.ts';

type Created = { client: { clientId: string; scopes: string[] }; clientSecret: string };

let t: TestApp;
let base = '';
let admin = '';
let alice: Awaited<ReturnType<typeof buildCitizen>>;
let departmentId = '';
let backchannel: Server;
let backchannelUrl = '';
const logoutTokens: string[] = [];
const REDIRECT = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
  backchannel = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const token = body.get('logout_token');
      if (token) logoutTokens.push(token);
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => backchannel.listen(0, '127.0.0.1', r));
  backchannelUrl = `http://127.0.0.1:${(backchannel.address() as AddressInfo).port}/backchannel-logout`;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp({ PUBLIC_BASE_URL: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  const a = await buildStaff(t.ctx, { roles: ['system_admin'], regionCode: '350700000000' });
  admin = await loginCookie(t.app, a.login);
  alice = await buildCitizen(t.ctx, { name: '林晓燕' });
  departmentId = (await buildDepartment(t.ctx, { name: '建阳区市场监督管理局', regionCode: '350703000000' })).id;
}, 60_000);

afterAll(async () => {
  await t.close();
  await new Promise((r) => backchannel.close(r));
});

async function register(body: Record<string, unknown>): Promise<Created> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: { cookie: admin }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return json<Created>(res);
}

function webClient(extra: Record<string, unknown> = {}) {
  return register({
    name: '建阳区市场监管业务系统', departmentId, applicationType: 'web', redirectUris: [REDIRECT], postLogoutRedirectUris: ['http://127.0.0.1:9/'],
    grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'profile', 'id_card', 'offline_access'], claims: ['name', 'real_name_level', 'id_number'], ...extra,
  });
}

async function discover(c: Created): Promise<oc.Configuration> {
  return oc.discovery(new URL(`${base}/oidc`), c.client.clientId, undefined, oc.ClientSecretBasic(c.clientSecret), { execute: [oc.allowInsecureRequests] });
}

/** A browser session: the person is logged in to the platform, starts at the department system's login link, consents. */
async function codeFlow(config: oc.Configuration, scope: string, person = alice.login) {
  const verifier = oc.randomPKCECodeVerifier();
  const state = oc.randomState();
  const url = oc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope, state, code_challenge: await oc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...(scope.includes('offline_access') ? { prompt: 'consent' } : {}) });
  const browser = new CookieBrowser();
  browser.add(await loginCookie(t.app, person));
  const first = await browser.followUntil(url.toString(), `${base}/sso/interaction/`);
  expect(first.location, 'the provider sends the browser to the consent screen').toBeTruthy();
  const uid = new URL(first.location ?? '').pathname.split('/').pop() ?? '';
  const details = await browser.request(`${base}/api/v1/sso/interactions/${uid}`);
  const confirm = await browser.request(`${base}/api/v1/sso/interactions/${uid}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(confirm.status).toBe(200);
  const { redirectTo } = (await confirm.json()) as { redirectTo: string };
  const back = await browser.followUntil(redirectTo, REDIRECT);
  expect(back.location, 'the provider returns to the department system with a code').toMatch(/code=/);
  return { verifier, state, callback: new URL(back.location ?? ''), details: (await details.json()) as { client: { name: string }; claims: string[]; scopes: string[] }, browser };
}

describe('OpenID Connect provider with openid-client as the department system', () => {
  it('publishes discovery and JWKS with the supported flows', async () => {
    const c = await webClient();
    const config = await discover(c);
    const m = config.serverMetadata();
    expect(m.issuer).toBe(`${base}/oidc`);
    expect(m.code_challenge_methods_supported).toEqual(['S256']);
    expect(m.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(m.end_session_endpoint).toBeTruthy();
    expect(m['backchannel_logout_supported']).toBe(true);
    const jwks = (await (await fetch(m.jwks_uri ?? '')).json()) as { keys: { kty: string; d?: string }[] };
    expect(jwks.keys[0]?.kty).toBe('RSA');
    expect(jwks.keys[0]?.d, 'no private part in JWKS').toBeUndefined();
  });

  it('completes code + PKCE: the ID token carries the agreed claims, the ID number only to a client allowed it', async () => {
    const c = await webClient();
    const config = await discover(c);
    const flow = await codeFlow(config, 'openid profile id_card');
    expect(flow.details.client.name).toBe('建阳区市场监管业务系统');
    expect(flow.details.claims).toEqual(expect.arrayContaining(['name', 'id_number']));
    const tokens = await oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
    const claims = tokens.claims();
    expect(claims?.sub).toBe(alice.id);
    expect(claims?.['name']).toBe('林晓燕');
    expect(claims?.['real_name_level']).toBe(1);
    expect(claims?.['id_number']).toBe(alice.idNumber);
    expect(claims?.['account_kind'], 'not in the client allowed claims').toBeUndefined();
    const info = await oc.fetchUserInfo(config, tokens.access_token, alice.id);
    expect(info['name']).toBe('林晓燕');

    // A client not allowed the ID number never gets it, even when it asks for the scope.
    const minimal = await webClient({ scopes: ['openid', 'profile', 'id_card'], claims: ['name'] });
    const mconfig = await discover(minimal);
    const mflow = await codeFlow(mconfig, 'openid profile id_card');
    expect(mflow.details.claims).toEqual(['name']);
    const mtokens = await oc.authorizationCodeGrant(mconfig, mflow.callback, { pkceCodeVerifier: mflow.verifier, expectedState: mflow.state });
    expect(mtokens.claims()?.['id_number']).toBeUndefined();
    expect(mtokens.claims()?.['name']).toBe('林晓燕');

    // Every SSO login and every release of the ID number is in the person's audit trail.
    const audit = await rows<{ action: string; entity_id: string; purpose: string | null }>(t.database.db, sql`select action, entity_id, purpose from audit_log where subject_account_id = ${alice.id} and action like 'identity.sso.%' order by seq`);
    expect(audit.filter((a) => a.action === 'identity.sso.login' && a.entity_id === c.client.clientId)).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'identity.sso.claims_released' && a.entity_id === c.client.clientId).length).toBeGreaterThan(0);
    expect(audit.some((a) => a.action === 'identity.sso.claims_released' && a.entity_id === minimal.client.clientId)).toBe(false);
  });

  it('refuses a wrong PKCE verifier and a request without PKCE', async () => {
    const c = await webClient();
    const config = await discover(c);
    const flow = await codeFlow(config, 'openid profile');
    await expect(oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: oc.randomPKCECodeVerifier(), expectedState: flow.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    // The failed attempt did not consume the code; the right verifier redeems it once, and only once.
    const ok = await oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
    expect(ok.access_token).toBeTruthy();
    await expect(oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state })).rejects.toMatchObject({ error: 'invalid_grant' });

    const noPkce = new URL(`${base}/oidc/auth`);
    noPkce.search = new URLSearchParams({ client_id: c.client.clientId, response_type: 'code', scope: 'openid', redirect_uri: REDIRECT, state: 'x' }).toString();
    const res = await fetch(noPkce, { redirect: 'manual' });
    const loc = new URL(res.headers.get('location') ?? '', base);
    expect(loc.searchParams.get('error')).toBe('invalid_request');
  });

  it('issues refresh tokens for offline_access and refreshes', async () => {
    const c = await webClient();
    const config = await discover(c);
    const flow = await codeFlow(config, 'openid profile offline_access');
    const tokens = await oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oc.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(alice.id);
  });

  it('denies access when the person refuses on the consent screen', async () => {
    const c = await webClient();
    const config = await discover(c);
    const url = oc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: 's1', code_challenge: await oc.calculatePKCECodeChallenge(oc.randomPKCECodeVerifier()), code_challenge_method: 'S256' });
    const browser = new CookieBrowser();
    const first = await browser.followUntil(url.toString(), `${base}/sso/interaction/`);
    const uid = new URL(first.location ?? '').pathname.split('/').pop() ?? '';
    const anon = await browser.request(`${base}/api/v1/sso/interactions/${uid}`);
    expect(((await anon.json()) as { account: unknown }).account).toBeNull();
    const confirm = await browser.request(`${base}/api/v1/sso/interactions/${uid}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(confirm.status, 'confirming needs a platform session').toBe(401);
    const abort = await browser.request(`${base}/api/v1/sso/interactions/${uid}/abort`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { redirectTo } = (await abort.json()) as { redirectTo: string };
    const back = await browser.followUntil(redirectTo, REDIRECT);
    expect(new URL(back.location ?? '').searchParams.get('error')).toBe('access_denied');
    const gone = await browser.request(`${base}/api/v1/sso/interactions/unknown-uid`);
    expect(gone.status).toBe(404);
  });

  it('client credentials: the token opens the API for its scope and department, not for others', async () => {
    const service = await register({ name: '建阳区市场监管审批系统（接口）', departmentId, applicationType: 'service', grantTypes: ['client_credentials'], scopes: ['cases:read'] });
    const config = await discover(service);
    const tokens = await oc.clientCredentialsGrant(config, { scope: 'cases:read' });
    expect(tokens.scope).toBe('cases:read');
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const cases = await t.app.inject({ method: 'GET', url: '/api/v1/cases?queue=all', headers: bearer });
    expect(cases.statusCode, cases.body).toBe(200);
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/org/staff', headers: bearer });
    expect(staff.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(staff).error.code).toBe('FORBIDDEN');
    const junk = await t.app.inject({ method: 'GET', url: '/api/v1/cases?queue=all', headers: { authorization: 'Bearer not-a-token' } });
    expect(junk.statusCode).toBe(401);
    // A scope the client is not registered for is refused by the provider.
    await expect(oc.clientCredentialsGrant(config, { scope: 'openid' })).rejects.toMatchObject({ error: 'invalid_scope' });
    // A disabled client gets no token at all.
    const other = await register({ name: '统计系统', departmentId, applicationType: 'service', grantTypes: ['client_credentials'], scopes: ['cases:read'] });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/sso/clients/${other.client.clientId}`, headers: { cookie: admin }, payload: { status: 'disabled' } });
    await expect(oc.clientCredentialsGrant(await discover(other), { scope: 'cases:read' })).rejects.toMatchObject({ status: 401, code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE' });
    // Disabling the client stops its tokens at once.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/sso/clients/${service.client.clientId}`, headers: { cookie: admin }, payload: { status: 'disabled' } });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/cases?queue=all', headers: bearer });
    expect(after.statusCode).toBe(401);
  });

  it('single logout: logging out of the platform ends the SSO session and notifies the system back-channel', async () => {
    const c = await webClient({ backchannelLogoutUri: backchannelUrl });
    const config = await discover(c);
    const bob = await buildCitizen(t.ctx, { name: '陈建华' });
    const flow = await codeFlow(config, 'openid profile', bob.login);
    const tokens = await oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
    const sid = tokens.claims()?.['sid'];
    expect(sid).toBeTruthy();
    logoutTokens.length = 0;
    const out = await flow.browser.request(`${base}/api/v1/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(200);
    expect(logoutTokens).toHaveLength(1);
    const payload = JSON.parse(Buffer.from(logoutTokens[0]?.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string; sid: string; events: Record<string, unknown>; aud: string };
    expect(payload.sub).toBe(bob.id);
    expect(payload.sid).toBe(sid);
    expect(payload.aud).toBe(c.client.clientId);
    expect(Object.keys(payload.events)).toEqual(['http://schemas.openid.net/event/backchannel-logout']);
  });

  it('RP-initiated logout shows a Chinese confirmation page', async () => {
    const c = await webClient();
    const config = await discover(c);
    const flow = await codeFlow(config, 'openid');
    const tokens = await oc.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
    const end = oc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: 'http://127.0.0.1:9/' });
    const res = await flow.browser.request(end.toString());
    expect(res.status).toBe(200);
    const form = await res.text();
    expect(form).toContain('是否退出通办统一身份认证');
    // Confirming ends the provider session and the platform session of this browser.
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const confirm = await flow.browser.request(`${base}/oidc/session/end/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('http://127.0.0.1:9/');
    const me = await flow.browser.request(`${base}/api/v1/auth/me`);
    expect(me.status).toBe(401);
  });

  it('lets the person see and withdraw the systems they authorized', async () => {
    const carol = await buildCitizen(t.ctx, { name: '张丽' });
    const c = await webClient();
    const config = await discover(c);
    await codeFlow(config, 'openid profile', carol.login);
    const cookie = await loginCookie(t.app, carol.login);
    const mine = json<{ grantId: string; clientName: string; claims: string[] }[]>(await t.app.inject({ method: 'GET', url: '/api/v1/sso/grants/mine', headers: { cookie } }));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.clientName).toBe('建阳区市场监管业务系统');
    const other = await loginCookie(t.app, alice.login);
    const steal = await t.app.inject({ method: 'DELETE', url: `/api/v1/sso/grants/mine/${mine[0]?.grantId}`, headers: { cookie: other } });
    expect(steal.statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/sso/grants/mine/${mine[0]?.grantId}`, headers: { cookie } });
    expect(del.statusCode).toBe(200);
    expect(json<unknown[]>(await t.app.inject({ method: 'GET', url: '/api/v1/sso/grants/mine', headers: { cookie } }))).toHaveLength(0);
  });

  it('validates client registration with field names', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: { cookie: admin }, payload: { name: '坏应用', departmentId: null, applicationType: 'web', redirectUris: [], grantTypes: ['authorization_code'], scopes: ['openid'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('redirectUris');
    const claim = await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: { cookie: admin }, payload: { name: '坏应用', departmentId: null, applicationType: 'web', redirectUris: [REDIRECT], grantTypes: ['authorization_code'], scopes: ['openid'], claims: ['id_number'] } });
    expect(claim.statusCode).toBe(400);
    expect(claim.body).toContain('claims.0');
    const list = json<{ clientId: string }[]>(await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: { cookie: admin } }));
    expect(list.length).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toContain('secret_enc');
  });
});
