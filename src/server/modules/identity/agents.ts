/**
 * Enterprise login by its legal representative (法定代表人) or an authorised agent (经办人): a citizen
 * switches the current session to act for an enterprise, and the enterprise manages who its agents
 * are (企业经办人授权). Acting is re-checked on every request (acting.ts).
 */
import type { z } from 'zod';
import { maskIdNumber } from '../../../common/identifiers.ts';
import {
  AGENT_MAX_VALID_DAYS,
  type ActingOptionsResponse,
  type AgentAuthorizationList,
  type AgentAuthorizationView,
  type CreateAgentAuthorizationBody,
  type RevokeAgentAuthorizationBody,
} from '../../../common/schemas/agents.ts';
import type { MeResponse } from '../../../common/schemas/identity.ts';
import { audit } from '../../platform/audit.ts';
import { clockNow, withTransaction, type Actor, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as catalog from '../catalog/service.ts';
import { notify } from '../notify/service.ts';
import { accountActor, actingAgent, checkRelation, enterpriseActor } from './acting.ts';
import * as agentsRepo from './agents-repo.ts';
import * as repo from './repo.ts';
import { pii } from './service.ts';

type AccountActor = Extract<Actor, { type: 'account' }>;
type ViewT = z.input<typeof AgentAuthorizationView>;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const LIST_LIMIT = 200;

function accountOf(ctx: Ctx): AccountActor {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.actor;
}

/** The person behind the request: the citizen logged in, also while acting for an enterprise. */
async function personOf(ctx: Ctx): Promise<repo.AccountRow> {
  const a = accountOf(ctx);
  const id = a.agent ? a.agent.accountId : a.accountId;
  const row = await repo.findAccountById(ctx.db, id);
  if (!row || row.kind !== 'citizen') throw new AppError('FORBIDDEN', '只有个人账户可以切换为企业身份办理');
  return row;
}

/** The enterprise whose agents the caller manages: the enterprise itself, or its legal representative acting for it. */
function managedEnterpriseId(ctx: Ctx): string {
  const a = accountOf(ctx);
  if (a.kind !== 'enterprise') throw new AppError('FORBIDDEN', '只有企业账户或其法定代表人可以管理经办人');
  if (a.agent?.relation === 'agent') throw new AppError('FORBIDDEN', '经办人不能添加或撤销经办人，请由企业或其法定代表人操作');
  return a.accountId;
}

/** The Asia/Shanghai calendar day of an instant. */
function shanghaiDay(d: Date | string): string {
  return new Date(new Date(d).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of an Asia/Shanghai day, or a 400 naming the field. */
function dayStart(day: string, field: string): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(d.getTime()) || shanghaiDay(d) !== day) throw AppError.field(field, '不是有效的日期');
  return d;
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

function scopeText(scope: 'all' | 'items', names: string[]): string {
  return scope === 'all' ? '全部事项' : `以下事项：${names.join('、')}`;
}

/** Present authorisations with the names of their items. */
async function present(ctx: Ctx, list: agentsRepo.AgentAuthorizationListRow[]): Promise<ViewT[]> {
  const names = await catalog.baseItemNames(ctx, list.flatMap((g) => g.item_codes));
  const now = clockNow(ctx).getTime();
  const c = pii(ctx);
  return list.map((g) => {
    const ended = new Date(g.valid_until).getTime() <= now;
    const status = g.status === 'active' && ended ? 'expired' : g.status;
    return {
      id: g.id,
      enterprise: { id: g.enterprise_account_id, name: g.enterprise_name, creditCode: g.enterprise_credit_code },
      agent: { id: g.agent_account_id, name: g.agent_name, idNumberMasked: g.agent_id_number_enc ? maskIdNumber(c.decrypt(g.agent_id_number_enc)) : null },
      scope: g.scope,
      items: g.item_codes.map((code) => ({ code, name: names.get(code) ?? null })),
      validFrom: new Date(g.valid_from).toISOString(),
      validUntil: new Date(g.valid_until).toISOString(),
      validFromDay: shanghaiDay(g.valid_from),
      validUntilDay: shanghaiDay(new Date(new Date(g.valid_until).getTime() - 1)),
      status,
      usableNow: status === 'active' && new Date(g.valid_from).getTime() <= now,
      grantedByName: g.granted_via_name ? `${g.enterprise_name}（法定代表人 ${g.granted_via_name}）` : g.enterprise_name,
      revokedAt: iso(g.revoked_at),
      revokeReason: g.revoke_reason,
      createdAt: new Date(g.created_at).toISOString(),
    };
  });
}

/** Audit one event for both the enterprise and the agent, so each sees it in their own records. */
async function auditBoth(tx: Ctx, g: { enterpriseId: string; agentId: string }, event: Omit<Parameters<typeof audit>[1], 'subjectAccountId'>): Promise<void> {
  await audit(tx, { ...event, subjectAccountId: g.enterpriseId });
  await audit(tx, { ...event, subjectAccountId: g.agentId });
}

// ---------- the enterprise manages its agents ----------

/** 添加经办人: authorise a citizen (by name and ID number, who must have an account) to act for the enterprise. */
export async function grant(ctx: Ctx, input: z.infer<typeof CreateAgentAuthorizationBody>): Promise<ViewT> {
  const enterpriseId = managedEnterpriseId(ctx);
  const actor = accountOf(ctx);
  const now = clockNow(ctx);
  const today = shanghaiDay(now);
  const fromDay = input.validFrom ?? today;
  const validFrom = fromDay === today ? now : dayStart(fromDay, 'validFrom');
  if (fromDay < today) throw AppError.field('validFrom', '生效日期不能早于今天');
  const validUntil = new Date(dayStart(input.validUntil, 'validUntil').getTime() + DAY_MS);
  if (input.validUntil < fromDay) throw AppError.field('validUntil', '截止日期不能早于生效日期');
  if (validUntil.getTime() - dayStart(fromDay, 'validFrom').getTime() > AGENT_MAX_VALID_DAYS * DAY_MS) {
    throw AppError.field('validUntil', `单次授权有效期最长${AGENT_MAX_VALID_DAYS}天，到期后可重新授权`);
  }
  const itemCodes = input.scope === 'items' ? [...new Set(input.itemCodes)] : [];
  const names = await catalog.baseItemNames(ctx, itemCodes);
  const unknown = itemCodes.findIndex((code) => !names.has(code));
  if (unknown >= 0) throw AppError.field(`itemCodes.${input.itemCodes.indexOf(itemCodes[unknown] ?? '')}`, `事项编码 ${itemCodes[unknown]} 不在事项目录中`);

  const c = pii(ctx);
  const idHash = c.lookupHash(input.idNumber);
  const enterprise = await repo.findAccountById(ctx.db, enterpriseId);
  if (!enterprise) throw AppError.notFound('企业账户', enterpriseId);
  if (enterprise.id_number_hash === idHash) throw AppError.field('idNumber', '法定代表人本人无需授权：登录个人账户后即可切换为企业身份办理');
  const person = await repo.findCitizenByIdHash(ctx.db, idHash);
  if (!person) throw AppError.field('idNumber', '该身份证号码尚未注册个人账户，请经办人先在本平台注册');
  if (person.display_name !== input.name) throw AppError.field('name', '姓名与身份证号码登记的姓名不一致');
  if (person.status !== 'active') throw AppError.field('idNumber', '该经办人的个人账户已停用');

  const id = await withTransaction(ctx, async (tx) => {
    const existing = await agentsRepo.findActiveAuthorization(tx.db, enterpriseId, person.id);
    if (existing) {
      if (new Date(existing.valid_until).getTime() > now.getTime()) {
        throw new AppError('ALREADY_EXISTS', '该经办人已有有效的授权，如需调整请先撤销原授权', [{ path: 'idNumber', message: '该经办人已有有效的授权' }]);
      }
      await agentsRepo.expireAuthorization(tx.db, existing.id);
      await auditBoth(tx, { enterpriseId, agentId: person.id }, { action: 'identity.agent.expire', entityType: 'agent_authorization', entityId: existing.id, before: { status: 'active' }, after: { status: 'expired' } });
    }
    const newId = await agentsRepo.insertAuthorization(tx.db, {
      enterpriseAccountId: enterpriseId, agentAccountId: person.id, scope: input.scope, itemCodes, validFrom, validUntil,
      grantedBy: enterpriseId, grantedVia: actor.agent?.accountId ?? null,
    });
    const after = { enterpriseId, enterpriseName: enterprise.display_name, agentAccountId: person.id, agentName: person.display_name, scope: input.scope, itemCodes, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() };
    await auditBoth(tx, { enterpriseId, agentId: person.id }, { action: 'identity.agent.grant', entityType: 'agent_authorization', entityId: newId, after });
    await notify(tx, {
      accountId: person.id, kind: 'identity.agent-granted', title: '企业经办授权',
      body: `${enterprise.display_name}已授权您作为经办人代为办理${scopeText(input.scope, itemCodes.map((code) => names.get(code) ?? code))}，有效期${fromDay}至${input.validUntil}。登录后在账户菜单“切换身份”中选择该企业即可办理。`,
      link: '/account', channels: ['sms'],
    });
    return newId;
  });
  const row = await agentsRepo.findAuthorizationListed(ctx.db, id);
  if (!row) throw AppError.notFound('经办授权', id);
  return (await present(ctx, [row]))[0] as ViewT;
}

/** 撤销授权: the enterprise (or its legal representative) ends an agent's authorisation, with a reason the agent is told. */
export async function revoke(ctx: Ctx, id: string, input: z.infer<typeof RevokeAgentAuthorizationBody>): Promise<ViewT> {
  const enterpriseId = managedEnterpriseId(ctx);
  const actor = accountOf(ctx);
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const g = await agentsRepo.lockAuthorization(tx.db, id);
    if (!g || g.enterprise_account_id !== enterpriseId) throw AppError.notFound('经办授权', id);
    const ended = new Date(g.valid_until).getTime() <= now.getTime();
    if (g.status !== 'active' || ended) {
      throw new AppError('INVALID_STATE', g.status === 'revoked' ? '该授权已撤销' : '该授权已过期，无需撤销', { status: g.status === 'active' ? 'expired' : g.status, allowedActions: [] });
    }
    await agentsRepo.revokeAuthorization(tx.db, id, { by: enterpriseId, via: actor.agent?.accountId ?? null, reason: input.reason, at: now });
    await auditBoth(tx, { enterpriseId, agentId: g.agent_account_id }, {
      action: 'identity.agent.revoke', entityType: 'agent_authorization', entityId: id, before: { status: 'active' },
      after: { status: 'revoked', reason: input.reason, enterpriseId, agentAccountId: g.agent_account_id },
    });
    const enterprise = await repo.findAccountById(tx.db, enterpriseId);
    await notify(tx, {
      accountId: g.agent_account_id, kind: 'identity.agent-revoked', title: '企业经办授权已撤销',
      body: `${enterprise?.display_name ?? '企业'}已撤销对您的经办授权，原因：${input.reason}。`, link: '/account', channels: ['sms'],
    });
  });
  const row = await agentsRepo.findAuthorizationListed(ctx.db, id);
  if (!row) throw AppError.notFound('经办授权', id);
  return (await present(ctx, [row]))[0] as ViewT;
}

