import { sql } from 'drizzle-orm';
import type { AccountKind, AccountStatus, Role } from '../../../common/enums.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** An account row as stored (personal numbers encrypted). */
export interface AccountRow {
  id: string;
  kind: AccountKind;
  status: AccountStatus;
  display_name: string;
  username: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  credit_code: string | null;
  legal_rep_name: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  email: string | null;
  real_name_level: number;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  scope_region_code: string | null;
  scope_department_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  roles: Role[];
}

const SELECT_ACCOUNT = sql`select a.*, coalesce((select array_agg(r.role order by r.role) from account_roles r where r.account_id = a.id), '{}') as roles
  from accounts a`;

/** Find an account by id. */
export function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return firstRow<AccountRow>(db, sql`${SELECT_ACCOUNT} where a.id = ${id}`);
}

/** Find the live account of a citizen by the lookup hash of the ID number. */
export function findCitizenByIdHash(db: Db, idHash: string): Promise<AccountRow | undefined> {
  return firstRow<AccountRow>(db, sql`${SELECT_ACCOUNT} where a.kind = 'citizen' and a.id_number_hash = ${idHash} and a.status <> 'deregistered'`);
}

/** Find the live account of an enterprise by credit code. */
export function findEnterpriseByCreditCode(db: Db, code: string): Promise<AccountRow | undefined> {
  return firstRow<AccountRow>(db, sql`${SELECT_ACCOUNT} where a.kind = 'enterprise' and a.credit_code = ${code} and a.status <> 'deregistered'`);
}

/** Find a staff account by username. */
export function findStaffByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  return firstRow<AccountRow>(db, sql`${SELECT_ACCOUNT} where a.username = ${username}`);
}

/** Live citizen accounts bound to a phone (login by phone works only when exactly one matches). */
export function findCitizensByPhoneHash(db: Db, phoneHash: string): Promise<AccountRow[]> {
  return rows<AccountRow>(db, sql`${SELECT_ACCOUNT} where a.kind = 'citizen' and a.phone_hash = ${phoneHash} and a.status <> 'deregistered' limit 2`);
}

/** Columns of a new account. */
export interface NewAccount {
  kind: AccountKind;
  displayName: string;
  username: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  creditCode: string | null;
  legalRepName: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  email: string | null;
  realNameLevel: number;
  passwordHash: string;
  scopeRegionCode: string | null;
  scopeDepartmentId: string | null;
  homeRegionCode: string | null;
  roles: Role[];
}

/** Insert an account and its roles; returns the id. */
export async function insertAccount(db: Db, a: NewAccount): Promise<string> {
  const row = await firstRow<{ id: string }>(db, sql`insert into accounts (kind, display_name, username, id_number_enc, id_number_hash,
      credit_code, legal_rep_name, phone_enc, phone_hash, email, real_name_level, password_hash, scope_region_code, scope_department_id, home_region_code)
    values (${a.kind}, ${a.displayName}, ${a.username}, ${a.idNumberEnc}, ${a.idNumberHash}, ${a.creditCode}, ${a.legalRepName},
      ${a.phoneEnc}, ${a.phoneHash}, ${a.email}, ${a.realNameLevel}, ${a.passwordHash}, ${a.scopeRegionCode}, ${a.scopeDepartmentId}, ${a.homeRegionCode})
    returning id`);
  if (!row) throw new Error('insert into accounts returned no row');
  await setRoles(db, row.id, a.roles);
  return row.id;
}

/** Replace an account's roles. */
export async function setRoles(db: Db, accountId: string, roles: Role[]): Promise<void> {
  await db.execute(sql`delete from account_roles where account_id = ${accountId}`);
  for (const role of new Set(roles)) {
    await db.execute(sql`insert into account_roles (account_id, role) values (${accountId}, ${role})`);
  }
}

/** Changeable columns of an account. */
export interface AccountPatch {
  displayName?: string;
  phoneEnc?: string;
  phoneHash?: string;
  email?: string | null;
  passwordHash?: string;
  status?: AccountStatus;
  scopeRegionCode?: string;
  scopeDepartmentId?: string | null;
  realNameLevel?: number;
  deregisterReason?: string | null;
}

