import { z } from 'zod';
import { IsoDate } from './calendar.ts';
import { PageQuery, RegionCode, pageOf } from './shared.ts';

/** 督办 statuses: 待回复 issued → 已回复 replied → 已办结 closed; 已升级 escalated is issued and overdue (again). */
export const ORDER_STATUSES = ['issued', 'replied', 'escalated', 'closed'] as const;
/** One order status. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What may be done to an order in each status (a 409 lists these). */
export const ORDER_ACTIONS: Record<OrderStatus, readonly ('reply' | 'accept' | 'return')[]> = {
  issued: ['reply'],
  escalated: ['reply'],
  replied: ['accept', 'return'],
  closed: [],
};

const Text = (what: string, min: number, max: number) =>
  z.string({ error: `请填写${what}` }).trim().min(min, `${what}不少于${min}个字`).max(max, `${what}不超过${max}个字`);

/** Issue an order (发起督办) on a case, optionally from one of its warnings. */
export const IssueOrderBody = z.object({
  caseId: z.uuid({ error: '请选择办件' }),
  /** The warning (预警) the order follows up, if any: it must be a warning of the same case. */
  warningId: z.uuid({ error: '预警编号不正确' }).optional(),
  /** 督办事由: why the body is ordered to act. */
  reason: Text('督办事由', 4, 500),
  /** 督办要求: what the body must do and report. */
  requirement: Text('督办要求', 4, 1000),
  /** 回复期限: the last day to reply (default: today + the order deadline in working days). Not in the past. */
  deadline: IsoDate.optional(),
});

/** The body's reply (回复): what it did. */
export const ReplyOrderBody = z.object({ reply: Text('回复内容', 4, 2000) });

/** Return a reply for more work (退回重办), with the supervisor's opinion and optionally a new deadline. */
export const ReturnOrderBody = z.object({
  opinion: Text('退回意见', 4, 1000),
  deadline: IsoDate.optional(),
});

/** Accept a reply and close the order (同意办结), with an optional remark. */
export const AcceptOrderBody = z.object({ opinion: z.string().trim().max(1000, '意见不超过1000个字').optional() });

/** A person on an order. */
const Person = z.object({ id: z.uuid(), name: z.string() });

/** An order as supervisors and the ordered body see it. */
export const OrderView = z.object({
  id: z.uuid(),
  /** Readable number: DB-<county>-<yyyymmdd>-<seq>. */
  number: z.string(),
  caseId: z.uuid(),
  caseNumber: z.string().nullable(),
  itemName: z.string(),
  caseState: z.string(),
  caseStateLabel: z.string(),
  warningId: z.uuid().nullable(),
  /** The ordered body: the case's department. */
  departmentId: z.uuid(),
  departmentName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  issuedBy: Person,
  reason: z.string(),
  requirement: z.string(),
  deadline: z.string(),
  status: z.enum(ORDER_STATUSES),
  /** Waiting for a reply and past its deadline. */
  overdue: z.boolean(),
  reply: z.string().nullable(),
  repliedBy: Person.nullable(),
  repliedAt: z.string().nullable(),
  /** The supervisor's last opinion (on return, or on closing). */
  reviewOpinion: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['reply', 'accept', 'return'])),
});
export type OrderView = z.infer<typeof OrderView>;

/** The case an order is about, without personal data: where it stands and who holds it. */
export const OrderCaseFacts = z.object({
  id: z.uuid(),
  caseNumber: z.string().nullable(),
  itemName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Open steps of the process and who holds them. */
  openTasks: z.array(z.object({ stepName: z.string(), role: z.string(), status: z.string(), assigneeName: z.string().nullable() })),
  /** Orders on this case that are not closed yet. */
  openOrders: z.number().int(),
});
export type OrderCaseFacts = z.infer<typeof OrderCaseFacts>;

/** One step of an order's history (from the audit log). */
export const OrderEvent = z.object({ action: z.string(), label: z.string(), at: z.string(), actorName: z.string().nullable(), note: z.string().nullable() });

/** One order with its case and history. */
export const OrderDetail = OrderView.extend({
  case: OrderCaseFacts,
  /** Who was told of the order when it was issued or escalated. */
  notified: z.array(Person),
  history: z.array(OrderEvent),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

/** Filter the supervisors' list. */
export const OrderListQuery = PageQuery.extend({
  /** A status, `open` (not closed) or `all`. */
  status: z.enum([...ORDER_STATUSES, 'open', 'all']).default('all'),
  /** true: only orders past their deadline without a reply. */
  overdue: z.stringbool().optional(),
  /** true: only orders escalated at least once. */
  escalated: z.stringbool().optional(),
  regionCode: RegionCode.optional(),
  departmentId: z.uuid().optional(),
  caseId: z.uuid().optional(),
});

/** Filter the ordered body's list. */
export const MyOrderListQuery = PageQuery.extend({ status: z.enum([...ORDER_STATUSES, 'open', 'all']).default('open') });

export const OrderPage = pageOf(OrderView);

/** Find a case to issue an order on, by its number. */
export const OrderCaseQuery = z.object({ number: z.string({ error: '请输入办件编号' }).trim().min(1, '请输入办件编号').max(40, '办件编号不正确') });
