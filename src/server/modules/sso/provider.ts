import { createHash, createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider, { type Adapter, type AdapterPayload, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { claimsOfScopes, SSO_SCOPES, SSO_SCOPE_NAMES } from '../../../common/schemas/sso.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { pii } from '../identity/service.ts';
import * as identity from '../identity/service.ts';
import * as repo from './repo.ts';

/** The platform's session cookie (identity/routes.ts SESSION_COOKIE; not imported to keep routes out of here). */
const SESSION_COOKIE_NAME = 'tb_sid';

/** What the provider needs from the app: the root database handle and the platform services. */
export type ProviderBase = Omit<Ctx, 'actor' | 'requestId' | 'ip' | 'inTransaction'>;

/** The artefact id as stored: its SHA-256, so a read of the table yields no usable token. */
export function storedId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function expiry(expiresIn: number | undefined): Date | null {
  return expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
}

/** The client metadata the provider sees for a registered client (secret decrypted). */
export function clientMetadata(base: Pick<Ctx, 'config'>, c: repo.ClientRow): ClientMetadata {
  return {
    client_id: c.client_id,
    client_secret: pii(base).decrypt(c.secret_enc),
    client_name: c.name,
    redirect_uris: c.redirect_uris,
    post_logout_redirect_uris: c.post_logout_redirect_uris,
    ...(c.backchannel_logout_uri ? { backchannel_logout_uri: c.backchannel_logout_uri, backchannel_logout_session_required: true } : {}),
    grant_types: c.grant_types,
    response_types: c.application_type === 'web' ? ['code'] : [],
    scope: c.scopes.join(' '),
    token_endpoint_auth_method: 'client_secret_basic',
    allowed_claims: c.claims,
    department_id: c.department_id,
  };
}

/** A database adapter class for one provider (closure over the root handle). */
function adapterFor(base: ProviderBase): new (model: string) => Adapter {
  const db: Db = base.db;
  return class DbAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are registered in the console, not dynamically');
      await repo.upsertArtifact(db, {
        model: this.model,
        id: storedId(id),
        payload,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        accountId: payload.accountId ?? null,
        expiresAt: expiry(expiresIn),
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const c = await repo.findClient(db, id);
        return c && c.status === 'active' ? (clientMetadata(base, c)) : undefined;
      }
      const r = await repo.findArtifact(db, this.model, storedId(id));
      if (!r) return undefined;
      return { ...(r.payload as AdapterPayload), ...(r.consumed_at ? { consumed: Math.floor(new Date(r.consumed_at).getTime() / 1000) } : {}) };
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const r = await repo.findArtifactBy(db, this.model, 'uid', uid);
      return r ? (r.payload) : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const r = await repo.findArtifactBy(db, this.model, 'user_code', userCode);
      return r ? (r.payload) : undefined;
    }

    async consume(id: string): Promise<void> {
      await repo.consumeArtifact(db, this.model, storedId(id));
    }

    async destroy(id: string): Promise<void> {
      await repo.destroyArtifact(db, this.model, storedId(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repo.revokeGrantArtifacts(db, grantId);
    }
  };
}

/** The signing key: the newest stored one, or a new RSA key stored encrypted on first boot. */
async function signingJwks(base: ProviderBase): Promise<{ keys: Record<string, unknown>[] }> {
  let keys = await repo.activeSigningKeys(base.db);
  if (keys.length === 0) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    await repo.insertSigningKey(base.db, { kid: jwk.kid, alg: 'RS256', privateJwkEnc: pii(base).encrypt(JSON.stringify(jwk)) });
    keys = await repo.activeSigningKeys(base.db);
  }
  return { keys: keys.map((k) => JSON.parse(pii(base).decrypt(k.private_jwk_enc)) as Record<string, unknown>) };
}

/** A context for audit rows written from inside the provider (the person is the actor). */
export function providerCtx(base: ProviderBase, kctx: KoaContextWithOIDC | undefined, accountId: string | null): Ctx {
  return {
    ...base,
    actor: accountId
      ? { type: 'account', accountId, kind: 'citizen', displayName: '', roles: [], scope: null, sessionId: null }
      : { type: 'system', name: 'sso' },
    requestId: randomUUID(),
    ip: kctx?.ip ?? null,
    inTransaction: false,
  };
}

function claimsByScope(): Record<string, string[]> {
  return Object.fromEntries(SSO_SCOPE_NAMES.filter((s) => !SSO_SCOPES[s].api && s !== 'offline_access').map((s) => [s, [...SSO_SCOPES[s].claims]]));
}

/** The claims of an account, limited to the scopes granted and the claims the client may see. */
async function accountClaims(base: ProviderBase, kctx: KoaContextWithOIDC, sub: string, scope: string): Promise<{ sub: string } & Record<string, unknown>> {
  const a = await identity.findAccountRow(providerCtx(base, kctx, sub), sub);
  if (!a) return { sub };
  const client = kctx.oidc.client;
  const allowed = new Set<string>((client?.['allowed_claims'] as string[] | undefined) ?? []);
  const scopes = new Set(scope.split(' '));
  const out: { sub: string } & Record<string, unknown> = { sub };
  const give = (s: string, claim: string, value: unknown) => {
    if (scopes.has(s) && allowed.has(claim) && value !== null && value !== undefined) out[claim] = value;
  };
  give('profile', 'name', a.display_name);
  give('profile', 'account_kind', a.kind);
  give('profile', 'real_name_level', a.real_name_level);
  const clear: string[] = [];
  if (a.phone_enc && scopes.has('phone') && allowed.has('phone_number')) {
    out['phone_number'] = pii(base).decrypt(a.phone_enc);
    if (allowed.has('phone_number_verified')) out['phone_number_verified'] = a.real_name_level >= 2;
    clear.push('phone_number');
  }
  give('email', 'email', a.email);
  if (a.id_number_enc && scopes.has('id_card') && allowed.has('id_number')) {
    out['id_number'] = pii(base).decrypt(a.id_number_enc);
    clear.push('id_number');
  }
  give('enterprise', 'credit_code', a.credit_code);
  give('enterprise', 'legal_rep_name', a.legal_rep_name);
  if (clear.length > 0 && client) {
    await audit(providerCtx(base, kctx, sub), {
      action: 'identity.sso.claims_released',
      entityType: 'sso_client',
      entityId: client.clientId,
      subjectAccountId: sub,
      purpose: `单点登录：向${client.clientName ?? client.clientId}提供身份信息`,
      after: { clientId: client.clientId, clientName: client.clientName ?? null, claims: clear },
    });
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} - 通办统一身份认证</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;background:#f5f7fa;color:#1f2329;margin:0;padding:24px}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}p{line-height:1.6}button,a.button{font-size:16px;padding:8px 20px;border-radius:6px;border:1px solid #1d4ed8;margin-right:8px;cursor:pointer;text-decoration:none;display:inline-block}
button.primary{background:#1d4ed8;color:#fff}button.secondary,a.button{background:#fff;color:#1d4ed8}</style></head>
<body><main>${body}</main></body></html>`;
}

/** Build the provider of one app. */
export async function buildProvider(base: ProviderBase): Promise<Provider> {
  const cookieKey = createHmac('sha256', base.config.piiKey).update('tongban-sso-cookies').digest('base64url');
  const configuration: Configuration = {
    adapter: adapterFor(base),
    clients: [],
    jwks: (await signingJwks(base)),
    scopes: SSO_SCOPE_NAMES,
    claims: claimsByScope(),
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ['S256'] },
    clientBasedCORS: () => false,
    extraClientMetadata: { properties: ['allowed_claims', 'department_id'] },
    cookies: {
      keys: [cookieKey],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page('退出登录', `<h1>退出登录</h1><p>是否退出通办统一身份认证？退出后，通过单点登录进入的各部门系统也将一并退出。</p>
${form}<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes">退出</button>
<a class="button" href="/">取消</a>`);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('已退出', '<h1>您已安全退出</h1><p>统一身份认证会话已结束。</p><p><a class="button" href="/">返回通办</a></p>');
        },
      },
    },
    findAccount: async (ctx, sub) => {
      const a = await identity.findAccountRow(providerCtx(base, ctx, sub), sub);
      if (!a || a.status !== 'active') return undefined;
      return { accountId: sub, claims: async (_use, scope) => accountClaims(base, ctx, sub, scope) };
    },
    interactions: { url: (_ctx, interaction) => `/sso/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const desc = typeof out['error_description'] === 'string' ? out['error_description'] : '';
      ctx.body = page('出错了', `<h1>统一身份认证出错</h1><p>${escapeHtml(String(out['error'] ?? ''))}</p><p>${escapeHtml(desc)}</p><p><a class="button" href="/">返回通办</a></p>`);
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      IdToken: 3600,
      Interaction: 600,
      Grant: 365 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
      Session: base.config.sessionMaxHours * 3600,
    },
    // Logging out keeps the person's consent (the next login asks for no approval again); a reused
    // code or refresh token still revokes the whole grant.
    revokeGrantPolicy: (ctx) => !(ctx.oidc.route ?? '').startsWith('end_session'),
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
  };
  const provider = new Provider(`${base.config.licenses.publicBaseUrl}/oidc`, configuration);
  provider.proxy = base.config.trustProxy;
  // Every login to a department system through SSO goes to the person's "who used my data".
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    const client = ctx.oidc.client;
    if (!accountId || !client) return;
    const scopes = (ctx.oidc.params?.['scope'] as string | undefined)?.split(' ') ?? [];
    const allowed = new Set<string>((client['allowed_claims'] as string[] | undefined) ?? []);
    const claims = claimsOfScopes(scopes).filter((c) => c === 'sub' || allowed.has(c));
    audit(providerCtx(base, ctx, accountId), {
      action: 'identity.sso.login',
      entityType: 'sso_client',
      entityId: client.clientId,
      subjectAccountId: accountId,
      purpose: `单点登录${client.clientName ?? client.clientId}`,
      after: { clientId: client.clientId, clientName: client.clientName ?? null, scopes, claims },
    }).catch((err: unknown) => base.log.error({ err }, 'sso login audit failed'));
  });
  // 是否退出通办统一身份认证 → yes: the platform session of this browser ends with the SSO session
  // (and the logout handlers tell the other department systems), as the logout page promises.
  provider.use(async (ctx, next) => {
    await next();
    const route = (ctx as Partial<KoaContextWithOIDC>).oidc?.route;
    if (route !== 'end_session_confirm' || ctx.status !== 303) return;
    const token = ctx.cookies.get(SESSION_COOKIE_NAME);
    if (!token) return;
    const pctx = providerCtx(base, ctx as KoaContextWithOIDC, null);
    const { actor } = await identity.actorFromSessionToken(pctx, token);
    if (actor.type !== 'account') return;
    await identity.logout({ ...pctx, actor });
    ctx.cookies.set(SESSION_COOKIE_NAME, null, { path: '/' });
  });
  provider.on('server_error', (_ctx, err) => base.log.error({ err }, 'oidc provider error'));
  return provider;
}
