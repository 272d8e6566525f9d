import { createHash } from 'node:crypto';

/*
 * Merkle tree for the license transparency log, with the tree shape, proofs and verification of
 * RFC 6962 §2.1 / RFC 9162 §2.1 and SM3 as the default hash (the log is a Chinese government
 * record, so GM/T algorithms come first; the hash is injectable so the well-known SHA-256
 * Certificate Transparency vectors can check the structure).
 *
 * Leaf indices are plain numbers and every size may go up to Number.MAX_SAFE_INTEGER: all index
 * arithmetic uses division, never the 32-bit bitwise operators, so nothing breaks past 2^31 leaves.
 * Ranges are half-open [start, end) over leaf indices.
 *
 * The verifiers take the tree size on trust, as RFC 9162 does: a root alone does not commit to its
 * size (a proof for size 5 can also check out against size 6), so sizes must come from the signed
 * tree head together with the root.
 */

/** A hash function for the tree: digest of the concatenation of the parts, always `size` bytes. */
export interface MerkleHasher {
  readonly algorithm: string;
  readonly size: number;
  digest(parts: readonly Buffer[]): Buffer;
}

/** Hasher over any Node `createHash` algorithm (for example 'sm3' or 'sha256'). */
export function hasherFor(algorithm: string): MerkleHasher {
  const size = createHash(algorithm).digest().length;
  return {
    algorithm,
    size,
    digest(parts) {
      const h = createHash(algorithm);
      for (const p of parts) h.update(p);
      return h.digest();
    },
  };
}

/** SM3 (GB/T 32905), the default hash of the log. */
export const sm3Hasher: MerkleHasher = hasherFor('sm3');

/** SHA-256, for interoperability and the RFC 6962 test vectors. */
export const sha256Hasher: MerkleHasher = hasherFor('sha256');

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** A half-open range [start, end) of leaf indices. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** A complete subtree (size a power of two, start a multiple of it) and its root hash. */
export interface Subtree extends LeafRange {
  readonly hash: Buffer;
}

/** Fetches the root hash of one complete, aligned subtree; see `perfectSubtrees` for which ones are asked. */
export type SubtreeRootFn = (start: number, end: number) => Promise<Buffer>;

/** Hash of the empty tree: H() of no bytes. */
export function emptyRoot(hasher: MerkleHasher = sm3Hasher): Buffer {
  return hasher.digest([]);
}

/** Leaf hash H(0x00 || data); a string is taken as UTF-8. */
export function leafHash(data: Buffer | string, hasher: MerkleHasher = sm3Hasher): Buffer {
  return hasher.digest([LEAF_PREFIX, typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}

/** Interior node hash H(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer, hasher: MerkleHasher = sm3Hasher): Buffer {
  return hasher.digest([NODE_PREFIX, left, right]);
}

/** Lower-case hex of a hash. */
export function toHex(hash: Buffer): string {
  return hash.toString('hex');
}

/** Parse a hex hash, insisting on exactly `size` bytes (Buffer.from silently drops bad hex). */
export function fromHex(hex: string, size: number = sm3Hasher.size): Buffer {
  if (hex.length !== size * 2 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`Expected a ${size}-byte hex hash`);
  return Buffer.from(hex, 'hex');
}

/** Hex of every element of a proof. */
export function proofToHex(proof: readonly Buffer[]): string[] {
  return proof.map(toHex);
}

/** Parse a hex proof, each element exactly `size` bytes. */
export function proofFromHex(proof: readonly string[], size: number = sm3Hasher.size): Buffer[] {
  return proof.map((h) => fromHex(h, size));
}

// ---------------------------------------------------------------------------------------------
// Tree shape
// ---------------------------------------------------------------------------------------------

/** Floor division by two; the bitwise `>>` would truncate sizes to 32 bits. */
function half(x: number): number {
  return Math.floor(x / 2);
}

function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** The RFC 6962 split point: the largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

function isTreeSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function assertTreeSize(n: number, what: string): void {
  if (!isTreeSize(n)) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
}

/**
 * Split a node of the RFC 6962 tree into the complete aligned subtrees it is made of, largest first.
 * The sizes are the binary digits of end - start; the node's root is their right fold
 * H(p1, H(p2, ... H(pk-1, pk))), because RFC 6962 always splits off the largest power of two on the left.
 */
export function perfectSubtrees(start: number, end: number): LeafRange[] {
  const out: LeafRange[] = [];
  let at = start;
  let remaining = end - start;
  while (remaining > 0) {
    let size = 1;
    while (size * 2 <= remaining) size *= 2;
    if (at % size !== 0) throw new RangeError(`[${start}, ${end}) is not a node of an RFC 6962 tree`);
    out.push({ start: at, end: at + size });
    at += size;
    remaining -= size;
  }
  return out;
}

/**
 * The tree nodes of PATH(index, D[0:treeSize]) (RFC 6962 §2.1.1), in proof order: deepest sibling
 * first, the sibling of the root's child last. Each is a node of the tree, so it is either a
 * complete aligned subtree or the ragged right edge [start, treeSize).
 */
export function inclusionProofRanges(index: number, treeSize: number): LeafRange[] {
  assertTreeSize(treeSize, 'treeSize');
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw new RangeError(`Leaf index ${index} is outside a tree of ${treeSize}`);
  const topDown: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      topDown.push({ start: start + k, end });
      end = start + k;
    } else {
      topDown.push({ start, end: start + k });
      start += k;
    }
  }
  return topDown.reverse();
}

