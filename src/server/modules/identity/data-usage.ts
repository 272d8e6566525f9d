/**
 * 数据使用记录 (who used my data): a citizen's or enterprise's own view of the audit log — every
 * session, every login to a department system through SSO, every read of their personal data by
 * staff or systems, with its purpose — and their sessions, which they may end.
 */
import type { z } from 'zod';
import type { DataUsageQuery, DataUsageRecord, MySession } from '../../../common/schemas/data-usage.ts';
import { LOGIN_METHODS, type LoginMethodCode } from '../../../common/data-usage.ts';
import { audit } from '../../platform/audit.ts';
import { clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as org from '../org/service.ts';
import { claimItem, describe, deviceLabel, maskIp, type ActionFacts } from './data-usage-actions.ts';
import * as repo from './data-usage-repo.ts';
import { endSession } from './repo.ts';

type RecordT = z.input<typeof DataUsageRecord>;
type ActorT = RecordT['actor'];

// Ended sessions stay listed this long, so a person sees a login they did not make even after it ended.
const RECENT_SESSION_DAYS = 30;
const MAX_SESSIONS = 50;

function me(ctx: Ctx): string {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.actor.accountId;
}

function iso(d: Date | string): string {
  return new Date(d).toISOString();
}

/** Start of an Asia/Shanghai day (YYYY-MM-DD), or a 400 naming the field. */
function shanghaiDayStart(day: string, field: string): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  // Round-trip: 2026-02-31 is not a day.
  if (Number.isNaN(d.getTime()) || new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) !== day) throw AppError.field(field, '不是有效的日期');
  return d;
}

/** Resolve who acted in each row, as the data owner may see it: names, departments and regions only. */
async function actorsFor(ctx: Ctx, subjectId: string, list: repo.UsageRow[]): Promise<Map<string, ActorT>> {
  const ids = [...new Set(list.map((r) => r.actor_account_id).filter((id): id is string => id !== null && id !== subjectId))];
  const accounts = await repo.actorAccounts(ctx.db, ids);
  const departments = new Map<string, org.DepartmentRow | undefined>();
  const regions = new Map<string, string | null>();
  const subjectIsEnterprise = (await repo.actorAccounts(ctx.db, [subjectId]))[0]?.kind === 'enterprise';
  const out = new Map<string, ActorT>();
  for (const a of accounts) {
    if (a.kind !== 'staff') {
      // Another person (e.g. an agent acting for the enterprise): the enterprise knows its agents by
      // name; anyone else is shown only by surname.
      out.set(a.id, { kind: 'person', name: subjectIsEnterprise ? a.display_name : `${a.display_name.slice(0, 1)}**`, department: null, region: null });
      continue;
    }
    let dept: org.DepartmentRow | undefined;
    if (a.scope_department_id) {
      if (!departments.has(a.scope_department_id)) departments.set(a.scope_department_id, await org.findDepartment(ctx, a.scope_department_id));
      dept = departments.get(a.scope_department_id);
    }
    let region: string | null = dept?.region_name ?? null;
    if (!region && a.scope_region_code) {
      if (!regions.has(a.scope_region_code)) regions.set(a.scope_region_code, await org.getRegion(ctx, a.scope_region_code).then((r) => r.name, () => null));
      region = regions.get(a.scope_region_code) ?? null;
    }
    out.set(a.id, { kind: 'staff', name: a.display_name, department: dept?.name ?? null, region });
  }
  return out;
}

function actorOf(r: repo.UsageRow, subjectId: string, accounts: Map<string, ActorT>, facts: ActionFacts): ActorT {
  // The department system that received the person's data through SSO is the one that used it.
  if ((r.action === 'identity.sso.login' || r.action === 'identity.sso.claims_released') && facts.clientName) {
    return { kind: 'system', name: facts.clientName, department: null, region: null };
  }
  // Logging in and registering happen before there is a session: the person is the one acting.
  const selfBeforeSession = !r.actor_account_id && (r.action === 'identity.login' || r.action === 'identity.account.register');
  if (r.actor_account_id === subjectId || selfBeforeSession) return { kind: 'self', name: null, department: null, region: null };
  if (r.actor_account_id) return accounts.get(r.actor_account_id) ?? { kind: 'person', name: null, department: null, region: null };
  if (r.actor.startsWith('client:')) return { kind: 'system', name: r.actor.slice('client:'.length), department: null, region: null };
  if (r.actor.startsWith('system:')) return { kind: 'platform', name: null, department: null, region: null };
  return { kind: 'anonymous', name: null, department: null, region: null };
}

