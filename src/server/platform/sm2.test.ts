import { randomBytes } from 'node:crypto';
// sm-crypto is a separate implementation (the original JS library); it verifies what we sign and we verify what it signs.
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, KeyWrapper, sm2Sign, sm2Verify } from './sm2.ts';

describe('SM2/SM3 signatures', () => {
  const key = generateSm2KeyPair();
  const message = '{"holder":"南平市建阳区味香源餐饮店","type":"食品经营许可证"}';

  it('signs so that sm-crypto verifies, and verifies what sm-crypto signs', () => {
    const sig = sm2Sign(message, key);
    expect(smCrypto.sm2.doVerifySignature(message, sig, key.publicKey, { hash: true, der: true })).toBe(true);
    const theirs = smCrypto.sm2.doSignature(message, key.privateKey, { hash: true, der: true });
    expect(sm2Verify(message, theirs, key.publicKey)).toBe(true);
  });

  it('refuses a changed message, another key and malformed input', () => {
    const sig = sm2Sign(message, key);
    expect(sm2Verify(message.replace('味', '美'), sig, key.publicKey)).toBe(false);
    expect(sm2Verify(message, sig, generateSm2KeyPair().publicKey)).toBe(false);
    expect(sm2Verify(message, 'zz', key.publicKey)).toBe(false);
    expect(sm2Verify(message, sig, '04abcd')).toBe(false);
  });

  it('signs bytes as bytes', () => {
    const bytes = randomBytes(1000);
    expect(sm2Verify(bytes, sm2Sign(bytes, key), key.publicKey)).toBe(true);
    expect(smCrypto.sm2.doVerifySignature(Array.from(bytes), sm2Sign(bytes, key), key.publicKey, { hash: true, der: true })).toBe(true);
  });

  it('wraps private keys so that only the same key-encryption key opens them, and detects alteration', () => {
    const kek = randomBytes(32);
    const box = new KeyWrapper(kek).wrap(key.privateKey);
    expect(box).not.toContain(key.privateKey);
    expect(new KeyWrapper(kek).unwrap(box)).toBe(key.privateKey);
    expect(() => new KeyWrapper(randomBytes(32)).unwrap(box)).toThrow();
    const parts = box.split('.');
    parts[2] = Buffer.from('00' + Buffer.from(parts[2] ?? '', 'base64').toString('hex').slice(2), 'hex').toString('base64');
    expect(() => new KeyWrapper(kek).unwrap(parts.join('.'))).toThrow();
  });
});
