import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  ActAsBody,
  ActingOptionsResponse,
  AgentAuthorizationList,
  AgentAuthorizationView,
  CreateAgentAuthorizationBody,
  RevokeAgentAuthorizationBody,
} from '../../../common/schemas/agents.ts';
import { MeResponse } from '../../../common/schemas/identity.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { refuseWhileActing } from './acting.ts';
import * as agents from './agents.ts';
import { identityPolicy as policy } from './policy.ts';

/** Builds the /auth/me answer of a context (routes.ts owns the session expiry of the request). */
export type MeOfRequest = (ctx: Ctx, req: FastifyRequest) => Promise<z.input<typeof MeResponse>>;

/**
 * After the actor of a request is resolved: a write made just as acting ended by itself (grant
 * revoked or expired) is refused rather than done as the person instead of the enterprise; and while
 * acting, the enterprise's credentials and sessions are out of reach.
 */
export function checkActingRequest(req: FastifyRequest, r: { actor: Actor; actingEnded?: string | null }): void {
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (r.actingEnded && write && !req.url.startsWith('/api/v1/auth/')) {
    throw new AppError('ACTING_ENDED', `${r.actingEnded}，本次操作未执行，请确认后重新操作`, { notice: r.actingEnded });
  }
  refuseWhileActing(r.actor, req.method, req.routeOptions.url);
}

/** Register the routes of acting for an enterprise (切换身份) and of its agents (经办人管理). */
export function registerAgentRoutes(app: FastifyInstance, meOf: MeOfRequest): void {
  registerRoutes(app, 'identity', [
    route({
      method: 'GET', url: '/api/v1/auth/acting-options', summary: '切换身份：本人可代为办理的企业（法定代表人或经办人）', policy: policy.actAs,
      response: ActingOptionsResponse,
      handler: async ({ ctx }) => agents.actingOptions(ctx),
    }),
    route({
      method: 'POST', url: '/api/v1/auth/act-as', summary: '切换为企业身份办理（当前会话；每次请求重新核验授权，留痕）', policy: policy.actAs,
      body: ActAsBody, response: MeResponse,
      handler: async ({ ctx, body, req }) => meOf({ ...ctx, actor: await agents.actAs(ctx, body.enterpriseId) }, req),
    }),
    route({
      method: 'DELETE', url: '/api/v1/auth/act-as', summary: '切换回个人身份', policy: policy.actAs, response: MeResponse,
      handler: async ({ ctx, req }) => meOf({ ...ctx, actor: await agents.endActing(ctx) }, req),
    }),
    route({
      method: 'GET', url: '/api/v1/agent-authorizations', summary: '经办人管理：企业的经办人授权（个人：本人获得的授权）', policy: policy.manageAgents,
      response: AgentAuthorizationList,
      handler: async ({ ctx }) => agents.listAuthorizations(ctx),
    }),
    route({
      method: 'POST', url: '/api/v1/agent-authorizations', summary: '添加经办人（姓名 + 身份证号，须已注册个人账户；范围与有效期）', policy: policy.manageAgents,
      body: CreateAgentAuthorizationBody, response: AgentAuthorizationView, status: 201,
      handler: async ({ ctx, body }) => agents.grant(ctx, body),
    }),
    route({
      method: 'POST', url: '/api/v1/agent-authorizations/:id/revoke', summary: '撤销经办人授权（须填写原因，通知经办人）', policy: policy.manageAgents,
      params: IdParams, body: RevokeAgentAuthorizationBody, response: AgentAuthorizationView,
      handler: async ({ ctx, params, body }) => agents.revoke(ctx, params.id, body),
    }),
  ]);
}
