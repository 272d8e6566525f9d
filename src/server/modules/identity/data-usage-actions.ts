/**
 * The one place where audit action codes become what a person reads in 数据使用记录 (who used my
 * data): the category of each action and its description in Chinese and English. A code not listed
 * here still shows (as 其他 / a read when it carries a purpose), never disappears.
 */
import { CASE_ACTION_LABELS } from '../../../common/schemas/cases.ts';
import type { DataUsageCategory } from '../../../common/data-usage.ts';

/** The few fields of a record's before/after that may be shown to the data owner (a whitelist). */
export interface ActionFacts {
  method: string | null;
  clientName: string | null;
  caseNumber: string | null;
  itemName: string | null;
  fileName: string | null;
}

/** A data item shown beside a record. */
export interface DataItemLabel {
  code: string;
  label: string;
  labelEn: string;
}

interface ActionDef {
  category: DataUsageCategory;
  zh: (f: ActionFacts) => string;
  en: (f: ActionFacts) => string;
  /** Data a record of this action concerns, when the action itself says it. */
  items?: DataItemLabel[];
}

const METHOD_LABELS: Record<string, [string, string]> = {
  password: ['密码', 'password'],
  sms: ['短信验证码', 'SMS code'],
  passkey: ['通行密钥', 'passkey'],
  agent: ['经办人代办', 'as an authorised agent'],
};

/** Chinese and English label of a login method. */
export function methodLabel(method: string | null): [string, string] {
  return (method ? METHOD_LABELS[method] : undefined) ?? ['其他方式', 'other method'];
}

const CASE_ACTION_EN: Record<string, string> = {
  create: 'draft created', update_draft: 'draft saved', submit: 'submitted', withdraw: 'withdrawn', accept: 'accepted',
  accept_with_deficiency: 'accepted with a promise for missing materials', not_accept: 'not accepted', request_supplement: 'supplements requested',
  supplement: 'supplements provided', claim: 'task claimed', approve: 'approved', deny: 'denied', return: 'returned to an earlier step',
  delegate: 'delegated', start_special_procedure: 'special procedure started', end_special_procedure: 'special procedure ended',
  fulfil_promise: 'promised materials provided', deliver: 'result delivered', complete: 'completed', 'department-progress': 'progress reported by the department system',
};
const CASE_ACTION_ZH: Record<string, string> = { ...CASE_ACTION_LABELS, complete: '办结', 'department-progress': '部门系统回传进度' };

/** Labels of the identity data a department system may receive through SSO (the OIDC claims). */
export const CLAIM_LABELS: Record<string, [string, string]> = {
  sub: ['用户标识（不含个人信息）', 'user identifier (no personal data)'],
  name: ['姓名/名称', 'name'],
  account_kind: ['账户类型', 'account type'],
  real_name_level: ['实名等级', 'real-name level'],
  phone_number: ['手机号码', 'phone number'],
  phone_number_verified: ['手机号是否已核验', 'whether the phone is verified'],
  email: ['电子邮箱', 'e-mail'],
  id_number: ['公民身份号码', 'ID number'],
  credit_code: ['统一社会信用代码', 'unified social credit code'],
  legal_rep_name: ['法定代表人姓名', 'legal representative'],
};

/** A claim code as a data item. */
export function claimItem(code: string): DataItemLabel {
  const [label, labelEn] = CLAIM_LABELS[code] ?? [code, code];
  return { code, label, labelEn };
}

const caseRef = (f: ActionFacts, zh: boolean): string => {
  if (!f.caseNumber) return '';
  const item = f.itemName ? (zh ? `（${f.itemName}）` : ` (${f.itemName})`) : '';
  return ` ${f.caseNumber}${item}`;
};
const sys = (f: ActionFacts, zh: boolean): string => f.clientName ?? (zh ? '某应用' : 'an application');
const file = (f: ActionFacts): string => (f.fileName ? `“${f.fileName}”` : '');
const fileEn = (f: ActionFacts): string => (f.fileName ? ` "${f.fileName}"` : '');

const CASE_DATA: DataItemLabel[] = [{ code: 'case', label: '办件申请信息与材料', labelEn: 'application data and materials' }];
const LICENSE_DATA: DataItemLabel[] = [{ code: 'license', label: '电子证照', labelEn: 'electronic license' }];
const ACCOUNT_DATA: DataItemLabel[] = [{ code: 'account', label: '账户信息（证件号码、手机号脱敏显示）', labelEn: 'account data (ID and phone numbers masked)' }];

