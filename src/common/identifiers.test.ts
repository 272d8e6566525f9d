import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  makeLicenseIdentifier,
  mod3736CheckChar,
  maskIdNumber,
  maskPhone,
  orgCodeCheckChar,
  validateCreditCode,
  validateIdNumber,
  validateLicenseIdentifier,
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

describe('license identifier (GB/T 36904, ISO/IEC 7064 MOD 37,36)', () => {
  // The formulation python-stdnum uses (double first, then add): a second, independent reading of ISO 7064.
  const stdnumStyle = (s: string): string => {
    const a = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let check = 18;
    for (const ch of s) check = ((((check || 36) * 2) % 37) + a.indexOf(ch)) % 36;
    return a[(1 - (((check || 36) * 2) % 37) + 36) % 36] ?? '';
  };

  it('computes the ISO 7064 example check character', () => {
    expect(mod3736CheckChar('A12425GABC1234002')).toBe('M');
  });

  it('agrees with an independent formulation on many strings', () => {
    const a = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let s = '';
      for (let i = 0; i < 1 + (n % 60); i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += a[seed % 36];
      }
      expect(mod3736CheckChar(s)).toBe(stdnumStyle(s));
    }
  });

  it('builds identifiers that validate, and refuses a changed character or check', () => {
    const id = makeLicenseIdentifier({ typeCode: '11100000MB0143028R002', issuerCode: '91350100M000100Y43', serial: '202600000001', version: 1 });
    expect(id).toMatch(/^1\.2\.156\.3005\.2\.11100000MB0143028R002\.91350100M000100Y43\.202600000001\.001\.[0-9A-Z]$/);
    expect(validateLicenseIdentifier(id)).toBeNull();
    const check = id.at(-1) ?? '';
    const other = check === '0' ? '1' : '0';
    expect(validateLicenseIdentifier(id.slice(0, -1) + other)).toBe('证照标识校验位不正确');
    expect(validateLicenseIdentifier(id.replace('202600000001', '202600000002'))).toBe('证照标识校验位不正确');
    expect(validateLicenseIdentifier('1.2.156.3005.2.abc')).toMatch(/格式/);
  });
});
