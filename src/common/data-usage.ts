/**
 * Categories of 数据使用记录 (who used my data), shared by server and web (no zod here, so the portal
 * page loads none).
 * - login 登录与会话 · sso 单点登录 · read 查阅使用 (staff or systems reading my data) · account 账户变更 ·
 *   license 证照与材料使用 · other 其他
 */
export const DATA_USAGE_CATEGORIES = ['login', 'sso', 'read', 'account', 'license', 'other'] as const;
/** One category. */
export type DataUsageCategory = (typeof DATA_USAGE_CATEGORIES)[number];

/** How a session is authenticated (password, SMS code, passkey, an enterprise's agent). */
export const LOGIN_METHODS = ['password', 'sms', 'passkey', 'agent'] as const;
/** One login method. */
export type LoginMethodCode = (typeof LOGIN_METHODS)[number];
