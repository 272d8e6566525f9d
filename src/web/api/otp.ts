/**
 * One-time codes (验证码): SMS login, change of phone / e-mail with a code to the new address, and the
 * real-name upgrade to L2 by a code to the bound phone. Only types come from the shared schemas.
 */
import type { z } from 'zod';
import type {
  CodeSentResponse as CodeSentResponseSchema,
  EmailChangeBody as EmailChangeBodySchema,
  PhoneChangeBody as PhoneChangeBodySchema,
  RealNameSmsResponse as RealNameSmsResponseSchema,
  SmsLoginBody as SmsLoginBodySchema,
} from '../../common/schemas/otp.ts';
import { ApiError, api } from './client.ts';
import type { AccountView, MeResponse } from './types.ts';

export type CodeSent = z.infer<typeof CodeSentResponseSchema>;
export type SmsLoginBody = z.output<typeof SmsLoginBodySchema>;
export type PhoneChangeBody = z.output<typeof PhoneChangeBodySchema>;
export type EmailChangeBody = z.output<typeof EmailChangeBodySchema>;
export type RealNameSms = z.infer<typeof RealNameSmsResponseSchema>;

const V1 = '/api/v1';

/** The wait a RATE_LIMITED answer names (seconds), or null for any other error. */
export function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'RATE_LIMITED') return null;
  const d = error.details as { retryAfterSeconds?: unknown } | null | undefined;
  return typeof d?.retryAfterSeconds === 'number' ? d.retryAfterSeconds : null;
}

/** The code routes. */
export const otpApi = {
  loginCode: (phone: string) => api.post<CodeSent>(`${V1}/auth/sms/code`, { phone, purpose: 'login' }),
  smsLogin: (body: SmsLoginBody) => api.post<MeResponse>(`${V1}/auth/sms/login`, body),
  phoneCode: (accountId: string, phone: string) => api.post<CodeSent>(`${V1}/accounts/${accountId}/phone/code`, { phone }),
  changePhone: (accountId: string, body: PhoneChangeBody) => api.post<AccountView>(`${V1}/accounts/${accountId}/phone`, body),
  emailCode: (accountId: string, email: string) => api.post<CodeSent>(`${V1}/accounts/${accountId}/email/code`, { email }),
  changeEmail: (accountId: string, body: EmailChangeBody) => api.post<AccountView>(`${V1}/accounts/${accountId}/email`, body),
  realNameCode: () => api.post<CodeSent>(`${V1}/real-name/sms/code`),
  realNameVerify: (code: string) => api.post<RealNameSms>(`${V1}/real-name/sms`, { code }),
};
