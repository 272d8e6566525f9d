import { z } from 'zod';
import { DEPARTMENT_LEVELS, WINDOW_KINDS } from '../enums.ts';
import { CreditCode } from './identity.ts';
import { Name, RegionCode } from './shared.ts';

/** A region (行政区划). */
export const RegionView = z.object({
  code: RegionCode,
  name: z.string(),
  level: z.number().int().describe('1 province … 5 village'),
  parentCode: RegionCode.nullable(),
  childCount: z.number().int(),
});

/** A region with its ancestors (for breadcrumbs). */
export const RegionDetail = RegionView.extend({ path: z.array(RegionView.pick({ code: true, name: true, level: true })) });

/** Query children of a region, or search by name. */
export const RegionListQuery = z.object({
  parent: RegionCode.optional().describe('List the children of this region (default: the top regions)'),
  q: z.string().trim().min(1).max(30).optional().describe('Search by name (limited to 50 matches)'),
});

/** Rename a region (e.g. after an official name change). */
export const UpdateRegionBody = z.object({ name: Name });

/** Add a region below a parent (e.g. a newly established community). */
export const CreateRegionBody = z.object({
  code: RegionCode,
  name: Name,
  parentCode: RegionCode,
});

/** A department (部门). */
export const DepartmentView = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  creditCode: z.string().nullable().describe('Unified social credit code of the body'),
  level: z.enum(DEPARTMENT_LEVELS),
  regionCode: RegionCode,
  regionName: z.string(),
  parentId: z.uuid().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
  staffCount: z.number().int(),
  /** 部门负责人: a staff member of the department (told of warnings, 督办 and complaints; escalations go to them). */
  headAccountId: z.uuid().nullable(),
  headName: z.string().nullable(),
});

/** Create a department. */
export const CreateDepartmentBody = z.object({
  name: Name,
  shortName: z.string().trim().max(30).optional(),
  creditCode: CreditCode.optional(),
  level: z.enum(DEPARTMENT_LEVELS),
  regionCode: RegionCode,
  parentId: z.uuid().nullable().optional(),
  phone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(200).optional(),
  /** 部门负责人: an active staff account of this department, or null for none (a new department has no staff yet). */
  headAccountId: z.uuid({ error: '负责人应为工作人员账号' }).nullable().optional(),
});

/** Change a department. */
export const UpdateDepartmentBody = CreateDepartmentBody.omit({ regionCode: true, level: true })
  .partial()
  .extend({
    active: z.boolean().optional().describe('false: deactivate (refused while staff remain, unless reassignStaffTo names where they go)'),
    reassignStaffTo: z.uuid().optional().describe('With active: false — move every staff member to this department (their data scope follows)'),
  });

/** Filter departments. */
export const DepartmentListQuery = z.object({
  regionCode: RegionCode.optional().describe('Departments in this region subtree'),
  q: z.string().trim().max(30).optional(),
  includeInactive: z.stringbool().optional().describe('true: also list inactive departments'),
});

/** A service window (窗口). */
export const WindowView = z.object({
  id: z.uuid(),
  name: z.string(),
  number: z.string().describe('Window number shown in the hall, e.g. A05'),
  kind: z.enum(WINDOW_KINDS),
  hall: z.string().describe('Service hall (政务服务中心) name'),
  regionCode: RegionCode,
  regionName: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
});

/** Create a window. */
export const CreateWindowBody = z.object({
  name: Name,
  number: z.string().trim().regex(/^[A-Z]?\d{1,3}$/, '窗口号形如 A05 或 12'),
  kind: z.enum(WINDOW_KINDS),
  hall: Name,
  regionCode: RegionCode,
  departmentId: z.uuid().nullable().optional(),
});

/** Change a window. */
export const UpdateWindowBody = CreateWindowBody.omit({ regionCode: true }).partial().extend({ active: z.boolean().optional() });

/** Filter windows. */
export const WindowListQuery = z.object({
  regionCode: RegionCode.optional(),
  departmentId: z.uuid().optional(),
});

/** Counters of one region in the organisation overview. */
const OrgCounters = z.object({
  departments: z.number().int(),
  windows: z.number().int(),
  staff: z.number().int(),
  citizens: z.number().int().describe('Citizen accounts whose ID number was issued in the region'),
  enterprises: z.number().int().describe('Enterprise accounts registered in the region'),
});

/** Organisation overview: one row per child region, and totals (including the region's own bodies). */
export const OrgStatsResponse = z.object({
  region: z.object({ code: RegionCode, name: z.string(), level: z.number().int() }),
  items: z.array(OrgCounters.extend({ regionCode: RegionCode, regionName: z.string() })),
  totals: OrgCounters,
});

/** Query for the overview. */
export const OrgStatsQuery = z.object({ regionCode: RegionCode.optional().describe('Default: the caller’s scope region, else 南平市') });

/** Path parameter: a region code. */
export const RegionCodeParams = z.object({ code: RegionCode });
