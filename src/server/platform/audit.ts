import { sql } from 'drizzle-orm';
import { canonicalJson } from './canonical-json.ts';
import { actorAccountId, actorLabel, withTransaction, type Ctx } from './context.ts';
import { firstRow, rows, type Db } from './db.ts';
import { sm3Hex } from './crypto.ts';

// Arbitrary constant: the advisory lock that serializes appends so the chain never forks.
const AUDIT_LOCK = 72_000_002;
/** The prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** One event to record. */
export interface AuditEvent {
  /** Dotted verb, e.g. "identity.account.register". */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Account whose personal data the event concerns (shown in their "who used my data"). */
  subjectAccountId?: string | null;
  regionCode?: string | null;
  /** Why personal data was read, when it was. */
  purpose?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The fields covered by a row's hash. */
interface ChainedFields {
  seq: number;
  occurredAt: string;
  actor: string;
  actorAccountId: string | null;
  requestId: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  subjectAccountId: string | null;
  regionCode: string | null;
  purpose: string | null;
  before: unknown;
  after: unknown;
}

/** Hash of one row given the previous row's hash. */
export function chainHash(prevHash: string, fields: ChainedFields): string {
  return sm3Hex(`${prevHash}\n${canonicalJson(fields)}`);
}

// jsonb normalizes values (key order, -0, …): store and hash the same normalized JSON.
function normalize(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(canonicalJson(value)) as unknown);
}

/**
 * Append one event to the audit chain, inside the caller's transaction (or a new one), so that the
 * event is recorded if and only if the change it describes is.
 */
export async function audit(ctx: Ctx, event: AuditEvent): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    const last = await firstRow<{ seq_text: string; hash: string }>(tx.db, sql`select seq::text as seq_text, hash from audit_log order by seq desc limit 1`);
    const fields: ChainedFields = {
      seq: last ? Number(last.seq_text) + 1 : 1,
      occurredAt: new Date().toISOString(),
      actor: actorLabel(ctx.actor),
      actorAccountId: actorAccountId(ctx),
      requestId: ctx.requestId,
      ip: ctx.ip,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      subjectAccountId: event.subjectAccountId ?? null,
      regionCode: event.regionCode ?? null,
      purpose: event.purpose ?? null,
      before: normalize(event.before),
      after: normalize(event.after),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, fields);
    await tx.db.execute(sql`insert into audit_log (seq, occurred_at, actor, actor_account_id, request_id, ip, action, entity_type,
        entity_id, subject_account_id, region_code, purpose, before, after, prev_hash, hash)
      values (${fields.seq}, ${fields.occurredAt}, ${fields.actor}, ${fields.actorAccountId}, ${fields.requestId}, ${fields.ip},
        ${fields.action}, ${fields.entityType}, ${fields.entityId}, ${fields.subjectAccountId}, ${fields.regionCode},
        ${fields.purpose}, ${JSON.stringify(fields.before)}::jsonb, ${JSON.stringify(fields.after)}::jsonb, ${prevHash}, ${hash})`);
  });
}

/** Result of walking the chain. */
export type AuditVerifyResult =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; brokenSeq: number; brokenId: string; reason: string };

interface AuditRow {
  seq_text: string;
  id: string;
  occurred_at: Date | string;
  actor: string;
  actor_account_id: string | null;
  request_id: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  subject_account_id: string | null;
  region_code: string | null;
  purpose: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

/** Walk the chain in order (in pages, so it works on millions of rows) and report the first broken row. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await rows<AuditRow>(db, sql`select seq::text as seq_text, id, occurred_at, actor, actor_account_id, request_id, ip, action,
        entity_type, entity_id, subject_account_id, region_code, purpose, before, after, prev_hash, hash
      from audit_log where seq >= ${expectedSeq} order by audit_log.seq limit ${pageSize}`);
    if (page.length === 0) return { ok: true, rows: count, lastHash: prevHash };
    for (const r of page) {
      const seq = Number(r.seq_text);
      const broken = (reason: string): AuditVerifyResult => ({ ok: false, rows: count, brokenSeq: seq, brokenId: r.id, reason });
      if (seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}, found ${seq} (a row was removed)`);
      if (r.prev_hash !== prevHash) return broken('prev_hash does not match the previous row');
      const fields: ChainedFields = {
        seq,
        occurredAt: new Date(r.occurred_at).toISOString(),
        actor: r.actor,
        actorAccountId: r.actor_account_id,
        requestId: r.request_id,
        ip: r.ip,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        subjectAccountId: r.subject_account_id,
        regionCode: r.region_code,
        purpose: r.purpose,
        before: typeof r.before === 'string' ? (JSON.parse(r.before) as unknown) : r.before,
        after: typeof r.after === 'string' ? (JSON.parse(r.after) as unknown) : r.after,
      };
      if (chainHash(prevHash, fields) !== r.hash) return broken('row content does not match its hash (edited after it was written)');
      prevHash = r.hash;
      expectedSeq = seq + 1;
      count++;
    }
  }
}
