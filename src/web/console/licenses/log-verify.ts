/**
 * Checks of the transparency log done in the browser, so that the console does not merely display
 * what the server says: the SM2 signature of a tree head, and an RFC 9162 §2.1.4.2 consistency proof
 * between two heads (SM3, RFC 6962 tree shape: leaf H(0x00‖d), node H(0x01‖l‖r)). The same
 * algorithm as src/server/platform/merkle.ts, written for Uint8Array; loaded only when asked for.
 */
import { sm2, sm3 } from 'sm-crypto-v2';

/** The default SM2 signer id (GB/T 35276), as the server signs with. */
const SM2_DEFAULT_USER_ID = '1234567812345678';

const HASH_HEX = /^[0-9a-f]{64}$/i;

function bytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function nodeHash(leftHex: string, rightHex: string): string {
  const l = bytes(leftHex);
  const r = bytes(rightHex);
  const buf = new Uint8Array(1 + l.length + r.length);
  buf[0] = 0x01;
  buf.set(l, 1);
  buf.set(r, 1 + l.length);
  return sm3(buf);
}

const half = (x: number) => Math.floor(x / 2);
const isOdd = (x: number) => x % 2 === 1;

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** Whether `proof` shows the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot). */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: string, newRoot: string, proof: readonly string[]): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 1 || oldSize > newSize) return false;
  if (!HASH_HEX.test(oldRoot) || !HASH_HEX.test(newRoot) || !proof.every((p) => HASH_HEX.test(p))) return false;
  const oldR = oldRoot.toLowerCase();
  const newR = newRoot.toLowerCase();
  if (oldSize === newSize) return proof.length === 0 && oldR === newR;
  if (proof.length === 0) return false;
  // A power-of-two old tree is itself a node of the new tree, so the proof leaves it out.
  const path = isPowerOfTwo(oldSize) ? [oldR, ...proof.map((p) => p.toLowerCase())] : proof.map((p) => p.toLowerCase());
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] ?? '';
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr === oldR && sr === newR;
}

/** Whether a tree head's SM2 signature (DER, SM3 with the default id) checks with the log's public key. */
export function verifyTreeHead(head: { treeSize: number; rootHash: string; signature: string; publicKey: string }): boolean {
  if (!/^[0-9a-f]+$/i.test(head.signature) || !/^04[0-9a-f]{128}$/i.test(head.publicKey)) return false;
  const message = new TextEncoder().encode(`tongban-license-log/v1\n${head.treeSize}\n${head.rootHash}`);
  try {
    return sm2.doVerifySignature(message, head.signature, head.publicKey, { hash: true, der: true, userId: SM2_DEFAULT_USER_ID });
  } catch {
    return false;
  }
}