/** Every action the page knows, by code. */
export const ACTIONS: Record<string, ActionDef> = {
  // 登录与会话
  'identity.login': { category: 'login', zh: (f) => `登录平台（${methodLabel(f.method)[0]}）`, en: (f) => `Logged in (${methodLabel(f.method)[1]})` },
  'identity.logout': { category: 'login', zh: () => '退出登录', en: () => 'Logged out' },
  'identity.login.failed': { category: 'login', zh: () => '登录失败（密码错误）', en: () => 'Failed login (wrong password)' },
  'identity.account.locked': { category: 'login', zh: () => '连续输错密码，账号被临时锁定', en: () => 'Account locked after repeated wrong passwords' },
  'identity.session.end': { category: 'login', zh: () => '结束了一个登录会话（下线）', en: () => 'Ended a session (signed a device out)' },
  // 以企业身份办理 (enterprise agents): recorded for both the enterprise and the person
  'identity.agent.act_as': { category: 'login', zh: () => '切换为企业身份办理（法定代表人或经办人）', en: () => 'Started acting for the enterprise (legal representative or agent)' },
  'identity.agent.act_end': { category: 'login', zh: () => '结束以企业身份办理', en: () => 'Stopped acting for the enterprise' },
  // 单点登录
  'identity.sso.login': { category: 'sso', zh: (f) => `登录 ${sys(f, true)}（单点登录）`, en: (f) => `Logged in to ${sys(f, false)} (single sign-on)` },
  'identity.sso.consent': { category: 'sso', zh: (f) => `授权 ${sys(f, true)} 获取您的身份信息`, en: (f) => `Authorised ${sys(f, false)} to receive your identity data` },
  'identity.sso.claims_released': { category: 'sso', zh: (f) => `向 ${sys(f, true)} 提供了您的身份信息`, en: (f) => `Identity data given to ${sys(f, false)}` },
  'identity.sso.denied': { category: 'sso', zh: (f) => `拒绝了 ${sys(f, true)} 的授权请求`, en: (f) => `Refused the request of ${sys(f, false)}` },
  'identity.sso.revoke': { category: 'sso', zh: (f) => `撤销了对 ${sys(f, true)} 的授权`, en: (f) => `Withdrew the authorisation of ${sys(f, false)}` },
  'identity.sso.logout': { category: 'sso', zh: () => '统一退出：结束了在各部门系统的登录', en: () => 'Single logout: signed out of the department systems' },
  // 查阅使用: staff or systems reading the person's data
  'cases.case.read': { category: 'read', zh: (f) => `查看了您的办件${caseRef(f, true)}`, en: (f) => `Viewed your case${caseRef(f, false)}`, items: CASE_DATA },
  'identity.account.read': { category: 'read', zh: () => '查看了您的账户信息', en: () => 'Viewed your account', items: ACCOUNT_DATA },
  'identity.real-name.lookup': { category: 'read', zh: () => '现场实名核验时按证件号码查找了您的账户', en: () => 'Looked up your account by ID number for in-person verification', items: ACCOUNT_DATA },
  'files.file.read': { category: 'read', zh: (f) => `查看了您提交的材料${file(f)}`, en: (f) => `Viewed your material${fileEn(f)}` },
  'licenses.license.read': { category: 'read', zh: () => '在证照库中查看了您的电子证照', en: () => 'Viewed your electronic license in the license registry', items: LICENSE_DATA },
  'licenses.license.query': { category: 'read', zh: () => '在办件中查询了您的电子证照', en: () => 'Queried your electronic licenses for a case', items: LICENSE_DATA },
  'licenses.case.read': { category: 'read', zh: () => '查看了您在办件中授权使用的电子证照', en: () => 'Viewed the licenses you granted for a case', items: LICENSE_DATA },
  'licenses.license.download': { category: 'read', zh: () => '下载了您的电子证照文件', en: () => 'Downloaded your electronic license document', items: LICENSE_DATA },
  // 账户变更
  'identity.account.register': { category: 'account', zh: () => '注册账户', en: () => 'Registered the account' },
  'identity.account.update': { category: 'account', zh: () => '修改了联系方式', en: () => 'Changed the contact details' },
  'identity.account.password-change': { category: 'account', zh: () => '修改了密码', en: () => 'Changed the password' },
  'identity.account.deregister': { category: 'account', zh: () => '注销账户', en: () => 'Deregistered the account' },
  'identity.account.unlock': { category: 'account', zh: () => '解除了账号锁定', en: () => 'Unlocked the account' },
  'identity.real-name.verify': { category: 'account', zh: () => '核验了您的身份，实名等级提升', en: () => 'Verified your identity; real-name level raised' },
  'identity.staff.create': { category: 'account', zh: () => '创建了工作人员账号', en: () => 'Created the staff account' },
  'identity.staff.update': { category: 'account', zh: () => '修改了工作人员账号', en: () => 'Changed the staff account' },
  'identity.agent.grant': { category: 'account', zh: () => '企业授权了经办人', en: () => 'The enterprise authorised an agent' },
  'identity.agent.revoke': { category: 'account', zh: () => '企业撤销了经办授权', en: () => "The enterprise revoked an agent's authorisation" },
  'identity.agent.expire': { category: 'account', zh: () => '经办授权到期', en: () => 'An agent authorisation expired' },
  // 证照与材料使用
  'licenses.grant.create': { category: 'license', zh: () => '授权在申请中使用您的电子证照（用证）', en: () => 'Granted the use of your electronic license in an application', items: LICENSE_DATA },
  'licenses.trusted_material.verify': { category: 'license', zh: () => '窗口核验了您的材料，保存为可信电子材料', en: () => 'A window verified your material and kept it as a trusted material' },
  'licenses.trusted_material.use': { category: 'license', zh: () => '在申请中使用了可信电子材料', en: () => 'Used a trusted material in an application' },
  'licenses.trusted_material.withdraw': { category: 'license', zh: () => '撤回了可信电子材料', en: () => 'Withdrew a trusted material' },
  // 其他
  'notify.notification.create': { category: 'other', zh: () => '向您发送了一条消息', en: () => 'Sent you a message' },
  'notify.notification.read': { category: 'other', zh: () => '阅读了一条消息', en: () => 'Read a message' },
  'notify.notification.read-all': { category: 'other', zh: () => '将全部消息标为已读', en: () => 'Marked all messages read' },
  'files.file.upload': { category: 'other', zh: (f) => `上传了材料${file(f)}`, en: (f) => `Uploaded a material${fileEn(f)}` },
  'files.file.generate': { category: 'other', zh: (f) => `生成了文件${file(f)}`, en: (f) => `Generated a document${fileEn(f)}` },
  'files.file.attach': { category: 'other', zh: () => '材料附入办件', en: () => 'Material attached to a case' },
};

