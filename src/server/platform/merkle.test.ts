import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProof,
  consistencyProofFromSubtrees,
  consistencyProofRanges,
  emptyRoot,
  fromHex,
  inclusionProof,
  inclusionProofFromSubtrees,
  inclusionProofRanges,
  leafHash,
  nodeHash,
  perfectSubtrees,
  proofFromHex,
  proofToHex,
  rootFromLeafHashes,
  rootFromSubtrees,
  sha256Hasher,
  sm3Hasher,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type LeafRange,
  type MerkleHasher,
  type SubtreeRootFn,
} from './merkle.ts';

// ---------------------------------------------------------------------------------------------
// An independent reference written from the text of RFC 6962 §2.1, on raw leaf data and slices,
// sharing nothing with the module (own hashing, own split, no index arithmetic).
// ---------------------------------------------------------------------------------------------

function rfcHash(alg: string, ...parts: Buffer[]): Buffer {
  return createHash(alg).update(Buffer.concat(parts)).digest();
}

/** k: the largest power of two smaller than n (n > 1). */
function rfcK(n: number): number {
  return 2 ** Math.floor(Math.log2(n - 1));
}

/** MTH(D[n]). */
function rfcMth(alg: string, d: Buffer[]): Buffer {
  if (d.length === 0) return rfcHash(alg);
  if (d.length === 1) return rfcHash(alg, Buffer.from([0]), d[0]!);
  const k = rfcK(d.length);
  return rfcHash(alg, Buffer.from([1]), rfcMth(alg, d.slice(0, k)), rfcMth(alg, d.slice(k)));
}

/** PATH(m, D[n]). */
function rfcPath(alg: string, m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = rfcK(d.length);
  if (m < k) return [...rfcPath(alg, m, d.slice(0, k)), rfcMth(alg, d.slice(k))];
  return [...rfcPath(alg, m - k, d.slice(k)), rfcMth(alg, d.slice(0, k))];
}

/** SUBPROOF(m, D[n], b). */
function rfcSubproof(alg: string, m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [rfcMth(alg, d)];
  const k = rfcK(d.length);
  if (m <= k) return [...rfcSubproof(alg, m, d.slice(0, k), b), rfcMth(alg, d.slice(k))];
  return [...rfcSubproof(alg, m - k, d.slice(k), false), rfcMth(alg, d.slice(0, k))];
}

/** PROOF(m, D[n]). */
function rfcProof(alg: string, m: number, d: Buffer[]): Buffer[] {
  return rfcSubproof(alg, m, d, true);
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const data = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(`license-${i}`, 'utf8'));
const hashesOf = (d: Buffer[], hasher: MerkleHasher = sm3Hasher): Buffer[] => d.map((x) => leafHash(x, hasher));
const flipBit = (b: Buffer, bit = 0): Buffer => {
  const c = Buffer.from(b);
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
};
const replaced = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));
const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));
const isPerfect = (r: LeafRange): boolean => {
  const w = r.end - r.start;
  return w >= 1 && Number.isInteger(Math.log2(w)) && r.start % w === 0;
};

/** A subtree store like the database's: filled from CompactRange.append, checking every request. */
function storeFor(leafHashes: readonly Buffer[]): { lookup: (treeSize: number) => SubtreeRootFn; calls: LeafRange[] } {
  const range = new CompactRange();
  const stored = new Map<string, Buffer>();
  for (const h of leafHashes) for (const s of range.append(h)) stored.set(`${s.start}:${s.end}`, s.hash);
  const calls: LeafRange[] = [];
  return {
    calls,
    lookup: (treeSize) => async (start, end) => {
      const r = { start, end };
      if (!isPerfect(r) || end > treeSize) throw new Error(`unexpected range request [${start}, ${end}) for tree ${treeSize}`);
      calls.push(r);
      const h = stored.get(`${start}:${end}`);
      if (!h) throw new Error(`not stored: [${start}, ${end})`);
      return h;
    },
  };
}

// ---------------------------------------------------------------------------------------------

