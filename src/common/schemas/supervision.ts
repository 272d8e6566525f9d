import { z } from 'zod';
import { IsoDate } from './calendar.ts';
import { PageQuery, RegionCode, pageOf } from './shared.ts';

/** 监察点 codes. */
export const MONITORING_POINTS = [
  'acceptance_overdue', // 受理超时
  'processing_near_deadline', // 即将超期（黄灯）
  'processing_overdue', // 办理超期（红灯）
  'repeated_supplement', // 多次补正
  'material_beyond_guide', // 超出清单要求材料
  'suspended_too_long', // 特别程序时间过长
  'rejected_without_reason', // 不予受理/不予许可无理由
] as const;
/** One monitoring point. */
export type MonitoringPointCode = (typeof MONITORING_POINTS)[number];

/** Warning levels: 黄灯 yellow, 红灯 red. */
export const WARNING_LEVELS = ['yellow', 'red'] as const;
/** One warning level. */
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** What a monitoring point's threshold counts. */
export const POINT_UNITS: Record<MonitoringPointCode, 'working_days' | 'days' | 'times' | 'characters'> = {
  acceptance_overdue: 'working_days',
  processing_near_deadline: 'working_days',
  processing_overdue: 'days',
  repeated_supplement: 'times',
  material_beyond_guide: 'times',
  suspended_too_long: 'days',
  rejected_without_reason: 'characters',
};

/** A monitoring point with its configuration. */
export const MonitoringPointView = z.object({
  code: z.enum(MONITORING_POINTS),
  level: z.enum(WARNING_LEVELS),
  threshold: z.number().int(),
  unit: z.enum(['working_days', 'days', 'times', 'characters']),
  enabled: z.boolean(),
  updatedAt: z.string(),
  /** Open warnings of this point in the caller's scope. */
  open: z.number().int(),
});
export type MonitoringPointView = z.infer<typeof MonitoringPointView>;

/** Change of a monitoring point (level, threshold, on/off). */
export const UpdateMonitoringPointBody = z
  .object({
    level: z.enum(WARNING_LEVELS).optional(),
    threshold: z.number({ error: '阈值应为整数' }).int('阈值应为整数').min(0, '阈值不能为负').max(365, '阈值不能超过365').optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => b.level !== undefined || b.threshold !== undefined || b.enabled !== undefined, { message: '请至少修改一项：级别、阈值或启用', path: ['threshold'] });

export const PointParams = z.object({ code: z.enum(MONITORING_POINTS, { error: '没有这个监察点' }) });

/** A warning (预警) as supervisors and handlers see it. */
export const WarningView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string().nullable(),
  itemName: z.string(),
  caseState: z.string(),
  pointCode: z.enum(MONITORING_POINTS),
  level: z.enum(WARNING_LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  dueDate: z.string().nullable(),
  /** Readable facts of the condition: days left/over, supplement count, … */
  detail: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'resolved']),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  recipients: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type WarningView = z.infer<typeof WarningView>;

export const WarningListQuery = PageQuery.extend({
  level: z.enum(WARNING_LEVELS).optional(),
  point: z.enum(MONITORING_POINTS).optional(),
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  regionCode: RegionCode.optional(),
  departmentId: z.uuid().optional(),
});
export const WarningPage = pageOf(WarningView);
export const MyWarningsQuery = PageQuery.extend({ status: z.enum(['open', 'resolved', 'all']).default('open') });
export const ResolveWarningBody = z.object({ note: z.string({ error: '请填写核实处理情况' }).trim().min(2, '请填写核实处理情况').max(1000) });

/** What a scan did. */
export const ScanResult = z.object({ raised: z.number().int(), resolved: z.number().int(), open: z.number().int(), at: z.string() });
export type ScanResult = z.infer<typeof ScanResult>;

/** One cell line of the matrix monitoring point × region (or department). */
export const MatrixRow = z.object({ key: z.string(), name: z.string(), counts: z.record(z.string(), z.number().int()), total: z.number().int() });
export const WarningMatrix = z.object({ by: z.enum(['region', 'department']), rows: z.array(MatrixRow), totals: z.record(z.string(), z.number().int()) });
export type WarningMatrix = z.infer<typeof WarningMatrix>;
export const MatrixQuery = z.object({ by: z.enum(['region', 'department']).default('region'), regionCode: RegionCode.optional() });

