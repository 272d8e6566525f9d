import type { FastifyInstance } from 'fastify';
import { DataUsageQuery, DataUsageRecord, MySessionsResponse, SessionParams } from '../../../common/schemas/data-usage.ts';
import { OkResponse, pageOf } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import * as service from './data-usage.ts';
import { identityPolicy as policy } from './policy.ts';

/** Register the routes of 数据使用记录 (who used my data) and of one's own sessions. */
export function registerDataUsageRoutes(app: FastifyInstance): void {
  registerRoutes(app, 'identity', [
    route({
      method: 'GET', url: '/api/v1/me/data-usage', summary: '数据使用记录：谁在何时因何查看或使用了本人的数据（登录、单点登录、工作人员查阅、证照使用）', policy: policy.myDataUsage,
      query: DataUsageQuery, response: pageOf(DataUsageRecord),
      handler: async ({ ctx, query }) => service.myDataUsage(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/me/sessions', summary: '本人的登录会话（当前有效的与近30天结束的）', policy: policy.myDataUsage,
      response: MySessionsResponse,
      handler: async ({ ctx }) => ({ items: await service.mySessions(ctx) }),
    }),
    route({
      method: 'POST', url: '/api/v1/me/sessions/:id/end', summary: '让本人的另一个会话下线（留痕）', policy: policy.myDataUsage,
      params: SessionParams, response: OkResponse,
      handler: async ({ ctx, params }) => {
        await service.endMySession(ctx, params.id);
        return { ok: true as const };
      },
    }),
  ]);
}
