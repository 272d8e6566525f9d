import { z } from 'zod';
import { DATA_USAGE_CATEGORIES, LOGIN_METHODS } from '../data-usage.ts';
import { PageQuery } from './shared.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** Query of 数据使用记录 (who used my data): a page, optionally one category and a date range (Asia/Shanghai days, inclusive). */
export const DataUsageQuery = PageQuery.extend({
  /** Only records of this category. */
  category: z.enum(DATA_USAGE_CATEGORIES).optional().describe('login | sso | read | account | license | other'),
  /** First day (inclusive, Asia/Shanghai). */
  from: Day.optional().describe('First day, YYYY-MM-DD (Asia/Shanghai), inclusive'),
  /** Last day (inclusive, Asia/Shanghai). */
  to: Day.optional().describe('Last day, YYYY-MM-DD (Asia/Shanghai), inclusive'),
});

/** Who acted in a record, as the data owner may see it (never another person's numbers). */
export const DataUsageActor = z.object({
  /** self 本人; staff 工作人员; system 部门系统 / 应用; platform 平台自动处理; anonymous 未登录访问者; person 其他账户 (e.g. an enterprise's agent). */
  kind: z.enum(['self', 'staff', 'system', 'platform', 'anonymous', 'person']),
  /** Display name: the staff member's name, the system's name; null for self, platform and anonymous. */
  name: z.string().nullable(),
  /** The staff member's department (current). */
  department: z.string().nullable(),
  /** The staff member's region (current data scope). */
  region: z.string().nullable(),
});

/** A piece of data released or used (e.g. a claim given to a department system through SSO). */
export const DataItem = z.object({
  code: z.string(),
  label: z.string().describe('Chinese label'),
  labelEn: z.string().describe('English label'),
});

/** One record of 数据使用记录, presented from the audit log. */
export const DataUsageRecord = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  category: z.enum(DATA_USAGE_CATEGORIES),
  /** The audit action code, e.g. cases.case.read. */
  action: z.string(),
  /** What happened, in Chinese (e.g. 登录 不动产登记系统（单点登录）). */
  description: z.string(),
  /** The same in English. */
  descriptionEn: z.string(),
  actor: DataUsageActor,
  /** Why the data was used (办件受理, 单点登录…), when recorded. */
  purpose: z.string().nullable(),
  /** The data items released or read, when the record names them. */
  dataItems: z.array(DataItem),
  /** The client IP with its host part masked (203.0.*.*). */
  ipMasked: z.string().nullable(),
});

/** How a session was opened. */
export const SessionMethod = z.enum(LOGIN_METHODS);

/** One of my sessions (登录设备). */
export const MySession = z.object({
  /** Public id of the session (a prefix of its stored hash; not usable to log in). */
  id: z.string(),
  /** The session this request comes from. */
  current: z.boolean(),
  active: z.boolean(),
  /** A short device label parsed from the user agent (e.g. Chrome · Android); null when unknown. */
  device: z.string().nullable(),
  userAgent: z.string().nullable(),
  ipMasked: z.string().nullable(),
  method: SessionMethod.nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  endedAt: z.string().nullable(),
  /** Why it ended: logout, expired, ended by owner, password changed… */
  endReason: z.string().nullable(),
});

/** My active sessions and those ended recently. */
export const MySessionsResponse = z.object({ items: z.array(MySession) });

/** Path of one of my sessions. */
export const SessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '会话编号应为16位十六进制').describe('Public session id from GET /api/v1/me/sessions') });
