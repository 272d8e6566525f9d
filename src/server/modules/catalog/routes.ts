import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  BaseImplementations,
  BasicCodeParams,
  CatalogSearchQuery,
  CatalogSearchResponse,
  CompareResponse,
  CreateImplementationBody,
  DiffResponse,
  DraftListItem,
  DraftListQuery,
  ReviewBody,
  ReviewQueueItem,
  StartOperationBody,
  UpdateDraftBody,
  VersionView,
} from '../../../common/schemas/catalog-api.ts';
import { CatalogExportQuery, CatalogImportQuery, ImportAccepted, ImportJobView } from '../../../common/schemas/catalog-import.ts';
import { LIMITS } from '../../../common/limits.ts';
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
import { XLSX_MIME } from './xlsx-file.ts';
import * as xlsx from './xlsx-service.ts';
import { statistics } from './statistics.ts';

/** Register the catalog routes. */
export async function registerCatalog(app: FastifyInstance): Promise<void> {
  // An xlsx upload arrives as raw bytes; the import route checks that it really is a workbook.
  app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: LIMITS.catalogImportMaxBytes }, (_req, body, done) => done(null, body));
  // Import jobs run after their 202; closing the app waits for them so none is cut off half-way.
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });
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
      method: 'GET', url: '/api/v1/catalog/base-items/:basicCode/implementations', summary: '同一事项在各区划的实施清单（选择办理地）', policy: policy.read,
      params: BasicCodeParams, response: BaseImplementations,
      handler: async ({ ctx, params }) => service.implementationsOfBase(ctx, params.basicCode),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/implementations', summary: '新增实施清单（草稿，第1版）', policy: policy.edit,
      body: CreateImplementationBody, response: VersionView, status: 201,
      handler: async ({ ctx, body }) => service.createImplementation(ctx, body),
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/implementations/:id/operations', summary: '发起变更、取消、下放或整合（生成新草稿，经另一名管理员审核后生效）', policy: policy.edit,
      params: IdParams, body: StartOperationBody, response: VersionView, status: 201,
      handler: async ({ ctx, params, body }) => service.startOperation(ctx, params.id, body),
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
      method: 'DELETE', url: '/api/v1/catalog/versions/:id', summary: '放弃草稿（未发布的新增事项一并删除）', policy: policy.edit,
      params: IdParams, response: z.void(), status: 204,
      handler: async ({ ctx, params }) => service.abandonDraft(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/drafts', summary: '本辖区未完成的草稿与待审核版本', policy: policy.edit,
      query: DraftListQuery, response: z.object({ items: z.array(DraftListItem) }),
      handler: async ({ ctx, query }) => ({ items: await service.listDrafts(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/review-queue', summary: '待审核的事项版本', policy: policy.edit,
      response: z.object({ items: z.array(ReviewQueueItem) }),
      handler: async ({ ctx }) => ({ items: await service.reviewQueue(ctx) }),
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/export.xlsx', summary: '导出已发布事项为 xlsx（事项清单、申请材料、办理流程、收费、设定依据、特别程序）', policy: policy.xlsx,
      description: '按区划（默认本账号辖区）、部门、关键词筛选。每个事项带导出时的版本号，导入时据此发现已过期的导出。',
      query: CatalogExportQuery, response: z.custom<Buffer>(), file: { contentType: XLSX_MIME },
      handler: async ({ ctx, query, reply }) => {
        const out = await xlsx.exportWorkbook(ctx, query);
        void reply.header('content-disposition', `attachment; filename="catalog-export.xlsx"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
        void reply.header('cache-control', 'no-store');
        return out.body;
      },
    }),
    route({
      method: 'POST', url: '/api/v1/catalog/imports', summary: '导入 xlsx：先校验全部行，无错误时一次性生成变更草稿（202，轮询任务）', policy: policy.xlsx,
      description: `请求体为 xlsx 文件本身（Content-Type: ${XLSX_MIME}，不超过 ${LIMITS.catalogImportMaxBytes / 1024 / 1024} MB）。不是 xlsx、缺少工作表或表头时答 400。`,
      query: CatalogImportQuery, response: ImportAccepted, status: 202, bodyLimit: LIMITS.catalogImportMaxBytes,
      handler: async ({ ctx, query, req }) => {
        const job = await xlsx.startImport(ctx, req.body, query.fileName ?? null);
        running.add(job.done);
        void job.done.finally(() => running.delete(job.done));
        return { id: job.id };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/catalog/imports/:id', summary: '导入任务的进度、逐行错误和生成的草稿', policy: policy.xlsx,
      params: IdParams, response: ImportJobView,
      handler: async ({ ctx, params }) => xlsx.getImport(ctx, params.id),
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
