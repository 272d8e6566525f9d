import { sql } from 'drizzle-orm';
import type { OtpPurpose } from '../../../common/schemas/otp.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A one-time code row (the code itself is never stored, only its keyed hash). */
export interface OtpRow {
  id: string;
  purpose: OtpPurpose;
  channel: 'sms' | 'email';
  account_id: string | null;
  recipient_hash: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  wrong_attempts: number;
  locked_at: Date | null;
  consumed_at: Date | null;
}

/** Serialize code requests for one recipient until the transaction ends (so two at once cannot both pass the rate limit). */
export async function lockRecipient(db: Db, recipientHash: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${recipientHash}`}))`);
}

/** When the last code to a recipient was created, and how many since `daySince`. */
export async function sendStats(db: Db, recipientHash: string, daySince: Date): Promise<{ lastAt: Date | null; inDay: number }> {
  const r = await firstRow<{ last_at: Date | string | null; n: number }>(db, sql`select max(created_at) as last_at,
      count(*) filter (where created_at > ${daySince.toISOString()})::int as n
    from otp_codes where recipient_hash = ${recipientHash} and created_at > ${daySince.toISOString()}`);
  return { lastAt: r?.last_at ? new Date(r.last_at) : null, inDay: r?.n ?? 0 };
}

/** Insert a code. */
export async function insertCode(
  db: Db,
  c: { id: string; purpose: OtpPurpose; channel: 'sms' | 'email'; accountId: string | null; recipientHash: string; codeHash: string; createdAt: Date; expiresAt: Date; ip: string | null },
): Promise<void> {
  await db.execute(sql`insert into otp_codes (id, purpose, channel, account_id, recipient_hash, code_hash, created_at, expires_at, ip)
    values (${c.id}, ${c.purpose}, ${c.channel}, ${c.accountId}, ${c.recipientHash}, ${c.codeHash}, ${c.createdAt.toISOString()}, ${c.expiresAt.toISOString()}, ${c.ip})`);
}

/**
 * The latest code of a purpose for a recipient (and, for codes bound to an account, that account):
 * only it counts, so asking for a new code supersedes the earlier ones.
 */
export function latestCode(db: Db, purpose: OtpPurpose, recipientHash: string, accountId: string | null): Promise<OtpRow | undefined> {
  return firstRow<OtpRow>(db, sql`select * from otp_codes where purpose = ${purpose} and recipient_hash = ${recipientHash}
    ${accountId ? sql`and account_id = ${accountId}` : sql``} order by created_at desc, id desc limit 1`);
}

/**
 * Count one wrong code; the `max`-th locks the code. Atomic, so parallel guesses cannot pass the
 * limit. Returns the new count and whether the code is now locked, or undefined when the code was
 * consumed or locked meanwhile.
 */
export async function recordWrongAttempt(db: Db, id: string, max: number, now: Date): Promise<{ wrong: number; locked: boolean } | undefined> {
  const r = await firstRow<{ wrong_attempts: number; locked_at: Date | null }>(db, sql`update otp_codes set
      wrong_attempts = wrong_attempts + 1,
      locked_at = case when wrong_attempts + 1 >= ${max} then ${now.toISOString()}::timestamptz else null end
    where id = ${id} and locked_at is null and consumed_at is null returning wrong_attempts, locked_at`);
  return r ? { wrong: r.wrong_attempts, locked: r.locked_at !== null } : undefined;
}

/** Use a code up; false when it was consumed or locked meanwhile (single use even under races). */
export async function consumeCode(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await rows(db, sql`update otp_codes set consumed_at = ${now.toISOString()} where id = ${id} and consumed_at is null and locked_at is null returning id`);
  return r.length > 0;
}

/** Ids of the live citizen and staff accounts bound to a phone (two at most: more than one is ambiguous). */
export async function accountIdsByPhoneHash(db: Db, phoneHash: string): Promise<string[]> {
  const r = await rows<{ id: string }>(db, sql`select id from accounts where phone_hash = ${phoneHash} and kind in ('citizen', 'staff')
    and status <> 'deregistered' order by created_at limit 2`);
  return r.map((x) => x.id);
}