/** Codes by category, for the SQL filter (read also takes any unlisted action carrying a purpose, by someone else). */
export function actionsOf(category: DataUsageCategory): string[] {
  return Object.entries(ACTIONS).filter(([, d]) => d.category === category).map(([code]) => code);
}

/** Prefixes whose unlisted actions still belong to a category (other engineers add codes under them). */
export const CATEGORY_PREFIXES: { prefix: string; category: DataUsageCategory }[] = [
  { prefix: 'identity.sso.', category: 'sso' },
  { prefix: 'identity.sms.', category: 'login' },
  { prefix: 'identity.passkey.', category: 'login' },
  { prefix: 'identity.agent.', category: 'account' },
  { prefix: 'licenses.', category: 'license' },
];

/** Describe a record in Chinese and English, with the data items it concerns. */
export function describe(action: string, facts: ActionFacts): { zh: string; en: string; items: DataItemLabel[] } {
  const def = ACTIONS[action];
  if (def) return { zh: def.zh(facts), en: def.en(facts), items: def.items ?? [] };
  const caseAction = /^cases\.case\.(.+)$/.exec(action)?.[1];
  if (caseAction) {
    const ref = facts.caseNumber ? ` ${facts.caseNumber}` : '';
    return { zh: `办件${ref}：${CASE_ACTION_ZH[caseAction] ?? caseAction}`, en: `Case${ref}: ${CASE_ACTION_EN[caseAction] ?? caseAction}`, items: [] };
  }
  return { zh: `其他操作（${action}）`, en: `Other (${action})`, items: [] };
}

/** Mask the host part of an IP address: 203.0.113.45 → 203.0.*.*, 2001:db8::1 → 2001:db8:*. */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.*.*`;
  if (ip.includes(':')) {
    const groups = ip.split(':').filter(Boolean);
    return `${groups.slice(0, 2).join(':')}:*`;
  }
  return '*';
}

/** A short, language-neutral device label from a user agent (browser · system), or null when unknown. */
export function deviceLabel(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /MicroMessenger/i.test(ua) ? 'WeChat' : /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/i.test(ua) ? 'Android' : /iPhone|iPad|iOS/i.test(ua) ? 'iOS' : /Windows/i.test(ua) ? 'Windows' : /Mac OS X|Macintosh/i.test(ua) ? 'macOS' : /Linux/i.test(ua) ? 'Linux' : null;
  const parts = [browser, os].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}
