import type { FastifyInstance } from 'fastify';
import {
  AnswerComplaintBody,
  ComplaintListQuery,
  ComplaintPage,
  ComplaintView,
  CreateComplaintBody,
  MyComplaintQuery,
  RateComplaintBody,
  ReopenComplaintBody,
} from '../../../common/schemas/complaints.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import type { Policy } from '../../platform/guard.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import * as complaints from './complaints.ts';
import { supervisionPolicy as policy } from './policy.ts';

/** Department staff handle their department's complaints; supervisors every one in their region (and those routed to them). */
const handle: Policy = { roles: [...policy.handler.roles, ...policy.supervise.roles] };

/** Register the complaint (投诉) routes: the complainant's in the portal, the handlers' in the workbench and dashboards. */
export function registerComplaintRoutes(app: FastifyInstance): void {
  registerRoutes(app, 'supervision', [
    // --- the complainant (portal) ---
    route({
      method: 'POST', url: '/api/v1/complaints', summary: '提交投诉（针对本人办件或服务窗口）', policy: policy.applicant, status: 201,
      description: 'Exactly one of caseId (one of the caller\'s own cases) or windowId. Routed to the case\'s or the window\'s department; a 综合窗口 without a department goes to the supervisors of its region. Due date = today + the complaint deadline (working days).',
      body: CreateComplaintBody, response: ComplaintView,
      handler: async ({ ctx, body }) => complaints.submitComplaint(ctx, body),
    }),
    route({
      method: 'GET', url: '/api/v1/complaints', summary: '我的投诉', policy: policy.applicant,
      query: MyComplaintQuery, response: ComplaintPage,
      handler: async ({ ctx, query }) => complaints.myComplaints(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/complaints/:id', summary: '我的一件投诉（含答复）', policy: policy.applicant,
      params: IdParams, response: ComplaintView,
      handler: async ({ ctx, params }) => complaints.getComplaint(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/complaints/:id/rating', summary: '评价投诉答复（1–5，办结）', policy: policy.applicant,
      params: IdParams, body: RateComplaintBody, response: ComplaintView,
      handler: async ({ ctx, params, body }) => complaints.rateComplaint(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/complaints/:id/reopen', summary: '对答复不满意，申请重新处理（一次）', policy: policy.applicant,
      params: IdParams, body: ReopenComplaintBody, response: ComplaintView,
      handler: async ({ ctx, params, body }) => complaints.reopenComplaint(ctx, params.id, body),
    }),
    // --- the handlers (workbench: their department; dashboards: supervisors) ---
    route({
      method: 'GET', url: '/api/v1/supervision/complaints', summary: '投诉处理列表（监管人员：辖区内；工作人员：本部门）', policy: handle,
      query: ComplaintListQuery, response: ComplaintPage,
      handler: async ({ ctx, query }) => complaints.listComplaints(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/complaints/:id', summary: '一件投诉', policy: handle,
      params: IdParams, response: ComplaintView,
      handler: async ({ ctx, params }) => complaints.getComplaint(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/complaints/:id/take', summary: '受理投诉（成为处理人）', policy: handle,
      params: IdParams, response: ComplaintView,
      handler: async ({ ctx, params }) => complaints.takeComplaint(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/complaints/:id/answer', summary: '答复投诉（通知投诉人）', policy: handle,
      params: IdParams, body: AnswerComplaintBody, response: ComplaintView,
      handler: async ({ ctx, params, body }) => complaints.answerComplaint(ctx, params.id, body),
    }),
  ]);
}