describe('hashes', () => {
  it('SM3 is the GB/T 32905 function (standard test vector)', () => {
    expect(toHex(sm3Hasher.digest([Buffer.from('abc')]))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hasher.size).toBe(32);
    expect(toHex(emptyRoot())).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(toHex(emptyRoot(sha256Hasher))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('leaf and node hashes carry the RFC 6962 domain-separation prefixes', () => {
    const a = Buffer.from('甲');
    const b = Buffer.from('乙');
    expect(leafHash(a)).toEqual(rfcHash('sm3', Buffer.from([0]), a));
    expect(leafHash('甲')).toEqual(leafHash(a));
    expect(nodeHash(a, b)).toEqual(rfcHash('sm3', Buffer.from([1]), a, b));
    expect(leafHash(a, sha256Hasher)).toEqual(rfcHash('sha256', Buffer.from([0]), a));
  });

  it('hex helpers round-trip and refuse malformed input', () => {
    const h = leafHash('x');
    expect(fromHex(toHex(h))).toEqual(h);
    expect(proofFromHex(proofToHex([h, h]))).toEqual([h, h]);
    expect(() => fromHex('zz'.repeat(32))).toThrow();
    expect(() => fromHex('00'.repeat(31))).toThrow();
    expect(() => fromHex('00'.repeat(32), 20)).toThrow();
  });
});

describe('tree shape against the RFC 6962 text', () => {
  it('MTH equals the reference for n = 0..70', () => {
    for (let n = 0; n <= 70; n++) {
      const d = data(n);
      expect(toHex(rootFromLeafHashes(hashesOf(d))), `n=${n}`).toBe(toHex(rfcMth('sm3', d)));
    }
  });

  it('PATH equals the reference for every leaf of every tree up to 40', () => {
    for (let n = 1; n <= 40; n++) {
      const d = data(n);
      const lh = hashesOf(d);
      for (let m = 0; m < n; m++) expect(proofToHex(inclusionProof(lh, m)), `n=${n} m=${m}`).toEqual(proofToHex(rfcPath('sm3', m, d)));
    }
  });

  it('PROOF equals the reference for every 1 ≤ m ≤ n ≤ 40', () => {
    for (let n = 1; n <= 40; n++) {
      const d = data(n);
      const lh = hashesOf(d);
      for (let m = 1; m <= n; m++) expect(proofToHex(consistencyProof(lh, m)), `m=${m} n=${n}`).toEqual(proofToHex(rfcProof('sm3', m, d)));
    }
  });

  it('proof ranges are tree nodes: complete aligned subtrees or the right edge', () => {
    for (let n = 1; n <= 70; n++) {
      for (let m = 0; m < n; m++) for (const r of inclusionProofRanges(m, n)) expect(isPerfect(r) || r.end === n).toBe(true);
      for (let m = 0; m <= n; m++) for (const r of consistencyProofRanges(m, n)) expect(isPerfect(r) || r.end === n).toBe(true);
    }
    expect(() => perfectSubtrees(1, 3)).toThrow(RangeError);
    expect(perfectSubtrees(0, 13)).toEqual([
      { start: 0, end: 8 },
      { start: 8, end: 12 },
      { start: 12, end: 13 },
    ]);
  });

  it('refuses out-of-range arguments when building proofs', () => {
    const lh = hashesOf(data(5));
    expect(() => inclusionProof(lh, 5)).toThrow(RangeError);
    expect(() => inclusionProof(lh, -1)).toThrow(RangeError);
    expect(() => inclusionProof(lh, 1.5)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    expect(() => consistencyProof(lh, 6)).toThrow(RangeError);
    expect(() => consistencyProof(lh, -1)).toThrow(RangeError);
    expect(consistencyProof(lh, 0)).toEqual([]);
    expect(consistencyProof(lh, 5)).toEqual([]);
  });
});

describe('inclusion proofs', () => {
  it('verify for every leaf of every tree up to 70 and fail when anything is altered', () => {
    const all = data(70);
    const allHashes = hashesOf(all);
    const stranger = leafHash('not in the log');
    for (let n = 1; n <= 70; n++) {
      const lh = allHashes.slice(0, n);
      const root = rootFromLeafHashes(lh);
      const otherRoot = n > 1 ? rootFromLeafHashes(lh.slice(0, n - 1)) : flipBit(root);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(lh, i);
        const leaf = lh[i]!;
        const at = `n=${n} i=${i}`;
        expect(proof.length, at).toBeLessThanOrEqual(ceilLog2(n));
        expect(verifyInclusion(leaf, i, n, proof, root), at).toBe(true);
        // Wrong index.
        if (i + 1 < n) expect(verifyInclusion(leaf, i + 1, n, proof, root), at).toBe(false);
        if (i > 0) expect(verifyInclusion(leaf, i - 1, n, proof, root), at).toBe(false);
        expect(verifyInclusion(leaf, n, n, proof, root), at).toBe(false);
        // Wrong leaf: a stranger, or a neighbour that is in the log at another index.
        expect(verifyInclusion(stranger, i, n, proof, root), at).toBe(false);
        if (n > 1) expect(verifyInclusion(lh[(i + 1) % n]!, i, n, proof, root), at).toBe(false);
        // Tampered, dropped, added or reordered proof elements.
        proof.forEach((p, j) => {
          expect(verifyInclusion(leaf, i, n, replaced(proof, j, flipBit(p, 13)), root), `${at} tamper ${j}`).toBe(false);
        });
        if (proof.length > 0) expect(verifyInclusion(leaf, i, n, proof.slice(0, -1), root), at).toBe(false);
        expect(verifyInclusion(leaf, i, n, [...proof, root], root), at).toBe(false);
        expect(verifyInclusion(leaf, i, n, [root, ...proof], root), at).toBe(false);
        if (proof.length > 1) expect(verifyInclusion(leaf, i, n, [...proof].reverse(), root), at).toBe(false);
        // Wrong root, or a tree twice the size.
        expect(verifyInclusion(leaf, i, n, proof, otherRoot), at).toBe(false);
        expect(verifyInclusion(leaf, i, n, proof, flipBit(root, 255)), at).toBe(false);
        expect(verifyInclusion(leaf, i, 2 * n, proof, root), at).toBe(false);
      }
    }
  });

  it('rejects malformed inputs instead of hashing them', () => {
    const lh = hashesOf(data(4));
    const root = rootFromLeafHashes(lh);
    const proof = inclusionProof(lh, 1);
    expect(verifyInclusion(lh[1]!, 1, 4, proof, root)).toBe(true);
    expect(verifyInclusion(lh[1]!.subarray(0, 31), 1, 4, proof, root)).toBe(false);
    expect(verifyInclusion(lh[1]!, 1, 4, [...proof, Buffer.alloc(0)], root)).toBe(false);
    expect(verifyInclusion(lh[1]!, 1, 4, proof, root.subarray(1))).toBe(false);
    expect(verifyInclusion(lh[1]!, -1, 4, proof, root)).toBe(false);
    expect(verifyInclusion(lh[1]!, 0.5, 4, proof, root)).toBe(false);
    expect(verifyInclusion(lh[1]!, 0, 0, [], emptyRoot())).toBe(false);
    expect(verifyInclusion(lh[1]!, 1, 4, proof, root, sha256Hasher)).toBe(false);
    // A one-leaf tree: the leaf hash is the root and the proof is empty.
    expect(verifyInclusion(lh[0]!, 0, 1, [], lh[0]!)).toBe(true);
  });
});

describe('consistency proofs', () => {
  it('verify for every 1 ≤ m ≤ n ≤ 40 and fail when the old range was rewritten', () => {
    const allHashes = hashesOf(data(40));
    const forged = leafHash('forged');
    for (let n = 1; n <= 40; n++) {
      const lh = allHashes.slice(0, n);
      const newRoot = rootFromLeafHashes(lh);
      for (let m = 1; m <= n; m++) {
        const at = `m=${m} n=${n}`;
        const oldRoot = rootFromLeafHashes(lh.slice(0, m));
        const proof = consistencyProof(lh, m);
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof), at).toBe(true);
        if (m === n) {
          expect(proof).toEqual([]);
          expect(verifyConsistency(m, n, oldRoot, flipBit(newRoot), proof), at).toBe(false);
          expect(verifyConsistency(m, n, oldRoot, newRoot, [newRoot]), at).toBe(false);
          continue;
        }
        expect(proof.length, at).toBeLessThanOrEqual(ceilLog2(n) + 1);
        for (let j = 0; j < m; j++) {
          // The log rewrote leaf j after publishing the old head: its new tree cannot prove consistency with it,
          const rewritten = replaced(lh, j, forged);
          const rewrittenProof = consistencyProof(rewritten, m);
          expect(verifyConsistency(m, n, oldRoot, rootFromLeafHashes(rewritten), rewrittenProof), `${at} rewrite ${j}`).toBe(false);
          // nor can an old head over the rewritten leaf be passed off as a prefix of the honest tree.
          const forgedOldRoot = rootFromLeafHashes(rewritten.slice(0, m));
          expect(verifyConsistency(m, n, forgedOldRoot, newRoot, proof), `${at} forged old ${j}`).toBe(false);
        }
        proof.forEach((p, j) => {
          expect(verifyConsistency(m, n, oldRoot, newRoot, replaced(proof, j, flipBit(p, 4))), `${at} tamper ${j}`).toBe(false);
        });
        expect(verifyConsistency(m, n, oldRoot, newRoot, []), at).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1)), at).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, newRoot, [...proof, oldRoot]), at).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, newRoot, [oldRoot, ...proof]), at).toBe(false);
        expect(verifyConsistency(m, n, newRoot, oldRoot, proof), at).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flipBit(newRoot), proof), at).toBe(false);
        if (m > 1) expect(verifyConsistency(m - 1, n, oldRoot, newRoot, proof), at).toBe(false);
        expect(verifyConsistency(m + 1, n, oldRoot, newRoot, proof), at).toBe(false);
      }
    }
  });

  it('handles the empty and equal-size cases strictly', () => {
    const lh = hashesOf(data(3));
    const root = rootFromLeafHashes(lh);
    expect(verifyConsistency(0, 3, emptyRoot(), root, [])).toBe(true);
    expect(verifyConsistency(0, 0, emptyRoot(), emptyRoot(), [])).toBe(true);
    expect(verifyConsistency(0, 3, root, root, [])).toBe(false);
    expect(verifyConsistency(0, 3, emptyRoot(), root, [root])).toBe(false);
    expect(verifyConsistency(3, 3, root, root, [])).toBe(true);
    expect(verifyConsistency(3, 2, root, root, [])).toBe(false);
    expect(verifyConsistency(-1, 2, root, root, [])).toBe(false);
  });
});

