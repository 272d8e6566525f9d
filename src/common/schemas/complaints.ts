import { z } from 'zod';
import { PageQuery, RegionCode, pageOf } from './shared.ts';

/** What a complaint (投诉) is about. */
export const COMPLAINT_CATEGORIES = [
  'timeliness', // 办理超时
  'beyond_guide', // 要求清单外材料
  'attitude', // 服务态度
  'standard', // 服务不规范
  'other', // 其他
] as const;
/** One complaint category. */
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** Lifecycle: submitted (待受理) → handling (处理中) → answered (已答复) → closed (已评价办结); a bad rating may reopen once. */
export const COMPLAINT_STATUSES = ['submitted', 'handling', 'answered', 'closed'] as const;
/** One complaint status. */
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Actions on a complaint, as listed in `allowedActions` and in a 409. */
export const COMPLAINT_ACTIONS = ['take', 'answer', 'rate', 'reopen'] as const;
/** One complaint action. */
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** Content length bounds (characters). */
export const COMPLAINT_CONTENT_MIN = 10;
export const COMPLAINT_CONTENT_MAX = 2000;

/** A complaint from the portal: about one of my cases, or about a window (exactly one of the two). */
export const CreateComplaintBody = z
  .object({
    /** The case complained about (one of the applicant's own). */
    caseId: z.uuid('办件编号无效').optional(),
    /** The window complained about (服务窗口). */
    windowId: z.uuid('窗口编号无效').optional(),
    category: z.enum(COMPLAINT_CATEGORIES, { error: '请选择投诉类别' }),
    /** What happened (10–2000 characters). */
    content: z
      .string({ error: '请填写投诉内容' })
      .trim()
      .min(COMPLAINT_CONTENT_MIN, `投诉内容至少${COMPLAINT_CONTENT_MIN}个字`)
      .max(COMPLAINT_CONTENT_MAX, `投诉内容不超过${COMPLAINT_CONTENT_MAX}个字`),
  })
  .refine((b) => (b.caseId === undefined) !== (b.windowId === undefined), {
    message: '请选择投诉的办件或窗口（二选一）',
    path: ['caseId'],
  });

/** The answer of the handling body (答复). */
export const AnswerComplaintBody = z.object({
  answer: z.string({ error: '请填写答复内容' }).trim().min(5, '答复内容至少5个字').max(COMPLAINT_CONTENT_MAX, `答复内容不超过${COMPLAINT_CONTENT_MAX}个字`),
});

/** The complainant's rating of the answer: 1 非常不满意 … 5 非常满意; a comment is required for 1–2. */
export const RateComplaintBody = z
  .object({
    satisfaction: z.number({ error: '请选择满意程度' }).int('满意程度应为1–5的整数').min(1, '满意程度应为1–5').max(5, '满意程度应为1–5'),
    comment: z.string().trim().max(500, '评价意见不超过500个字').optional(),
  })
  .refine((b) => b.satisfaction > 2 || (b.comment ?? '').length >= 2, { message: '不满意时请写明原因', path: ['comment'] });

/** Reopen after a bad rating (once): why the answer did not settle it. */
export const ReopenComplaintBody = z.object({
  reason: z.string({ error: '请说明重新处理的理由' }).trim().min(5, '理由至少5个字').max(500, '理由不超过500个字'),
});

/** One earlier round of a reopened complaint. */
export const ComplaintRound = z.object({
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  handlerName: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  satisfactionComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
});

/** A complaint as its complainant, the handling staff and supervisors see it. */
export const ComplaintView = z.object({
  id: z.uuid(),
  /** TS-350703-20261202-0001 */
  number: z.string(),
  category: z.enum(COMPLAINT_CATEGORIES),
  content: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  /** The complainant's display name (staff and supervisors only; null for the complainant's own view). */
  complainantName: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  windowId: z.uuid().nullable(),
  /** e.g. 建阳区政务服务中心 A03 综合受理窗口 */
  windowName: z.string().nullable(),
  /** The body it was routed to; null: the region's supervisors (综合窗口 without a department). */
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  handlerId: z.uuid().nullable(),
  handlerName: z.string().nullable(),
  takenAt: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** Last day (Asia/Shanghai) for the answer: submission + the complaint deadline in working days. */
  dueDate: z.string(),
  /** Not answered yet and past its due date. */
  overdue: z.boolean(),
  satisfaction: z.number().int().nullable(),
  satisfactionComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  reopenReason: z.string().nullable(),
  /** Earlier rounds (before a reopening), oldest first. */
  history: z.array(ComplaintRound),
  /** What the caller may do now. */
  allowedActions: z.array(z.enum(COMPLAINT_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;
export const ComplaintPage = pageOf(ComplaintView);

/** The complainant's own complaints. */
export const MyComplaintQuery = PageQuery.extend({ caseId: z.uuid().optional().describe('Only the complaints about this case') });

/** Staff and supervisors: the complaints in their scope (staff: their department's). */
export const ComplaintListQuery = PageQuery.extend({
  status: z.enum([...COMPLAINT_STATUSES, 'open', 'all'], { error: '状态无效' }).default('open').describe('open = submitted or handling'),
  category: z.enum(COMPLAINT_CATEGORIES, { error: '类别无效' }).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only the overdue ones'),
  regionCode: RegionCode.optional(),
  departmentId: z.uuid().optional(),
  /** Complaint number or content contains. */
  q: z.string().trim().max(50).optional(),
});
