import { createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oc from 'openid-client';

/**
 * A tiny "department system" (部门自建系统) that logs its users in through the platform's single
 * sign-on, the way a real one would with any certified OpenID Connect library: authorization code
 * + PKCE, the ID token's claims on its home page, RP-initiated logout, and a back-channel logout
 * endpoint whose logout tokens are verified against the provider's JWKS.
 * Used by the browser test and by `npm run demo:department-system` (see docs/sso.md).
 */
export interface DemoSystemOptions {
  /** The provider's issuer, e.g. http://127.0.0.1:3000/oidc. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  title?: string;
}

/** A running demo system. */
export interface DemoSystem {
  url: string;
  /** The redirect and logout URIs to register for it. */
  redirectUri: string;
  backchannelLogoutUri: string;
  /** Sessions ended by back-channel logout so far. */
  backchannelLogouts: number;
  close(): Promise<void>;
}

interface LocalSession {
  verifier?: string;
  state?: string;
  claims?: Record<string, unknown>;
  idToken?: string;
  sid?: string;
}

const CLAIM_LABELS: Record<string, string> = {
  sub: '账号标识', name: '姓名', account_kind: '账户类型', real_name_level: '实名等级', phone_number: '手机号', email: '邮箱',
  id_number: '身份证号', credit_code: '统一社会信用代码', legal_rep_name: '法定代表人', sid: '会话',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(res: ServerResponse, title: string, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:0;background:#f4f6f8;color:#1f2329}header{background:#0f4c81;color:#fff;padding:16px 24px}main{max-width:640px;margin:24px auto;background:#fff;padding:24px;border-radius:6px}
a.button{display:inline-block;background:#0f4c81;color:#fff;padding:8px 18px;border-radius:4px;text-decoration:none}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:4px 10px;text-align:left}</style></head>
<body><header><h1 style="margin:0;font-size:20px">${esc(title)}</h1></header><main>${body}</main></body></html>`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Verify an RS256 logout token against the provider's JWKS; answers its payload or throws. */
async function verifyLogoutToken(config: oc.Configuration, token: string): Promise<{ sid?: string; sub?: string; events?: Record<string, unknown> }> {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw new Error('malformed logout token');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { kid?: string; alg?: string };
  if (header.alg !== 'RS256') throw new Error(`unexpected alg ${String(header.alg)}`);
  const jwksUri = config.serverMetadata().jwks_uri;
  if (!jwksUri) throw new Error('no jwks_uri');
  const jwks = (await (await fetch(jwksUri)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('unknown signing key');
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('bad logout token signature');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { iss?: string; aud?: string; sid?: string; sub?: string; events?: Record<string, unknown> };
  if (payload.iss !== config.serverMetadata().issuer || payload.aud !== config.clientMetadata().client_id) throw new Error('logout token not for this system');
  if (!payload.events || !('http://schemas.openid.net/event/backchannel-logout' in payload.events)) throw new Error('not a logout token');
  return payload;
}

/** Start the demo system; the provider must be reachable (discovery runs first). */
export async function startDemoSystem(o: DemoSystemOptions): Promise<DemoSystem> {
  const title = o.title ?? '南平市市场监管业务系统（演示）';
  const host = o.host ?? '127.0.0.1';
  const sessions = new Map<string, LocalSession>();
  const server = createServer();
  await new Promise<void>((r) => server.listen(o.port ?? 0, host, r));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const config = await oc.discovery(new URL(o.issuer), o.clientId, undefined, oc.ClientSecretBasic(o.clientSecret), { execute: [oc.allowInsecureRequests] });
  const redirectUri = `${url}/callback`;
  const system: DemoSystem = { url, redirectUri, backchannelLogoutUri: `${url}/backchannel-logout`, backchannelLogouts: 0, close: () => new Promise((r) => server.close(() => r())) };

  const sessionOf = (req: IncomingMessage, res: ServerResponse): LocalSession => {
    const id = /(?:^|;\s*)demo_sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
    const existing = id ? sessions.get(id) : undefined;
    if (existing) return existing;
    const fresh: LocalSession = {};
    const newId = randomBytes(16).toString('base64url');
    sessions.set(newId, fresh);
    res.setHeader('set-cookie', `demo_sid=${newId}; HttpOnly; SameSite=Lax; Path=/`);
    return fresh;
  };

  server.on('request', (req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', url);
      if (u.pathname === '/backchannel-logout' && req.method === 'POST') {
        try {
          const token = new URLSearchParams(await readBody(req)).get('logout_token') ?? '';
          const payload = await verifyLogoutToken(config, token);
          for (const s of sessions.values()) {
            if (s.sid && s.sid === payload.sid) {
              delete s.claims;
              delete s.idToken;
              delete s.sid;
              system.backchannelLogouts += 1;
            }
          }
          res.writeHead(200).end();
        } catch (err) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end(String(err));
        }
        return;
      }
      const s = sessionOf(req, res);
      if (u.pathname === '/login') {
        s.verifier = oc.randomPKCECodeVerifier();
        s.state = oc.randomState();
        const auth = oc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid profile', state: s.state, code_challenge: await oc.calculatePKCECodeChallenge(s.verifier), code_challenge_method: 'S256' });
        res.writeHead(303, { location: auth.toString() }).end();
        return;
      }
      if (u.pathname === '/callback') {
        if (u.searchParams.get('error')) {
          html(res, title, `<p role="alert">登录未完成：${esc(u.searchParams.get('error_description') ?? u.searchParams.get('error') ?? '')}</p><p><a class="button" href="/">返回</a></p>`);
          return;
        }
        const tokens = await oc.authorizationCodeGrant(config, u, { pkceCodeVerifier: s.verifier ?? '', expectedState: s.state ?? '' });
        s.claims = tokens.claims() ?? {};
        s.idToken = tokens.id_token ?? '';
        s.sid = typeof s.claims['sid'] === 'string' ? s.claims['sid'] : '';
        res.writeHead(303, { location: '/' }).end();
        return;
      }
      if (u.pathname === '/logout') {
        const hint = s.idToken;
        delete s.claims;
        delete s.idToken;
        delete s.sid;
        const end = oc.buildEndSessionUrl(config, { ...(hint ? { id_token_hint: hint } : {}), post_logout_redirect_uri: `${url}/` });
        res.writeHead(303, { location: end.toString() }).end();
        return;
      }
      if (s.claims) {
        const rows = Object.entries(s.claims)
          .filter(([k]) => k in CLAIM_LABELS)
          .map(([k, v]) => `<tr><th scope="row">${esc(CLAIM_LABELS[k] ?? k)}</th><td>${esc(String(v))}</td></tr>`)
          .join('');
        html(res, title, `<p>欢迎，${esc(String(s.claims['name'] ?? s.claims['sub']))}</p><p>您已通过通办统一身份认证登录本系统。</p><table><caption>统一身份认证提供的信息</caption>${rows}</table><p><a class="button" href="/logout">退出</a></p>`);
      } else {
        html(res, title, `<p>您尚未登录。</p><p><a class="button" href="/login">通过通办统一身份认证登录</a></p>`);
      }
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`演示系统出错：${String(err)}`);
    });
  });
  return system;
}