describe('CompactRange', () => {
  it('has the root of rootFromLeafHashes for n = 0..200 and survives serialize/deserialize', () => {
    const lh = hashesOf(data(200));
    let range = new CompactRange();
    for (let n = 0; n <= 200; n++) {
      const expected = toHex(rootFromLeafHashes(lh.slice(0, n)));
      expect(range.size).toBe(n);
      expect(toHex(range.root()), `n=${n}`).toBe(expected);
      expect(range.frontier.length).toBe(perfectSubtrees(0, n).length);
      const text = range.serialize();
      const restored = CompactRange.deserialize(text);
      expect(restored.size).toBe(n);
      expect(toHex(restored.root())).toBe(expected);
      expect(restored.serialize()).toBe(text);
      // Keep building on the restored copy so every later size is reached through a round trip too.
      range = n % 3 === 0 ? restored : range;
      if (n < 200) range.append(lh[n]!);
    }
  });

  it('reports every complete subtree once, with its correct root', () => {
    const lh = hashesOf(data(100));
    const range = new CompactRange();
    const seen = new Map<string, Buffer>();
    lh.forEach((h, i) => {
      const done = range.append(h);
      expect(done[0]).toEqual({ start: i, end: i + 1, hash: h });
      for (const s of done) {
        expect(isPerfect(s) && s.end === i + 1).toBe(true);
        expect(seen.has(`${s.start}:${s.end}`)).toBe(false);
        seen.set(`${s.start}:${s.end}`, s.hash);
        expect(s.hash).toEqual(rootFromLeafHashes(lh.slice(s.start, s.end)));
      }
    });
    // Every aligned subtree inside 100 leaves: sum over widths 2^k of floor(100 / 2^k).
    let count = 0;
    for (let w = 1; w <= 100; w *= 2) count += Math.floor(100 / w);
    expect(seen.size).toBe(count);
  });

  it('clones independently and rejects wrong hashes', () => {
    const range = new CompactRange();
    range.append(leafHash('a'));
    const copy = range.clone();
    copy.append(leafHash('b'));
    expect(range.size).toBe(1);
    expect(copy.root()).toEqual(rootFromLeafHashes([leafHash('a'), leafHash('b')]));
    expect(() => range.append(Buffer.alloc(31))).toThrow();
  });

  it('refuses serialized state that does not add up', () => {
    const range = new CompactRange();
    for (const d of data(5)) range.append(leafHash(d));
    const good = JSON.parse(range.serialize()) as { v: number; alg: string; size: number; nodes: string[] };
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    expect(() => CompactRange.deserialize(range.serialize(), sha256Hasher)).toThrow(/hash/);
    expect(() => CompactRange.deserialize(bad({ v: 2 }))).toThrow(/version/);
    expect(() => CompactRange.deserialize(bad({ size: 7 }))).toThrow(/count/);
    expect(() => CompactRange.deserialize(bad({ size: -1 }))).toThrow(/size/);
    expect(() => CompactRange.deserialize(bad({ size: 5.5 }))).toThrow(/size/);
    expect(() => CompactRange.deserialize(bad({ nodes: [good.nodes[0], 'zz'] }))).toThrow();
    expect(() => CompactRange.deserialize(bad({ nodes: [good.nodes[0], 7] }))).toThrow();
    expect(() => CompactRange.deserialize('null')).toThrow();
    expect(() => CompactRange.deserialize('{')).toThrow();
  });
});

