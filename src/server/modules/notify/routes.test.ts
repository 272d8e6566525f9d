import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildCitizen, buildPhone, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { withTransaction } from '../../platform/context.ts';
import { rows } from '../../platform/db.ts';
import { setChannelAdapter } from './channels.ts';
import { notify } from './service.ts';

type Page<T> = { items: T[]; total: number; unread?: number };
type Note = { id: string; kind: string; title: string; body: string; link: string | null; readAt: string | null };
type Out = { id: string; channel: string; recipientMasked: string; body: string; status: string; attempts: number; lastError: string | null; adapter: string | null };

let t: TestApp;
let alice: { id: string; cookie: string; phone: string };
let bob: { id: string; cookie: string };
let admin: string;
let clerk: string;

beforeAll(async () => {
  t = await createTestApp();
  const phone = buildPhone();
  const a = await buildCitizen(t.ctx, { phone });
  await t.ctx.db.execute(sql`update accounts set email = 'alice.zhang@example.cn' where id = ${a.id}`);
  alice = { id: a.id, cookie: await loginCookie(t.app, a.login), phone };
  const b = await buildCitizen(t.ctx);
  bob = { id: b.id, cookie: await loginCookie(t.app, b.login) };
  admin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['system_admin'] })).login);
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'] })).login);
});
afterAll(async () => {
  await t.close();
});

const get = async <T>(url: string, cookie: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, body: json<T>(res) };
};
const post = (url: string, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie } });

async function outboxRow(id: string) {
  return (await rows<{ status: string; attempts: number; last_error: string | null }>(t.ctx.db, sql`select status, attempts, last_error from outbox where id = ${id}`))[0];
}

describe('notifications', () => {
  it('shows a notification to its recipient only, with the unread count, and lets only them mark it read', async () => {
    const r = await notify(t.ctx, { accountId: alice.id, kind: 'case.accepted', title: '您的申请已受理', body: '食品经营许可（新办）已受理。', link: '/account' });
    const mine = await get<Page<Note>>('/api/v1/notifications', alice.cookie);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((n) => n.title)).toContain('您的申请已受理');
    expect(mine.body.unread).toBe(1);

    const theirs = await get<Page<Note>>('/api/v1/notifications', bob.cookie);
    expect(theirs.body).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await post(`/api/v1/notifications/${r.notificationId}/read`, bob.cookie)).statusCode).toBe(404);
    expect((await get<Page<Note>>('/api/v1/notifications', alice.cookie)).body.unread).toBe(1);

    expect((await post(`/api/v1/notifications/${r.notificationId}/read`, alice.cookie)).statusCode).toBe(200);
    const after = await get<Page<Note>>('/api/v1/notifications', alice.cookie);
    expect(after.body.unread).toBe(0);
    expect(after.body.items[0]?.readAt).not.toBeNull();
  });

  it('marks all read at once, and filters unread ones', async () => {
    for (let i = 0; i < 3; i++) await notify(t.ctx, { accountId: alice.id, kind: 'test', title: `消息${i}`, body: '' });
    expect((await get<Page<Note>>('/api/v1/notifications?unreadOnly=true', alice.cookie)).body.items).toHaveLength(3);
    const res = await post('/api/v1/notifications/read-all', alice.cookie);
    expect(json(res)).toEqual({ updated: 3 });
    expect((await get<Page<Note>>('/api/v1/notifications?unreadOnly=true', alice.cookie)).body).toMatchObject({ items: [], unread: 0 });
  });

  it('creates nothing when the transaction that notifies rolls back', async () => {
    const before = (await get<Page<Note>>('/api/v1/notifications', alice.cookie)).body.total;
    await expect(
      withTransaction(t.ctx, async (tx) => {
        await notify(tx, { accountId: alice.id, kind: 'test', title: '不会出现', body: '', channels: ['sms'] });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await get<Page<Note>>('/api/v1/notifications', alice.cookie)).body.total).toBe(before);
    expect(await t.drainJobs()).toEqual({ completed: 0, failed: 0 });
  });
});

