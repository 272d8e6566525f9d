import { describe, expect, it } from 'vitest';
import { consistencyProof, leafHash, proofToHex, rootFromLeafHashes, toHex } from '../../../server/platform/merkle.ts';
import { generateSm2KeyPair, sm2Sign } from '../../../server/platform/sm2.ts';
import { verifyConsistency, verifyTreeHead } from './log-verify.ts';

// The browser's checks against the server's own tree (src/server/platform/merkle.ts): every pair of
// sizes up to 17, a tampered proof, a swapped root, and a tree head signed as the server signs it.
const leaves = Array.from({ length: 17 }, (_, i) => leafHash(`entry ${i}`));
const root = (n: number) => toHex(rootFromLeafHashes(leaves.slice(0, n)));

describe('transparency log checks in the browser', () => {
  it('accepts every consistency proof the server makes', () => {
    for (let to = 1; to <= leaves.length; to++) {
      for (let from = 1; from <= to; from++) {
        const proof = from === to ? [] : proofToHex(consistencyProof(leaves.slice(0, to), from));
        expect(verifyConsistency(from, to, root(from), root(to), proof), `${from} → ${to}`).toBe(true);
      }
    }
  });

  it('refuses a changed proof, a wrong root and sizes the wrong way round', () => {
    const proof = proofToHex(consistencyProof(leaves.slice(0, 13), 6));
    expect(verifyConsistency(6, 13, root(6), root(13), proof)).toBe(true);
    const bad = [...proof];
    bad[0] = `${(bad[0] ?? '').slice(0, -1)}${(bad[0] ?? '').endsWith('0') ? '1' : '0'}`;
    expect(verifyConsistency(6, 13, root(6), root(13), bad)).toBe(false);
    expect(verifyConsistency(6, 13, root(7), root(13), proof)).toBe(false);
    expect(verifyConsistency(13, 6, root(13), root(6), proof)).toBe(false);
    expect(verifyConsistency(6, 13, root(6), root(13), [])).toBe(false);
  });

  it('checks a tree head signature as the server makes it', () => {
    const key = generateSm2KeyPair();
    const head = { treeSize: 17, rootHash: root(17), publicKey: key.publicKey, signature: sm2Sign(`tongban-license-log/v1\n17\n${root(17)}`, key) };
    expect(verifyTreeHead(head)).toBe(true);
    expect(verifyTreeHead({ ...head, treeSize: 16 })).toBe(false);
    expect(verifyTreeHead({ ...head, publicKey: generateSm2KeyPair().publicKey })).toBe(false);
  });
});
