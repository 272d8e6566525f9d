import { sql } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** How a level was reached (see the migration). */
export type RealNameMethod = 'self' | 'sms' | 'population' | 'window';

/** A row of real_name_verifications. */
export interface VerificationRow {
  id: string;
  account_id: string;
  level: number;
  previous_level: number;
  method: RealNameMethod;
  verified_by: string | null;
  window_id: string | null;
  document_type: string | null;
  note: string | null;
  verified_at: Date;
}

/**
 * Raise an account's level to at least `level` (never lowers it: greatest()), locking the row so
 * two verifications at once cannot interleave. Returns the level before and after, or undefined for
 * an unknown account.
 */
export async function raiseLevel(db: Db, accountId: string, level: number): Promise<{ before: number; after: number } | undefined> {
  const before = await firstRow<{ real_name_level: number }>(db, sql`select real_name_level from accounts where id = ${accountId} for update`);
  if (!before) return undefined;
  const after = await firstRow<{ real_name_level: number }>(db, sql`update accounts set real_name_level = greatest(real_name_level, ${level}), updated_at = now()
    where id = ${accountId} returning real_name_level`);
  return { before: before.real_name_level, after: after?.real_name_level ?? before.real_name_level };
}

/** Record one verification. */
export async function insertVerification(
  db: Db,
  v: { accountId: string; level: number; previousLevel: number; method: RealNameMethod; verifiedBy: string | null; windowId: string | null; documentType: string | null; note: string | null },
): Promise<VerificationRow> {
  const row = await firstRow<VerificationRow>(db, sql`insert into real_name_verifications (account_id, level, previous_level, method, verified_by, window_id, document_type, note)
    values (${v.accountId}, ${v.level}, ${v.previousLevel}, ${v.method}, ${v.verifiedBy}, ${v.windowId}, ${v.documentType}, ${v.note})
    returning *`);
  if (!row) throw new Error('insert into real_name_verifications returned no row');
  return row;
}

/** An account's verifications, newest first. */
export function listVerifications(db: Db, accountId: string, limit = 20): Promise<VerificationRow[]> {
  return rows<VerificationRow>(db, sql`select * from real_name_verifications where account_id = ${accountId} order by verified_at desc, id limit ${limit}`);
}
