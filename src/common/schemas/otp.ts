import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Phone } from './identity.ts';

/** What a one-time code (验证码) is for. */
export const OTP_PURPOSES = ['login', 'change_phone', 'change_email', 'real_name'] as const;
/** One purpose of a one-time code. */
export type OtpPurpose = (typeof OTP_PURPOSES)[number];

/** Digits of a one-time code. */
export const OTP_LENGTH = 6;

/** A one-time code as typed: six digits. */
export const OtpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '验证码为6位数字')
  .describe('One-time code (验证码): 6 digits');

/** An e-mail address (compared case-insensitively). */
export const EmailAddress = z.string().trim().max(254).pipe(z.email('邮箱格式不正确')).describe('E-mail address');

/** Ask for a login code by SMS (短信验证码登录). */
export const SmsCodeBody = z.object({
  phone: Phone.describe('The mobile number bound to the account'),
  purpose: z.literal('login').default('login').describe('Only login codes are asked for here'),
});

/**
 * The answer to every request for a code: the same whether or not the number or address belongs to
 * an account (nobody learns who is registered by asking).
 */
export const CodeSentResponse = z.object({
  ok: z.literal(true),
  /** Where the code went (masked): 139****1234, a***@example.cn. */
  sentTo: z.string(),
  /** How long the code stays valid. */
  expiresInSeconds: z.number().int(),
  /** When the next code may be asked for. */
  resendAfterSeconds: z.number().int(),
});

/** Log in with the phone number and the code sent to it. */
export const SmsLoginBody = z.object({
  phone: Phone,
  code: OtpCode,
});

/** Ask for a code to the new phone number (更换手机号). */
export const PhoneChangeCodeBody = z.object({
  phone: Phone.describe('The new mobile number'),
});

/** Confirm the new phone number with the code sent to it and the current password. */
export const PhoneChangeBody = z.object({
  phone: Phone.describe('The new mobile number (the one the code was sent to)'),
  code: OtpCode,
  password: z.string().min(1, '请输入当前密码').max(LIMITS.passwordMaxLength).describe('Current password'),
});

/** Ask for a code to the new e-mail address (更换邮箱). */
export const EmailChangeCodeBody = z.object({
  email: EmailAddress.describe('The new e-mail address'),
});

/** Confirm the new e-mail address with the code sent to it and the current password. */
export const EmailChangeBody = z.object({
  email: EmailAddress.describe('The new e-mail address (the one the code was sent to)'),
  code: OtpCode,
  password: z.string().min(1, '请输入当前密码').max(LIMITS.passwordMaxLength).describe('Current password'),
});

/** Confirm the code sent to the bound phone, to raise the real-name level to L2 (短信实名核验). */
export const RealNameSmsBody = z.object({
  code: OtpCode,
});

/** The account's real-name level after an SMS verification. */
export const RealNameSmsResponse = z.object({
  previousLevel: z.number().int(),
  realNameLevel: z.number().int(),
  /** False when the account already had this level or a higher one (a level is never lowered). */
  raised: z.boolean(),
});
