import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountListQuery, CreateStaffBody, StaffView, UpdateStaffBody } from '../../../common/schemas/identity.ts';
import {
  CreateDepartmentBody,
  CreateRegionBody,
  CreateWindowBody,
  DepartmentListQuery,
  DepartmentView,
  OrgStatsQuery,
  OrgStatsResponse,
  RegionCodeParams,
  RegionDetail,
  RegionListQuery,
  RegionView,
  UpdateDepartmentBody,
  UpdateRegionBody,
  UpdateWindowBody,
  WindowListQuery,
  WindowView,
} from '../../../common/schemas/org.ts';
import { IdParams, OkResponse, pageOf } from '../../../common/schemas/shared.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { orgPolicy as policy } from './policy.ts';
import * as service from './service.ts';

const StaffListQuery = AccountListQuery.omit({ kind: true });

/** Register the org routes. */
export async function registerOrg(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'org', [
    route({
      method: 'GET', url: '/api/v1/org/regions', summary: '行政区划：下级列表或按名称搜索', policy: policy.readDirectory,
      query: RegionListQuery, response: z.object({ items: z.array(RegionView) }),
      handler: async ({ ctx, query }) => ({ items: await service.listRegions(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/org/regions/:code', summary: '行政区划详情（含上级路径）', policy: policy.readDirectory,
      params: RegionCodeParams, response: RegionDetail,
      handler: async ({ ctx, params }) => service.regionDetail(ctx, params.code),
    }),
    route({
      method: 'POST', url: '/api/v1/org/regions', summary: '新增下级区划', policy: policy.editDirectory,
      body: CreateRegionBody, response: RegionDetail, status: 201,
      handler: async ({ ctx, body }) => service.createRegion(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/org/regions/:code', summary: '修改区划名称', policy: policy.editDirectory,
      params: RegionCodeParams, body: UpdateRegionBody, response: RegionDetail,
      handler: async ({ ctx, params, body }) => service.renameRegion(ctx, params.code, body.name),
    }),
    route({
      method: 'GET', url: '/api/v1/org/departments', summary: '部门列表（区划子树）', policy: policy.readDirectory,
      query: DepartmentListQuery, response: z.object({ items: z.array(DepartmentView) }),
      handler: async ({ ctx, query }) => ({ items: await service.listDepartments(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/org/departments/:id', summary: '部门详情', policy: policy.readDirectory,
      params: IdParams, response: DepartmentView,
      handler: async ({ ctx, params }) => service.departmentView(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/org/departments', summary: '新增部门', policy: policy.editDirectory,
      body: CreateDepartmentBody, response: DepartmentView, status: 201,
      handler: async ({ ctx, body }) => service.createDepartment(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/org/departments/:id', summary: '修改部门', policy: policy.editDirectory,
      params: IdParams, body: UpdateDepartmentBody, response: DepartmentView,
      handler: async ({ ctx, params, body }) => service.updateDepartment(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/v1/org/windows', summary: '服务窗口列表', policy: policy.readDirectory,
      query: WindowListQuery, response: z.object({ items: z.array(WindowView) }),
      handler: async ({ ctx, query }) => ({ items: await service.listWindows(ctx, query) }),
    }),
    route({
      method: 'POST', url: '/api/v1/org/windows', summary: '新增窗口', policy: policy.editDirectory,
      body: CreateWindowBody, response: WindowView, status: 201,
      handler: async ({ ctx, body }) => service.createWindow(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/org/windows/:id', summary: '修改窗口', policy: policy.editDirectory,
      params: IdParams, body: UpdateWindowBody, response: WindowView,
      handler: async ({ ctx, params, body }) => service.updateWindow(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/v1/org/staff', summary: '工作人员列表（数据权限范围内）', policy: policy.readStaff,
      query: StaffListQuery, response: pageOf(StaffView),
      handler: async ({ ctx, query }) => ({ ...(await service.listStaff(ctx, { ...query, kind: 'staff' })), page: query.page, pageSize: query.pageSize }),
    }),
    route({
      method: 'GET', url: '/api/v1/org/staff/:id', summary: '工作人员详情', policy: policy.readStaff,
      params: IdParams, response: StaffView,
      handler: async ({ ctx, params }) => service.getStaff(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/org/staff', summary: '新增工作人员（账号、角色、部门、区划、窗口）', policy: policy.editStaff,
      body: CreateStaffBody, response: StaffView, status: 201,
      handler: async ({ ctx, body }) => service.createStaff(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/org/staff/:id', summary: '修改工作人员（角色、部门、区划、状态）', policy: policy.editStaff,
      params: IdParams, body: UpdateStaffBody, response: StaffView,
      handler: async ({ ctx, params, body }) => service.updateStaff(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/v1/org/staff/:id/unlock', summary: '解除账号锁定', policy: policy.editStaff,
      params: IdParams, response: OkResponse,
      handler: async ({ ctx, params }) => {
        await service.unlockStaff(ctx, params.id);
        return { ok: true as const };
      },
    }),
    route({
      method: 'GET', url: '/api/v1/org/stats', summary: '组织概览：各下级区划的部门、窗口、人员、注册用户数', policy: policy.readStats,
      query: OrgStatsQuery, response: OrgStatsResponse,
      handler: async ({ ctx, query }) => service.orgStats(ctx, query.regionCode),
    }),
  ]);
}
