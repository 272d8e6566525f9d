/**
 * Real-name levels (实名等级): the window's in-person verification (现场实名核验) and the account's
 * own level history. Only types come from the shared schemas, so the pages do not load zod.
 */
import type { z } from 'zod';
import type {
  InPersonVerificationBody as InPersonVerificationBodySchema,
  InPersonVerificationResponse as InPersonVerificationResponseSchema,
  MyRealNameResponse as MyRealNameResponseSchema,
  RealNameLookupResponse as RealNameLookupResponseSchema,
} from '../../common/schemas/real-name.ts';
import { api } from './client.ts';

export type RealNameLookup = z.infer<typeof RealNameLookupResponseSchema>;
export type InPersonVerificationBody = z.input<typeof InPersonVerificationBodySchema>;
export type InPersonVerification = z.infer<typeof InPersonVerificationResponseSchema>;
export type MyRealName = z.infer<typeof MyRealNameResponseSchema>;
/** An identity document a clerk may check. */
export type IdentityDocumentType = InPersonVerificationBody['documentType'];

/** What the details of a REAL_NAME_LEVEL_TOO_LOW refusal say. */
export interface RealNameLevelTooLow {
  requiredLevel: number;
  currentLevel: number;
  ways: ('sms' | 'window')[];
}

/** The details of a REAL_NAME_LEVEL_TOO_LOW answer, or null for anything else. */
export function realNameLevelTooLow(details: unknown): RealNameLevelTooLow | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as Partial<RealNameLevelTooLow>;
  return typeof d.requiredLevel === 'number' && typeof d.currentLevel === 'number' ? { requiredLevel: d.requiredLevel, currentLevel: d.currentLevel, ways: Array.isArray(d.ways) ? d.ways : [] } : null;
}

const V1 = '/api/v1/real-name';

/** 现场实名核验 (window clerks) and one's own level. */
export const realNameApi = {
  lookup: (idNumber: string) => api.post<RealNameLookup>(`${V1}/lookup`, { idNumber }),
  verify: (body: InPersonVerificationBody) => api.post<InPersonVerification>(`${V1}/verifications`, body),
  mine: () => api.get<MyRealName>(`${V1}/mine`),
};
