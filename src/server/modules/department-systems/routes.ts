import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreateDepartmentSystemBody,
  DeliveryListQuery,
  DeliveryPage,
  DeliveryView,
  DepartmentProgressBody,
  DepartmentReportAnswer,
  DepartmentResultBody,
  DepartmentSystemList,
  DepartmentSystemView,
  DepartmentSystemWithSecret,
  UpdateDepartmentSystemBody,
} from '../../../common/schemas/department-systems.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import { AppError } from '../../platform/errors.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { departmentSystemsPolicy as policy } from './policy.ts';
import * as service from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as sent, for signature verification (inbound department-system routes only). */
    rawBody?: string;
    /** The department system that signed this request (inbound routes, after verification). */
    departmentCaller?: service.InboundCaller;
  }
}

function callerOf(req: { departmentCaller?: service.InboundCaller }): service.InboundCaller {
  // The preValidation hook below sets it or answers 401; reaching here without it is a wiring bug.
  if (!req.departmentCaller) throw new Error('inbound department-system route without a verified caller');
  return req.departmentCaller;
}

const InboundParams = z.object({ id: z.uuid().describe('办件 id') });

/** Register the department-systems routes: the console's registrations and deliveries, and the signed inbound API. */
export async function registerDepartmentSystems(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'department-systems', [
    route({
      method: 'GET', url: '/api/v1/department-systems', summary: '部门自建系统登记列表', policy: policy.manage,
      response: DepartmentSystemList,
      handler: async ({ ctx }) => service.listSystems(ctx),
    }),
    route({
      method: 'POST', url: '/api/v1/department-systems', summary: '登记部门自建系统（返回共享密钥，仅此一次）', policy: policy.manage, status: 201,
      body: CreateDepartmentSystemBody, response: DepartmentSystemWithSecret,
      handler: async ({ ctx, body }) => service.createSystem(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/department-systems/:id', summary: '修改部门自建系统登记', policy: policy.manage,
      params: IdParams, body: UpdateDepartmentSystemBody, response: DepartmentSystemView,
      handler: async ({ ctx, params, body }) => service.updateSystem(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/department-systems/:id/rotate-secret', summary: '更换共享密钥（新密钥仅显示一次）', policy: policy.manage,
      params: IdParams, response: DepartmentSystemWithSecret,
      handler: async ({ ctx, params }) => service.rotateSecret(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/department-systems/:id/deliveries', summary: '推送记录', policy: policy.manage,
      params: IdParams, query: DeliveryListQuery, response: DeliveryPage,
      handler: async ({ ctx, params, query }) => service.listDeliveries(ctx, params.id, query),
    }),
    route({
      method: 'POST', url: '/api/v1/department-systems/deliveries/:id/retry', summary: '重新推送失败的事件', policy: policy.manage,
      params: IdParams, response: DeliveryView,
      handler: async ({ ctx, params }) => service.retryDelivery(ctx, params.id),
    }),
  ]);

  // The inbound API signs the body as sent: these routes keep it, in a context of their own.
  await app.register(async (inbound) => {
    inbound.removeContentTypeParser('application/json');
    inbound.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      req.rawBody = text;
      try {
        done(null, text === '' ? {} : JSON.parse(text));
      } catch {
        done(AppError.field('body', '请求体不是合法的 JSON'), undefined);
      }
    });
    // Before validation: a caller that cannot sign learns nothing, not even the body's shape.
    inbound.addHook('preValidation', async (req) => {
      const id = (req.params as { id?: unknown }).id;
      req.departmentCaller = await service.verifyInbound(req.ctx, typeof id === 'string' ? id : '', req.headers, req.rawBody ?? '');
    });
    const description = '部门自建系统以共享密钥签名调用：X-Tongban-Event-Id、X-Tongban-Timestamp、X-Tongban-Signature（hmac-sm3，对 `${timestamp}.${body}`）。见 docs/department-systems.md。';
    registerRoutes(inbound, 'department-systems', [
      route({
        method: 'POST', url: '/api/v1/department-systems/cases/:id/progress', summary: '部门系统回传办理进度（数据回流）', description, policy: policy.signed,
        params: InboundParams, body: DepartmentProgressBody, response: DepartmentReportAnswer,
        handler: async ({ ctx, params, body, req }) => service.reportProgress(ctx, callerOf(req), params.id, body),
      }),
      route({
        method: 'POST', url: '/api/v1/department-systems/cases/:id/result', summary: '部门系统回传办理结果（可办结）', description, policy: policy.signed,
        params: InboundParams, body: DepartmentResultBody, response: DepartmentReportAnswer,
        handler: async ({ ctx, params, body, req }) => service.reportResult(ctx, callerOf(req), params.id, body),
      }),
    ]);
  });
}
