import { z } from 'zod';
import { ACCOUNT_KINDS, ACCOUNT_STATUSES, ROLES, STAFF_ROLES } from '../enums.ts';
import { validateCreditCode, validateIdNumber, validatePhone } from '../identifiers.ts';
import { LIMITS } from '../limits.ts';
import { Name, RegionCode } from './shared.ts';

/** A citizen ID number, validated per GB 11643 (date and check digit). */
export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = validateIdNumber(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Citizen ID number (公民身份号码, GB 11643)');

/** A unified social credit code, validated per GB 32100 and GB 11714. */
export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = validateCreditCode(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Unified social credit code (统一社会信用代码, GB 32100)');

/** A mainland mobile phone number. */
export const Phone = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = validatePhone(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Mobile phone number');

/**
 * Password policy: at least 10 characters with at least three of lower case, upper case, digits and
 * symbols (the common 等保 level-3 policy).
 */
export const Password = z
  .string()
  .min(LIMITS.passwordMinLength, `密码至少${LIMITS.passwordMinLength}位`)
  .max(LIMITS.passwordMaxLength)
  .superRefine((v, ctx) => {
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
    if (classes < 3) ctx.addIssue({ code: 'custom', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' });
  })
  .describe('Password: ≥10 characters, at least 3 of: lower, upper, digit, symbol');

/** Register a citizen account (自然人注册). */
export const RegisterCitizenBody = z.object({
  kind: z.literal('citizen'),
  /** Legal name as on the ID card. */
  name: Name.describe('Legal name (姓名)'),
  idNumber: IdNumber,
  phone: Phone,
  email: z.email().optional().describe('Optional e-mail'),
  password: Password,
});

/** Register an enterprise account (法人注册), operated by its legal representative. */
export const RegisterEnterpriseBody = z.object({
  kind: z.literal('enterprise'),
  /** Registered name of the enterprise. */
  name: Name.describe('Enterprise name (企业名称)'),
  creditCode: CreditCode,
  legalRepName: Name.describe('Legal representative (法定代表人)'),
  legalRepIdNumber: IdNumber.describe('Legal representative ID number'),
  phone: Phone,
  email: z.email().optional(),
  password: Password,
});

/** Registration body: citizen or enterprise. */
export const RegisterBody = z.discriminatedUnion('kind', [RegisterCitizenBody, RegisterEnterpriseBody]);

/** Log in with an account identifier (ID number, credit code, phone or staff username) and password. */
export const LoginBody = z.object({
  account: z.string().trim().min(1, '请输入账号').max(64).describe('ID number, credit code, phone or staff username'),
  password: z.string().min(1, '请输入密码').max(LIMITS.passwordMaxLength),
});

/** Data scope of a staff account: a region subtree and optionally one department. */
export const DataScope = z.object({
  regionCode: RegionCode.describe('Root of the region subtree the account may act on'),
  departmentId: z.uuid().nullable().describe('Department the account belongs to (null: all departments of the region)'),
});

/** An account as presented to its owner or an administrator (personal data masked). */
export const AccountView = z.object({
  id: z.uuid(),
  kind: z.enum(ACCOUNT_KINDS),
  status: z.enum(ACCOUNT_STATUSES),
  displayName: z.string(),
  username: z.string().nullable().describe('Staff username'),
  idNumberMasked: z.string().nullable().describe('Masked ID number (citizen or legal representative)'),
  creditCode: z.string().nullable().describe('Credit code (enterprise; public by law)'),
  legalRepName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  email: z.string().nullable(),
  realNameLevel: z.number().int().describe('实名等级 1-3'),
  roles: z.array(z.enum(ROLES)),
  scope: DataScope.nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

/** The current session's view of the logged-in account. */
export const MeResponse = z.object({
  account: AccountView,
  session: z.object({ expiresAt: z.string().describe('When the session ends if idle') }),
  /** Set while a person acts for an enterprise: `account` is then the enterprise, `acting.person` who acts. */
  acting: z
    .object({
      enterpriseId: z.uuid(),
      enterpriseName: z.string(),
      relation: z.enum(['legal_rep', 'agent']).describe('法定代表人 or 经办人'),
      person: z.object({ accountId: z.uuid(), displayName: z.string() }),
      authorizationId: z.uuid().nullable(),
      itemCodes: z.array(z.string()).nullable().describe('Catalog items the agent may handle; null: every matter'),
      validUntil: z.string().nullable().describe('End of the authorisation (null for a legal representative)'),
    })
    .nullable()
    .optional(),
  /** Why acting for an enterprise ended by itself (authorisation revoked or expired), until the next switch. */
  actingNotice: z.string().nullable().optional(),
});

/**
 * Change one's own profile. The phone number and e-mail address are not changed here: a new one must
 * be verified with a code sent to it (POST /accounts/:id/phone/code then /accounts/:id/phone, and the
 * same for email); sending either answers 400 naming the field.
 */
export const UpdateProfileBody = z.object({
  displayName: Name.optional().describe('Display name (staff only; citizens keep their legal name)'),
  phone: z.unknown().optional().describe('Refused (400): change the phone with a code sent to the new number, POST /api/v1/accounts/{id}/phone/code'),
  email: z.unknown().optional().describe('Refused (400): change the e-mail with a code sent to the new address, POST /api/v1/accounts/{id}/email/code'),
});

/** Change one's password. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMaxLength),
  newPassword: Password,
});

/** Deregister one's own account (注销); the password confirms it. */
export const DeregisterBody = z.object({
  password: z.string().min(1).max(LIMITS.passwordMaxLength),
  reason: z.string().trim().max(500).optional(),
});

/** Create a staff account (system admin). */
export const CreateStaffBody = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为3-32位小写字母、数字或 _ . -，以字母开头'),
  name: Name.describe('Name of the staff member'),
  idNumber: IdNumber,
  phone: Phone,
  email: z.email().optional(),
  password: Password,
  roles: z.array(z.enum(STAFF_ROLES)).min(1, '至少选择一个角色'),
  regionCode: RegionCode,
  departmentId: z.uuid().nullable(),
  windowId: z.uuid().nullable().optional(),
  title: z.string().trim().max(50).optional().describe('Job title (职务)'),
});

/** Change a staff account (system admin): roles, department, region, status. */
export const UpdateStaffBody = z.object({
  name: Name.optional(),
  phone: Phone.optional(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1, '至少选择一个角色').optional(),
  regionCode: RegionCode.optional(),
  departmentId: z.uuid().nullable().optional(),
  windowId: z.uuid().nullable().optional(),
  title: z.string().trim().max(50).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

/** A staff member as shown in the console. */
export const StaffView = AccountView.extend({
  title: z.string().nullable(),
  windowId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  regionName: z.string().nullable(),
});

/** Filter for listing accounts. */
export const AccountListQuery = z.object({
  kind: z.enum(ACCOUNT_KINDS).optional(),
  q: z.string().trim().max(50).optional().describe('Name or username contains'),
  regionCode: RegionCode.optional().describe('Staff in this region subtree'),
  departmentId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
});
