import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** SM3 hash (GB/T 32905) of a string or bytes, hex. */
export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** SHA-256 hash, hex. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Field encryption for personal data (ID and phone numbers): SM4-CTR with a random IV, then
 * HMAC-SM3 over IV and ciphertext (encrypt-then-MAC). Sub-keys are derived from the one PII key so
 * that the lookup hash and the cipher never share a key.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly lookupKey: Buffer;

  /** `purpose` separates the sub-keys of different uses of one cipher design (pii, license-keys). */
  constructor(masterKey: Buffer, purpose = 'pii') {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
    const derive = (label: string) => createHmac('sm3', masterKey).update(`tongban/${purpose}/${label}`).digest();
    this.encKey = derive('enc').subarray(0, 16);
    this.macKey = derive('mac');
    this.lookupKey = derive('lookup');
  }

  /** Encrypt a value to a self-contained base64 text: v1.<iv>.<ciphertext>.<tag>. */
  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-ctr', this.encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const tag = createHmac('sm3', this.macKey).update(iv).update(ct).digest();
    return ['v1', iv.toString('base64'), ct.toString('base64'), tag.toString('base64')].join('.');
  }

  /** Decrypt a value written by encrypt; throws if it was altered. */
  decrypt(box: string): string {
    const [v, ivB, ctB, tagB] = box.split('.');
    if (v !== 'v1' || !ivB || !ctB || !tagB) throw new Error('Malformed encrypted value');
    const iv = Buffer.from(ivB, 'base64');
    const ct = Buffer.from(ctB, 'base64');
    const tag = Buffer.from(tagB, 'base64');
    const expected = createHmac('sm3', this.macKey).update(iv).update(ct).digest();
    if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('Encrypted value failed its integrity check');
    const d = createDecipheriv('sm4-ctr', this.encKey, iv);
    return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
  }

  /** Keyed hash for lookup and uniqueness of a personal value without storing it in clear. */
  lookupHash(plain: string): string {
    return createHmac('sm3', this.lookupKey).update(plain).digest('hex');
  }
}
