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