describe('outbound messages', () => {
  it('sends SMS and e-mail through the queue into the outbox, which a system admin reads with masked addresses', async () => {
    const r = await notify(t.ctx, { accountId: alice.id, kind: 'case.completed', title: '办结通知', body: '您的申请已办结，请领取证照。', channels: ['sms', 'email'] });
    expect(r.outboxIds).toHaveLength(2);
    expect(r.unreachable).toEqual([]);
    expect((await outboxRow(r.outboxIds[0] ?? ''))?.status).toBe('pending');
    await t.drainJobs();

    const sms = await get<Page<Out>>('/api/v1/outbox?channel=sms&status=sent', admin);
    expect(sms.status).toBe(200);
    const row = sms.body.items.find((o) => o.id === r.outboxIds[0]);
    expect(row).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1, adapter: 'outbox', recipientMasked: `${alice.phone.slice(0, 3)}****${alice.phone.slice(-4)}` });
    expect(row?.body).toContain('办结通知');
    expect(JSON.stringify(sms.body)).not.toContain(alice.phone);
    const mail = await get<Page<Out>>('/api/v1/outbox?channel=email', admin);
    expect(mail.body.items[0]).toMatchObject({ recipientMasked: 'a***@example.cn', status: 'sent' });
    expect(JSON.stringify(mail.body)).not.toContain('alice.zhang');
  });

  it('keeps the outbox from everyone but system admins', async () => {
    expect((await get('/api/v1/outbox', clerk)).status).toBe(403);
    expect((await get('/api/v1/outbox', alice.cookie)).status).toBe(403);
  });

  it('retries a failing SMS adapter and ends the message failed after the retry limit', async () => {
    const calls: string[] = [];
    const restore = setChannelAdapter('sms', {
      name: 'broken-gateway',
      send: async (_ctx, m) => {
        calls.push(m.to);
        throw new Error('gateway timeout');
      },
    });
    try {
      const r = await notify(t.ctx, { accountId: alice.id, kind: 'test', title: '补正通知', body: '请补充材料。', channels: ['sms'] });
      await t.drainJobs();
      // One attempt plus four retries, each given the clear number by the adapter interface only.
      expect(calls).toEqual(Array(5).fill(alice.phone));
      expect(await outboxRow(r.outboxIds[0] ?? '')).toEqual({ status: 'failed', attempts: 5, last_error: 'gateway timeout' });
      const failed = await get<Page<Out>>('/api/v1/outbox?status=failed', admin);
      expect(failed.body.items.map((o) => o.id)).toContain(r.outboxIds[0]);
      expect(failed.body.items[0]).toMatchObject({ adapter: 'broken-gateway', lastError: 'gateway timeout' });
    } finally {
      restore();
    }
  });

  it('delivers on a retry after a transient failure, once', async () => {
    let n = 0;
    const restore = setChannelAdapter('sms', {
      name: 'flaky-gateway',
      send: async () => {
        n++;
        if (n === 1) throw new Error('busy');
      },
    });
    try {
      const r = await notify(t.ctx, { accountId: alice.id, kind: 'test', title: '提醒', body: '明天到期。', channels: ['sms'] });
      await t.drainJobs();
      expect(n).toBe(2);
      expect(await outboxRow(r.outboxIds[0] ?? '')).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      restore();
    }
  });

  it('reports a channel the account has no address for, and still notifies in-app', async () => {
    const r = await notify(t.ctx, { accountId: bob.id, kind: 'test', title: '仅站内', body: '', channels: ['email'] });
    expect(r).toMatchObject({ outboxIds: [], unreachable: ['email'] });
    expect((await get<Page<Note>>('/api/v1/notifications', bob.cookie)).body.unread).toBe(1);
  });
});
