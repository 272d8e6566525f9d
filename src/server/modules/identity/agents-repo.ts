import { sql } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** An agent authorisation (企业经办人授权) as stored. */
export interface AgentAuthorizationRow {
  id: string;
  enterprise_account_id: string;
  agent_account_id: string;
  scope: 'all' | 'items';
  item_codes: string[];
  valid_from: Date;
  valid_until: Date;
  status: 'active' | 'revoked' | 'expired';
  granted_by: string;
  granted_via: string | null;
  revoked_by: string | null;
  revoked_via: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An authorisation with the names of both parties (no personal numbers but the agent's, still encrypted). */
export interface AgentAuthorizationListRow extends AgentAuthorizationRow {
  enterprise_name: string;
  enterprise_credit_code: string | null;
  agent_name: string;
  agent_id_number_enc: string | null;
  granted_via_name: string | null;
}

const SELECT_LIST = sql`select g.*, e.display_name as enterprise_name, e.credit_code as enterprise_credit_code,
    p.display_name as agent_name, p.id_number_enc as agent_id_number_enc, v.display_name as granted_via_name
  from agent_authorizations g
  join accounts e on e.id = g.enterprise_account_id
  join accounts p on p.id = g.agent_account_id
  left join accounts v on v.id = g.granted_via`;

/** Columns of a new authorisation. */
export interface NewAgentAuthorization {
  enterpriseAccountId: string;
  agentAccountId: string;
  scope: 'all' | 'items';
  itemCodes: string[];
  validFrom: Date;
  validUntil: Date;
  grantedBy: string;
  grantedVia: string | null;
}

/** Insert an authorisation; returns its id. */
export async function insertAuthorization(db: Db, a: NewAgentAuthorization): Promise<string> {
  const codes = sql`array[${sql.join(a.itemCodes.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const r = await firstRow<{ id: string }>(db, sql`insert into agent_authorizations
      (enterprise_account_id, agent_account_id, scope, item_codes, valid_from, valid_until, granted_by, granted_via)
    values (${a.enterpriseAccountId}, ${a.agentAccountId}, ${a.scope}, ${a.itemCodes.length > 0 ? codes : sql`'{}'::text[]`},
      ${a.validFrom.toISOString()}, ${a.validUntil.toISOString()}, ${a.grantedBy}, ${a.grantedVia})
    returning id`);
  if (!r) throw new Error('insert into agent_authorizations returned no row');
  return r.id;
}

/** One authorisation by id. */
export function findAuthorization(db: Db, id: string): Promise<AgentAuthorizationRow | undefined> {
  return firstRow<AgentAuthorizationRow>(db, sql`select * from agent_authorizations where id = ${id}`);
}

/** One authorisation by id, locked for a change. */
export function lockAuthorization(db: Db, id: string): Promise<AgentAuthorizationRow | undefined> {
  return firstRow<AgentAuthorizationRow>(db, sql`select * from agent_authorizations where id = ${id} for update`);
}

/** One authorisation with names, by id. */
export function findAuthorizationListed(db: Db, id: string): Promise<AgentAuthorizationListRow | undefined> {
  return firstRow<AgentAuthorizationListRow>(db, sql`${SELECT_LIST} where g.id = ${id}`);
}

/** The stored-active authorisation of a person for an enterprise (it may have passed its end). */
export function findActiveAuthorization(db: Db, enterpriseId: string, agentId: string): Promise<AgentAuthorizationRow | undefined> {
  return firstRow<AgentAuthorizationRow>(db, sql`select * from agent_authorizations
    where enterprise_account_id = ${enterpriseId} and agent_account_id = ${agentId} and status = 'active'`);
}

/** Authorisations an enterprise gave, newest first. */
export function listByEnterprise(db: Db, enterpriseId: string, limit: number): Promise<AgentAuthorizationListRow[]> {
  return rows<AgentAuthorizationListRow>(db, sql`${SELECT_LIST} where g.enterprise_account_id = ${enterpriseId} order by g.created_at desc, g.id limit ${limit}`);
}

/** Authorisations a person received, newest first. */
export function listByAgent(db: Db, agentId: string, limit: number): Promise<AgentAuthorizationListRow[]> {
  return rows<AgentAuthorizationListRow>(db, sql`${SELECT_LIST} where g.agent_account_id = ${agentId} order by g.created_at desc, g.id limit ${limit}`);
}

/** Authorisations usable at `now` by a person, for live enterprises. */
export function listUsableByAgent(db: Db, agentId: string, now: Date): Promise<AgentAuthorizationListRow[]> {
  return rows<AgentAuthorizationListRow>(db, sql`${SELECT_LIST} where g.agent_account_id = ${agentId} and g.status = 'active'
    and g.valid_from <= ${now.toISOString()} and g.valid_until > ${now.toISOString()} and e.status = 'active'
    order by e.display_name, g.id`);
}

/** Mark an authorisation revoked. */
export async function revokeAuthorization(db: Db, id: string, r: { by: string; via: string | null; reason: string; at: Date }): Promise<void> {
  await db.execute(sql`update agent_authorizations set status = 'revoked', revoked_by = ${r.by}, revoked_via = ${r.via}, revoked_at = ${r.at.toISOString()},
    revoke_reason = ${r.reason}, updated_at = now() where id = ${id}`);
}

/** Mark an active authorisation expired (it passed its end). */
export async function expireAuthorization(db: Db, id: string): Promise<boolean> {
  const r = await firstRow<{ id: string }>(db, sql`update agent_authorizations set status = 'expired', updated_at = now() where id = ${id} and status = 'active' returning id`);
  return r !== undefined;
}

/** Live enterprises whose legal representative has this ID-number hash. */
export function enterprisesOfLegalRep(db: Db, idNumberHash: string): Promise<{ id: string; display_name: string; credit_code: string | null }[]> {
  return rows(db, sql`select id, display_name, credit_code from accounts
    where kind = 'enterprise' and id_number_hash = ${idNumberHash} and status = 'active' order by display_name, id`);
}

/** Make a session act for an enterprise (clears any earlier notice). */
export async function setSessionActing(db: Db, sessionId: string, a: { enterpriseId: string; relation: 'legal_rep' | 'agent'; authorizationId: string | null }): Promise<void> {
  await db.execute(sql`update sessions set acting_for_account_id = ${a.enterpriseId}, acting_relation = ${a.relation},
    acting_authorization_id = ${a.authorizationId}, acting_since = now(), acting_notice = null where id = ${sessionId} and ended_at is null`);
}

/** Stop a session acting for an enterprise; `notice` tells the person why when it ended by itself. */
export async function clearSessionActing(db: Db, sessionId: string, notice: string | null): Promise<void> {
  await db.execute(sql`update sessions set acting_for_account_id = null, acting_relation = null, acting_authorization_id = null,
    acting_since = null, acting_notice = ${notice} where id = ${sessionId}`);
}

/** The notice of a session (why acting ended by itself), if any. */
export async function sessionNotice(db: Db, sessionId: string): Promise<string | null> {
  const r = await firstRow<{ acting_notice: string | null }>(db, sql`select acting_notice from sessions where id = ${sessionId}`);
  return r?.acting_notice ?? null;
}