/** The raw counts of a KPI group, summed from the daily statistics. */
export const KpiCounts = z.object({
  submitted: z.number().int(),
  online: z.number().int(),
  fullOnline: z.number().int(),
  completed: z.number().int(),
  instant: z.number().int(),
  early: z.number().int(),
  overdue: z.number().int(),
  visits: z.number().int(),
  materials: z.number().int(),
  materialsExempt: z.number().int(),
  ratings: z.number().int(),
  ratingSum: z.number().int(),
  goodRatings: z.number().int(),
  badRatings: z.number().int(),
});
export type KpiCounts = z.infer<typeof KpiCounts>;

/** The KPIs (fractions 0–1, null when nothing to divide by). */
export const KpiRates = z.object({
  /** 网办率: online applications / all applications. */
  onlineRate: z.number().nullable(),
  /** 全程网办率: online applications with no visit at all / all applications. */
  fullOnlineRate: z.number().nullable(),
  /** 即办率: completed the day of acceptance / completed. */
  instantRate: z.number().nullable(),
  /** 提前办结率: completed before the due date / completed. */
  earlyRate: z.number().nullable(),
  /** 超期率: completed after the due date / completed. */
  overdueRate: z.number().nullable(),
  /** 平均跑动次数: visits / applications. */
  avgVisits: z.number().nullable(),
  /** 免提交材料占比: materials satisfied by a license, shared data or a trusted material / all materials. */
  exemptShare: z.number().nullable(),
  /** 满意度 (好评率): ratings 3–5 / ratings. */
  satisfaction: z.number().nullable(),
  /** 平均评分 1–5. */
  avgRating: z.number().nullable(),
});
export type KpiRates = z.infer<typeof KpiRates>;

export const Kpi = z.object({ counts: KpiCounts, rates: KpiRates });
export type Kpi = z.infer<typeof Kpi>;

/** How a KPI report is broken down. */
export const KPI_GROUPS = ['region', 'department', 'item', 'month', 'day'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

export const KpiQuery = z
  .object({
    from: IsoDate.describe('First day of submission (inclusive)'),
    to: IsoDate.describe('Last day of submission (inclusive)'),
    regionCode: RegionCode.optional().describe('Within this region (default: the caller’s scope)'),
    departmentId: z.uuid().optional(),
    implementationId: z.uuid().optional(),
    groupBy: z.enum(KPI_GROUPS).default('region'),
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { message: '统计区间不能超过三年', path: ['to'] });

/** One line of a KPI report. `drill` is the region code to drill into (regions with children). */
export const KpiRow = Kpi.extend({ key: z.string(), name: z.string(), drill: z.string().nullable() });
export type KpiRow = z.infer<typeof KpiRow>;

export const KpiReport = z.object({
  from: z.string(),
  to: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  groupBy: z.enum(KPI_GROUPS),
  /** When the statistics were last refreshed. */
  asOf: z.string().nullable(),
  totals: Kpi,
  rows: z.array(KpiRow),
});
export type KpiReport = z.infer<typeof KpiReport>;

/** Live counts for the top of the dashboard (from the case tables, not the statistics). */
export const LiveOverview = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  at: z.string(),
  awaitingAcceptance: z.number().int(),
  inProcess: z.number().int(),
  suspended: z.number().int(),
  submittedToday: z.number().int(),
  completedToday: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  openOrders: z.number().int(),
  overdueOrders: z.number().int(),
  openComplaints: z.number().int(),
  openTickets: z.number().int(),
  overdueTickets: z.number().int(),
  /** Open warnings per monitoring point (top problems). */
  byPoint: z.record(z.string(), z.number().int()),
});
export type LiveOverview = z.infer<typeof LiveOverview>;
export const OverviewQuery = z.object({ regionCode: RegionCode.optional() });

/** Numeric settings (working days). */
export const SUPERVISION_SETTINGS = ['rectification_days', 'complaint_days', 'order_days', 'order_escalation_days'] as const;
export const SupervisionSettings = z.object({
  rectificationDays: z.number().int().min(1, '至少1个工作日').max(60, '不超过60个工作日'),
  complaintDays: z.number().int().min(1, '至少1个工作日').max(60, '不超过60个工作日'),
  orderDays: z.number().int().min(1, '至少1个工作日').max(60, '不超过60个工作日'),
  orderEscalationDays: z.number().int().min(1, '至少1个工作日').max(60, '不超过60个工作日'),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettings>;
export const UpdateSupervisionSettingsBody = SupervisionSettings.partial();
