import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SsoClientBody, SsoClientPatch, SsoClientView, SsoClientWithSecret, SsoGrantView, SsoInteractionView, SsoRedirect } from '../../../common/schemas/sso.ts';
import { OkResponse } from '../../../common/schemas/shared.ts';
import type { Config } from '../../platform/config.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { registerLogoutHandler } from '../identity/service.ts';
import { ssoPolicy as policy } from './policy.ts';
import * as service from './service.ts';

/** Where the OpenID provider lives (its issuer is PUBLIC_BASE_URL + this). */
export const OIDC_PREFIX = '/oidc';

const ClientParams = z.object({ clientId: z.string().min(1).max(100) });
const UidParams = z.object({ uid: z.string().min(1).max(100) });
const GrantParams = z.object({ grantId: z.string().min(1).max(100) });

/**
 * Hand a request to the provider (a Koa app) untouched: it is taken over before Fastify parses the
 * body, with the mount prefix moved to originalUrl so the provider builds its own URLs right.
 */
async function toProvider(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const provider = await service.providerOf(req.ctx);
  void reply.hijack();
  // The site-wide CSP (form-action 'self') would stop the browser following the logout form's
  // redirect to a department system's own origin, and form_post answers use an inline script.
  // Provider pages are framed by nobody; that part stays.
  reply.raw.setHeader('content-security-policy', "frame-ancestors 'none'");
  const raw = req.raw as typeof req.raw & { originalUrl?: string };
  raw.originalUrl = raw.url ?? '';
  raw.url = (raw.url ?? '').slice(OIDC_PREFIX.length) || '/';
  void provider.callback()(raw, reply.raw);
}

/** Register the SSO routes: the provider under /oidc, the consent-screen API, client registration. */
export async function registerSso(app: FastifyInstance, _config: Config): Promise<void> {
  registerLogoutHandler((ctx, accountId) => service.endSsoSessions(ctx, accountId));
  for (const url of [OIDC_PREFIX, `${OIDC_PREFIX}/*`]) {
    app.route({
      method: ['GET', 'POST', 'OPTIONS', 'HEAD'],
      url,
      schema: { hide: true },
      onRequest: async (req, reply) => toProvider(req, reply),
      handler: async () => undefined,
    });
  }
  registerRoutes(app, 'sso', [
    route({
      method: 'GET', url: '/api/v1/sso/clients', summary: '单点登录应用列表（系统管理员）', policy: policy.manageClients,
      response: z.array(SsoClientView),
      handler: async ({ ctx }) => service.listClients(ctx),
    }),
    route({
      method: 'POST', url: '/api/v1/sso/clients', summary: '登记单点登录应用（返回一次客户端密钥）', policy: policy.manageClients,
      body: SsoClientBody, response: SsoClientWithSecret, status: 201,
      handler: async ({ ctx, body }) => {
        const r = await service.createClient(ctx, body);
        return { client: service.presentClient(r.client), clientSecret: r.secret };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/sso/clients/:clientId', summary: '查看单点登录应用', policy: policy.manageClients,
      params: ClientParams, response: SsoClientView,
      handler: async ({ ctx, params }) => service.presentClient(await service.getClient(ctx, params.clientId)),
    }),
    route({
      method: 'PATCH', url: '/api/v1/sso/clients/:clientId', summary: '修改或停用单点登录应用', policy: policy.manageClients,
      params: ClientParams, body: SsoClientPatch, response: SsoClientView,
      handler: async ({ ctx, params, body }) => service.presentClient(await service.updateClient(ctx, params.clientId, body)),
    }),
    route({
      method: 'POST', url: '/api/v1/sso/clients/:clientId/secret', summary: '重置客户端密钥（旧密钥立即失效）', policy: policy.manageClients,
      params: ClientParams, response: SsoClientWithSecret,
      handler: async ({ ctx, params }) => {
        const r = await service.rotateSecret(ctx, params.clientId);
        return { client: service.presentClient(r.client), clientSecret: r.secret };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/sso/interactions/:uid', summary: '单点登录授权页：请求登录的应用、申请的信息', policy: policy.readInteraction,
      params: UidParams, response: SsoInteractionView,
      handler: async ({ ctx, params }) => service.interactionDetails(ctx, params.uid),
    }),
    route({
      method: 'POST', url: '/api/v1/sso/interactions/:uid/confirm', summary: '同意授权并登录该应用', policy: policy.confirmInteraction,
      params: UidParams, response: SsoRedirect,
      handler: async ({ ctx, params }) => ({ redirectTo: await service.confirmInteraction(ctx, params.uid) }),
    }),
    route({
      method: 'POST', url: '/api/v1/sso/interactions/:uid/abort', summary: '拒绝授权（应用收到 access_denied）', policy: policy.abortInteraction,
      params: UidParams, response: SsoRedirect,
      handler: async ({ ctx, params }) => ({ redirectTo: await service.abortInteraction(ctx, params.uid) }),
    }),
    route({
      method: 'GET', url: '/api/v1/sso/grants/mine', summary: '我已授权的应用', policy: policy.myGrants,
      response: z.array(SsoGrantView),
      handler: async ({ ctx }) => service.myGrants(ctx),
    }),
    route({
      method: 'DELETE', url: '/api/v1/sso/grants/mine/:grantId', summary: '撤销对某应用的授权', policy: policy.myGrants,
      params: GrantParams, response: OkResponse,
      handler: async ({ ctx, params }) => {
        await service.revokeMyGrant(ctx, params.grantId);
        return { ok: true as const };
      },
    }),
  ]);
}
