import { z } from 'zod';
import { IdNumber } from './identity.ts';

/** Real-name levels (实名等级): 1 self-declared at registration, 2 verified by SMS or base data, 3 verified in person at a window. */
export const REAL_NAME_LEVELS = [1, 2, 3] as const;

/** A real-name level. */
export const RealNameLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('实名等级: 1 自主声明, 2 短信/数据核验, 3 窗口现场核验');

/** How a level was reached. */
export const REAL_NAME_METHODS = ['self', 'sms', 'population', 'window'] as const;

/** Identity documents a window clerk may check in person (the number read from it is an 18-digit ID number). */
export const IDENTITY_DOCUMENT_TYPES = ['resident_id_card', 'temporary_id_card', 'residence_permit'] as const;

/** Look a citizen up by the ID number read from the card (POST, so the number never appears in a URL or access log). */
export const RealNameLookupBody = z.object({
  idNumber: IdNumber.describe('The number read from the identity document'),
});

/** The citizen found: name and masked numbers only. */
export const RealNameLookupResponse = z.object({
  accountId: z.uuid(),
  displayName: z.string().describe('Name as registered'),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  realNameLevel: z.number().int().min(1).max(3),
  /** The most recent verification, if any. */
  lastVerification: z
    .object({ level: z.number().int(), method: z.enum(REAL_NAME_METHODS), at: z.string() })
    .nullable(),
});

/** Confirm that the document was checked in person: the account becomes L3. */
export const InPersonVerificationBody = z.object({
  accountId: z.uuid().describe('The account the lookup returned'),
  idNumber: IdNumber.describe('The number read from the document again: must be the account’s'),
  documentType: z.enum(IDENTITY_DOCUMENT_TYPES).describe('居民身份证 / 临时居民身份证 / 港澳台居民居住证'),
  /** The window the check happened at (default: the clerk's own window). */
  windowId: z.uuid().optional(),
  note: z.string().trim().max(200).optional(),
});

/** The result of an in-person verification. */
export const InPersonVerificationResponse = z.object({
  accountId: z.uuid(),
  displayName: z.string(),
  idNumberMasked: z.string(),
  previousLevel: z.number().int(),
  realNameLevel: z.number().int(),
  /** False when the account already was L3 (the check is recorded, the level stays). */
  raised: z.boolean(),
  windowName: z.string(),
  verifiedAt: z.string(),
});

/** One entry of an account's real-name history. */
export const RealNameVerificationView = z.object({
  level: z.number().int(),
  previousLevel: z.number().int(),
  method: z.enum(REAL_NAME_METHODS),
  documentType: z.enum(IDENTITY_DOCUMENT_TYPES).nullable(),
  windowName: z.string().nullable(),
  at: z.string(),
});

/** The logged-in account's real-name level and how it was reached. */
export const MyRealNameResponse = z.object({
  realNameLevel: z.number().int(),
  history: z.array(RealNameVerificationView),
});
