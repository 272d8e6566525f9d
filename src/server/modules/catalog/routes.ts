import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  BasicCodeParams,
  CatalogSearchQuery,
  CatalogSearchResponse,
  CompareResponse,
  CreateImplementationBody,
  DiffResponse,
  ReviewBody,
  ReviewQueueItem,
  StartOperationBody,
  UpdateDraftBody,
  VersionView,
} from '../../../common/schemas/catalog-api.ts';
import { CatalogStatisticsQuery, CatalogStatisticsResponse } from '../../../common/schemas/catalog-stats.ts';
import {
  CreateLifeEventBody,
  LifeEventCodeParams,
  LifeEventDetail,
  LifeEventListQuery,
  LifeEventRegionQuery,
  LifeEventView,
  UpdateLifeEventBody,
} from '../../../common/schemas/life-events.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { catalogPolicy as policy } from './policy.ts';
import * as lifeEvents from './life-events.ts';
import * as service from './service.ts';
import { statistics } from './statistics.ts';

/** Register the catalog routes. */
export async function registerCatalog(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'catalog', [
    route({
      method: 'GET', url: '/api/v1/catalog/items', summary: '检索已发布事项（中文全文检索，按区划、部门、对象、主题、类型筛选）', policy: policy.read,
      query: CatalogSearchQuery, response: CatalogSearchResponse,
      handler: async ({ ctx, query }) => service.search(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/implementations/:id', summary: '实施清单现行版本的办事指南', policy: policy.read,
      params: IdParams, response: VersionView,
      handler: async ({ ctx, params }) => service.getCurrentGuide(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/implementations/:id/versions', summary: '实施清单的版本历史', policy: policy.read,
      params: IdParams, response: z.object({ items: z.array(VersionView) }),
      handler: async ({ ctx, params }) => ({ items: await service.listVersions(ctx, params.id) }),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/versions/:id', summary: '某一版本的办事指南（办件按申请时的版本显示）', policy: policy.read,
      params: IdParams, response: VersionView,
      handler: async ({ ctx, params }) => service.getVersion(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/versions/:id/diff', summary: '与上一发布版本逐字段比对', policy: policy.read,
      params: IdParams, response: DiffResponse,
      handler: async ({ ctx, params }) => service.diffVersion(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/implementations', summary: '新增实施清单（草稿，第1版）', policy: policy.edit,
      body: CreateImplementationBody, response: VersionView, status: 201,
      handler: async ({ ctx, body }) => service.createImplementation(ctx, body),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/implementations/:id/operations', summary: '发起变更或取消（生成新草稿）', policy: policy.edit,
      params: IdParams, body: StartOperationBody, response: VersionView, status: 201,
      handler: async ({ ctx, params, body }) => service.startOperation(ctx, params.id, body.operation, body.changeNote),
    }),
    route({
      method: 'PATCH', url: '/api/v1/catalog/versions/:id', summary: '修改草稿', policy: policy.edit,
      params: IdParams, body: UpdateDraftBody, response: VersionView,
      handler: async ({ ctx, params, body }) => service.updateDraft(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/versions/:id/submit', summary: '自动检查并提交审核', policy: policy.edit,
      params: IdParams, response: VersionView,
      handler: async ({ ctx, params }) => service.submitForReview(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/versions/:id/review', summary: '审核（另一名事项管理员）：通过即发布新版本', policy: policy.edit,
      params: IdParams, body: ReviewBody, response: VersionView,
      handler: async ({ ctx, params, body }) => service.review(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/review-queue', summary: '待审核的事项版本', policy: policy.edit,
      response: z.object({ items: z.array(ReviewQueueItem) }),
      handler: async ({ ctx }) => ({ items: await service.reviewQueue(ctx) }),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/compare/:basicCode', summary: '同一事项在各区县的实施比对', policy: policy.compare,
      params: BasicCodeParams, response: CompareResponse,
      handler: async ({ ctx, params }) => service.compare(ctx, params.basicCode),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/statistics', summary: '汇总统计与比对分析（按区划下钻、按部门、按类型、按网办深度）', policy: policy.statistics,
      query: CatalogStatisticsQuery, response: CatalogStatisticsResponse,
      handler: async ({ ctx, query }) => statistics(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/life-events', summary: '已发布的一件事（本区划及上级定义的）', policy: policy.read,
      query: LifeEventListQuery, response: z.object({ items: z.array(LifeEventView) }),
      handler: async ({ ctx, query }) => ({ items: await lifeEvents.listPublished(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/life-events/:code', summary: '一件事在某区县：各事项的实施清单、合并表单、合并材料、总时限', policy: policy.read,
      params: LifeEventCodeParams, query: LifeEventRegionQuery, response: LifeEventDetail,
      handler: async ({ ctx, params, query }) => lifeEvents.getResolved(ctx, params.code, query.region),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/admin/life-events', summary: '本区域的一件事（含草稿）', policy: policy.edit,
      response: z.object({ items: z.array(LifeEventView) }),
      handler: async ({ ctx }) => ({ items: await lifeEvents.listForAdmin(ctx) }),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/life-events', summary: '新建一件事（草稿）', policy: policy.edit,
      body: CreateLifeEventBody, response: LifeEventView, status: 201,
      handler: async ({ ctx, body }) => lifeEvents.create(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/catalog/life-events/:code', summary: '修改一件事（名称、对象、事项及顺序）', policy: policy.edit,
      params: LifeEventCodeParams, body: UpdateLifeEventBody, response: LifeEventView,
      handler: async ({ ctx, params, body }) => lifeEvents.update(ctx, params.code, body),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/life-events/:code/publish', summary: '发布一件事', policy: policy.edit,
      params: LifeEventCodeParams, response: LifeEventView,
      handler: async ({ ctx, params }) => lifeEvents.setPublished(ctx, params.code, true),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/life-events/:code/unpublish', summary: '撤回一件事（回到草稿）', policy: policy.edit,
      params: LifeEventCodeParams, response: LifeEventView,
      handler: async ({ ctx, params }) => lifeEvents.setPublished(ctx, params.code, false),
    }),
  ]);
}
