import { z } from 'zod';
import { PageQuery, pageOf } from './shared.ts';

/** Case events a department system may subscribe to. */
export const DEPARTMENT_EVENTS = ['case.accepted', 'case.completed'] as const;
/** One subscribable case event. */
export type DepartmentEvent = (typeof DEPARTMENT_EVENTS)[number];

/** Delivery states of a webhook event. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** One delivery state. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const WebhookUrl = z
  .string()
  .max(2000)
  .refine((u) => URL.canParse(u) && ['http:', 'https:'].includes(new URL(u).protocol), { message: '应为 http:// 或 https:// 开头的地址' });

/** Register a department's own system (部门自建系统). */
export const CreateDepartmentSystemBody = z.object({
  /** The department whose accepted cases the system receives. */
  departmentId: z.uuid(),
  /** A name staff recognise, e.g. 市场监管局审批系统. */
  name: z.string().trim().min(1).max(100),
  /** Where events are POSTed. */
  webhookUrl: WebhookUrl,
  /** Events sent to it. */
  events: z.array(z.enum(DEPARTMENT_EVENTS)).min(1).default(['case.accepted']),
  /** Inactive systems receive nothing and may not report back. */
  active: z.boolean().default(true),
});

/** Edit a registration (the secret changes only by rotation). */
export const UpdateDepartmentSystemBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  webhookUrl: WebhookUrl.optional(),
  events: z.array(z.enum(DEPARTMENT_EVENTS)).min(1).optional(),
  active: z.boolean().optional(),
});

/** A registration as a system admin sees it: never the secret. */
export const DepartmentSystemView = z.object({
  id: z.uuid(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  name: z.string(),
  webhookUrl: z.string(),
  events: z.array(z.enum(DEPARTMENT_EVENTS)),
  active: z.boolean(),
  /** When the current secret was issued. */
  secretRotatedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** All registrations. */
export const DepartmentSystemList = z.object({ items: z.array(DepartmentSystemView) });

/** A registration with its shared secret, returned once: on creation and on rotation. */
export const DepartmentSystemWithSecret = DepartmentSystemView.extend({
  /** The HMAC secret; shown only in this answer, store it in the department system now. */
  secret: z.string(),
});

/** One webhook event and how its delivery went. */
export const DeliveryView = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string().nullable(),
  event: z.string(),
  /** The idempotency key the receiver dedupes by. */
  eventId: z.uuid(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  /** HTTP status of the last attempt (null: no answer, e.g. a timeout). */
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

/** Query of a system's deliveries. */
export const DeliveryListQuery = PageQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional() });

/** A page of deliveries, newest first. */
export const DeliveryPage = pageOf(DeliveryView);

/** Progress reported by a department system (数据回流: 办理进度). */
export const DepartmentProgressBody = z.object({
  /** What is happening, in the department's words (e.g. 现场核查中). */
  status: z.string().trim().min(1).max(200),
  /** The department's own step name. */
  step: z.string().trim().max(100).optional(),
  /** The handler's opinion. */
  opinion: z.string().trim().max(2000).optional(),
  /** When it happened in the department system (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
});

/** The result reported by a department system (数据回流: 办理结果); it may complete the case. */
export const DepartmentResultBody = z.object({
  outcome: z.enum(['approved', 'denied']),
  /** Number of the decision or license the department issued. */
  documentNumber: z.string().trim().min(1).max(100),
  note: z.string().trim().max(2000).optional(),
});

/** What the platform recorded for an inbound report. */
export const DepartmentReportAnswer = z.object({
  caseId: z.uuid(),
  /** The case's state after the report. */
  state: z.string(),
  /** Sequence number of the timeline entry written. */
  seq: z.number().int(),
});
