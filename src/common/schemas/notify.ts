import { z } from 'zod';
import { PageQuery, pageOf } from './shared.ts';

/** Outbound channels besides the in-app message centre. */
export const NOTIFY_CHANNELS = ['sms', 'email'] as const;
/** One outbound channel. */
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Delivery states of an outbound message. */
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
/** One delivery state. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An in-app notification (站内消息). */
export const NotificationView = z.object({
  id: z.uuid(),
  /** What it is about, dotted (e.g. case.accepted); the UI may pick an icon by it. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** In-app path to open (e.g. /account/cases/…), or null. */
  link: z.string().nullable(),
  /** When the recipient read it; null while unread. */
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Query of the caller's notifications. */
export const NotificationListQuery = PageQuery.extend({
  /** Only unread ones. */
  unreadOnly: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

/** A page of the caller's notifications with the unread count (for the bell). */
export const NotificationPage = pageOf(NotificationView).extend({
  /** Unread notifications in total (not only on this page). */
  unread: z.number().int(),
});

/** How many notifications a read-all marked. */
export const ReadAllResponse = z.object({ updated: z.number().int() });

/** An outbound message as a system admin sees it: the address masked. */
export const OutboxView = z.object({
  id: z.uuid(),
  channel: z.enum(NOTIFY_CHANNELS),
  /** Phone number or e-mail address, masked (138****5678, z***@example.cn). */
  recipientMasked: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  /** Delivery attempts so far. */
  attempts: z.number().int(),
  /** The last failure, if any. */
  lastError: z.string().nullable(),
  /** The adapter that sent (or tried to). */
  adapter: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** Outbox filter and paging. */
export const OutboxListQuery = PageQuery.extend({
  channel: z.enum(NOTIFY_CHANNELS).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
});

/** A page of the outbox. */
export const OutboxPage = pageOf(OutboxView);
