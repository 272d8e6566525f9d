/** Roles of the platform (角色). */
export const ROLES = [
  'applicant', // 申请人
  'window_clerk', // 综合窗口人员
  'approver', // 审批人员
  'catalog_admin', // 事项管理员 (审改办)
  'data_admin', // 数据管理员 (大数据中心)
  'supervisor', // 监管人员 (效能办)
  'system_admin', // 系统管理员
] as const;
/** One role. */
export type Role = (typeof ROLES)[number];

/** Staff roles (everything but applicant). */
/** A role held by staff. */
export type StaffRole = Exclude<Role, 'applicant'>;
export const STAFF_ROLES = ROLES.filter((r) => r !== 'applicant') as StaffRole[];

/** Account kinds: 自然人 citizen, 法人 enterprise, 工作人员 staff. */
export const ACCOUNT_KINDS = ['citizen', 'enterprise', 'staff'] as const;
/** One account kind. */
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Account statuses. */
export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled', 'deregistered'] as const;
/** One account status. */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * Real-name levels (实名等级): L1 self-declared, L2 verified against a bound phone or the population
 * library, L3 verified in person at a window.
 */
export const REAL_NAME_LEVELS = [1, 2, 3] as const;
/** One real-name level. */
export type RealNameLevel = (typeof REAL_NAME_LEVELS)[number];

/** Region levels: 1 省 province, 2 市 city, 3 县/区 county, 4 乡镇/街道 town, 5 村/社区 village. */
export const REGION_LEVELS = [1, 2, 3, 4, 5] as const;
/** One region level. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Department levels (部门层级). */
export const DEPARTMENT_LEVELS = ['city', 'county', 'town'] as const;
/** One department level. */
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];

/** Window kinds: 综合窗口 integrated, 专业窗口 specialised, 自助 self-service. */
export const WINDOW_KINDS = ['integrated', 'specialised', 'self_service'] as const;
/** One window kind. */
export type WindowKind = (typeof WINDOW_KINDS)[number];