/**
 * The tree nodes of PROOF(oldSize, D[0:newSize]) (RFC 6962 §2.1.2), in proof order. Empty when
 * oldSize is 0 or equals newSize, as in RFC 9162 (nothing to prove).
 */
export function consistencyProofRanges(oldSize: number, newSize: number): LeafRange[] {
  assertTreeSize(newSize, 'newSize');
  assertTreeSize(oldSize, 'oldSize');
  if (oldSize > newSize) throw new RangeError(`Old size ${oldSize} is larger than new size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  // SUBPROOF(m, D[start:end], b), unrolled: every step descends one level and emits one sibling.
  const topDown: LeafRange[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let whole = true; // b: the current node is the old tree's root itself, which the verifier knows
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!whole) topDown.push({ start, end });
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      topDown.push({ start: start + k, end });
      end = start + k;
    } else {
      topDown.push({ start, end: start + k });
      m -= k;
      start += k;
      whole = false;
    }
  }
  return topDown.reverse();
}

// ---------------------------------------------------------------------------------------------
// In-memory trees (all leaf hashes at hand)
// ---------------------------------------------------------------------------------------------

/** MTH over leafHashes[start, end), recursing on indices to avoid copying slices. */
function mth(leafHashes: readonly Buffer[], start: number, end: number, hasher: MerkleHasher): Buffer {
  const n = end - start;
  if (n === 0) return emptyRoot(hasher);
  if (n === 1) return leafHashes[start]!;
  const k = splitPoint(n);
  return nodeHash(mth(leafHashes, start, start + k, hasher), mth(leafHashes, start + k, end, hasher), hasher);
}

/** Merkle tree hash MTH (RFC 6962 §2.1) of a list of leaf hashes. */
export function rootFromLeafHashes(leafHashes: readonly Buffer[], hasher: MerkleHasher = sm3Hasher): Buffer {
  return mth(leafHashes, 0, leafHashes.length, hasher);
}

/** Inclusion proof PATH(index, D[0:n]) (RFC 6962 §2.1.1) for leaf `index` of the tree of these leaf hashes. */
export function inclusionProof(leafHashes: readonly Buffer[], index: number, hasher: MerkleHasher = sm3Hasher): Buffer[] {
  return inclusionProofRanges(index, leafHashes.length).map((r) => mth(leafHashes, r.start, r.end, hasher));
}

/** Consistency proof PROOF(oldSize, D[0:n]) (RFC 6962 §2.1.2) from the first oldSize leaves to all of them. */
export function consistencyProof(leafHashes: readonly Buffer[], oldSize: number, hasher: MerkleHasher = sm3Hasher): Buffer[] {
  return consistencyProofRanges(oldSize, leafHashes.length).map((r) => mth(leafHashes, r.start, r.end, hasher));
}

// ---------------------------------------------------------------------------------------------
// Verification (RFC 9162 §2.1.3.2 and §2.1.4.2)
// ---------------------------------------------------------------------------------------------

function isHash(b: unknown, hasher: MerkleHasher): b is Buffer {
  return Buffer.isBuffer(b) && b.length === hasher.size;
}

/** Check an inclusion proof of leafHash at index in the tree of treeSize with the given root (RFC 9162 §2.1.3.2). */
export function verifyInclusion(
  leafHash: Buffer,
  index: number,
  treeSize: number,
  proof: readonly Buffer[],
  root: Buffer,
  hasher: MerkleHasher = sm3Hasher,
): boolean {
  if (!isTreeSize(treeSize) || !Number.isSafeInteger(index) || index < 0 || index >= treeSize) return false;
  // Wrong-length elements can never be genuine; refusing them early also keeps odd inputs out of the hash.
  if (!isHash(leafHash, hasher) || !isHash(root, hasher) || !proof.every((p) => isHash(p, hasher))) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false; // more elements than the path has levels
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r, hasher);
      // On the right edge a node may have no right sibling: climb past the levels it is promoted through.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p, hasher);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** Check a consistency proof between the tree heads (oldSize, oldRoot) and (newSize, newRoot) (RFC 9162 §2.1.4.2). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: readonly Buffer[],
  hasher: MerkleHasher = sm3Hasher,
): boolean {
  if (!isTreeSize(oldSize) || !isTreeSize(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot, hasher) || !isHash(newRoot, hasher) || !proof.every((p) => isHash(p, hasher))) return false;
  // Degenerate cases have empty proofs; we still insist the roots are what those sizes imply.
  if (oldSize === 0) return proof.length === 0 && oldRoot.equals(emptyRoot(hasher)) && (newSize > 0 || newRoot.equals(oldRoot));
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  if (proof.length === 0) return false;
  // A power-of-two old tree is itself a node of the new tree, so the proof leaves it out (the verifier has it).
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr, hasher);
      sr = nodeHash(c, sr, hasher);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c, hasher);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

// ---------------------------------------------------------------------------------------------
// Proofs from stored subtree roots (the log lives in a database)
// ---------------------------------------------------------------------------------------------

/**
 * Root of one tree node from the complete subtrees it consists of. All of them are requested at
 * once so a caller backed by a connection pool can answer them in parallel (or batch them).
 */
async function nodeFromSubtrees(range: LeafRange, subtreeRoot: SubtreeRootFn, hasher: MerkleHasher): Promise<Buffer> {
  const pieces = perfectSubtrees(range.start, range.end);
  const hashes = await Promise.all(pieces.map((p) => fetchSubtree(p, subtreeRoot, hasher)));
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc, hasher);
  return acc;
}

/** Ask for one complete subtree and refuse an answer that cannot be a hash, rather than build a bogus proof. */
async function fetchSubtree(range: LeafRange, subtreeRoot: SubtreeRootFn, hasher: MerkleHasher): Promise<Buffer> {
  const hash = await subtreeRoot(range.start, range.end);
  if (!isHash(hash, hasher)) throw new Error(`Subtree root for [${range.start}, ${range.end}) is not a ${hasher.size}-byte hash`);
  return hash;
}

async function nodesFromSubtrees(ranges: readonly LeafRange[], subtreeRoot: SubtreeRootFn, hasher: MerkleHasher): Promise<Buffer[]> {
  return Promise.all(ranges.map((r) => nodeFromSubtrees(r, subtreeRoot, hasher)));
}

/**
 * Inclusion proof for leaf index in the tree of treeSize, from stored subtree roots. subtreeRoot is
 * only asked for complete aligned subtrees [s, s + 2^k) with s a multiple of 2^k and s + 2^k ≤ treeSize
 * (size 1 means the leaf hash), each at most once, at most 2·⌈log2 treeSize⌉ in all, concurrently.
 */
export async function inclusionProofFromSubtrees(
  index: number,
  treeSize: number,
  subtreeRoot: SubtreeRootFn,
  hasher: MerkleHasher = sm3Hasher,
): Promise<Buffer[]> {
  return nodesFromSubtrees(inclusionProofRanges(index, treeSize), subtreeRoot, hasher);
}

/**
 * Consistency proof from oldSize to newSize, from stored subtree roots of the new tree; the same
 * request contract as inclusionProofFromSubtrees, with newSize as the bound.
 */
export async function consistencyProofFromSubtrees(
  oldSize: number,
  newSize: number,
  subtreeRoot: SubtreeRootFn,
  hasher: MerkleHasher = sm3Hasher,
): Promise<Buffer[]> {
  return nodesFromSubtrees(consistencyProofRanges(oldSize, newSize), subtreeRoot, hasher);
}

/** Tree root of treeSize from stored subtree roots: asks for the popcount(treeSize) subtrees of perfectSubtrees(0, treeSize). */
export async function rootFromSubtrees(treeSize: number, subtreeRoot: SubtreeRootFn, hasher: MerkleHasher = sm3Hasher): Promise<Buffer> {
  assertTreeSize(treeSize, 'treeSize');
  if (treeSize === 0) return emptyRoot(hasher);
  return nodeFromSubtrees({ start: 0, end: treeSize }, subtreeRoot, hasher);
}

// ---------------------------------------------------------------------------------------------
// Incremental builder
// ---------------------------------------------------------------------------------------------

interface SerializedRange {
  v: 1;
  alg: string;
  size: number;
  nodes: string[];
}

/**
 * Append-only Merkle accumulator keeping only the right edge of the tree: the roots of the complete
 * subtrees perfectSubtrees(0, size), largest first, at most ⌈log2(size + 1)⌉ hashes.
 */
export class CompactRange {
  #size = 0;
  #nodes: Buffer[] = [];

  /** An empty tree over the given hash (SM3 by default). */
  constructor(readonly hasher: MerkleHasher = sm3Hasher) {}

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** Copy of the right-edge subtree roots, largest (leftmost) first. */
  get frontier(): Buffer[] {
    return [...this.#nodes];
  }

  /**
   * Append one leaf hash. Returns the complete subtrees this append finished, smallest first (the
   * leaf itself, then each parent it completes), so a database can store them for the *FromSubtrees proofs.
   */
  append(leafHash: Buffer): Subtree[] {
    if (!isHash(leafHash, this.hasher)) throw new Error(`Leaf hash must be ${this.hasher.size} bytes`);
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('Tree is full');
    const index = this.#size;
    let hash = leafHash;
    let width = 1;
    const completed: Subtree[] = [{ start: index, end: index + 1, hash }];
    // Each trailing one bit of the old size is a same-width subtree to the left that now has a sibling.
    for (let s = this.#size; isOdd(s); s = (s - 1) / 2) {
      hash = nodeHash(this.#nodes.pop()!, hash, this.hasher);
      width *= 2;
      completed.push({ start: index + 1 - width, end: index + 1, hash });
    }
    this.#nodes.push(hash);
    this.#size += 1;
    return completed;
  }

  /** Current tree root, equal to rootFromLeafHashes of all appended leaves. */
  root(): Buffer {
    if (this.#nodes.length === 0) return emptyRoot(this.hasher);
    let acc = this.#nodes[this.#nodes.length - 1]!;
    for (let i = this.#nodes.length - 2; i >= 0; i--) acc = nodeHash(this.#nodes[i]!, acc, this.hasher);
    return acc;
  }

  /** Independent copy, for computing a candidate head without touching this one. */
  clone(): CompactRange {
    return CompactRange.#from(this.hasher, this.#size, this.#nodes);
  }

  /** JSON text {"v":1,"alg","size","nodes":[hex…]} to store next to the signed tree head. */
  serialize(): string {
    const state: SerializedRange = { v: 1, alg: this.hasher.algorithm, size: this.#size, nodes: this.#nodes.map(toHex) };
    return JSON.stringify(state);
  }

  /** Restore a serialized range; throws unless the text is well formed and for this hash. */
  static deserialize(text: string, hasher: MerkleHasher = sm3Hasher): CompactRange {
    const state: unknown = JSON.parse(text);
    if (typeof state !== 'object' || state === null) throw new Error('Compact range: not an object');
    const { v, alg, size, nodes } = state as Partial<Record<keyof SerializedRange, unknown>>;
    if (v !== 1) throw new Error('Compact range: unknown version');
    if (alg !== hasher.algorithm) throw new Error(`Compact range: hash ${String(alg)} is not ${hasher.algorithm}`);
    if (typeof size !== 'number' || !isTreeSize(size)) throw new Error('Compact range: bad size');
    if (!Array.isArray(nodes) || nodes.length !== perfectSubtrees(0, size).length) throw new Error('Compact range: node count does not match size');
    const hashes = nodes.map((h: unknown) => {
      if (typeof h !== 'string') throw new Error('Compact range: node is not a string');
      return fromHex(h, hasher.size);
    });
    return CompactRange.#from(hasher, size, hashes);
  }

  /** Rebuild the right edge of a stored tree of treeSize from its subtree roots (popcount(treeSize) requests). */
  static async fromSubtrees(treeSize: number, subtreeRoot: SubtreeRootFn, hasher: MerkleHasher = sm3Hasher): Promise<CompactRange> {
    assertTreeSize(treeSize, 'treeSize');
    const hashes = await Promise.all(perfectSubtrees(0, treeSize).map((p) => fetchSubtree(p, subtreeRoot, hasher)));
    return CompactRange.#from(hasher, treeSize, hashes);
  }

  static #from(hasher: MerkleHasher, size: number, nodes: readonly Buffer[]): CompactRange {
    const r = new CompactRange(hasher);
    r.#size = size;
    r.#nodes = nodes.map((n) => Buffer.from(n));
    return r;
  }
}
