import type { FastifyInstance } from 'fastify';
import {
  InPersonVerificationBody,
  InPersonVerificationResponse,
  MyRealNameResponse,
  RealNameLookupBody,
  RealNameLookupResponse,
} from '../../../common/schemas/real-name.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { identityPolicy as policy } from './policy.ts';
import * as service from './real-name.ts';

/** Register the real-name routes (实名等级, 现场实名核验). */
export function registerRealNameRoutes(app: FastifyInstance): void {
  registerRoutes(app, 'identity', [
    route({
      method: 'POST', url: '/api/v1/real-name/lookup', summary: '现场实名核验：按证件号码查找注册账户（仅姓名与脱敏号码，留痕）', policy: policy.verifyRealNameInPerson,
      body: RealNameLookupBody, response: RealNameLookupResponse, rateLimitPerMinute: 60,
      handler: async ({ ctx, body }) => service.lookupForInPerson(ctx, body.idNumber),
    }),
    route({
      method: 'POST', url: '/api/v1/real-name/verifications', summary: '现场实名核验：确认已核验证件，账户升为 L3', policy: policy.verifyRealNameInPerson,
      body: InPersonVerificationBody, response: InPersonVerificationResponse,
      handler: async ({ ctx, body }) => service.verifyInPerson(ctx, body),
    }),
    route({
      method: 'GET', url: '/api/v1/real-name/mine', summary: '本人实名等级与核验记录', policy: policy.me, response: MyRealNameResponse,
      handler: async ({ ctx }) => service.myRealName(ctx),
    }),
  ]);
}