/** The authorisations an enterprise gave (经办人管理), or — for a citizen — those the person received. */
export async function listAuthorizations(ctx: Ctx): Promise<z.input<typeof AgentAuthorizationList>> {
  const a = accountOf(ctx);
  if (a.kind === 'enterprise') {
    const enterpriseId = managedEnterpriseId(ctx);
    return { as: 'enterprise', items: await present(ctx, await agentsRepo.listByEnterprise(ctx.db, enterpriseId, LIST_LIMIT)) };
  }
  if (a.kind !== 'citizen') throw new AppError('FORBIDDEN', '工作人员账号没有经办授权');
  return { as: 'agent', items: await present(ctx, await agentsRepo.listByAgent(ctx.db, a.accountId, LIST_LIMIT)) };
}

// ---------- acting for an enterprise ----------

/** 切换身份: the enterprises the logged-in person may act for, as legal representative or as agent. */
export async function actingOptions(ctx: Ctx): Promise<z.input<typeof ActingOptionsResponse>> {
  const a = accountOf(ctx);
  const current = a.agent ? a.accountId : null;
  if (a.kind !== 'citizen' && !a.agent) return { person: { accountId: a.accountId, displayName: a.displayName }, currentEnterpriseId: null, items: [] };
  const person = await personOf(ctx);
  const items: z.input<typeof ActingOptionsResponse>['items'] = [];
  const seen = new Set<string>();
  if (person.id_number_hash) {
    for (const e of await agentsRepo.enterprisesOfLegalRep(ctx.db, person.id_number_hash)) {
      seen.add(e.id);
      items.push({ enterpriseId: e.id, name: e.display_name, creditCode: e.credit_code, relation: 'legal_rep', authorizationId: null, scope: 'all', itemCodes: [], validUntil: null });
    }
  }
  for (const g of await agentsRepo.listUsableByAgent(ctx.db, person.id, clockNow(ctx))) {
    if (seen.has(g.enterprise_account_id)) continue;
    seen.add(g.enterprise_account_id);
    items.push({
      enterpriseId: g.enterprise_account_id, name: g.enterprise_name, creditCode: g.enterprise_credit_code, relation: 'agent', authorizationId: g.id,
      scope: g.scope, itemCodes: g.item_codes, validUntil: new Date(g.valid_until).toISOString(),
    });
  }
  return { person: { accountId: person.id, displayName: person.display_name }, currentEnterpriseId: current, items };
}

