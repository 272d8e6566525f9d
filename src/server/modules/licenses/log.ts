import { sql } from 'drizzle-orm';
import { canonicalJson } from '../../platform/canonical-json.ts';
import type { Ctx } from '../../platform/context.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import {
  CompactRange,
  consistencyProofFromSubtrees,
  fromHex,
  inclusionProofFromSubtrees,
  leafHash,
  proofFromHex,
  proofToHex,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../platform/merkle.ts';
import { sm2Sign, sm2Verify } from '../../platform/sm2.ts';
import { logSigningKey, publicKeyOf } from './keys.ts';

/**
 * The transparency log (透明日志): an append-only Merkle tree (RFC 6962 shape, SM3) over license
 * issue and revocation events. Each append stores the leaf, the subtrees it completes and a tree
 * head signed by the platform's log key, so that anyone holding an old head can check that later
 * heads only extended it, and a verifier can prove an event is in the log.
 */

/** What a leaf commits to. */
export interface LogEntry {
  identifier: string;
  event: 'issue' | 'revoke' | 'suspend' | 'resume' | 'supersede';
  state: string;
  /** SM3 of the license signature (the leaf pins the exact signed license). */
  signatureSm3: string;
  at: string;
}

/** A signed tree head. */
export interface TreeHeadRow {
  tree_size: number | string;
  root_hash: string;
  frontier: unknown;
  signature: string;
  key_id: string;
  created_at: Date | string;
}

/** The text a tree head signature covers. */
export function treeHeadMessage(treeSize: number, rootHex: string): string {
  return `tongban-license-log/v1\n${treeSize}\n${rootHex}`;
}

// PGlite and PostgreSQL: one advisory lock orders every append, so the tree never forks.
const LOG_LOCK = 7_301_226;

/** The newest tree head, if the log has any entry. */
export function latestHead(db: Db): Promise<TreeHeadRow | undefined> {
  return firstRow<TreeHeadRow>(db, sql`select * from license_log_heads order by tree_size desc limit 1`);
}

/** The newest signed tree head as the API presents it (size 0 and empty strings before the first entry). */
export async function presentLatestHead(ctx: Ctx): Promise<{ treeSize: number; rootHash: string; signature: string; publicKey: string; createdAt: string | null }> {
  const head = await latestHead(ctx.db);
  if (!head) return { treeSize: 0, rootHash: '', signature: '', publicKey: '', createdAt: null };
  return { treeSize: Number(head.tree_size), rootHash: head.root_hash, signature: head.signature, publicKey: (await publicKeyOf(ctx, head.key_id)) ?? '', createdAt: new Date(head.created_at).toISOString() };
}

/** A tree head of an exact size. */
export function headAt(db: Db, size: number): Promise<TreeHeadRow | undefined> {
  return firstRow<TreeHeadRow>(db, sql`select * from license_log_heads where tree_size = ${size}`);
}

/** Append an event for a license inside the caller's transaction; returns the new tree size. */
export async function appendToLog(tx: Ctx, licenseId: string, entry: LogEntry): Promise<number> {
  if (!tx.inTransaction) throw new Error('appendToLog must run inside a transaction');
  await tx.db.execute(sql`select pg_advisory_xact_lock(${LOG_LOCK})`);
  const head = await latestHead(tx.db);
  const range = head ? CompactRange.deserialize(typeof head.frontier === 'string' ? head.frontier : JSON.stringify(head.frontier)) : new CompactRange();
  const text = canonicalJson(entry);
  const leaf = leafHash(text);
  const seq = range.size;
  const completed = range.append(leaf);
  await tx.db.execute(sql`insert into license_log_entries (seq, license_id, event, entry, leaf_hash) values (${seq}, ${licenseId}, ${entry.event}, ${text}, ${toHex(leaf)})`);
  for (const s of completed) {
    await tx.db.execute(sql`insert into license_log_subtrees (start_index, end_index, hash) values (${s.start}, ${s.end}, ${toHex(s.hash)})`);
  }
  const key = await logSigningKey(tx);
  const rootHex = toHex(range.root());
  const signature = sm2Sign(treeHeadMessage(range.size, rootHex), key.pair);
  await tx.db.execute(sql`insert into license_log_heads (tree_size, root_hash, frontier, signature, key_id)
    values (${range.size}, ${rootHex}, ${range.serialize()}::jsonb, ${signature}, ${key.id})`);
  return range.size;
}

async function subtreeRoot(db: Db, start: number, end: number): Promise<Buffer> {
  const r = await firstRow<{ hash: string }>(db, sql`select hash from license_log_subtrees where start_index = ${start} and end_index = ${end}`);
  if (!r) throw new Error(`transparency log: subtree [${start}, ${end}) is missing`);
  return fromHex(r.hash);
}

