import { sm2 } from 'sm-crypto-v2';
import { PiiCipher } from './crypto.ts';

/** The default SM2 signer id (GB/T 35276): what verifiers assume when none is agreed. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** OID of SM2 signatures with SM3 (GM/T 0006): SM2-with-SM3. */
export const SM2_SM3_OID = '1.2.156.10197.1.501';
/** OID of the SM3 hash (GM/T 0006). */
export const SM3_OID = '1.2.156.10197.1.401';

/** An SM2 key pair as hex: a 32-byte private scalar and an uncompressed public point (04 || x || y). */
export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

/** Generate a fresh SM2 key pair. */
export function generateSm2KeyPair(): Sm2KeyPair {
  const k = sm2.generateKeyPairHex();
  return { privateKey: k.privateKey, publicKey: k.publicKey };
}

type Point = ReturnType<typeof sm2.precomputePublicKey>;
// Verification with a precomputed public key is ~5× faster (measured in STACK.md); keys are few and reused.
const precomputed = new Map<string, Point>();

function publicPoint(publicKey: string): Point {
  let p = precomputed.get(publicKey);
  if (!p) {
    p = sm2.precomputePublicKey(publicKey);
    if (precomputed.size > 1000) precomputed.clear();
    precomputed.set(publicKey, p);
  }
  return p;
}

/**
 * Sign bytes with SM2/SM3 (GB/T 32918.2: e = SM3(Z_A || M) with the signer id), DER-encoded as
 * GM/T 0009 and other implementations expect. Returns the signature as hex.
 */
export function sm2Sign(data: Buffer | string, key: Sm2KeyPair, userId = SM2_DEFAULT_USER_ID): string {
  const msg = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  return sm2.doSignature(msg, key.privateKey, { hash: true, der: true, publicKey: key.publicKey, userId });
}

/** Verify a DER SM2/SM3 signature (hex) over bytes with a public key (hex); false for any malformed input. */
export function sm2Verify(data: Buffer | string, signatureHex: string, publicKey: string, userId = SM2_DEFAULT_USER_ID): boolean {
  if (!/^[0-9a-f]+$/i.test(signatureHex) || !/^04[0-9a-f]{128}$/i.test(publicKey)) return false;
  const msg = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  try {
    return sm2.doVerifySignature(msg, signatureHex, publicPoint(publicKey), { hash: true, der: true, userId });
  } catch {
    return false;
  }
}

/** Wraps private keys for storage: SM4 + HMAC-SM3 under a key-encryption key that is never stored with them. */
export class KeyWrapper {
  private readonly cipher: PiiCipher;

  constructor(keyEncryptionKey: Buffer) {
    this.cipher = new PiiCipher(keyEncryptionKey, 'license-keys');
  }

  /** Encrypt a private key (hex) for the database. */
  wrap(privateKeyHex: string): string {
    return this.cipher.encrypt(privateKeyHex);
  }

  /** Decrypt a stored private key; throws if it was altered or the key-encryption key is wrong. */
  unwrap(box: string): string {
    return this.cipher.decrypt(box);
  }
}
