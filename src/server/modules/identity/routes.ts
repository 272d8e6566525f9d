import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AccountListQuery,
  AccountView,
  ChangePasswordBody,
  DeregisterBody,
  LoginBody,
  MeResponse,
  RegisterBody,
  UpdateProfileBody,
} from '../../../common/schemas/identity.ts';
import { IdParams, OkResponse, pageOf } from '../../../common/schemas/shared.ts';
import type { Config } from '../../platform/config.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { checkActingRequest, registerAgentRoutes } from './agent-routes.ts';
import { actingOfMe } from './agents.ts';
import { registerDataUsageRoutes } from './data-usage-routes.ts';
import { registerOtpRoutes } from './otp-routes.ts';
import { identityPolicy as policy } from './policy.ts';
import { registerPasskeyRoutes } from './passkey-routes.ts';
import { registerRealNameRoutes } from './real-name-routes.ts';
import * as service from './service.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tb_sid';

/** Set the session cookie of a newly opened session. */
export function setSessionCookie(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, s: service.NewSession): void {
  const secure = ctx.config.cookieSecure === 'auto' ? req.protocol === 'https' : ctx.config.cookieSecure;
  void reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: s.absoluteExpiresAt });
}

/** The /me answer for an account and its session expiry. */
export function meOf(ctx: Ctx, account: Parameters<typeof service.presentAccount>[1], idleExpiresAt: Date): z.input<typeof MeResponse> {
  return { account: service.presentAccount(ctx, account), session: { expiresAt: idleExpiresAt.toISOString() } };
}

// The idle expiry resolved with the actor, kept per request for /me.
const idleExpiry = new WeakMap<FastifyRequest, Date>();

/** Resolve the actor of a request from its session cookie (called for every /api/v1 request). */
export async function resolveActor(ctx: Ctx, req: FastifyRequest): Promise<Actor> {
  const r = await service.actorFromSessionToken(ctx, req.cookies[SESSION_COOKIE]);
  if (r.idleExpiresAt) idleExpiry.set(req, r.idleExpiresAt);
  checkActingRequest(req, r);
  return r.actor;
}

/** The /me answer of the request's actor, with the enterprise it acts for (切换身份). */
async function currentMe(ctx: Ctx, req: FastifyRequest): Promise<z.input<typeof MeResponse>> {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  const account = await service.getAccountRow(ctx, ctx.actor.accountId);
  return { ...meOf(ctx, account, idleExpiry.get(req) ?? new Date()), ...(await actingOfMe(ctx)) };
}

/** Register the identity routes. */
export async function registerIdentity(app: FastifyInstance, config: Config): Promise<void> {
  registerRealNameRoutes(app);
  registerAgentRoutes(app, currentMe);
  registerOtpRoutes(app, config);
  registerDataUsageRoutes(app);
  registerPasskeyRoutes(app, config);
  registerRoutes(app, 'identity', [
    route({
      method: 'POST', url: '/api/v1/auth/register', summary: '注册自然人或法人账户（注册后自动登录）', policy: policy.register,
      body: RegisterBody, response: MeResponse, status: 201, rateLimitPerMinute: config.loginRateLimitPerMinute,
      handler: async ({ ctx, body, req, reply }) => {
        const account = await service.register(ctx, body);
        const { session } = await service.login(ctx, { account: body.kind === 'citizen' ? body.idNumber : body.creditCode, password: body.password }, { userAgent: req.headers['user-agent'] ?? null });
        setSessionCookie(ctx, req, reply, session);
        return meOf(ctx, account, session.idleExpiresAt);
      },
    }),
    route({
      method: 'POST', url: '/api/v1/auth/login', summary: '登录（身份证号、统一社会信用代码、手机号或工作人员用户名 + 密码）', policy: policy.login,
      body: LoginBody, response: MeResponse, rateLimitPerMinute: config.loginRateLimitPerMinute,
      handler: async ({ ctx, body, req, reply }) => {
        const { account, session } = await service.login(ctx, body, { userAgent: req.headers['user-agent'] ?? null });
        setSessionCookie(ctx, req, reply, session);
        return meOf(ctx, account, session.idleExpiresAt);
      },
    }),
    route({
      method: 'POST', url: '/api/v1/auth/logout', summary: '退出登录', policy: policy.logout, response: OkResponse,
      handler: async ({ ctx, reply }) => {
        await service.logout(ctx);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/auth/me', summary: '当前登录账户与会话', policy: policy.me, response: MeResponse,
      handler: async ({ ctx, req }) => currentMe(ctx, req),
    }),
    route({
      method: 'GET', url: '/api/v1/accounts', summary: '账户列表（系统管理员）', policy: policy.listAccounts,
      query: AccountListQuery, response: pageOf(AccountView),
      handler: async ({ ctx, query }) => {
        const r = await service.listAccounts(ctx, query);
        return { items: r.items.map((a) => service.presentAccount(ctx, a)), total: r.total, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/accounts/:id', summary: '查看账户（本人；系统管理员可查看他人，留痕）', policy: policy.readAccount,
      params: IdParams, response: AccountView,
      handler: async ({ ctx, params }) => service.presentAccount(ctx, await service.getAccount(ctx, params.id)),
    }),
    route({
      method: 'PATCH', url: '/api/v1/accounts/:id', summary: '修改本人资料（手机号、邮箱）', policy: policy.changeOwnAccount,
      params: IdParams, body: UpdateProfileBody, response: AccountView,
      handler: async ({ ctx, params, body }) => service.presentAccount(ctx, await service.updateProfile(ctx, params.id, body)),
    }),
    route({
      method: 'POST', url: '/api/v1/accounts/:id/password', summary: '修改本人密码（其他会话随之失效）', policy: policy.changeOwnAccount,
      params: IdParams, body: ChangePasswordBody, response: OkResponse, rateLimitPerMinute: 10,
      handler: async ({ ctx, params, body }) => {
        await service.changePassword(ctx, params.id, body);
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST', url: '/api/v1/accounts/:id/deregister', summary: '注销本人账户（保留审计记录）', policy: policy.changeOwnAccount,
      params: IdParams, body: DeregisterBody, response: OkResponse, rateLimitPerMinute: 10,
      handler: async ({ ctx, params, body, reply }) => {
        await service.deregister(ctx, params.id, body);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
  ]);
}
