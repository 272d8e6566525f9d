import { z } from 'zod';
import { Name } from './shared.ts';

/**
 * OpenID Connect scopes the platform's provider knows, with the claims each releases. `api` scopes
 * grant access to the platform's own REST API for system-to-system calls (client credentials).
 */
export const SSO_SCOPES = {
  openid: { claims: ['sub'], api: false },
  profile: { claims: ['name', 'account_kind', 'real_name_level'], api: false },
  phone: { claims: ['phone_number', 'phone_number_verified'], api: false },
  email: { claims: ['email'], api: false },
  /** The ID number (公民身份号码): released only to clients allowed the `id_number` claim. */
  id_card: { claims: ['id_number'], api: false },
  enterprise: { claims: ['credit_code', 'legal_rep_name'], api: false },
  offline_access: { claims: [], api: false },
  /** Read the case queues of the client's department (部门自建系统拉取办件). */
  'cases:read': { claims: [], api: true },
} as const satisfies Record<string, { claims: readonly string[]; api: boolean }>;

/** One of the provider's scopes. */
export type SsoScope = keyof typeof SSO_SCOPES;
/** Every scope name. */
export const SSO_SCOPE_NAMES = Object.keys(SSO_SCOPES) as SsoScope[];
/** Every claim a client may be allowed. */
export const SSO_CLAIMS = [...new Set(Object.values(SSO_SCOPES).flatMap((s) => s.claims as readonly string[]))].filter((c) => c !== 'sub');

/** The claims the given scopes carry (unknown scope names carry none). */
export function claimsOfScopes(scopes: readonly string[]): string[] {
  return scopes.flatMap((s) => (s in SSO_SCOPES ? [...SSO_SCOPES[s as SsoScope].claims] : []));
}

/** Grant types a client may use. */
export const SSO_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

const HttpUrl = z
  .url({ protocol: /^https?$/, message: '须为 http(s) 地址' })
  .max(500)
  .refine((u) => !u.includes('#'), '不能包含 #')
  .describe('An absolute http(s) URL');

/** Register a department system as an SSO client (系统管理员登记应用). */
export const SsoClientBody = z
  .object({
    name: Name.describe('System name shown on the consent screen (应用名称)'),
    departmentId: z.uuid().nullable().describe('Department that runs the system; its data scope for API calls'),
    description: z.string().trim().max(500).nullable().optional().describe('What the system is for'),
    applicationType: z.enum(['web', 'service']).describe("'web': users log in through it (code + PKCE); 'service': system-to-system only (client credentials)"),
    redirectUris: z.array(HttpUrl).max(10).default([]).describe('Allowed redirect URIs (exact match)'),
    postLogoutRedirectUris: z.array(HttpUrl).max(10).default([]).describe('Allowed post-logout redirect URIs'),
    backchannelLogoutUri: HttpUrl.nullable().optional().describe('Back-channel logout endpoint (receives a logout token when the user logs out)'),
    grantTypes: z.array(z.enum(SSO_GRANT_TYPES)).min(1).describe('Grant types'),
    scopes: z.array(z.enum(SSO_SCOPE_NAMES as [SsoScope, ...SsoScope[]])).min(1).describe('Scopes the client may request'),
    claims: z.array(z.string()).default([]).describe('Claims the client may receive (minimal by default; id_number only when listed)'),
  })
  .superRefine((v, ctx) => {
    for (const [i, c] of v.claims.entries()) if (!SSO_CLAIMS.includes(c)) ctx.addIssue({ code: 'custom', path: ['claims', i], message: `未知的声明 ${c}` });
    if (v.applicationType === 'web') {
      if (!v.grantTypes.includes('authorization_code')) ctx.addIssue({ code: 'custom', path: ['grantTypes'], message: '网页应用须使用授权码模式' });
      if (v.redirectUris.length === 0) ctx.addIssue({ code: 'custom', path: ['redirectUris'], message: '网页应用至少登记一个回调地址' });
      if (!v.scopes.includes('openid')) ctx.addIssue({ code: 'custom', path: ['scopes'], message: '网页应用须包含 openid' });
    } else {
      if (v.grantTypes.some((g) => g !== 'client_credentials')) ctx.addIssue({ code: 'custom', path: ['grantTypes'], message: '服务应用只能使用客户端凭证模式' });
      if (v.scopes.some((s) => !SSO_SCOPES[s].api)) ctx.addIssue({ code: 'custom', path: ['scopes'], message: '服务应用只能申请接口权限' });
    }
    if (v.grantTypes.includes('refresh_token') && !v.grantTypes.includes('authorization_code')) ctx.addIssue({ code: 'custom', path: ['grantTypes'], message: '刷新令牌须与授权码模式一起使用' });
  });

/** Change a client: same fields; status to disable it. */
export const SsoClientPatch = z.object({
  name: Name.optional(),
  departmentId: z.uuid().nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
  redirectUris: z.array(HttpUrl).max(10).optional(),
  postLogoutRedirectUris: z.array(HttpUrl).max(10).optional(),
  backchannelLogoutUri: HttpUrl.nullable().optional(),
  grantTypes: z.array(z.enum(SSO_GRANT_TYPES)).min(1).optional(),
  scopes: z.array(z.enum(SSO_SCOPE_NAMES as [SsoScope, ...SsoScope[]])).min(1).optional(),
  claims: z.array(z.string()).optional(),
  status: z.enum(['active', 'disabled']).optional().describe('Disabled clients cannot log users in or get tokens'),
});

/** A registered client as the console shows it (never the secret, except once on creation/rotation). */
export const SsoClientView = z.object({
  clientId: z.string(),
  name: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  description: z.string().nullable(),
  applicationType: z.enum(['web', 'service']),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  backchannelLogoutUri: z.string().nullable(),
  grantTypes: z.array(z.string()),
  scopes: z.array(z.string()),
  claims: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  updatedAt: z.string(),
  secretRotatedAt: z.string(),
});

/** The answer to creating a client or rotating its secret: the secret, shown this once. */
export const SsoClientWithSecret = z.object({ client: SsoClientView, clientSecret: z.string().describe('Client secret — shown only now') });

/** What the consent screen needs to know about a pending SSO interaction. */
export const SsoInteractionView = z.object({
  uid: z.string(),
  /** 'login' when the user must sign in (or re-confirm), 'consent' when scopes/claims need approval. */
  prompt: z.enum(['login', 'consent']),
  client: z.object({ clientId: z.string(), name: z.string(), departmentName: z.string().nullable(), description: z.string().nullable() }),
  /** Scopes requested (and allowed for the client). */
  scopes: z.array(z.string()),
  /** Claims that would be released. */
  claims: z.array(z.string()),
  /** True when an earlier consent already covers everything requested: the page may continue at once. */
  alreadyConsented: z.boolean(),
  /** The signed-in platform account, if any. */
  account: z.object({ id: z.string(), displayName: z.string(), kind: z.string() }).nullable(),
  expiresAt: z.string(),
});

/** The browser continues here after confirming or refusing. */
export const SsoRedirect = z.object({ redirectTo: z.string() });

/** An application the user has authorized (已授权的应用). */
export const SsoGrantView = z.object({
  grantId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  scopes: z.array(z.string()),
  claims: z.array(z.string()),
  grantedAt: z.string().nullable(),
});
