import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AcceptBody,
  AcceptWithDeficiencyBody,
  ApproveBody,
  CaseListItem,
  CaseListQuery,
  CaseView,
  CreateCaseBody,
  DelegateBody,
  DeliverBody,
  DenyBody,
  EndSpecialBody,
  FulfilPromiseBody,
  MyCasesQuery,
  NotAcceptBody,
  ReturnBody,
  StartSpecialBody,
  SupplementBody,
  SupplementRequestBody,
  TaskParams,
  TimelineEvent,
  UpdateCaseDraftBody,
  VersionParams,
  WithdrawBody,
} from '../../../common/schemas/cases.ts';
import { IdParams, pageOf } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { toBpmn } from './bpmn.ts';
import { casesPolicy as policy } from './policy.ts';
import * as service from './service.ts';

const IDEMPOTENCY = '请求头 Idempotency-Key（8–100位，每个账号内唯一）：重试时使用同一个值，返回第一次的结果，不会生成第二个办件。';

/** Register the case routes (办件). */
export async function registerCases(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'cases', [
    route({
      method: 'POST', url: '/api/v1/cases', summary: '申请：保存草稿，或直接提交（网上由申请人，窗口由工作人员代为申请）', description: IDEMPOTENCY, policy: policy.apply,
      body: CreateCaseBody, response: CaseView, status: 201,
      handler: async ({ ctx, body, req, reply }) => {
        const key = service.parseIdempotencyKey(req.headers['idempotency-key'], body.submit);
        const answer = await service.createCase(ctx, body, key);
        if (answer.replayed) void reply.header('idempotent-replayed', 'true');
        return answer.body;
      },
    }),
    route({
      method: 'GET', url: '/api/v1/cases', summary: '工作台队列：待受理、待补正、我的待办、可签收、被退回、临近超期、已超期', policy: policy.workbench,
      query: CaseListQuery, response: pageOf(CaseListItem),
      handler: async ({ ctx, query }) => service.listQueue(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/cases/mine', summary: '我的办件', policy: policy.mine,
      query: MyCasesQuery, response: pageOf(CaseListItem),
      handler: async ({ ctx, query }) => service.myCases(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/cases/:id', summary: '办件详情（按申请时的事项版本显示；工作人员查阅记入审计）', policy: policy.read,
      params: IdParams, response: CaseView,
      handler: async ({ ctx, params }) => service.getCase(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/cases/:id/timeline', summary: '办件过程记录', policy: policy.read,
      params: IdParams, response: z.object({ items: z.array(TimelineEvent) }),
      handler: async ({ ctx, params }) => ({ items: await service.timeline(ctx, params.id) }),
    }),
    route({
      method: 'PATCH', url: '/api/v1/cases/:id', summary: '保存草稿', policy: policy.apply,
      params: IdParams, body: UpdateCaseDraftBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.updateDraft(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/submit', summary: '提交草稿', description: IDEMPOTENCY, policy: policy.apply,
      params: IdParams, response: CaseView,
      handler: async ({ ctx, params, req, reply }) => {
        const key = service.parseIdempotencyKey(req.headers['idempotency-key'], true) ?? '';
        const answer = await service.submitDraft(ctx, params.id, key);
        if (answer.replayed) void reply.header('idempotent-replayed', 'true');
        return answer.body;
      },
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/withdraw', summary: '撤回申请（受理前）', policy: policy.applicantAction,
      params: IdParams, body: WithdrawBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.withdraw(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/accept', summary: '受理（出具受理回执，开始计时）', policy: policy.window,
      params: IdParams, body: AcceptBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.accept(ctx, params.id, body, false),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/accept-with-deficiency', summary: '容缺受理（凭书面承诺）', policy: policy.window,
      params: IdParams, body: AcceptWithDeficiencyBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.accept(ctx, params.id, body, true),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/not-accept', summary: '不予受理（说明理由，出具通知书）', policy: policy.window,
      params: IdParams, body: NotAcceptBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.notAccept(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/supplement-request', summary: '一次性告知补正（列明全部需补正材料，暂停计时）', policy: policy.window,
      params: IdParams, body: SupplementRequestBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.requestSupplement(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/supplement', summary: '补正材料', policy: policy.applicantAction,
      params: IdParams, body: SupplementBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.supplement(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/promised-materials', summary: '补交容缺受理时承诺的材料', policy: policy.applicantAction,
      params: IdParams, body: FulfilPromiseBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.fulfilPromise(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/tasks/:taskId/claim', summary: '签收任务', policy: policy.task,
      params: TaskParams, response: CaseView,
      handler: async ({ ctx, params }) => service.taskAction(ctx, params.id, params.taskId, { action: 'claim' }),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/tasks/:taskId/approve', summary: '审核通过（会签环节全部通过后进入下一环节；最后环节通过即办结）', policy: policy.task,
      params: TaskParams, body: ApproveBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.taskAction(ctx, params.id, params.taskId, { action: 'approve', body }),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/tasks/:taskId/deny', summary: '不予许可（说明理由）', policy: policy.task,
      params: TaskParams, body: DenyBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.taskAction(ctx, params.id, params.taskId, { action: 'deny', body }),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/tasks/:taskId/return', summary: '退回到之前的环节（说明理由）', policy: policy.task,
      params: TaskParams, body: ReturnBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.taskAction(ctx, params.id, params.taskId, { action: 'return', body }),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/tasks/:taskId/delegate', summary: '转办给本部门同事', policy: policy.task,
      params: TaskParams, body: DelegateBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.taskAction(ctx, params.id, params.taskId, { action: 'delegate', body }),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/special-procedure/start', summary: '启动特别程序（暂停计时）', policy: policy.special,
      params: IdParams, body: StartSpecialBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.startSpecialProcedure(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/special-procedure/end', summary: '结束特别程序（恢复计时）', policy: policy.special,
      params: IdParams, body: EndSpecialBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.endSpecialProcedure(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/cases/:id/deliver', summary: '送达结果（窗口领取、邮寄、网上）', policy: policy.window,
      params: IdParams, body: DeliverBody, response: CaseView,
      handler: async ({ ctx, params, body }) => service.deliver(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/v1/cases/process-definitions/:versionId/bpmn', summary: '事项版本的办理流程（BPMN 2.0 XML）', policy: policy.processDefinition,
      description: '并行审批（会签）导出为并行网关。', params: VersionParams, response: z.string(),
      handler: async ({ ctx, params, reply }) => {
        const { version } = await service.processDefinition(ctx, params.versionId);
        void reply.type('application/xml; charset=utf-8');
        return toBpmn(`Process_${version.id.replaceAll('-', '_')}`, `${version.guide.name}（第${version.version}版）`, version.guide.processSteps);
      },
    }),
  ]);
}