/** Update the given columns of an account. */
export async function updateAccount(db: Db, id: string, p: AccountPatch): Promise<void> {
  const sets = [sql`updated_at = now()`];
  if (p.displayName !== undefined) sets.push(sql`display_name = ${p.displayName}`);
  if (p.phoneEnc !== undefined) sets.push(sql`phone_enc = ${p.phoneEnc}, phone_hash = ${p.phoneHash ?? null}`);
  if (p.email !== undefined) sets.push(sql`email = ${p.email}`);
  if (p.passwordHash !== undefined) sets.push(sql`password_hash = ${p.passwordHash}, password_changed_at = now()`);
  if (p.status !== undefined) {
    sets.push(sql`status = ${p.status}`);
    if (p.status === 'deregistered') sets.push(sql`deregistered_at = now(), deregister_reason = ${p.deregisterReason ?? null}`);
    if (p.status === 'active') sets.push(sql`failed_logins = 0, locked_until = null`);
  }
  if (p.scopeRegionCode !== undefined) sets.push(sql`scope_region_code = ${p.scopeRegionCode}`);
  if (p.scopeDepartmentId !== undefined) sets.push(sql`scope_department_id = ${p.scopeDepartmentId}`);
  if (p.realNameLevel !== undefined) sets.push(sql`real_name_level = ${p.realNameLevel}`);
  await db.execute(sql`update accounts set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/** Record a failed login; lock the account when the count reaches `max`. Returns the new state. */
export async function recordFailedLogin(db: Db, id: string, max: number, lockMinutes: number): Promise<{ failed: number; lockedUntil: Date | null }> {
  const r = await firstRow<{ failed_logins: number; locked_until: Date | null }>(db, sql`update accounts set
      failed_logins = failed_logins + 1,
      locked_until = case when failed_logins + 1 >= ${max} then now() + make_interval(mins => ${lockMinutes}) else locked_until end
    where id = ${id} returning failed_logins, locked_until`);
  return { failed: r?.failed_logins ?? 0, lockedUntil: r?.locked_until ?? null };
}

/** Reset the failure counter after a successful login. */
export async function recordSuccessfulLogin(db: Db, id: string): Promise<void> {
  await db.execute(sql`update accounts set failed_logins = 0, locked_until = null, last_login_at = now() where id = ${id}`);
}

/** Clear a lockout (administrator). */
export async function clearLockout(db: Db, id: string): Promise<void> {
  await db.execute(sql`update accounts set failed_logins = 0, locked_until = null where id = ${id}`);
}

/** A session row. */
export interface SessionRow {
  id: string;
  account_id: string;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
  /** The enterprise this session acts for, if any (see agents-repo.ts). */
  acting_for_account_id: string | null;
  acting_relation: 'legal_rep' | 'agent' | null;
  acting_authorization_id: string | null;
}

/** Insert a session. */
export async function insertSession(
  db: Db,
  s: { id: string; accountId: string; idleExpiresAt: Date; absoluteExpiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.execute(sql`insert into sessions (id, account_id, idle_expires_at, absolute_expires_at, ip, user_agent)
    values (${s.id}, ${s.accountId}, ${s.idleExpiresAt.toISOString()}, ${s.absoluteExpiresAt.toISOString()}, ${s.ip}, ${s.userAgent})`);
}

/** Find a session by the hash of its token. */
export function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return firstRow<SessionRow>(db, sql`select id, account_id, idle_expires_at, absolute_expires_at, last_seen_at, ended_at,
    acting_for_account_id, acting_relation, acting_authorization_id from sessions where id = ${id}`);
}

/** Push a session's idle expiry forward. */
export async function touchSession(db: Db, id: string, idleExpiresAt: Date): Promise<void> {
  await db.execute(sql`update sessions set last_seen_at = now(), idle_expires_at = ${idleExpiresAt.toISOString()} where id = ${id} and ended_at is null`);
}

/** End one session. */
export async function endSession(db: Db, id: string, reason: string): Promise<void> {
  await db.execute(sql`update sessions set ended_at = now(), end_reason = ${reason} where id = ${id} and ended_at is null`);
}

/** End every open session of an account, except optionally one. */
export async function endAccountSessions(db: Db, accountId: string, reason: string, exceptId: string | null = null): Promise<void> {
  await db.execute(sql`update sessions set ended_at = now(), end_reason = ${reason}
    where account_id = ${accountId} and ended_at is null and id is distinct from ${exceptId}`);
}

/** Filter for listing accounts. */
export interface AccountFilter {
  kind?: AccountKind;
  q?: string;
  /** Region prefix: staff whose scope region lies under it. */
  regionPrefix?: string;
  departmentId?: string;
  limit: number;
  offset: number;
}

/** List accounts (newest first) with the total count. */
export async function listAccounts(db: Db, f: AccountFilter): Promise<{ items: AccountRow[]; total: number }> {
  const where = [sql`a.status <> 'deregistered'`];
  if (f.kind) where.push(sql`a.kind = ${f.kind}`);
  if (f.q) where.push(sql`(a.display_name like ${'%' + f.q + '%'} or a.username like ${'%' + f.q + '%'})`);
  if (f.regionPrefix !== undefined) where.push(sql`a.scope_region_code like ${f.regionPrefix + '%'}`);
  if (f.departmentId) where.push(sql`a.scope_department_id = ${f.departmentId}`);
  const cond = sql.join(where, sql` and `);
  const items = await rows<AccountRow>(db, sql`${SELECT_ACCOUNT} where ${cond} order by a.created_at desc, a.id limit ${f.limit} offset ${f.offset}`);
  const total = await firstRow<{ n: number }>(db, sql`select count(*)::int as n from accounts a where ${cond}`);
  return { items, total: total?.n ?? 0 };
}

/** Count live accounts per kind and region prefix (of a given length) under a root prefix. */
export async function countAccountsByRegionPrefix(
  db: Db,
  rootPrefix: string,
  prefixLength: number,
): Promise<{ kind: AccountKind; prefix: string; n: number }[]> {
  return rows(db, sql`select kind, substr(coalesce(scope_region_code, home_region_code), 1, ${prefixLength}) as prefix, count(*)::int as n
    from accounts where status <> 'deregistered' and coalesce(scope_region_code, home_region_code) like ${rootPrefix + '%'}
    group by 1, 2`);
}

/** Live staff accounts per department. */
export async function countStaffByDepartment(db: Db, departmentIds: string[]): Promise<Map<string, number>> {
  if (departmentIds.length === 0) return new Map();
  const r = await rows<{ id: string; n: number }>(db, sql`select scope_department_id as id, count(*)::int as n from accounts
    where kind = 'staff' and status <> 'deregistered' and scope_department_id in (${sql.join(departmentIds.map((id) => sql`${id}`), sql`, `)})
    group by 1`);
  return new Map(r.map((x) => [x.id, x.n]));
}

/** Display names of accounts by id (for "who edited / who reviewed" beside records of other modules). */
export async function displayNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const list = await rows<{ id: string; display_name: string }>(db, sql`select id, display_name from accounts where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(list.map((r) => [r.id, r.display_name]));
}
