import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { z } from 'zod';
import { claimsOfScopes, SSO_SCOPES, type SsoClientBody, type SsoClientPatch, type SsoClientView, type SsoGrantView, type SsoInteractionView } from '../../../common/schemas/sso.ts';
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import type { Actor } from '../../platform/context.ts';
import { withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { pii } from '../identity/service.ts';
import * as identity from '../identity/service.ts';
import * as org from '../org/service.ts';
import { buildProvider, storedId, type ProviderBase } from './provider.ts';
import * as repo from './repo.ts';

// One provider per app (tests build many apps in one process; each has its own config object).
const providers = new WeakMap<Config, Promise<Provider>>();

/** The OpenID provider of this app, built on first use. */
export function providerOf(ctx: Ctx): Promise<Provider> {
  let p = providers.get(ctx.config);
  if (!p) {
    const base: ProviderBase = { db: ctx.db, log: ctx.log, config: ctx.config, ...(ctx.jobs ? { jobs: ctx.jobs } : {}), ...(ctx.clock ? { clock: ctx.clock } : {}) };
    if (ctx.inTransaction) throw new Error('the SSO provider must be built outside a transaction');
    p = buildProvider(base);
    providers.set(ctx.config, p);
    p.catch(() => providers.delete(ctx.config));
  }
  return p;
}

function iso(d: Date | string): string {
  return new Date(d).toISOString();
}

/** Present a client for the console. */
export function presentClient(c: repo.ClientRow): z.input<typeof SsoClientView> {
  return {
    clientId: c.client_id,
    name: c.name,
    departmentId: c.department_id,
    departmentName: c.department_name,
    description: c.description,
    applicationType: c.application_type,
    redirectUris: c.redirect_uris,
    postLogoutRedirectUris: c.post_logout_redirect_uris,
    backchannelLogoutUri: c.backchannel_logout_uri,
    grantTypes: c.grant_types,
    scopes: c.scopes,
    claims: c.claims,
    status: c.status,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
    secretRotatedAt: iso(c.secret_rotated_at),
  };
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Claims a client may be given must come from the scopes it may request. */
function assertClaimsCovered(scopes: string[], claims: string[]): void {
  const possible = new Set(claimsOfScopes(scopes));
  claims.forEach((c, i) => {
    if (!possible.has(c)) throw AppError.field(`claims.${i}`, `声明 ${c} 不属于该应用可申请的任何范围`);
  });
}

/** List every registered client. */
export async function listClients(ctx: Ctx): Promise<z.input<typeof SsoClientView>[]> {
  return (await repo.listClients(ctx.db)).map(presentClient);
}

/** Get a client or throw 404. */
export async function getClient(ctx: Ctx, clientId: string): Promise<repo.ClientRow> {
  const c = await repo.findClient(ctx.db, clientId);
  if (!c) throw AppError.notFound('应用', clientId);
  return c;
}

async function assertDepartment(ctx: Ctx, departmentId: string | null | undefined): Promise<void> {
  if (!departmentId) return;
  if (!(await org.findDepartment(ctx, departmentId))) throw AppError.field('departmentId', '部门不存在');
}

/** Register a client (系统管理员登记应用); answers the secret once. */
export async function createClient(ctx: Ctx, input: z.output<typeof SsoClientBody>): Promise<{ client: repo.ClientRow; secret: string }> {
  assertClaimsCovered(input.scopes, input.claims);
  await assertDepartment(ctx, input.departmentId);
  const clientId = `tb-${randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  const secret = newSecret();
  await withTransaction(ctx, async (tx) => {
    await repo.insertClient(tx.db, {
      clientId,
      name: input.name,
      departmentId: input.departmentId,
      description: input.description ?? null,
      applicationType: input.applicationType,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris,
      backchannelLogoutUri: input.backchannelLogoutUri ?? null,
      grantTypes: input.grantTypes,
      scopes: input.scopes,
      claims: input.claims,
      secretEnc: pii(ctx).encrypt(secret),
      createdBy: ctx.actor.type === 'account' ? ctx.actor.accountId : null,
    });
    const c = await getClient(tx, clientId);
    await audit(tx, { action: 'sso.client.create', entityType: 'sso_client', entityId: clientId, after: presentClient(c) });
  });
  return { client: await getClient(ctx, clientId), secret };
}

/** Change a client; a change of scopes or claims applies to the next login. */
export async function updateClient(ctx: Ctx, clientId: string, p: z.output<typeof SsoClientPatch>): Promise<repo.ClientRow> {
  const before = await getClient(ctx, clientId);
  const scopes = p.scopes ?? before.scopes;
  const claims = p.claims ?? before.claims;
  assertClaimsCovered(scopes, claims);
  await assertDepartment(ctx, p.departmentId);
  if (before.application_type === 'web' && p.redirectUris && p.redirectUris.length === 0) throw AppError.field('redirectUris', '网页应用至少登记一个回调地址');
  await withTransaction(ctx, async (tx) => {
    await repo.updateClient(tx.db, clientId, {
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.departmentId !== undefined ? { departmentId: p.departmentId } : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.redirectUris !== undefined ? { redirectUris: p.redirectUris } : {}),
      ...(p.postLogoutRedirectUris !== undefined ? { postLogoutRedirectUris: p.postLogoutRedirectUris } : {}),
      ...(p.backchannelLogoutUri !== undefined ? { backchannelLogoutUri: p.backchannelLogoutUri } : {}),
      ...(p.grantTypes !== undefined ? { grantTypes: p.grantTypes } : {}),
      ...(p.scopes !== undefined ? { scopes: p.scopes } : {}),
      ...(p.claims !== undefined ? { claims: p.claims } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
    });
    const after = await getClient(tx, clientId);
    await audit(tx, { action: p.status === 'disabled' ? 'sso.client.disable' : 'sso.client.update', entityType: 'sso_client', entityId: clientId, before: presentClient(before), after: presentClient(after) });
  });
  return getClient(ctx, clientId);
}

/** Rotate a client's secret: the old one stops working at once. */
export async function rotateSecret(ctx: Ctx, clientId: string): Promise<{ client: repo.ClientRow; secret: string }> {
  await getClient(ctx, clientId);
  const secret = newSecret();
  await withTransaction(ctx, async (tx) => {
    await repo.updateClient(tx.db, clientId, { secretEnc: pii(ctx).encrypt(secret) });
    await audit(tx, { action: 'sso.client.rotate_secret', entityType: 'sso_client', entityId: clientId });
  });
  return { client: await getClient(ctx, clientId), secret };
}

/** The actor of a client-credentials access token, or anonymous when the token is unknown, expired or its client disabled. */
export async function actorFromBearer(ctx: Ctx, token: string): Promise<Actor> {
  const anonymous: Actor = { type: 'anonymous' };
  if (token.length > 200) return anonymous;
  const provider = await providerOf(ctx);
  const t = await provider.ClientCredentials.find(token);
  if (!t || t.isExpired) return anonymous;
  const c = t.clientId ? await repo.findClient(ctx.db, t.clientId) : undefined;
  if (!c || c.status !== 'active') return anonymous;
  return {
    type: 'client',
    clientId: c.client_id,
    name: c.name,
    scopes: (t.scope ?? '').split(' ').filter(Boolean),
    scope: c.department_id && c.department_region_code ? { regionCode: c.department_region_code, departmentId: c.department_id } : null,
  };
}

function requestedScopes(params: Record<string, unknown>, client: repo.ClientRow): string[] {
  const asked = typeof params['scope'] === 'string' ? params['scope'].split(' ') : [];
  return [...new Set(asked)].filter((s) => client.scopes.includes(s) && s in SSO_SCOPES && !SSO_SCOPES[s as keyof typeof SSO_SCOPES].api);
}

function releasedClaims(scopes: string[], client: repo.ClientRow): string[] {
  return claimsOfScopes(scopes).filter((c) => client.claims.includes(c));
}

async function loadInteraction(ctx: Ctx, uid: string) {
  const provider = await providerOf(ctx);
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) throw new AppError('NOT_FOUND', '登录请求已过期或不存在，请回到原系统重新发起登录', { uid });
  const rawClientId = interaction.params['client_id'];
  const clientId = typeof rawClientId === 'string' ? rawClientId : '';
  const client = await repo.findClient(ctx.db, clientId);
  if (!client || client.status !== 'active') throw new AppError('FORBIDDEN', '该应用已停用', { clientId });
  return { provider, interaction, client };
}

async function coveringGrant(ctx: Ctx, accountId: string, clientId: string, scopes: string[]): Promise<boolean> {
  const grants = await repo.artifactsOfAccount(ctx.db, 'Grant', accountId);
  return grants.some((g) => {
    const p = g.payload as { clientId?: string; openid?: { scope?: string } };
    const granted = new Set((p.openid?.scope ?? '').split(' '));
    return p.clientId === clientId && scopes.every((s) => granted.has(s));
  });
}

/** What the consent screen shows for a pending interaction. */
export async function interactionDetails(ctx: Ctx, uid: string): Promise<z.input<typeof SsoInteractionView>> {
  const { interaction, client } = await loadInteraction(ctx, uid);
  const scopes = requestedScopes(interaction.params, client);
  const account = ctx.actor.type === 'account' ? { id: ctx.actor.accountId, displayName: ctx.actor.displayName, kind: ctx.actor.kind } : null;
  return {
    uid,
    prompt: interaction.prompt.name === 'consent' ? 'consent' : 'login',
    client: { clientId: client.client_id, name: client.name, departmentName: client.department_name, description: client.description },
    scopes,
    claims: releasedClaims(scopes, client),
    alreadyConsented: account ? await coveringGrant(ctx, account.id, client.client_id, scopes) : false,
    account,
    expiresAt: new Date(interaction.exp * 1000).toISOString(),
  };
}

/** The signed-in person approves: log them in to the provider and grant the requested scopes. */
export async function confirmInteraction(ctx: Ctx, uid: string): Promise<string> {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  const accountId = ctx.actor.accountId;
  const { provider, interaction, client } = await loadInteraction(ctx, uid);
  const account = await identity.getAccountRow(ctx, accountId);
  const scopes = requestedScopes(interaction.params, client);
  let grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  if (!grant || grant.accountId !== accountId) grant = new provider.Grant({ accountId, clientId: client.client_id });
  grant.addOIDCScope(scopes.join(' '));
  const grantId = await grant.save();
  interaction.result = {
    login: { accountId, acr: `urn:tongban:loa:${account.real_name_level}`, remember: true },
    consent: { grantId },
  };
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  await audit(ctx, {
    action: 'identity.sso.consent',
    entityType: 'sso_client',
    entityId: client.client_id,
    subjectAccountId: accountId,
    purpose: `授权${client.name}获取身份信息`,
    after: { clientId: client.client_id, clientName: client.name, scopes, claims: releasedClaims(scopes, client), grantId: storedId(grantId).slice(0, 16) },
  });
  return interaction.returnTo;
}

/** The person refuses: the department system receives access_denied. */
export async function abortInteraction(ctx: Ctx, uid: string): Promise<string> {
  const { interaction, client } = await loadInteraction(ctx, uid);
  interaction.result = { error: 'access_denied', error_description: '用户拒绝授权' };
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  if (ctx.actor.type === 'account') {
    await audit(ctx, { action: 'identity.sso.denied', entityType: 'sso_client', entityId: client.client_id, subjectAccountId: ctx.actor.accountId, after: { clientId: client.client_id, clientName: client.name } });
  }
  return interaction.returnTo;
}

/** The applications I have authorized (已授权的应用). */
export async function myGrants(ctx: Ctx): Promise<z.input<typeof SsoGrantView>[]> {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  const grants = await repo.artifactsOfAccount(ctx.db, 'Grant', ctx.actor.accountId);
  const clients = new Map((await repo.findClients(ctx.db, [...new Set(grants.map((g) => String(g.payload['clientId'])))])).map((c) => [c.client_id, c]));
  return grants.flatMap((g) => {
    const p = g.payload as { jti?: string; clientId?: string; iat?: number; openid?: { scope?: string } };
    const c = p.clientId ? clients.get(p.clientId) : undefined;
    if (!c || !p.jti) return [];
    const scopes = (p.openid?.scope ?? '').split(' ').filter(Boolean);
    return [{ grantId: p.jti, clientId: c.client_id, clientName: c.name, scopes, claims: releasedClaims(scopes, c), grantedAt: p.iat ? new Date(p.iat * 1000).toISOString() : null }];
  });
}

/** Withdraw an authorization: its tokens stop working and the next login asks again. */
export async function revokeMyGrant(ctx: Ctx, grantId: string): Promise<void> {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  const provider = await providerOf(ctx);
  const grant = await provider.Grant.find(grantId);
  if (!grant || grant.accountId !== ctx.actor.accountId) throw AppError.notFound('授权', grantId);
  await grant.destroy();
  await repo.revokeGrantArtifacts(ctx.db, grantId);
  await audit(ctx, { action: 'identity.sso.revoke', entityType: 'sso_client', entityId: grant.clientId ?? null, subjectAccountId: ctx.actor.accountId, after: { clientId: grant.clientId } });
}

/**
 * Single logout: when a person logs out of the platform, end their provider sessions and tell every
 * department system they were logged in to (back-channel logout), so no system keeps them signed in.
 */
export async function endSsoSessions(ctx: Ctx, accountId: string): Promise<number> {
  const sessions = await repo.artifactsOfAccount(ctx.db, 'Session', accountId);
  if (sessions.length === 0) return 0;
  const provider = await providerOf(ctx);
  let notified = 0;
  for (const s of sessions) {
    const p = s.payload as { authorizations?: Record<string, { sid?: string }> };
    for (const [clientId, auth] of Object.entries(p.authorizations ?? {})) {
      // The typings lack Client#backchannelLogout (oidc-provider 8 has it: lib/models/client.js).
      const client = (await provider.Client.find(clientId)) as { backchannelLogoutUri?: string; backchannelLogout?: (sub: string, sid: string) => Promise<void> } | undefined;
      if (!client?.backchannelLogoutUri || !client.backchannelLogout || !auth.sid) continue;
      try {
        await client.backchannelLogout(accountId, auth.sid);
        notified += 1;
      } catch (err) {
        ctx.log.warn({ err, clientId }, 'back-channel logout failed');
      }
    }
    await repo.destroyArtifact(ctx.db, 'Session', s.id);
  }
  await audit(ctx, { action: 'identity.sso.logout', entityType: 'account', entityId: accountId, subjectAccountId: accountId, after: { sessions: sessions.length, systemsNotified: notified } });
  return notified;
}