/**
 * Switch the current session to act for an enterprise: as its legal representative (the person's ID
 * number is the one the enterprise registered) or under a usable authorisation. Audited for both.
 * Returns the new actor of the session.
 */
export async function actAs(ctx: Ctx, enterpriseId: string): Promise<AccountActor> {
  const a = accountOf(ctx);
  const sessionId = a.sessionId;
  if (!sessionId) throw new AppError('FORBIDDEN', '当前登录方式不能切换身份');
  const person = await personOf(ctx);
  const enterprise = await repo.findAccountById(ctx.db, enterpriseId);
  if (!enterprise || enterprise.kind !== 'enterprise') throw AppError.notFound('企业账户', enterpriseId);
  let relation: 'legal_rep' | 'agent' = 'legal_rep';
  let grantId: string | null = null;
  if (!(person.id_number_hash !== null && enterprise.id_number_hash === person.id_number_hash)) {
    relation = 'agent';
    const g = await agentsRepo.findActiveAuthorization(ctx.db, enterprise.id, person.id);
    if (!g) throw new AppError('FORBIDDEN', `您不是${enterprise.display_name}的法定代表人，也没有该企业的有效经办授权`, { enterpriseId });
    grantId = g.id;
  }
  const check = await checkRelation(ctx, person, enterprise, relation, grantId);
  if (check.problem) throw new AppError('FORBIDDEN', check.problem, { enterpriseId });
  const agent = actingAgent(person, relation, check.grant);
  await withTransaction(ctx, async (tx) => {
    await agentsRepo.setSessionActing(tx.db, sessionId, { enterpriseId: enterprise.id, relation, authorizationId: grantId });
    const after = {
      method: 'agent', relation, enterpriseId: enterprise.id, enterpriseName: enterprise.display_name, agentAccountId: person.id, agentName: person.display_name,
      authorizationId: grantId, previousEnterpriseId: a.agent ? a.accountId : null,
    };
    await auditBoth(tx, { enterpriseId: enterprise.id, agentId: person.id }, { action: 'identity.agent.act_as', entityType: 'session', entityId: sessionId.slice(0, 16), after });
  });
  return enterpriseActor(enterprise, sessionId, agent);
}

