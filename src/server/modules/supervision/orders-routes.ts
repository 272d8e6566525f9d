import type { FastifyInstance } from 'fastify';
import {
  AcceptOrderBody,
  IssueOrderBody,
  MyOrderListQuery,
  OrderCaseFacts,
  OrderCaseQuery,
  OrderDetail,
  OrderListQuery,
  OrderPage,
  ReplyOrderBody,
  ReturnOrderBody,
} from '../../../common/schemas/supervision-orders.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import * as orders from './orders.ts';
import { supervisionPolicy as policy } from './policy.ts';

/** Register the 督办 routes: supervisors issue, review and list; the ordered body lists and replies. */
export function registerOrderRoutes(app: FastifyInstance): void {
  registerRoutes(app, 'supervision', [
    route({
      method: 'GET', url: '/api/v1/supervision/orders', summary: '督办件列表（管辖范围，可按状态、逾期、升级筛选）', policy: policy.supervise,
      query: OrderListQuery, response: OrderPage,
      handler: async ({ ctx, query }) => orders.listOrders(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/order-cases', summary: '按办件编号查找可督办的办件（管辖范围内）', policy: policy.supervise,
      query: OrderCaseQuery, response: OrderCaseFacts,
      handler: async ({ ctx, query }) => orders.findCaseByNumber(ctx, query.number),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/orders', summary: '发起督办', policy: policy.supervise,
      description: '责任单位为办件的承办部门；通知部门负责人与办件当前承办人（待受理的办件通知窗口受理人员）。回复期限默认为今天起“督办回复”设置的工作日数。',
      body: IssueOrderBody, response: OrderDetail, status: 201,
      handler: async ({ ctx, body }) => orders.issueOrder(ctx, body),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/orders/:id', summary: '督办详情（含办件情况与处理记录）', policy: policy.supervise,
      params: IdParams, response: OrderDetail,
      handler: async ({ ctx, params }) => orders.orderDetail(ctx, params.id, 'supervisor'),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/orders/:id/accept', summary: '同意办结督办件', policy: policy.supervise,
      params: IdParams, body: AcceptOrderBody, response: OrderDetail,
      handler: async ({ ctx, params, body }) => orders.acceptOrder(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/orders/:id/return', summary: '退回督办回复（重新办理，可另定期限）', policy: policy.supervise,
      params: IdParams, body: ReturnOrderBody, response: OrderDetail,
      handler: async ({ ctx, params, body }) => orders.returnOrder(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/my-orders', summary: '本部门督办件', policy: policy.handler,
      query: MyOrderListQuery, response: OrderPage,
      handler: async ({ ctx, query }) => orders.myDepartmentOrders(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/my-orders/:id', summary: '本部门督办件详情', policy: policy.handler,
      params: IdParams, response: OrderDetail,
      handler: async ({ ctx, params }) => orders.orderDetail(ctx, params.id, 'body'),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/my-orders/:id/reply', summary: '回复督办（责任单位）', policy: policy.handler,
      params: IdParams, body: ReplyOrderBody, response: OrderDetail,
      handler: async ({ ctx, params, body }) => orders.replyOrder(ctx, params.id, body),
    }),
  ]);
}
