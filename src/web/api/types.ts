/**
 * Response and request types of the API, inferred from the shared zod schemas so that the web app and
 * the server cannot drift apart. Only types are imported: the schemas themselves load with the forms.
 */
import type { z } from 'zod';
import type {
  AccountView as AccountViewSchema,
  ChangePasswordBody as ChangePasswordBodySchema,
  CreateStaffBody as CreateStaffBodySchema,
  DeregisterBody as DeregisterBodySchema,
  LoginBody as LoginBodySchema,
  MeResponse as MeResponseSchema,
  RegisterBody as RegisterBodySchema,
  StaffView as StaffViewSchema,
  UpdateProfileBody as UpdateProfileBodySchema,
  UpdateStaffBody as UpdateStaffBodySchema,
} from '../../common/schemas/identity.ts';
import type {
  CreateDepartmentBody as CreateDepartmentBodySchema,
  CreateRegionBody as CreateRegionBodySchema,
  CreateWindowBody as CreateWindowBodySchema,
  DepartmentView as DepartmentViewSchema,
  OrgStatsResponse as OrgStatsResponseSchema,
  RegionDetail as RegionDetailSchema,
  RegionView as RegionViewSchema,
  UpdateDepartmentBody as UpdateDepartmentBodySchema,
  UpdateRegionBody as UpdateRegionBodySchema,
  UpdateWindowBody as UpdateWindowBodySchema,
  WindowView as WindowViewSchema,
} from '../../common/schemas/org.ts';

export type AccountView = z.infer<typeof AccountViewSchema>;
export type MeResponse = z.infer<typeof MeResponseSchema>;
export type StaffView = z.infer<typeof StaffViewSchema>;
export type RegionView = z.infer<typeof RegionViewSchema>;
export type RegionDetail = z.infer<typeof RegionDetailSchema>;
export type DepartmentView = z.infer<typeof DepartmentViewSchema>;
export type WindowView = z.infer<typeof WindowViewSchema>;
export type OrgStats = z.infer<typeof OrgStatsResponseSchema>;
export type OrgStatsRow = OrgStats['items'][number];

// Request bodies are what the client sends, i.e. the schemas' output after trimming and upper-casing.
export type LoginBody = z.output<typeof LoginBodySchema>;
export type RegisterBody = z.output<typeof RegisterBodySchema>;
export type UpdateProfileBody = z.output<typeof UpdateProfileBodySchema>;
export type ChangePasswordBody = z.output<typeof ChangePasswordBodySchema>;
export type DeregisterBody = z.output<typeof DeregisterBodySchema>;
export type CreateStaffBody = z.output<typeof CreateStaffBodySchema>;
export type UpdateStaffBody = z.output<typeof UpdateStaffBodySchema>;
export type CreateRegionBody = z.output<typeof CreateRegionBodySchema>;
export type UpdateRegionBody = z.output<typeof UpdateRegionBodySchema>;
export type CreateDepartmentBody = z.output<typeof CreateDepartmentBodySchema>;
export type UpdateDepartmentBody = z.output<typeof UpdateDepartmentBodySchema>;
export type CreateWindowBody = z.output<typeof CreateWindowBodySchema>;
export type UpdateWindowBody = z.output<typeof UpdateWindowBodySchema>;

/** A page of rows, as every paged list answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The answer of list endpoints that are not paged. */
export interface Items<T> {
  items: T[];
}

/** The plain acknowledgement. */
export interface Ok {
  ok: true;
}
