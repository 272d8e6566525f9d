import type { z } from 'zod';
import type { NotificationListQuery, NotificationView, NotifyChannel, OutboxListQuery, OutboxView } from '../../../common/schemas/notify.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, withTransaction, type Ctx } from '../../platform/context.ts';
import { maskPhone } from '../../../common/identifiers.ts';
import { AppError } from '../../platform/errors.ts';
import { defineJob, enqueue } from '../../platform/jobs.ts';
import { contactOf, pii } from '../identity/service.ts';
import { channelAdapter } from './channels.ts';
import * as repo from './repo.ts';

/** What another module asks to tell an account. */
export interface NotifyInput {
  accountId: string;
  /** Dotted kind, e.g. case.supplement-requested. */
  kind: string;
  title: string;
  body: string;
  /** In-app path to open. */
  link?: string | null;
  /** Outbound channels besides the in-app message (default: none). */
  channels?: NotifyChannel[];
}

/** What notify created: the in-app notification and one outbox row per channel the account can be reached on. */
export interface NotifyResult {
  notificationId: string;
  outboxIds: string[];
  /** Channels asked for that the account has no address for. */
  unreachable: NotifyChannel[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Mask an e-mail address for listings (zhang.san@example.cn → z***@example.cn). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * Deliver one outbox row through its channel's adapter. Retried with backoff by the queue; the row
 * records every attempt and ends 'failed' after the last one. A row already sent is not sent again.
 */
export const sendOutboundJob = defineJob<{ outboxId: string }>(
  'notify.send',
  async (ctx, { outboxId }, attempt) => {
    const row = await repo.findOutbox(ctx.db, outboxId);
    if (!row || row.status === 'sent') return;
    const adapter = channelAdapter(row.channel);
    try {
      const body = row.body_enc ? pii(ctx).decrypt(row.body_enc) : row.body;
      await adapter.send(ctx, { outboxId, channel: row.channel, to: pii(ctx).decrypt(row.recipient_enc), subject: row.subject, body });
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      await repo.recordAttempt(ctx.db, outboxId, { status: attempt.isLastAttempt ? 'failed' : 'pending', adapter: adapter.name, error: message });
      throw e;
    }
    await repo.recordAttempt(ctx.db, outboxId, { status: 'sent', adapter: adapter.name, error: null });
  },
  // Five attempts over roughly a quarter of an hour (30 s base, doubling, with jitter).
  { retryLimit: 4, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
);

/**
 * Tell an account something: an in-app notification, plus an SMS and/or e-mail through the outbox
 * and the job queue. Joins the caller's transaction, so the messages exist if and only if the change
 * they announce does; delivery starts after commit.
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<NotifyResult> {
  return withTransaction(ctx, async (tx) => {
    const notificationId = await repo.insertNotification(tx.db, {
      recipient: input.accountId, kind: input.kind, title: input.title, body: input.body, link: input.link ?? null,
    });
    const outboxIds: string[] = [];
    const unreachable: NotifyChannel[] = [];
    const channels = [...new Set(input.channels ?? [])];
    const contact = channels.length > 0 ? await contactOf(tx, input.accountId) : null;
    for (const channel of channels) {
      const address =
        channel === 'sms'
          ? contact?.phoneEnc && contact.phoneMasked ? { enc: contact.phoneEnc, masked: contact.phoneMasked } : null
          : contact?.email ? { enc: pii(ctx).encrypt(contact.email), masked: maskEmail(contact.email) } : null;
      if (!address) {
        unreachable.push(channel);
        continue;
      }
      // An SMS has no subject line: the title leads the text.
      const body = channel === 'sms' ? `【通办】${input.title}：${input.body}` : input.body;
      const outboxId = await repo.insertOutbox(tx.db, {
        channel, recipientEnc: address.enc, recipientMasked: address.masked, subject: channel === 'sms' ? '' : input.title, body, notificationId,
      });
      await enqueue(tx, sendOutboundJob, { outboxId });
      outboxIds.push(outboxId);
    }
    await audit(tx, {
      action: 'notify.notification.create', entityType: 'notification', entityId: notificationId, subjectAccountId: input.accountId,
      after: { kind: input.kind, title: input.title, channels: channels.filter((c) => !unreachable.includes(c)) },
    });
    return { notificationId, outboxIds, unreachable };
  });
}

/** A message to an address given in clear rather than an account's bound one. */
export interface DirectMessageInput {
  channel: NotifyChannel;
  /** Phone number or e-mail address in clear (stored encrypted, listed masked). */
  to: string;
  /** Dotted kind, e.g. identity.otp.login (recorded in the audit log). */
  kind: string;
  title: string;
  body: string;
  /**
   * A secret inside the body (a one-time code): the text to deliver is then stored encrypted, and the
   * outbox shows the body with the secret masked, so no administrator reads it.
   */
  secret?: string;
  /** The account the message concerns, if any (the audit subject). */
  accountId?: string | null;
}

/**
 * Send one SMS or e-mail to an explicit address — a number being bound to an account, the old
 * number told of a change, a login code — through the outbox and the job queue, with no in-app
 * notification. Joins the caller's transaction; delivery starts after commit. Returns the outbox id.
 */
export async function sendToAddress(ctx: Ctx, input: DirectMessageInput): Promise<string> {
  return withTransaction(ctx, async (tx) => {
    const c = pii(tx);
    const text = input.channel === 'sms' ? `【通办】${input.title}：${input.body}` : input.body;
    const masked = input.secret ? text.split(input.secret).join('*'.repeat(input.secret.length)) : text;
    const recipientMasked = input.channel === 'sms' ? maskPhone(input.to) : maskEmail(input.to);
    const outboxId = await repo.insertOutbox(tx.db, {
      channel: input.channel, recipientEnc: c.encrypt(input.to), recipientMasked, subject: input.channel === 'sms' ? '' : input.title,
      body: masked, bodyEnc: input.secret ? c.encrypt(text) : null, notificationId: null,
    });
    await enqueue(tx, sendOutboundJob, { outboxId });
    await audit(tx, {
      action: 'notify.outbound.create', entityType: 'outbox', entityId: outboxId, subjectAccountId: input.accountId ?? null,
      after: { kind: input.kind, channel: input.channel, to: recipientMasked },
    });
    return outboxId;
  });
}

function me(ctx: Ctx): string {
  const id = actorAccountId(ctx);
  if (!id) throw new AppError('UNAUTHENTICATED', '请先登录');
  return id;
}

/** Present a notification. */
export function presentNotification(n: repo.NotificationRow): z.input<typeof NotificationView> {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: iso(n.read_at), createdAt: iso(n.created_at) ?? '' };
}

/** The caller's notifications, newest first, with the unread count. */
export async function myNotifications(ctx: Ctx, q: z.output<typeof NotificationListQuery>) {
  const r = await repo.listNotifications(ctx.db, me(ctx), q);
  return { items: r.items.map(presentNotification), total: r.total, unread: r.unread, page: q.page, pageSize: q.pageSize };
}

/** Mark one of the caller's notifications read (someone else's is 404). */
export async function markRead(ctx: Ctx, id: string): Promise<void> {
  const account = me(ctx);
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.markRead(tx.db, account, id))) throw AppError.notFound('消息', id);
    await audit(tx, { action: 'notify.notification.read', entityType: 'notification', entityId: id, subjectAccountId: account });
  });
}

/** Mark all of the caller's notifications read; returns how many changed. */
export async function markAllRead(ctx: Ctx): Promise<number> {
  const account = me(ctx);
  return withTransaction(ctx, async (tx) => {
    const updated = await repo.markAllRead(tx.db, account);
    if (updated > 0) await audit(tx, { action: 'notify.notification.read-all', entityType: 'account', entityId: account, subjectAccountId: account, after: { updated } });
    return updated;
  });
}

/** Present an outbox row: never the address in clear. */
export function presentOutbox(o: repo.OutboxRow): z.input<typeof OutboxView> {
  return {
    id: o.id, channel: o.channel, recipientMasked: o.recipient_masked, subject: o.subject, body: o.body, status: o.status,
    attempts: o.attempts, lastError: o.last_error, adapter: o.adapter, createdAt: iso(o.created_at) ?? '', sentAt: iso(o.sent_at),
  };
}

/** A page of the outbox (system admins). */
export async function listOutbox(ctx: Ctx, q: z.output<typeof OutboxListQuery>) {
  const r = await repo.listOutbox(ctx.db, q);
  return { items: r.items.map(presentOutbox), total: r.total, page: q.page, pageSize: q.pageSize };
}