/** Switch the session back to the person (个人身份); a no-op that only clears the notice when not acting. */
export async function endActing(ctx: Ctx): Promise<AccountActor> {
  const a = accountOf(ctx);
  if (!a.sessionId) return a;
  const sessionId = a.sessionId;
  if (!a.agent) {
    await agentsRepo.clearSessionActing(ctx.db, sessionId, null);
    return a;
  }
  const person = await personOf(ctx);
  const agent = a.agent;
  await withTransaction(ctx, async (tx) => {
    await agentsRepo.clearSessionActing(tx.db, sessionId, null);
    const after = { method: 'agent', relation: agent.relation, enterpriseId: a.accountId, agentAccountId: person.id, authorizationId: agent.authorizationId, reason: '切换回个人身份' };
    await auditBoth(tx, { enterpriseId: a.accountId, agentId: person.id }, { action: 'identity.agent.act_end', entityType: 'session', entityId: sessionId.slice(0, 16), after });
  });
  return accountActor(person, sessionId);
}

/** The acting part of /auth/me: whom the session acts for, or why acting ended by itself. */
export async function actingOfMe(ctx: Ctx): Promise<Pick<z.input<typeof MeResponse>, 'acting' | 'actingNotice'>> {
  const a = accountOf(ctx);
  if (!a.agent) return { acting: null, actingNotice: a.sessionId ? await agentsRepo.sessionNotice(ctx.db, a.sessionId) : null };
  const g = a.agent.authorizationId ? await agentsRepo.findAuthorization(ctx.db, a.agent.authorizationId) : undefined;
  return {
    acting: {
      enterpriseId: a.accountId, enterpriseName: a.displayName, relation: a.agent.relation,
      person: { accountId: a.agent.accountId, displayName: a.agent.displayName }, authorizationId: a.agent.authorizationId,
      itemCodes: a.agent.itemCodes, validUntil: g ? new Date(g.valid_until).toISOString() : null,
    },
    actingNotice: null,
  };
}