/** An inclusion proof of the newest log entry of a license in the latest tree head. */
export async function inclusionOf(ctx: Ctx, licenseId: string): Promise<{ leafIndex: number; treeSize: number; leafHash: string; path: string[]; rootHash: string; treeHeadSignature: string; entry: string } | null> {
  const e = await firstRow<{ seq: string | number; entry: string; leaf_hash: string }>(ctx.db, sql`select seq, entry, leaf_hash from license_log_entries where license_id = ${licenseId} order by seq desc limit 1`);
  const head = await latestHead(ctx.db);
  if (!e || !head) return null;
  const treeSize = Number(head.tree_size);
  // Fetch sequentially: PGlite runs one query at a time anyway, and pg would take one pool slot each.
  const path = await inclusionProofFromSubtrees(Number(e.seq), treeSize, (s, t) => subtreeRoot(ctx.db, s, t));
  return { leafIndex: Number(e.seq), treeSize, leafHash: e.leaf_hash, path: proofToHex(path), rootHash: head.root_hash, treeHeadSignature: head.signature, entry: e.entry };
}

/** Check an inclusion proof against its root (for the API's callers and the tests). */
export function checkInclusion(p: { leafIndex: number; treeSize: number; leafHash: string; path: string[]; rootHash: string }): boolean {
  return verifyInclusion(fromHex(p.leafHash), p.leafIndex, p.treeSize, proofFromHex(p.path), fromHex(p.rootHash));
}

/** A consistency proof between two stored tree heads. */
export async function consistencyBetween(ctx: Ctx, from: number, to: number): Promise<{ from: number; to: number; fromRoot: string; toRoot: string; path: string[] } | null> {
  if (from > to) return null;
  const [a, b] = [await headAt(ctx.db, from), await headAt(ctx.db, to)];
  if (!a || !b) return null;
  const path = from === to ? [] : await consistencyProofFromSubtrees(from, to, (s, t) => subtreeRoot(ctx.db, s, t));
  return { from, to, fromRoot: a.root_hash, toRoot: b.root_hash, path: proofToHex(path) };
}

/** Outcome of checking the whole log. */
export type LogVerifyResult =
  | { ok: true; treeSize: number; heads: number; rootHash: string | null }
  | { ok: false; treeSize: number; problem: string };

/**
 * Check the log end to end (`tongban licenses log-verify`): every leaf hashes its entry, every
 * tree head's root is the root of its prefix, is signed by the log key, and is consistent with
 * the next head by a consistency proof computed from the stored subtrees.
 */
export async function verifyLog(ctx: Ctx, pageSize = 5000): Promise<LogVerifyResult> {
  const range = new CompactRange();
  const heads = await rows<TreeHeadRow>(ctx.db, sql`select tree_size, root_hash, signature, key_id from license_log_heads order by tree_size`);
  let h = 0;
  let previous: TreeHeadRow | undefined;
  for (let offset = 0; ; offset += pageSize) {
    const page = await rows<{ seq: string | number; entry: string; leaf_hash: string }>(ctx.db, sql`select seq, entry, leaf_hash from license_log_entries order by seq limit ${pageSize} offset ${offset}`);
    for (const e of page) {
      const seq = Number(e.seq);
      if (seq !== range.size) return { ok: false, treeSize: range.size, problem: `条目序号不连续：期望 ${range.size}，实为 ${seq}` };
      if (toHex(leafHash(e.entry)) !== e.leaf_hash) return { ok: false, treeSize: range.size, problem: `第 ${seq} 条的叶子哈希与条目内容不符（条目被改动）` };
      range.append(fromHex(e.leaf_hash));
      const head = heads[h];
      if (head && Number(head.tree_size) === range.size) {
        const problem = await checkHead(ctx, head, toHex(range.root()), previous);
        if (problem) return { ok: false, treeSize: range.size, problem };
        previous = head;
        h++;
      }
    }
    if (page.length < pageSize) break;
  }
  if (h !== heads.length) return { ok: false, treeSize: range.size, problem: `有 ${heads.length - h} 个树头超出了日志条目` };
  return { ok: true, treeSize: range.size, heads: heads.length, rootHash: range.size > 0 ? toHex(range.root()) : null };
}

async function checkHead(ctx: Ctx, head: TreeHeadRow, expectedRoot: string, previous: TreeHeadRow | undefined): Promise<string | null> {
  const size = Number(head.tree_size);
  if (head.root_hash !== expectedRoot) return `大小为 ${size} 的树头根哈希与条目重算结果不符`;
  const publicKey = await publicKeyOf(ctx, head.key_id);
  if (!publicKey || !sm2Verify(treeHeadMessage(size, head.root_hash), head.signature, publicKey)) return `大小为 ${size} 的树头签名无效`;
  if (previous) {
    const from = Number(previous.tree_size);
    const proof = await consistencyProofFromSubtrees(from, size, (s, t) => subtreeRoot(ctx.db, s, t));
    if (!verifyConsistency(from, size, fromHex(previous.root_hash), fromHex(head.root_hash), proof)) return `树头 ${from} → ${size} 不一致（日志被改写）`;
  }
  return null;
}
