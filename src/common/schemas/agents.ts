import { z } from 'zod';
import { IdNumber } from './identity.ts';
import { Name } from './shared.ts';

/** How a person acts for an enterprise: as its legal representative (法定代表人) or as an authorised agent (经办人). */
export const ACTING_RELATIONS = ['legal_rep', 'agent'] as const;
/** One acting relation. */
export type ActingRelation = (typeof ACTING_RELATIONS)[number];

/** What an agent may handle: every matter, or only the listed catalog items. */
export const AGENT_SCOPES = ['all', 'items'] as const;

/** Stored states of an authorisation (an active one past its end date is shown as expired). */
export const AGENT_AUTHORIZATION_STATUSES = ['active', 'revoked', 'expired'] as const;

/** Most catalog items one authorisation may list. */
export const AGENT_MAX_ITEMS = 50;
/** Longest validity of one authorisation, in days (about three years). */
export const AGENT_MAX_VALID_DAYS = 1096;

/** A catalog base item code (基本编码, 12 digits). */
const ItemCode = z.string().trim().regex(/^\d{12}$/, '事项编码应为12位基本编码').describe('Catalog base item code (基本编码, 12 digits)');

/** A calendar day (Asia/Shanghai), YYYY-MM-DD. */
const Day = z.iso.date('日期格式应为 YYYY-MM-DD').describe('Calendar day in Asia/Shanghai (YYYY-MM-DD)');

/** 添加经办人: the enterprise names a person who has an account, by name and ID number, with a scope and validity. */
export const CreateAgentAuthorizationBody = z
  .object({
    /** The agent's legal name; must match the account registered with the ID number. */
    name: Name.describe("Agent's legal name (经办人姓名)"),
    idNumber: IdNumber.describe("Agent's ID number (经办人身份证号)"),
    scope: z.enum(AGENT_SCOPES).describe('all: every matter; items: only itemCodes'),
    itemCodes: z.array(ItemCode).max(AGENT_MAX_ITEMS).default([]).describe('Catalog items the agent may handle (scope items)'),
    validFrom: Day.optional().describe('First day of validity (default: today)'),
    validUntil: Day.describe('Last day of validity (inclusive)'),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'items' && v.itemCodes.length === 0) ctx.addIssue({ code: 'custom', path: ['itemCodes'], message: '请至少选择一个可办理的事项' });
  });

/** 撤销授权: the reason is kept and told to the agent. */
export const RevokeAgentAuthorizationBody = z.object({
  reason: z.string().trim().min(1, '请填写撤销原因').max(200).describe('Why the authorisation is revoked'),
});

/** Switch the current session to act for an enterprise. */
export const ActAsBody = z.object({
  enterpriseId: z.uuid().describe('The enterprise account to act for'),
});

/** One item of an authorisation's scope. */
const ScopeItem = z.object({ code: z.string(), name: z.string().nullable().describe('Base item name, null when the code is no longer in the catalog') });

/** An authorisation as the enterprise or the agent sees it (the agent's ID number masked). */
export const AgentAuthorizationView = z.object({
  id: z.uuid(),
  enterprise: z.object({ id: z.uuid(), name: z.string(), creditCode: z.string().nullable() }),
  agent: z.object({ id: z.uuid(), name: z.string(), idNumberMasked: z.string().nullable() }),
  scope: z.enum(AGENT_SCOPES),
  items: z.array(ScopeItem),
  validFrom: z.string().describe('Start of validity (instant)'),
  validUntil: z.string().describe('End of validity (instant, exclusive)'),
  validFromDay: z.string().describe('First day of validity (Asia/Shanghai)'),
  validUntilDay: z.string().describe('Last day of validity (Asia/Shanghai, inclusive)'),
  status: z.enum(AGENT_AUTHORIZATION_STATUSES).describe('active, revoked, or expired (also when still stored active but past its end)'),
  /** True while the authorisation may be used now (active, started, not ended). */
  usableNow: z.boolean(),
  grantedByName: z.string().describe('Who granted it: the enterprise, or its legal representative acting for it'),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
});

/** The authorisations the caller gave (as an enterprise) or received (as a citizen). */
export const AgentAuthorizationList = z.object({
  as: z.enum(['enterprise', 'agent']).describe('enterprise: grants this enterprise gave; agent: grants this person received'),
  items: z.array(AgentAuthorizationView),
});

/** An enterprise the logged-in person may act for. */
export const ActingOption = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  creditCode: z.string().nullable(),
  relation: z.enum(ACTING_RELATIONS),
  authorizationId: z.uuid().nullable(),
  scope: z.enum(AGENT_SCOPES).describe('all for a legal representative'),
  itemCodes: z.array(z.string()),
  validUntil: z.string().nullable().describe('End of the authorisation (null for a legal representative)'),
});

/** The enterprises the logged-in person may act for, and whom the session acts for now. */
export const ActingOptionsResponse = z.object({
  person: z.object({ accountId: z.uuid(), displayName: z.string() }),
  currentEnterpriseId: z.uuid().nullable(),
  items: z.array(ActingOption),
});