describe('proofs from stored subtree roots', () => {
  it('equal the array-based proofs with only aligned, complete, distinct subtree requests', async () => {
    const allHashes = hashesOf(data(70));
    const store = storeFor(allHashes);
    for (let n = 1; n <= 70; n++) {
      const lh = allHashes.slice(0, n);
      const root = rootFromLeafHashes(lh);
      expect(await rootFromSubtrees(n, store.lookup(n))).toEqual(root);
      expect((await CompactRange.fromSubtrees(n, store.lookup(n))).serialize()).toBe(
        (() => {
          const r = new CompactRange();
          for (const h of lh) r.append(h);
          return r.serialize();
        })(),
      );
      for (let i = 0; i < n; i++) {
        store.calls.length = 0;
        const proof = await inclusionProofFromSubtrees(i, n, store.lookup(n));
        expect(proofToHex(proof), `n=${n} i=${i}`).toEqual(proofToHex(inclusionProof(lh, i)));
        expect(store.calls.length).toBeLessThanOrEqual(2 * ceilLog2(n));
        expect(new Set(store.calls.map((c) => `${c.start}:${c.end}`)).size).toBe(store.calls.length);
      }
      for (let m = 0; m <= n; m++) {
        store.calls.length = 0;
        const proof = await consistencyProofFromSubtrees(m, n, store.lookup(n));
        expect(proofToHex(proof), `m=${m} n=${n}`).toEqual(proofToHex(consistencyProof(lh, m)));
        expect(store.calls.length).toBeLessThanOrEqual(2 * ceilLog2(n));
        expect(new Set(store.calls.map((c) => `${c.start}:${c.end}`)).size).toBe(store.calls.length);
      }
    }
  });

  it('refuses a store answer that is not a hash', async () => {
    await expect(inclusionProofFromSubtrees(0, 4, async () => Buffer.alloc(3))).rejects.toThrow(/not a 32-byte hash/);
    await expect(inclusionProofFromSubtrees(4, 4, async () => leafHash('x'))).rejects.toThrow(RangeError);
  });

  it('works beyond 2^32 leaves with log-many requests', async () => {
    // A tree whose leaves are all equal has one root per subtree width, so a huge tree is cheap to model.
    const leaf = leafHash('same');
    const byLevel = [leaf];
    for (let k = 1; k <= 53; k++) byLevel.push(nodeHash(byLevel[k - 1]!, byLevel[k - 1]!));
    let requests = 0;
    const subtreeRoot: SubtreeRootFn = async (start, end) => {
      const r = { start, end };
      if (!isPerfect(r)) throw new Error(`unaligned request [${start}, ${end})`);
      requests++;
      return byLevel[Math.log2(end - start)]!;
    };
    const n = 2 ** 40 + 12_345;
    const root = await rootFromSubtrees(n, subtreeRoot);
    for (const i of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40 - 1, 2 ** 40, n - 2, n - 1]) {
      requests = 0;
      const proof = await inclusionProofFromSubtrees(i, n, subtreeRoot);
      expect(requests).toBeLessThanOrEqual(2 * ceilLog2(n));
      expect(verifyInclusion(leaf, i, n, proof, root), `i=${i}`).toBe(true);
    }
    for (const m of [1, 2 ** 31 + 3, 2 ** 32, 2 ** 33 + 7, 2 ** 40, n - 1]) {
      requests = 0;
      const proof = await consistencyProofFromSubtrees(m, n, subtreeRoot);
      expect(requests).toBeLessThanOrEqual(2 * ceilLog2(n));
      expect(verifyConsistency(m, n, await rootFromSubtrees(m, subtreeRoot), root, proof), `m=${m}`).toBe(true);
    }
    // The accumulator picks up from a stored frontier and keeps going past 2^32.
    const range = await CompactRange.fromSubtrees(n - 1, subtreeRoot);
    range.append(leaf);
    expect(range.size).toBe(n);
    expect(range.root()).toEqual(root);
    expect(CompactRange.deserialize(range.serialize()).root()).toEqual(root);
  });
});

