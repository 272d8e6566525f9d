/**
 * Acting for an enterprise (以企业身份办理), resolved on every request: a citizen's session that acts
 * for an enterprise gets the enterprise as its actor, with the person beside it — but only while the
 * person still is its legal representative (法定代表人) or holds a usable authorisation (经办人授权).
 * Otherwise the session falls back to the person, and the reason is kept for /auth/me.
 */
import type { Actor, ActingAgent, Ctx } from '../../platform/context.ts';
import { clockNow, withTransaction } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import * as agentsRepo from './agents-repo.ts';
import type { AccountRow, SessionRow } from './repo.ts';
import { findAccountById } from './repo.ts';

/** The account actor of a row (no acting). */
export function accountActor(a: AccountRow, sessionId: string | null): Extract<Actor, { type: 'account' }> {
  return {
    type: 'account',
    accountId: a.id,
    kind: a.kind,
    displayName: a.display_name,
    roles: a.roles,
    scope: a.scope_region_code ? { regionCode: a.scope_region_code, departmentId: a.scope_department_id } : null,
    sessionId,
  };
}

/** The actor of a person acting for an enterprise. */
export function enterpriseActor(enterprise: AccountRow, sessionId: string | null, agent: ActingAgent): Extract<Actor, { type: 'account' }> {
  return { ...accountActor(enterprise, sessionId), agent };
}

/** Why a relation does not hold (null: it holds), with the grant an agent acts under. */
export async function checkRelation(
  ctx: Ctx,
  person: AccountRow,
  enterprise: AccountRow | undefined,
  relation: 'legal_rep' | 'agent',
  authorizationId: string | null,
): Promise<{ problem: string | null; grant: agentsRepo.AgentAuthorizationRow | null; expired: boolean }> {
  const name = enterprise?.display_name ?? '该企业';
  if (!enterprise || enterprise.kind !== 'enterprise' || enterprise.status !== 'active') return { problem: `${name}的账户已停用或注销`, grant: null, expired: false };
  if (person.kind !== 'citizen') return { problem: '只有个人账户可以代企业办理', grant: null, expired: false };
  if (relation === 'legal_rep') {
    const holds = person.id_number_hash !== null && enterprise.id_number_hash === person.id_number_hash;
    return { problem: holds ? null : `您已不是${name}的法定代表人`, grant: null, expired: false };
  }
  const grant = authorizationId ? await agentsRepo.findAuthorization(ctx.db, authorizationId) : undefined;
  if (!grant || grant.agent_account_id !== person.id || grant.enterprise_account_id !== enterprise.id) return { problem: `您没有${name}的经办授权`, grant: null, expired: false };
  if (grant.status === 'revoked') return { problem: `${name}已撤销对您的经办授权${grant.revoke_reason ? `（原因：${grant.revoke_reason}）` : ''}`, grant, expired: false };
  const now = clockNow(ctx).getTime();
  if (grant.status === 'expired' || new Date(grant.valid_until).getTime() <= now) return { problem: `您对${name}的经办授权已过期`, grant, expired: true };
  if (new Date(grant.valid_from).getTime() > now) return { problem: `您对${name}的经办授权尚未生效`, grant, expired: false };
  return { problem: null, grant, expired: false };
}

/** The acting agent of a person under a relation (and grant). */
export function actingAgent(person: AccountRow, relation: 'legal_rep' | 'agent', grant: agentsRepo.AgentAuthorizationRow | null): ActingAgent {
  return {
    accountId: person.id,
    displayName: person.display_name,
    relation,
    authorizationId: grant?.id ?? null,
    itemCodes: grant && grant.scope === 'items' ? [...grant.item_codes] : null,
  };
}

/**
 * The actor of a session whose person is `person`: the enterprise it acts for when the relation still
 * holds, else the person again — then the session stops acting, the reason is kept as its notice and
 * the end is audited for both the enterprise and the person.
 */
export async function resolveActing(ctx: Ctx, s: SessionRow, person: AccountRow): Promise<{ actor: Extract<Actor, { type: 'account' }>; ended: string | null }> {
  const self = accountActor(person, s.id);
  if (!s.acting_for_account_id || !s.acting_relation) return { actor: self, ended: null };
  const enterprise = await findAccountById(ctx.db, s.acting_for_account_id);
  const check = await checkRelation(ctx, person, enterprise, s.acting_relation, s.acting_authorization_id);
  if (!check.problem && enterprise) return { actor: enterpriseActor(enterprise, s.id, actingAgent(person, s.acting_relation, check.grant)), ended: null };
  const notice = `${check.problem ?? '代办身份已失效'}，已切换回个人身份`;
  const as = { ...ctx, actor: self };
  await withTransaction(as, async (tx) => {
    await agentsRepo.clearSessionActing(tx.db, s.id, notice);
    if (check.expired && check.grant && (await agentsRepo.expireAuthorization(tx.db, check.grant.id))) {
      const g = { authorizationId: check.grant.id, enterpriseId: check.grant.enterprise_account_id, agentAccountId: check.grant.agent_account_id, validUntil: new Date(check.grant.valid_until).toISOString() };
      await audit(tx, { action: 'identity.agent.expire', entityType: 'agent_authorization', entityId: check.grant.id, subjectAccountId: check.grant.enterprise_account_id, before: { status: 'active' }, after: { status: 'expired', ...g } });
      await audit(tx, { action: 'identity.agent.expire', entityType: 'agent_authorization', entityId: check.grant.id, subjectAccountId: check.grant.agent_account_id, before: { status: 'active' }, after: { status: 'expired', ...g } });
    }
    const after = { method: 'agent', relation: s.acting_relation, enterpriseId: s.acting_for_account_id, agentAccountId: person.id, authorizationId: s.acting_authorization_id, reason: check.problem };
    for (const subject of new Set([s.acting_for_account_id, person.id])) {
      await audit(tx, { action: 'identity.agent.act_end', entityType: 'session', entityId: s.id.slice(0, 16), subjectAccountId: subject, after });
    }
  });
  return { actor: self, ended: notice };
}

/**
 * An agent whose authorisation lists catalog items may apply only for those (403 naming the item);
 * the legal representative, an unlimited agent and everyone not acting pass.
 */
export function assertAgentMayHandle(ctx: Ctx, itemCode: string, itemName: string): void {
  const agent = ctx.actor.type === 'account' ? ctx.actor.agent : undefined;
  if (!agent || agent.itemCodes === null || agent.itemCodes.includes(itemCode)) return;
  throw new AppError('FORBIDDEN', `您的经办授权不包括事项“${itemName}”（${itemCode}），请联系企业调整授权范围`, {
    itemCode, itemName, allowedItemCodes: agent.itemCodes,
  });
}

/** Requests a person acting for an enterprise may not make: the enterprise's credentials, sessions and logins elsewhere. */
const CREDENTIAL_ROUTES = /^\/api\/v1\/(accounts|passkeys|me\/sessions|real-name|sso)(\/|$)/;

/** Refuse, while acting, a change to the enterprise account's credentials or sessions (reads pass). */
export function refuseWhileActing(actor: Actor, method: string, routeUrl: string | undefined): void {
  if (actor.type !== 'account' || !actor.agent || method === 'GET' || method === 'HEAD') return;
  if (routeUrl && CREDENTIAL_ROUTES.test(routeUrl)) {
    throw new AppError('FORBIDDEN', '代企业办理时不能修改企业账户、登录方式或会话，请切换回个人身份或使用企业账户本身登录', { acting: true });
  }
}
