import { sql } from 'drizzle-orm';
import type { NotifyChannel, OutboxStatus } from '../../../common/schemas/notify.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A notification row. */
export interface NotificationRow {
  id: string;
  recipient_account_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: Date | string | null;
  created_at: Date | string;
}

/** An outbox row. */
export interface OutboxRow {
  id: string;
  channel: NotifyChannel;
  recipient_enc: string;
  recipient_masked: string;
  subject: string;
  body: string;
  /** The text to deliver, encrypted, when `body` is a masked copy (a message carrying a one-time code). */
  body_enc: string | null;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  adapter: string | null;
  notification_id: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
}

/** Insert a notification; returns its id. */
export async function insertNotification(db: Db, n: { recipient: string; kind: string; title: string; body: string; link: string | null }): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into notifications (recipient_account_id, kind, title, body, link)
    values (${n.recipient}, ${n.kind}, ${n.title}, ${n.body}, ${n.link}) returning id`);
  if (!r) throw new Error('insert into notifications returned no row');
  return r.id;
}

/** A page of one account's notifications, newest first, with totals. */
export async function listNotifications(db: Db, recipient: string, q: { unreadOnly: boolean; page: number; pageSize: number }) {
  const where = sql`recipient_account_id = ${recipient}${q.unreadOnly ? sql` and read_at is null` : sql``}`;
  const items = await rows<NotificationRow>(db, sql`select * from notifications where ${where}
    order by created_at desc, id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const counts = await firstRow<{ total: number; unread: number }>(db, sql`select
      (select count(*)::int from notifications where ${where}) as total,
      (select count(*)::int from notifications where recipient_account_id = ${recipient} and read_at is null) as unread`);
  return { items, total: counts?.total ?? 0, unread: counts?.unread ?? 0 };
}

/** Mark one of the recipient's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Db, recipient: string, id: string): Promise<boolean> {
  const r = await rows(db, sql`update notifications set read_at = coalesce(read_at, now())
    where id = ${id} and recipient_account_id = ${recipient} returning id`);
  return r.length > 0;
}

/** Mark all of the recipient's unread notifications read; returns how many. */
export async function markAllRead(db: Db, recipient: string): Promise<number> {
  const r = await rows(db, sql`update notifications set read_at = now() where recipient_account_id = ${recipient} and read_at is null returning id`);
  return r.length;
}

/** Insert an outbox row (pending); returns its id. */
export async function insertOutbox(
  db: Db,
  o: { channel: NotifyChannel; recipientEnc: string; recipientMasked: string; subject: string; body: string; bodyEnc?: string | null; notificationId: string | null },
): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into outbox (channel, recipient_enc, recipient_masked, subject, body, body_enc, notification_id)
    values (${o.channel}, ${o.recipientEnc}, ${o.recipientMasked}, ${o.subject}, ${o.body}, ${o.bodyEnc ?? null}, ${o.notificationId}) returning id`);
  if (!r) throw new Error('insert into outbox returned no row');
  return r.id;
}

/** Find an outbox row. */
export function findOutbox(db: Db, id: string): Promise<OutboxRow | undefined> {
  return firstRow<OutboxRow>(db, sql`select * from outbox where id = ${id}`);
}

/** Record a delivery attempt's outcome. */
export async function recordAttempt(db: Db, id: string, r: { status: OutboxStatus; adapter: string; error: string | null }): Promise<void> {
  await db.execute(sql`update outbox set attempts = attempts + 1, status = ${r.status}, adapter = ${r.adapter}, last_error = ${r.error},
    sent_at = ${r.status === 'sent' ? sql`now()` : sql`sent_at`}, updated_at = now() where id = ${id}`);
}

/** A page of the outbox, newest first. */
export async function listOutbox(db: Db, q: { channel?: NotifyChannel | undefined; status?: OutboxStatus | undefined; page: number; pageSize: number }) {
  const conds = [sql`true`];
  if (q.channel) conds.push(sql`channel = ${q.channel}`);
  if (q.status) conds.push(sql`status = ${q.status}`);
  const where = sql.join(conds, sql` and `);
  const items = await rows<OutboxRow>(db, sql`select * from outbox where ${where} order by created_at desc, id desc
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const total = await firstRow<{ n: number }>(db, sql`select count(*)::int as n from outbox where ${where}`);
  return { items, total: total?.n ?? 0 };
}
