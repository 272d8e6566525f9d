import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MeResponse } from '../../../common/schemas/identity.ts';
import {
  PasskeyList,
  PasskeyLoginOptions,
  PasskeyLoginOptionsBody,
  PasskeyLoginVerifyBody,
  PasskeyRegistrationOptions,
  PasskeyRegistrationVerifyBody,
  PasskeyView,
  RenamePasskeyBody,
} from '../../../common/schemas/passkeys.ts';
import { IdParams, OkResponse } from '../../../common/schemas/shared.ts';
import type { Config } from '../../platform/config.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import * as passkeys from './passkeys.ts';
import { identityPolicy as policy } from './policy.ts';
import { meOf, setSessionCookie } from './routes.ts';

/** Register the passkey routes (通行密钥: registration and management for the logged-in account, and passkey login). */
export function registerPasskeyRoutes(app: FastifyInstance, config: Config): void {
  registerRoutes(app, 'identity', [
    route({
      method: 'POST', url: '/api/v1/passkeys/registration/options', summary: '添加通行密钥：取得注册参数（本人账户）', policy: policy.manageOwnPasskeys,
      response: z.object({ options: PasskeyRegistrationOptions }), rateLimitPerMinute: 30,
      handler: async ({ ctx }) => ({ options: await passkeys.registrationOptions(ctx) }),
    }),
    route({
      method: 'POST', url: '/api/v1/passkeys/registration/verify', summary: '添加通行密钥：提交认证器的注册结果', policy: policy.manageOwnPasskeys,
      body: PasskeyRegistrationVerifyBody, response: PasskeyView, status: 201, rateLimitPerMinute: 30,
      handler: async ({ ctx, body }) => passkeys.verifyRegistration(ctx, body.credential, body.name),
    }),
    route({
      method: 'GET', url: '/api/v1/passkeys', summary: '本人的通行密钥', policy: policy.manageOwnPasskeys, response: PasskeyList,
      handler: async ({ ctx }) => ({ items: await passkeys.listMine(ctx) }),
    }),
    route({
      method: 'PATCH', url: '/api/v1/passkeys/:id', summary: '重命名本人的通行密钥', policy: policy.manageOwnPasskeys,
      params: IdParams, body: RenamePasskeyBody, response: PasskeyView,
      handler: async ({ ctx, params, body }) => passkeys.rename(ctx, params.id, body.name),
    }),
    route({
      method: 'DELETE', url: '/api/v1/passkeys/:id', summary: '删除本人的通行密钥（此后不能再用它登录）', policy: policy.manageOwnPasskeys,
      params: IdParams, response: OkResponse,
      handler: async ({ ctx, params }) => {
        await passkeys.remove(ctx, params.id);
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST', url: '/api/v1/auth/passkey/options', summary: '通行密钥登录：取得登录参数（可不填账号）', policy: policy.passkeyLogin,
      body: PasskeyLoginOptionsBody, response: z.object({ options: PasskeyLoginOptions }), rateLimitPerMinute: config.loginRateLimitPerMinute,
      handler: async ({ ctx, body }) => ({ options: await passkeys.loginOptions(ctx, body.account) }),
    }),
    route({
      method: 'POST', url: '/api/v1/auth/passkey/verify', summary: '通行密钥登录：提交认证器的签名，成功后登录', policy: policy.passkeyLogin,
      body: PasskeyLoginVerifyBody, response: MeResponse, rateLimitPerMinute: config.loginRateLimitPerMinute,
      handler: async ({ ctx, body, req, reply }) => {
        const { account, session } = await passkeys.verifyLogin(ctx, body.credential, { userAgent: req.headers['user-agent'] ?? null });
        setSessionCookie(ctx, req, reply, session);
        return meOf(ctx, account, session.idleExpiresAt);
      },
    }),
  ]);
}
