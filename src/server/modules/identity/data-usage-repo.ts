import { sql, type SQL } from 'drizzle-orm';
import type { AccountKind } from '../../../common/enums.ts';
import { DATA_USAGE_CATEGORIES, type DataUsageCategory } from '../../../common/data-usage.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import { actionsOf, CATEGORY_PREFIXES } from './data-usage-actions.ts';

function list(values: string[]): SQL {
  return sql.join(values.map((v) => sql`${v}`), sql`, `);
}

/**
 * The category of an audit row, in SQL (so the filter and the page agree): listed actions first;
 * then anything else someone other than the subject did with a purpose is a read; then prefixes.
 */
function categoryExpr(): SQL {
  const listed = DATA_USAGE_CATEGORIES.filter((c) => actionsOf(c).length > 0).map((c) => sql`when a.action in (${list(actionsOf(c))}) then ${c}`);
  const prefixed = CATEGORY_PREFIXES.map((p) => sql`when left(a.action, ${p.prefix.length}) = ${p.prefix} then ${p.category}`);
  return sql`(case ${sql.join(listed, sql` `)}
    when a.purpose is not null and a.actor_account_id is distinct from a.subject_account_id then 'read'
    ${sql.join(prefixed, sql` `)}
    else 'other' end)`;
}

/** An audit row about a person, with only the fields of before/after the page may show. */
export interface UsageRow {
  id: string;
  occurred_at: Date | string;
  actor: string;
  actor_account_id: string | null;
  action: string;
  entity_id: string | null;
  purpose: string | null;
  ip: string | null;
  category: DataUsageCategory;
  method: string | null;
  client_name: string | null;
  client_id: string | null;
  claims: unknown;
  case_number: string | null;
  item_name: string | null;
  file_name: string | null;
  total: number;
}

/** Filter of one person's records. */
export interface UsageFilter {
  subjectAccountId: string;
  category?: DataUsageCategory | undefined;
  fromInclusive?: Date | undefined;
  toExclusive?: Date | undefined;
  limit: number;
  offset: number;
}

/** One page of the audit rows whose subject is the person, newest first, with the total. */
export async function listUsage(db: Db, f: UsageFilter): Promise<UsageRow[]> {
  const where = [sql`a.subject_account_id = ${f.subjectAccountId}`];
  if (f.fromInclusive) where.push(sql`a.occurred_at >= ${f.fromInclusive.toISOString()}`);
  if (f.toExclusive) where.push(sql`a.occurred_at < ${f.toExclusive.toISOString()}`);
  const inner = sql`select a.seq, a.id, a.occurred_at, a.actor, a.actor_account_id, a.action, a.entity_id, a.purpose, a.ip,
      ${categoryExpr()} as category,
      a.after->>'method' as method, a.after->>'clientName' as client_name, a.after->>'clientId' as client_id,
      case when a.entity_type = 'sso_client' then a.after->'claims' end as claims,
      a.after->>'caseNumber' as case_number, a.after->>'itemName' as item_name,
      case when a.entity_type = 'file' then a.after->>'name' end as file_name
    from audit_log a where ${sql.join(where, sql` and `)}`;
  const outerWhere = f.category ? sql`where t.category = ${f.category}` : sql``;
  return rows<UsageRow>(db, sql`select t.*, (count(*) over ())::int as total from (${inner}) t ${outerWhere}
    order by t.seq desc limit ${f.limit} offset ${f.offset}`);
}

/** The current facts of the accounts that acted (names and scope only, never numbers). */
export interface ActorAccountRow {
  id: string;
  kind: AccountKind;
  display_name: string;
  scope_region_code: string | null;
  scope_department_id: string | null;
}

/** Accounts by id, names and scope only. */
export async function actorAccounts(db: Db, ids: string[]): Promise<ActorAccountRow[]> {
  if (ids.length === 0) return [];
  return rows<ActorAccountRow>(db, sql`select id, kind, display_name, scope_region_code, scope_department_id from accounts where id in (${list(ids)})`);
}

/** A session of the account, with the login method from its audit record. */
export interface MySessionRow {
  id: string;
  created_at: Date | string;
  last_seen_at: Date | string;
  idle_expires_at: Date | string;
  absolute_expires_at: Date | string;
  ended_at: Date | string | null;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
  method: string | null;
}

/** The account's open sessions and those that ended after `since`, most recently used first. */
export function listSessions(db: Db, accountId: string, since: Date, limit: number): Promise<MySessionRow[]> {
  return rows<MySessionRow>(db, sql`select s.id, s.created_at, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at, s.ended_at, s.end_reason, s.ip, s.user_agent,
      (select l.after->>'method' from audit_log l where l.entity_type = 'session' and l.entity_id = left(s.id, 16) and l.action = 'identity.login' limit 1) as method
    from sessions s
    where s.account_id = ${accountId} and (s.ended_at is null or s.ended_at >= ${since.toISOString()})
    order by s.ended_at is null desc, s.last_seen_at desc limit ${limit}`);
}

/** The account's session whose public id (the first 16 hex digits of its stored hash) is `publicId`. */
export function findSessionByPublicId(db: Db, accountId: string, publicId: string): Promise<{ id: string; ended_at: Date | string | null } | undefined> {
  return firstRow(db, sql`select id, ended_at from sessions where account_id = ${accountId} and left(id, 16) = ${publicId} order by created_at desc limit 1`);
}
