import type { FastifyInstance } from 'fastify';
import { NotificationListQuery, NotificationPage, OutboxListQuery, OutboxPage, ReadAllResponse } from '../../../common/schemas/notify.ts';
import { IdParams, OkResponse } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { notifyPolicy as policy } from './policy.ts';
import * as service from './service.ts';

/** Register the notify routes: the caller's message centre and the system admin's outbox. */
export async function registerNotify(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'notify', [
    route({
      method: 'GET', url: '/api/v1/notifications', summary: '我的消息（含未读数）', policy: policy.own,
      query: NotificationListQuery, response: NotificationPage,
      handler: async ({ ctx, query }) => service.myNotifications(ctx, query),
    }),
    route({
      method: 'POST', url: '/api/v1/notifications/read-all', summary: '全部标为已读', policy: policy.own,
      response: ReadAllResponse,
      handler: async ({ ctx }) => ({ updated: await service.markAllRead(ctx) }),
    }),
    route({
      method: 'POST', url: '/api/v1/notifications/:id/read', summary: '标为已读', policy: policy.own,
      params: IdParams, response: OkResponse,
      handler: async ({ ctx, params }) => {
        await service.markRead(ctx, params.id);
        return { ok: true as const };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/outbox', summary: '发件箱（短信、邮件；收件人已脱敏）', policy: policy.readOutbox,
      query: OutboxListQuery, response: OutboxPage,
      handler: async ({ ctx, query }) => service.listOutbox(ctx, query),
    }),
  ]);
}
