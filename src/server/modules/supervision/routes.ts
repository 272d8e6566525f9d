import type { FastifyInstance } from 'fastify';
import { registerRatingRoutes } from './ratings-routes.ts';
import { registerComplaintRoutes } from './complaints-routes.ts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  KpiQuery,
  KpiReport,
  LiveOverview,
  MatrixQuery,
  MonitoringPointView,
  MyWarningsQuery,
  OverviewQuery,
  PointParams,
  ResolveWarningBody,
  ScanResult,
  SupervisionSettings,
  UpdateMonitoringPointBody,
  UpdateSupervisionSettingsBody,
  WarningListQuery,
  WarningMatrix,
  WarningPage,
  WarningView,
} from '../../../common/schemas/supervision.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { XLSX_MIME } from '../catalog/xlsx-file.ts';
import * as monitoring from './monitoring.ts';
import { supervisionPolicy as policy } from './policy.ts';
import * as settings from './settings.ts';
import * as stats from './stats.ts';
import { kpiWorkbook, matrixWorkbook } from './xlsx.ts';
import { registerOrderRoutes } from './orders-routes.ts';

function xlsxReply(reply: FastifyReply, fileName: string, body: Buffer): Buffer {
  void reply.header('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  void reply.header('cache-control', 'no-store');
  return body;
}

/**
 * Register the supervision routes. Each part of the module (monitoring, KPIs, ratings, orders,
 * complaints) registers its own list under the same tag.
 */
export async function registerSupervision(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'supervision', [
    route({
      method: 'GET', url: '/api/v1/supervision/settings', summary: '监管期限设置（工作日）', policy: policy.supervise,
      response: SupervisionSettings,
      handler: async ({ ctx }) => settings.getSettings(ctx),
    }),
    route({
      method: 'PATCH', url: '/api/v1/supervision/settings', summary: '修改监管期限设置（市级）', policy: policy.configure,
      body: UpdateSupervisionSettingsBody, response: SupervisionSettings,
      handler: async ({ ctx, body }) => settings.updateSettings(ctx, body),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/points', summary: '监察点及其阈值（含本辖区未解除预警数）', policy: policy.supervise,
      response: z.object({ items: z.array(MonitoringPointView) }),
      handler: async ({ ctx }) => monitoring.listPoints(ctx),
    }),
    route({
      method: 'PATCH', url: '/api/v1/supervision/points/:code', summary: '修改监察点的级别、阈值或启用（市级）', policy: policy.configure,
      params: PointParams, body: UpdateMonitoringPointBody, response: MonitoringPointView,
      handler: async ({ ctx, params, body }) => monitoring.updatePoint(ctx, params.code, body),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/scan', summary: '立即扫描全部监察点（定时任务每 10 分钟扫描一次）', policy: policy.supervise,
      response: ScanResult,
      handler: async ({ ctx }) => monitoring.scan(ctx),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/warnings', summary: '预警列表（本辖区，红灯与临近时限在前）', policy: policy.supervise,
      query: WarningListQuery, response: WarningPage,
      handler: async ({ ctx, query }) => monitoring.listWarnings(ctx, query),
    }),
    route({
      method: 'POST', url: '/api/v1/supervision/warnings/:id/resolve', summary: '核实处理并解除预警（不再就同一办件同一监察点预警）', policy: policy.supervise,
      params: IdParams, body: ResolveWarningBody, response: WarningView,
      handler: async ({ ctx, params, body }) => monitoring.resolveWarning(ctx, params.id, body.note),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/warnings/matrix', summary: '监察点 × 区划（或部门）预警矩阵', policy: policy.supervise,
      query: MatrixQuery, response: WarningMatrix,
      handler: async ({ ctx, query }) => monitoring.warningMatrix(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/warnings/matrix.xlsx', summary: '导出预警矩阵为 xlsx', policy: policy.supervise,
      query: MatrixQuery, response: z.custom<Buffer>(), file: { contentType: XLSX_MIME },
      handler: async ({ ctx, query, reply }) => {
        const m = await monitoring.warningMatrix(ctx, query);
        const region = await stats.liveOverview(ctx, { regionCode: query.regionCode });
        return xlsxReply(reply, `预警矩阵-${region.regionName}.xlsx`, await matrixWorkbook(m, region.regionName));
      },
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/my-warnings', summary: '我的预警（办件承办人与部门负责人收到的预警）', policy: policy.handler,
      query: MyWarningsQuery, response: WarningPage,
      handler: async ({ ctx, query }) => monitoring.myWarnings(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/overview', summary: '实时概况：在办、待受理、红黄灯、督办、投诉、整改', policy: policy.supervise,
      query: OverviewQuery, response: LiveOverview,
      handler: async ({ ctx, query }) => stats.liveOverview(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/kpis', summary: '统计指标（预聚合，按区划/部门/事项/月/日分组，可逐级下钻）', policy: policy.supervise,
      description: '网办率、全程网办率、即办率、提前办结率、超期率、平均跑动次数、免提交材料占比、满意度。按申请日期统计，数据来自每 5 分钟刷新的日汇总表。',
      query: KpiQuery, response: KpiReport,
      handler: async ({ ctx, query }) => stats.kpiReport(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/supervision/kpis.xlsx', summary: '导出统计指标为 xlsx', policy: policy.supervise,
      query: KpiQuery, response: z.custom<Buffer>(), file: { contentType: XLSX_MIME },
      handler: async ({ ctx, query, reply }) => {
        const r = await stats.kpiReport(ctx, query);
        return xlsxReply(reply, `统计指标-${r.regionName}-${r.from}-${r.to}.xlsx`, await kpiWorkbook(r));
      },
    }),
  ]);
  // Parts of the module register below (one line each).
  registerOrderRoutes(app);
  registerRatingRoutes(app);
  registerComplaintRoutes(app);
}