describe('SHA-256 Certificate Transparency test vectors (transparency-dev/merkle, RFC 6962)', () => {
  const h = (x: string) => Buffer.from(x, 'hex');
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const lh = leaves.map((l) => leafHash(l, sha256Hasher));

  it('roots of every prefix, from the list and from the accumulator', () => {
    const range = new CompactRange(sha256Hasher);
    for (let n = 1; n <= 8; n++) {
      range.append(lh[n - 1]!);
      expect(toHex(rootFromLeafHashes(lh.slice(0, n), sha256Hasher))).toBe(roots[n - 1]);
      expect(toHex(range.root())).toBe(roots[n - 1]);
      expect(toHex(rfcMth('sha256', leaves.slice(0, n)))).toBe(roots[n - 1]);
    }
  });

  it('inclusion proofs', () => {
    // [leaf index (0-based), tree size, proof]
    const vectors: [number, number, string[]][] = [
      [0, 1, []],
      [
        0,
        8,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        5,
        8,
        [
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
      [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
      [
        1,
        5,
        [
          '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        ],
      ],
    ];
    for (const [index, size, proof] of vectors) {
      expect(proofToHex(inclusionProof(lh.slice(0, size), index, sha256Hasher)), `${index}/${size}`).toEqual(proof);
      expect(verifyInclusion(lh[index]!, index, size, proofFromHex(proof), h(roots[size - 1]!), sha256Hasher)).toBe(true);
      // The hash is part of the statement: the same proof does not verify under SM3 (a one-leaf tree has no node to hash).
      if (proof.length > 0) expect(verifyInclusion(lh[index]!, index, size, proofFromHex(proof), h(roots[size - 1]!))).toBe(false);
    }
  });

  it('consistency proofs', () => {
    // [old size, new size, proof]
    const vectors: [number, number, string[]][] = [
      [1, 1, []],
      [
        1,
        8,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        6,
        8,
        [
          '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
      [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
      [
        6,
        7,
        [
          '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
          'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
    ];
    for (const [m, n, proof] of vectors) {
      expect(proofToHex(consistencyProof(lh.slice(0, n), m, sha256Hasher)), `${m}→${n}`).toEqual(proof);
      expect(verifyConsistency(m, n, h(roots[m - 1]!), h(roots[n - 1]!), proofFromHex(proof), sha256Hasher), `${m}→${n}`).toBe(true);
    }
  });
});
