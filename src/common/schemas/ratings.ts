import { z } from 'zod';
import { IsoDate } from './calendar.ts';
import { PageQuery, RegionCode, pageOf } from './shared.ts';

/** 好差评 levels: 1 非常不满意 … 5 非常满意; 1–2 is a bad rating (差评). */
export const RATING_LEVELS = [1, 2, 3, 4, 5] as const;
/** The highest level that counts as a bad rating. */
export const BAD_RATING_MAX = 2;

/** Dimensions of an online rating (网上办事). */
export const ONLINE_DIMENSIONS = ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability'] as const;
/** Dimensions of a hall rating (政务服务大厅 / 窗口). */
export const HALL_DIMENSIONS = ['overall', 'efficiency', 'standard', 'attitude'] as const;
/** Every rating dimension. */
export const RATING_DIMENSIONS = ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability', 'standard', 'attitude'] as const;
/** One rating dimension. */
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];

/** Causes an applicant may tick (most frequent first, per the national rules). */
export const RATING_CAUSES = ['overdue', 'beyond_guide', 'attitude', 'repeated_visits', 'other'] as const;
/** One cause. */
export type RatingCause = (typeof RATING_CAUSES)[number];

/** Channels of a rating: online (portal) or hall (window, 评价器). */
export const RATING_CHANNELS = ['online', 'hall'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

/** Statuses of a rectification ticket (整改工单). */
export const TICKET_STATUSES = ['verifying', 'rectifying', 'replying', 'reviewing', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Actions on a ticket; the flow says which are allowed in each status. */
export const TICKET_ACTIONS = ['verify', 'rectify', 'reply', 'review'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const Level = z.number({ error: '请选择1至5星' }).int('请选择1至5星').min(1, '请选择1至5星').max(5, '请选择1至5星');

/**
 * A rating as sent: the dimensions of its channel (the server names a missing one, or one of the
 * other channel), optional causes and a comment.
 */
export const RateCaseBody = z.object({
  /** The finished case rated. */
  caseId: z.uuid({ error: '办件编号无效' }),
  /** For the applicant in the portal: which dimensions (default: the case's channel). */
  channel: z.enum(RATING_CHANNELS).optional(),
  /** 总体评价. */
  overall: Level.optional(),
  /** 办事效率. */
  efficiency: Level.optional(),
  /** 办事指南准确性 (online). */
  guideAccuracy: Level.optional(),
  /** 办事便捷程度 (online). */
  convenience: Level.optional(),
  /** 平台易用性 (online). */
  usability: Level.optional(),
  /** 服务规范 (hall). */
  standard: Level.optional(),
  /** 服务态度 (hall). */
  attitude: Level.optional(),
  /** Why (差评原因). */
  causes: z.array(z.enum(RATING_CAUSES, { error: '没有这个原因' })).max(RATING_CAUSES.length).default([]),
  /** Free text. */
  comment: z.string().trim().max(500, '评价内容不超过500字').optional(),
});
export type RateCaseBody = z.infer<typeof RateCaseBody>;

/** A stored rating. */
export const RatingView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  channel: z.enum(RATING_CHANNELS),
  /** Rated by the account holder (the applicant) rather than entered for them. */
  realName: z.boolean(),
  overall: z.number().int(),
  efficiency: z.number().int(),
  guideAccuracy: z.number().int().nullable(),
  convenience: z.number().int().nullable(),
  usability: z.number().int().nullable(),
  standard: z.number().int().nullable(),
  attitude: z.number().int().nullable(),
  causes: z.array(z.enum(RATING_CAUSES)),
  comment: z.string().nullable(),
  bad: z.boolean(),
  createdAt: z.string(),
});
export type RatingView = z.infer<typeof RatingView>;

/** One step on a ticket's timeline. */
export const TicketStep = z.object({
  action: z.enum(['open', 'verify', 'rectify', 'reply', 'approve', 'return']),
  at: z.string(),
  actorName: z.string().nullable(),
  /** The text of the step: verification, rectification, reply or review opinion. */
  text: z.string().nullable(),
  substantiated: z.boolean().nullable(),
});
export type TicketStep = z.infer<typeof TicketStep>;

/** A ticket in a list. */
export const TicketListItem = z.object({
  id: z.uuid(),
  number: z.string(),
  caseId: z.uuid(),
  caseNumber: z.string().nullable(),
  itemName: z.string(),
  regionCode: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  status: z.enum(TICKET_STATUSES),
  allowedActions: z.array(z.enum(TICKET_ACTIONS)),
  overall: z.number().int(),
  dueDate: z.string(),
  /** Not closed and past its due date (Asia/Shanghai). */
  overdue: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type TicketListItem = z.infer<typeof TicketListItem>;

/** One ticket with its rating and its history. */
export const TicketDetail = TicketListItem.extend({
  /** The applicant's name, masked (张*平). */
  applicantName: z.string(),
  rating: RatingView,
  substantiated: z.boolean().nullable(),
  verification: z.string().nullable(),
  rectification: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  reviewOpinion: z.string().nullable(),
  timeline: z.array(TicketStep),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketListQuery = PageQuery.extend({
  status: z.enum([...TICKET_STATUSES, 'open', 'all']).default('all').describe('open = every status but closed'),
  overdue: z.enum(['true', 'false']).optional().describe('true: only overdue tickets'),
  regionCode: RegionCode.optional(),
  departmentId: z.uuid().optional(),
});
export const TicketPage = pageOf(TicketListItem);

/** 核实: is the bad rating substantiated, and what was found. */
export const VerifyTicketBody = z.object({
  substantiated: z.boolean({ error: '请选择差评是否属实' }),
  verification: z.string({ error: '请填写核实情况' }).trim().min(1, '请填写核实情况').max(2000),
});
/** 整改: what was done. */
export const RectifyTicketBody = z.object({ rectification: z.string({ error: '请填写整改情况' }).trim().min(1, '请填写整改情况').max(2000) });
/** 回复: the answer sent to the applicant. */
export const ReplyTicketBody = z.object({ reply: z.string({ error: '请填写给申请人的答复' }).trim().min(1, '请填写给申请人的答复').max(2000) });
/** 复核: approve (closed) or return with an opinion. */
export const ReviewTicketBody = z
  .object({
    decision: z.enum(['approve', 'return'], { error: '请选择通过或退回' }),
    opinion: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.decision !== 'return' || (b.opinion ?? '') !== '', { message: '退回须填写复核意见', path: ['opinion'] });

/** What the applicant sees of the rating of their case: the rating and, for a bad one, its ticket. */
export const MyCaseRating = z.object({
  caseId: z.uuid(),
  /** The case may be rated now (finished, not yet rated). */
  canRate: z.boolean(),
  /** Dimensions the applicant rates by default (the case's channel). */
  channel: z.enum(RATING_CHANNELS),
  rating: RatingView.nullable(),
  ticket: z
    .object({ number: z.string(), status: z.enum(TICKET_STATUSES), dueDate: z.string(), reply: z.string().nullable(), repliedAt: z.string().nullable(), closedAt: z.string().nullable() })
    .nullable(),
});
export type MyCaseRating = z.infer<typeof MyCaseRating>;

/** The rating of a case as the staff of its department see it (窗口评价). */
export const StaffCaseRating = z.object({ caseId: z.uuid(), canRate: z.boolean(), channel: z.enum(RATING_CHANNELS), rating: RatingView.nullable(), ticketId: z.uuid().nullable() });
export type StaffCaseRating = z.infer<typeof StaffCaseRating>;

export const CaseIdParams = z.object({ caseId: z.uuid({ error: '办件编号无效' }) });

/** 好差评公示: the period and region. */
export const PublicRatingQuery = z
  .object({
    regionCode: RegionCode.optional().describe('Region (default: the city)'),
    from: IsoDate.optional().describe('First day (default: a year before `to`)'),
    to: IsoDate.optional().describe('Last day (default: today)'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] });

/** One department's ratings over the period; no personal data. */
export const PublicDepartmentStats = z.object({
  departmentId: z.uuid(),
  departmentName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  ratings: z.number().int(),
  /** Average overall level (1–5), null without ratings. */
  average: z.number().nullable(),
  /** Count of each overall level 1–5 (index 0 = level 1). */
  levels: z.array(z.number().int()).length(5),
  /** Share (0–1) of each level 1–5. */
  levelShares: z.array(z.number()).length(5),
  bad: z.number().int(),
  /** Share of ratings 3–5 (满意率). */
  satisfaction: z.number().nullable(),
  tickets: z.number().int(),
  closed: z.number().int(),
  /** Closed tickets / tickets (整改办结率). */
  closedShare: z.number().nullable(),
});
export type PublicDepartmentStats = z.infer<typeof PublicDepartmentStats>;

export const PublicRatingStats = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  totals: PublicDepartmentStats.omit({ departmentId: true, departmentName: true, regionCode: true, regionName: true }),
  departments: z.array(PublicDepartmentStats),
});
export type PublicRatingStats = z.infer<typeof PublicRatingStats>;
