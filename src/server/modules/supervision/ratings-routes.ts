import type { FastifyInstance } from 'fastify';
import {
  CaseIdParams,
  MyCaseRating,
  PublicRatingQuery,
  PublicRatingStats,
  RateCaseBody,
  RectifyTicketBody,
  ReplyTicketBody,
  ReviewTicketBody,
  StaffCaseRating,
  TicketDetail,
  TicketListQuery,
  TicketPage,
  VerifyTicketBody,
} from '../../../common/schemas/ratings.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import type { Policy } from '../../platform/guard.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { supervisionPolicy as policy } from './policy.ts';
import * as ratings from './ratings.ts';

/** One ticket is read by the staff of its department and by the supervisors of its region (checked per ticket). */
const ticketReaders = { roles: [...policy.handler.roles, ...policy.supervise.roles] } as const satisfies Policy;

/** Register the 好差评 and 整改工单 routes. */
export function registerRatingRoutes(app: FastifyInstance): void {
  registerRoutes(app, 'supervision', [
    route({
      method: 'POST', url: '/api/v1/supervision/ratings', summary: '申请人评价已办结的办件（好差评）', policy: policy.applicant,
      description: 'Once per case, after it is finished (completed, delivered, denied, not accepted). Online cases: overall, efficiency, guideAccuracy, convenience, usability; window cases: overall, efficiency, standard, attitude. Overall 1–2 opens a rectification ticket.',
      body: RateCaseBody, response: MyCaseRating, status: 201,
      handler: async ({ ctx, body }) => ratings.rateCase(ctx, body, false),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/ratings/hall', summary: '窗口代录评价（评价器）', policy: policy.hallRating,
      description: 'A window clerk of the case’s scope enters the applicant’s hall rating (window cases only).',
      body: RateCaseBody, response: MyCaseRating, status: 201,
      handler: async ({ ctx, body }) => ratings.rateCase(ctx, body, true),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/ratings/mine/:caseId', summary: '我的办件评价及差评整改进度', policy: policy.applicant,
      params: CaseIdParams, response: MyCaseRating,
      handler: async ({ ctx, params }) => ratings.myCaseRating(ctx, params.caseId),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/ratings/case/:caseId', summary: '办件的评价（工作人员）', policy: policy.handler,
      params: CaseIdParams, response: StaffCaseRating,
      handler: async ({ ctx, params }) => ratings.staffCaseRating(ctx, params.caseId),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/ratings/public', summary: '好差评公示（各部门评价统计）', policy: policy.public,
      query: PublicRatingQuery, response: PublicRatingStats,
      handler: async ({ ctx, query }) => ratings.publicStats(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/tickets', summary: '差评整改工单（监管，本辖区）', policy: policy.supervise,
      query: TicketListQuery, response: TicketPage,
      handler: async ({ ctx, query }) => ratings.supervisorTickets(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/tickets/department', summary: '本部门的差评整改工单', policy: policy.handler,
      query: TicketListQuery, response: TicketPage,
      handler: async ({ ctx, query }) => ratings.departmentTickets(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/tickets/:id', summary: '整改工单详情（评价、办件、处理过程）', policy: ticketReaders,
      params: IdParams, response: TicketDetail,
      handler: async ({ ctx, params }) => ratings.getTicket(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/tickets/:id/verify', summary: '核实差评', policy: policy.handler,
      params: IdParams, body: VerifyTicketBody, response: TicketDetail,
      handler: async ({ ctx, params, body }) => ratings.ticketStep(ctx, params.id, { action: 'verify', body }),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/tickets/:id/rectify', summary: '填报整改情况', policy: policy.handler,
      params: IdParams, body: RectifyTicketBody, response: TicketDetail,
      handler: async ({ ctx, params, body }) => ratings.ticketStep(ctx, params.id, { action: 'rectify', rectification: body.rectification }),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/tickets/:id/reply', summary: '答复申请人', policy: policy.handler,
      params: IdParams, body: ReplyTicketBody, response: TicketDetail,
      handler: async ({ ctx, params, body }) => ratings.ticketStep(ctx, params.id, { action: 'reply', reply: body.reply }),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/tickets/:id/review', summary: '复核整改（通过办结或退回）', policy: policy.supervise,
      params: IdParams, body: ReviewTicketBody, response: TicketDetail,
      handler: async ({ ctx, params, body }) => ratings.ticketStep(ctx, params.id, { action: 'review', body }),
    }),
  ]);
}
