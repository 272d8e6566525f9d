import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  maskIdNumber,
  maskPhone,
  orgCodeCheckChar,
  validateCreditCode,
  validateIdNumber,
  validatePhone,
} from './identifiers.ts';

describe('citizen ID number (GB 11643)', () => {
  it('accepts the standard example', () => {
    expect(validateIdNumber('11010519491231002X')).toBeNull();
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });
  it('rejects a wrong check digit', () => {
    expect(validateIdNumber('110105194912310021')).toMatch(/校验位/);
  });
  it('rejects a date that does not exist or lies in the future', () => {
    const first17 = '35070219990230001';
    expect(validateIdNumber(first17 + idNumberCheckChar(first17))).toMatch(/不存在/);
    const future = '35070220990101001';
    expect(validateIdNumber(future + idNumberCheckChar(future), new Date('2026-01-01'))).toMatch(/晚于/);
  });
  it('rejects a malformed value', () => {
    expect(validateIdNumber('1101051949123100')).toMatch(/18位/);
    expect(validateIdNumber('11010519491231002x')).toMatch(/18位/);
  });
});

describe('unified social credit code (GB 32100 + GB 11714)', () => {
  it('accepts the standard example', () => {
    expect(validateCreditCode('91350100M000100Y43')).toBeNull();
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('rejects a wrong final check character', () => {
    expect(validateCreditCode('91350100M000100Y44')).toMatch(/校验位/);
  });
  it('rejects a wrong organization-code check character', () => {
    const first16 = '91350100M000100Y';
    const bad = first16 + '5';
    expect(validateCreditCode(bad + creditCodeCheckChar(bad))).toMatch(/组织机构代码/);
  });
  it('rejects letters outside the alphabet', () => {
    expect(validateCreditCode('91350100M000100O43')).toMatch(/不允许/);
  });
});

describe('phone and masking', () => {
  it('validates phones', () => {
    expect(validatePhone('13805991234')).toBeNull();
    expect(validatePhone('23805991234')).not.toBeNull();
  });
  it('masks', () => {
    expect(maskIdNumber('350702199001011234')).toBe('3507**********1234');
    expect(maskPhone('13856785678')).toBe('138****5678');
  });
});