function claimsOf(v: unknown): string[] {
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
}

/** My data usage records (数据使用记录), newest first: only records whose subject is the caller. */
export async function myDataUsage(ctx: Ctx, q: z.infer<typeof DataUsageQuery>): Promise<{ items: RecordT[]; total: number; page: number; pageSize: number }> {
  const subjectId = me(ctx);
  const from = q.from ? shanghaiDayStart(q.from, 'from') : undefined;
  const to = q.to ? new Date(shanghaiDayStart(q.to, 'to').getTime() + 86_400_000) : undefined;
  if (from && to && from >= to) throw AppError.field('to', '结束日期不能早于开始日期');
  const list = await repo.listUsage(ctx.db, { subjectAccountId: subjectId, category: q.category, fromInclusive: from, toExclusive: to, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const accounts = await actorsFor(ctx, subjectId, list);
  const items = list.map((r): RecordT => {
    const facts: ActionFacts = { method: r.method, clientName: r.client_name ?? r.client_id, caseNumber: r.case_number, itemName: r.item_name, fileName: r.file_name };
    const d = describe(r.action, facts);
    const claims = claimsOf(r.claims);
    return {
      id: r.id, occurredAt: iso(r.occurred_at), category: r.category, action: r.action, description: d.zh, descriptionEn: d.en,
      actor: actorOf(r, subjectId, accounts, facts), purpose: r.purpose, dataItems: claims.length > 0 ? claims.map(claimItem) : d.items, ipMasked: maskIp(r.ip),
    };
  });
  return { items, total: list[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

function isMethod(v: string | null): v is LoginMethodCode {
  return v !== null && (LOGIN_METHODS as readonly string[]).includes(v);
}

/** My open sessions and those ended in the last 30 days (登录设备). */
export async function mySessions(ctx: Ctx): Promise<z.input<typeof MySession>[]> {
  const accountId = me(ctx);
  const now = clockNow(ctx);
  const current = ctx.actor.type === 'account' ? ctx.actor.sessionId : null;
  const list = await repo.listSessions(ctx.db, accountId, new Date(now.getTime() - RECENT_SESSION_DAYS * 86_400_000), MAX_SESSIONS);
  return list.map((s) => {
    const expired = new Date(s.idle_expires_at) <= now || new Date(s.absolute_expires_at) <= now;
    return {
      id: s.id.slice(0, 16), current: s.id === current, active: !s.ended_at && !expired, device: deviceLabel(s.user_agent), userAgent: s.user_agent,
      ipMasked: maskIp(s.ip), method: isMethod(s.method) ? s.method : null, createdAt: iso(s.created_at), lastSeenAt: iso(s.last_seen_at),
      endedAt: s.ended_at ? iso(s.ended_at) : null, endReason: s.end_reason ?? (expired ? 'expired' : null),
    };
  });
}

/** End one of my other sessions (下线): that device is logged out at its next request. */
export async function endMySession(ctx: Ctx, publicId: string): Promise<void> {
  const accountId = me(ctx);
  const s = await repo.findSessionByPublicId(ctx.db, accountId, publicId);
  if (!s) throw AppError.notFound('会话', publicId);
  if (ctx.actor.type === 'account' && s.id === ctx.actor.sessionId) throw new AppError('CONFLICT', '这是当前使用的会话，请用“退出登录”结束', { current: true });
  if (s.ended_at) throw new AppError('CONFLICT', '该会话已结束', { endedAt: iso(s.ended_at) });
  await withTransaction(ctx, async (tx) => {
    await endSession(tx.db, s.id, 'ended by owner');
    await audit(tx, { action: 'identity.session.end', entityType: 'session', entityId: publicId, subjectAccountId: accountId });
  });
}
