import type { FastifyInstance } from 'fastify';
import { AccountView, MeResponse } from '../../../common/schemas/identity.ts';
import {
  CodeSentResponse,
  EmailChangeBody,
  EmailChangeCodeBody,
  PhoneChangeBody,
  PhoneChangeCodeBody,
  RealNameSmsBody,
  RealNameSmsResponse,
  SmsCodeBody,
  SmsLoginBody,
} from '../../../common/schemas/otp.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import type { Config } from '../../platform/config.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import * as otp from './otp.ts';
import { identityPolicy as policy } from './policy.ts';
import { meOf, setSessionCookie } from './routes.ts';
import { presentAccount } from './service.ts';

/** Register the one-time-code routes: SMS login, change of phone / e-mail, real-name L2 by SMS. */
export function registerOtpRoutes(app: FastifyInstance, config: Config): void {
  // Per IP, on top of the per-recipient limits of the service.
  const perIp = config.loginRateLimitPerMinute;
  registerRoutes(app, 'identity', [
    route({
      method: 'POST', url: '/api/v1/auth/sms/code', summary: '获取短信登录验证码（无论手机号是否注册，应答相同）', policy: policy.smsLogin,
      description: '每个手机号60秒内只发一次、每天有上限（429 RATE_LIMITED）；验证码6位数字，5分钟内有效，只能使用一次。',
      body: SmsCodeBody, response: CodeSentResponse, status: 202, rateLimitPerMinute: perIp,
      handler: async ({ ctx, body }) => otp.requestLoginCode(ctx, body.phone),
    }),
    route({
      method: 'POST', url: '/api/v1/auth/sms/login', summary: '短信验证码登录', policy: policy.smsLogin,
      description: '验证码错误答 400（code 字段，附剩余次数）；连续输错6次验证码失效（423 OTP_LOCKED），须重新获取。',
      body: SmsLoginBody, response: MeResponse, rateLimitPerMinute: perIp,
      handler: async ({ ctx, body, req, reply }) => {
        const { account, session } = await otp.smsLogin(ctx, body, { userAgent: req.headers['user-agent'] ?? null });
        setSessionCookie(ctx, req, reply, session);
        return meOf(ctx, account, session.idleExpiresAt);
      },
    }),
    route({
      method: 'POST', url: '/api/v1/accounts/:id/phone/code', summary: '更换手机号：向新手机号发送验证码', policy: policy.changeOwnAccount,
      params: IdParams, body: PhoneChangeCodeBody, response: CodeSentResponse, status: 202, rateLimitPerMinute: perIp,
      handler: async ({ ctx, params, body }) => otp.requestPhoneChangeCode(ctx, params.id, body.phone),
    }),
    route({
      method: 'POST', url: '/api/v1/accounts/:id/phone', summary: '更换手机号：以新手机号收到的验证码和当前密码确认（原手机号收到通知）', policy: policy.changeOwnAccount,
      params: IdParams, body: PhoneChangeBody, response: AccountView, rateLimitPerMinute: perIp,
      handler: async ({ ctx, params, body }) => presentAccount(ctx, await otp.changePhone(ctx, params.id, body)),
    }),
    route({
      method: 'POST', url: '/api/v1/accounts/:id/email/code', summary: '更换邮箱：向新邮箱发送验证码', policy: policy.changeOwnAccount,
      params: IdParams, body: EmailChangeCodeBody, response: CodeSentResponse, status: 202, rateLimitPerMinute: perIp,
      handler: async ({ ctx, params, body }) => otp.requestEmailChangeCode(ctx, params.id, body.email),
    }),
    route({
      method: 'POST', url: '/api/v1/accounts/:id/email', summary: '更换邮箱：以新邮箱收到的验证码和当前密码确认（原邮箱收到通知）', policy: policy.changeOwnAccount,
      params: IdParams, body: EmailChangeBody, response: AccountView, rateLimitPerMinute: perIp,
      handler: async ({ ctx, params, body }) => presentAccount(ctx, await otp.changeEmail(ctx, params.id, body)),
    }),
    route({
      method: 'POST', url: '/api/v1/real-name/sms/code', summary: '实名等级升级（L2）：向本人绑定手机号发送验证码', policy: policy.realNameBySms,
      response: CodeSentResponse, status: 202, rateLimitPerMinute: perIp,
      handler: async ({ ctx }) => otp.requestRealNameCode(ctx),
    }),
    route({
      method: 'POST', url: '/api/v1/real-name/sms', summary: '实名等级升级（L2）：以绑定手机号收到的验证码确认', policy: policy.realNameBySms,
      body: RealNameSmsBody, response: RealNameSmsResponse, rateLimitPerMinute: perIp,
      handler: async ({ ctx, body }) => otp.verifyRealNameBySms(ctx, body.code),
    }),
  ]);
}
