import { sql } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A registered client. */
export interface ClientRow {
  client_id: string;
  name: string;
  department_id: string | null;
  department_name: string | null;
  department_region_code: string | null;
  description: string | null;
  application_type: 'web' | 'service';
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  backchannel_logout_uri: string | null;
  grant_types: string[];
  scopes: string[];
  claims: string[];
  secret_enc: string;
  status: 'active' | 'disabled';
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  secret_rotated_at: Date | string;
}

const SELECT_CLIENT = sql`select c.*, d.name as department_name, d.region_code as department_region_code
  from sso_clients c left join departments d on d.id = c.department_id`;

/** Every client, newest first. */
export function listClients(db: Db): Promise<ClientRow[]> {
  return rows<ClientRow>(db, sql`${SELECT_CLIENT} order by c.created_at desc`);
}

/** One client by id. */
export function findClient(db: Db, clientId: string): Promise<ClientRow | undefined> {
  return firstRow<ClientRow>(db, sql`${SELECT_CLIENT} where c.client_id = ${clientId}`);
}

/** Clients by id. */
export function findClients(db: Db, ids: string[]): Promise<ClientRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<ClientRow>(db, sql`${SELECT_CLIENT} where c.client_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
}

/** The fields a client is created with. */
export interface NewClient {
  clientId: string;
  name: string;
  departmentId: string | null;
  description: string | null;
  applicationType: 'web' | 'service';
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  grantTypes: string[];
  scopes: string[];
  claims: string[];
  secretEnc: string;
  createdBy: string | null;
}

/** Insert a client. */
export async function insertClient(db: Db, c: NewClient): Promise<void> {
  await db.execute(sql`insert into sso_clients (client_id, name, department_id, description, application_type, redirect_uris,
      post_logout_redirect_uris, backchannel_logout_uri, grant_types, scopes, claims, secret_enc, created_by)
    values (${c.clientId}, ${c.name}, ${c.departmentId}, ${c.description}, ${c.applicationType}, ${JSON.stringify(c.redirectUris)}::jsonb,
      ${JSON.stringify(c.postLogoutRedirectUris)}::jsonb, ${c.backchannelLogoutUri}, ${JSON.stringify(c.grantTypes)}::jsonb,
      ${JSON.stringify(c.scopes)}::jsonb, ${JSON.stringify(c.claims)}::jsonb, ${c.secretEnc}, ${c.createdBy})`);
}

/** Editable fields (undefined leaves a field as it is). */
export interface ClientPatch {
  name?: string;
  departmentId?: string | null;
  description?: string | null;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  grantTypes?: string[];
  scopes?: string[];
  claims?: string[];
  status?: 'active' | 'disabled';
  secretEnc?: string;
}

/** Update a client. */
export async function updateClient(db: Db, clientId: string, p: ClientPatch): Promise<void> {
  const sets = [sql`updated_at = now()`];
  const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
  if (p.name !== undefined) sets.push(sql`name = ${p.name}`);
  if (p.departmentId !== undefined) sets.push(sql`department_id = ${p.departmentId}`);
  if (p.description !== undefined) sets.push(sql`description = ${p.description}`);
  if (p.redirectUris !== undefined) sets.push(sql`redirect_uris = ${json(p.redirectUris)}`);
  if (p.postLogoutRedirectUris !== undefined) sets.push(sql`post_logout_redirect_uris = ${json(p.postLogoutRedirectUris)}`);
  if (p.backchannelLogoutUri !== undefined) sets.push(sql`backchannel_logout_uri = ${p.backchannelLogoutUri}`);
  if (p.grantTypes !== undefined) sets.push(sql`grant_types = ${json(p.grantTypes)}`);
  if (p.scopes !== undefined) sets.push(sql`scopes = ${json(p.scopes)}`);
  if (p.claims !== undefined) sets.push(sql`claims = ${json(p.claims)}`);
  if (p.status !== undefined) sets.push(sql`status = ${p.status}`);
  if (p.secretEnc !== undefined) sets.push(sql`secret_enc = ${p.secretEnc}`, sql`secret_rotated_at = now()`);
  await db.execute(sql`update sso_clients set ${sql.join(sets, sql`, `)} where client_id = ${clientId}`);
}

/** A stored signing key. */
export interface SigningKeyRow {
  kid: string;
  alg: string;
  private_jwk_enc: string;
  created_at: Date | string;
}

/** Unretired signing keys, newest first (the first signs). */
export function activeSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  return rows<SigningKeyRow>(db, sql`select kid, alg, private_jwk_enc, created_at from sso_signing_keys where retired_at is null order by created_at desc`);
}

/** Store a new signing key (a concurrent boot that stored one first wins). */
export async function insertSigningKey(db: Db, k: { kid: string; alg: string; privateJwkEnc: string }): Promise<void> {
  await db.execute(sql`insert into sso_signing_keys (kid, alg, private_jwk_enc) values (${k.kid}, ${k.alg}, ${k.privateJwkEnc}) on conflict do nothing`);
}

/** A stored provider artefact. */
export interface ArtifactRow {
  payload: Record<string, unknown>;
  expires_at: Date | string | null;
  consumed_at: Date | string | null;
}

/** Insert or replace an artefact. */
export async function upsertArtifact(
  db: Db,
  a: { model: string; id: string; payload: unknown; grantId: string | null; uid: string | null; userCode: string | null; accountId: string | null; expiresAt: Date | null },
): Promise<void> {
  await db.execute(sql`insert into sso_artifacts (model, id, payload, grant_id, uid, user_code, account_id, expires_at)
    values (${a.model}, ${a.id}, ${JSON.stringify(a.payload)}::jsonb, ${a.grantId}, ${a.uid}, ${a.userCode}, ${a.accountId}, ${a.expiresAt})
    on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
      user_code = excluded.user_code, account_id = excluded.account_id, expires_at = excluded.expires_at`);
}

/** An unexpired artefact by id. */
export function findArtifact(db: Db, model: string, id: string): Promise<ArtifactRow | undefined> {
  return firstRow<ArtifactRow>(db, sql`select payload, expires_at, consumed_at from sso_artifacts
    where model = ${model} and id = ${id} and (expires_at is null or expires_at > now())`);
}

/** An unexpired artefact by another column. */
export function findArtifactBy(db: Db, model: string, column: 'uid' | 'user_code', value: string): Promise<ArtifactRow | undefined> {
  const col = column === 'uid' ? sql`uid` : sql`user_code`;
  return firstRow<ArtifactRow>(db, sql`select payload, expires_at, consumed_at from sso_artifacts
    where model = ${model} and ${col} = ${value} and (expires_at is null or expires_at > now())`);
}

/** Mark an artefact consumed. */
export async function consumeArtifact(db: Db, model: string, id: string): Promise<void> {
  await db.execute(sql`update sso_artifacts set consumed_at = now() where model = ${model} and id = ${id}`);
}

/** Delete an artefact. */
export async function destroyArtifact(db: Db, model: string, id: string): Promise<void> {
  await db.execute(sql`delete from sso_artifacts where model = ${model} and id = ${id}`);
}

/** Delete every artefact of a grant (tokens and codes). */
export async function revokeGrantArtifacts(db: Db, grantId: string): Promise<void> {
  await db.execute(sql`delete from sso_artifacts where grant_id = ${grantId}`);
}

/** Unexpired artefacts of one model belonging to an account (sessions, grants). */
export function artifactsOfAccount(db: Db, model: string, accountId: string): Promise<(ArtifactRow & { id: string })[]> {
  return rows<ArtifactRow & { id: string }>(db, sql`select id, payload, expires_at, consumed_at from sso_artifacts
    where model = ${model} and account_id = ${accountId} and (expires_at is null or expires_at > now())`);
}

/** Drop expired artefacts (housekeeping). */
export async function purgeExpired(db: Db): Promise<void> {
  await db.execute(sql`delete from sso_artifacts where expires_at is not null and expires_at < now() - interval '1 day'`);
}
