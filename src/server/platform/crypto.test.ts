import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher, sm3Hex } from './crypto.ts';

describe('crypto', () => {
  it('SM3 matches the GB/T 32905 test vector', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('encrypts personal data so that it round-trips, differs per call and detects tampering', () => {
    const c = new PiiCipher(randomBytes(32));
    const a = c.encrypt('11010519491231002X');
    const b = c.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(c.decrypt(a)).toBe('11010519491231002X');
    const parts = a.split('.');
    const ct = Buffer.from(parts[2] ?? '', 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[2] = ct.toString('base64');
    expect(() => c.decrypt(parts.join('.'))).toThrow(/integrity/);
  });

  it('gives a stable lookup hash per key, different across keys', () => {
    const k1 = new PiiCipher(randomBytes(32));
    const k2 = new PiiCipher(randomBytes(32));
    expect(k1.lookupHash('13800000000')).toBe(k1.lookupHash('13800000000'));
    expect(k1.lookupHash('13800000000')).not.toBe(k2.lookupHash('13800000000'));
  });
});
