/**
 * Check-digit validation for the national identifiers (pure functions, shared by server and web).
 * Each function returns null when the value is valid, otherwise a short reason in Chinese.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Compute the GB 11643 check character for the first 17 digits of a citizen ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Validate an 18-character citizen ID number (公民身份号码, GB 11643-1999). */
export function validateIdNumber(value: string, today: Date = new Date()): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号码应为18位，前17位为数字，末位为数字或X';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return '身份证号码中的出生日期不存在';
  }
  if (birth.getTime() > today.getTime()) return '身份证号码中的出生日期晚于今天';
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return '身份证号码校验位不正确';
  return null;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Compute the GB 11714 check character of an organization code from its first 8 characters. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i] ?? '';
    // GB 11714 values: digits 0-9, letters A-Z as 10-35.
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Compute the GB 32100 check character from the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  const c = 31 - (sum % 31);
  return CREDIT_ALPHABET[c === 31 ? 0 : c] ?? '';
}

/** Validate an 18-character unified social credit code (统一社会信用代码, GB 32100-2015). */
export function validateCreditCode(value: string): string | null {
  if (value.length !== 18) return '统一社会信用代码应为18位';
  for (const ch of value) {
    if (!CREDIT_ALPHABET.includes(ch)) return '统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）';
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) return '统一社会信用代码第3-8位应为行政区划码';
  const org = value.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || orgCodeCheckChar(org.slice(0, 8)) !== org[8]) {
    return '统一社会信用代码中的组织机构代码校验位不正确';
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return '统一社会信用代码校验位不正确';
  return null;
}

/** Validate a mainland mobile phone number (11 digits starting with 1). */
export function validatePhone(value: string): string | null {
  return /^1[3-9]\d{9}$/.test(value) ? null : '手机号码应为11位数字，以1开头';
}

/** Mask an ID number for display: keep the first 4 and last 4 characters (3507**********1234). */
export function maskIdNumber(value: string): string {
  return value.length < 8 ? '*'.repeat(value.length) : value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** Mask a phone number for display (138****5678). */
export function maskPhone(value: string): string {
  return value.length < 7 ? '*'.repeat(value.length) : value.slice(0, 3) + '****' + value.slice(-4);
}

const MOD36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The running ISO/IEC 7064 MOD 37,36 product P over a string, or -1 on a character outside 0-9A-Z. */
function mod3736(value: string): number {
  let p = 36;
  for (const ch of value) {
    const v = MOD36_ALPHABET.indexOf(ch);
    if (v < 0) return -1;
    const s = (p + v) % 36;
    p = ((s === 0 ? 36 : s) * 2) % 37;
  }
  return p;
}

/** The ISO/IEC 7064 MOD 37,36 check character (GB/T 17710) of an alphanumeric string, upper case. */
export function mod3736CheckChar(value: string): string {
  const p = mod3736(value.toUpperCase());
  if (p < 0) throw new Error('MOD 37,36 is defined over 0-9 and A-Z only');
  return MOD36_ALPHABET[(37 - p) % 36] ?? '';
}

/** The parts of an electronic license identifier (电子证照标识, GB/T 36904-2018). */
export interface LicenseIdentifierParts {
  /** 证照类型代码: the defining body's credit code + 3 digits. */
  typeCode: string;
  /** 发证机构代码: the issuer's unified social credit code. */
  issuerCode: string;
  /** 顺序号 assigned by the issuer. */
  serial: string;
  /** 版本号, 1–999 (a change or renewal is a new version). */
  version: number;
}

/** The GB/T 36904 prefix of every license identifier (国家电子证照 OID arc). */
export const LICENSE_IDENTIFIER_PREFIX = '1.2.156.3005.2';

/** Build a license identifier: 1.2.156.3005.2.<type>.<issuer>.<serial>.<3-digit version>.<MOD 37,36 check>. */
export function makeLicenseIdentifier(p: LicenseIdentifierParts): string {
  const version = String(p.version).padStart(3, '0');
  const check = mod3736CheckChar(`${p.typeCode}${p.issuerCode}${p.serial}${version}`);
  return `${LICENSE_IDENTIFIER_PREFIX}.${p.typeCode}.${p.issuerCode}.${p.serial}.${version}.${check}`;
}

/** Validate a license identifier (GB/T 36904): its shape and its check character. */
export function validateLicenseIdentifier(value: string): string | null {
  const m = /^1\.2\.156\.3005\.2\.([0-9A-Z]{21})\.([0-9A-Z]{18})\.([0-9A-Z]{1,30})\.(\d{3})\.([0-9A-Z])$/.exec(value);
  if (!m) return '证照标识格式应为 1.2.156.3005.2.<证照类型代码>.<发证机构代码>.<顺序号>.<版本号>.<校验位>';
  const [, type = '', issuer = '', serial = '', version = '', check] = m;
  if (mod3736CheckChar(`${type}${issuer}${serial}${version}`) !== check) return '证照标识校验位不正确';
  return null;
}
