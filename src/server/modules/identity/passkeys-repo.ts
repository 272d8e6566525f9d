import { sql } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A stored passkey (WebAuthn credential). */
export interface PasskeyRow {
  id: string;
  credential_id: string;
  account_id: string;
  public_key: string;
  /** bigint comes back as a string on node-postgres: read it with Number(). */
  sign_count: string | number;
  transports: string[];
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  aaguid: string | null;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A ceremony challenge. */
export interface ChallengeRow {
  challenge: string;
  ceremony: 'registration' | 'authentication';
  account_id: string | null;
  expires_at: Date;
  used_at: Date | null;
}

/** The user handle of an account, if it has one. */
export async function findUserHandle(db: Db, accountId: string): Promise<string | undefined> {
  const r = await firstRow<{ user_handle: string }>(db, sql`select user_handle from passkey_users where account_id = ${accountId}`);
  return r?.user_handle;
}

/** Store an account's user handle unless it has one; returns the one stored. */
export async function ensureUserHandle(db: Db, accountId: string, candidate: string): Promise<string> {
  await db.execute(sql`insert into passkey_users (account_id, user_handle) values (${accountId}, ${candidate}) on conflict (account_id) do nothing`);
  const r = await findUserHandle(db, accountId);
  if (!r) throw new Error('passkey user handle was not stored');
  return r;
}

/** The account a user handle belongs to. */
export async function findAccountIdByUserHandle(db: Db, userHandle: string): Promise<string | undefined> {
  const r = await firstRow<{ account_id: string }>(db, sql`select account_id from passkey_users where user_handle = ${userHandle}`);
  return r?.account_id;
}

/** Store a new challenge. */
export async function insertChallenge(db: Db, c: { challenge: string; ceremony: ChallengeRow['ceremony']; accountId: string | null; expiresAt: Date }): Promise<void> {
  await db.execute(sql`insert into passkey_challenges (challenge, ceremony, account_id, expires_at)
    values (${c.challenge}, ${c.ceremony}, ${c.accountId}, ${c.expiresAt.toISOString()})`);
}

/**
 * Use a challenge up: marks it used and returns it if it exists, was unused and had not expired.
 * One statement, so two requests racing with the same challenge cannot both get it.
 */
export function consumeChallenge(db: Db, challenge: string, ceremony: ChallengeRow['ceremony']): Promise<ChallengeRow | undefined> {
  return firstRow<ChallengeRow>(db, sql`update passkey_challenges set used_at = now()
    where challenge = ${challenge} and ceremony = ${ceremony} and used_at is null and expires_at > now()
    returning challenge, ceremony, account_id, expires_at, used_at`);
}

/** A challenge in any state (to tell the caller why it was refused). */
export function findChallenge(db: Db, challenge: string): Promise<ChallengeRow | undefined> {
  return firstRow<ChallengeRow>(db, sql`select challenge, ceremony, account_id, expires_at, used_at from passkey_challenges where challenge = ${challenge}`);
}

/** Remove challenges that expired a while ago (they can no longer be used, and nobody needs them). */
export async function deleteStaleChallenges(db: Db, olderThanMinutes: number): Promise<void> {
  await db.execute(sql`delete from passkey_challenges where expires_at < now() - make_interval(mins => ${olderThanMinutes})`);
}

const COLUMNS = sql`id, credential_id, account_id, public_key, sign_count, transports, device_type, backed_up, aaguid, name, created_at, last_used_at, revoked_at`;

/** Live (not deleted) passkeys of an account, oldest first. */
export function listActiveByAccount(db: Db, accountId: string): Promise<PasskeyRow[]> {
  return rows<PasskeyRow>(db, sql`select ${COLUMNS} from passkey_credentials where account_id = ${accountId} and revoked_at is null order by created_at, id`);
}

/** A passkey by the authenticator's credential id (deleted ones included). */
export function findByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  return firstRow<PasskeyRow>(db, sql`select ${COLUMNS} from passkey_credentials where credential_id = ${credentialId}`);
}

/** A live passkey by id, only if it belongs to the account. */
export function findActiveOfAccount(db: Db, id: string, accountId: string): Promise<PasskeyRow | undefined> {
  return firstRow<PasskeyRow>(db, sql`select ${COLUMNS} from passkey_credentials where id = ${id} and account_id = ${accountId} and revoked_at is null`);
}

/** Columns of a new passkey. */
export interface NewPasskey {
  credentialId: string;
  accountId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
  deviceType: PasskeyRow['device_type'];
  backedUp: boolean;
  aaguid: string | null;
  name: string;
}

/** Insert a passkey; returns its id. */
export async function insertPasskey(db: Db, p: NewPasskey): Promise<string> {
  const transports = sql`array[${sql.join(p.transports.map((t) => sql`${t}`), sql`, `)}]::text[]`;
  const r = await firstRow<{ id: string }>(db, sql`insert into passkey_credentials
      (credential_id, account_id, public_key, sign_count, transports, device_type, backed_up, aaguid, name)
    values (${p.credentialId}, ${p.accountId}, ${p.publicKey}, ${p.signCount}, ${p.transports.length > 0 ? transports : sql`'{}'::text[]`},
      ${p.deviceType}, ${p.backedUp}, ${p.aaguid}, ${p.name})
    returning id`);
  if (!r) throw new Error('insert into passkey_credentials returned no row');
  return r.id;
}

/** Record a successful use: the new signature counter and the backup state the authenticator reports. */
export async function recordUse(db: Db, id: string, u: { signCount: number; backedUp: boolean; deviceType: PasskeyRow['device_type'] }): Promise<void> {
  await db.execute(sql`update passkey_credentials set sign_count = ${u.signCount}, backed_up = ${u.backedUp}, device_type = ${u.deviceType}, last_used_at = now()
    where id = ${id}`);
}

/** Rename a passkey. */
export async function renamePasskey(db: Db, id: string, name: string): Promise<void> {
  await db.execute(sql`update passkey_credentials set name = ${name} where id = ${id}`);
}

/** Revoke (delete) a passkey; its row stays for the audit trail. */
export async function revokePasskey(db: Db, id: string, reason: string): Promise<void> {
  await db.execute(sql`update passkey_credentials set revoked_at = now(), revoke_reason = ${reason} where id = ${id} and revoked_at is null`);
}
