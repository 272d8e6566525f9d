/**
 * Electronic licenses (电子证照) as the portal sees them: the holder's wallet (我的证照), licenses usable
 * in an application (用证), the license a case issued, and public verification (证照核验). Only types
 * come from the shared schemas, so the pages do not load zod.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  LicenseDetail as LicenseDetailSchema,
  LicenseState as LicenseStateType,
  LicenseSummary as LicenseSummarySchema,
  TrustedMaterialView as TrustedMaterialViewSchema,
  UsableLicense as UsableLicenseSchema,
  VerifyResult as VerifyResultSchema,
  VerifyVerdict as VerifyVerdictType,
} from '../../common/schemas/licenses.ts';
import { request } from './client.ts';
import type { Page } from './types.ts';

export type LicenseSummary = z.infer<typeof LicenseSummarySchema>;
export type LicenseDetail = z.infer<typeof LicenseDetailSchema>;
export type LicenseUse = LicenseDetail['uses'][number];
export type LicenseEvent = LicenseDetail['events'][number];
export type UsableLicense = z.infer<typeof UsableLicenseSchema>;
/** A material a window clerk checked against the original once (可信电子材料), reusable by its holder. */
export type TrustedMaterial = z.infer<typeof TrustedMaterialViewSchema>;
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
export type VerifyVerdict = VerifyVerdictType;
export type LicenseState = LicenseStateType;
/** How a verifier reached the page: the QR printed on the license, or the identifier typed in. */
export type VerifyChannel = 'qr' | 'identifier';

const V1 = '/api/v1/licenses';

/** The holder's and the public license endpoints. */
export const walletApi = {
  mine: (query: { typeCode?: string; page: number; pageSize: number }) => request<Page<LicenseSummary>>('GET', `${V1}/mine`, { query }),
  one: (id: string) => request<LicenseDetail>('GET', `${V1}/mine/${id}`),
  usable: (typeCode: string) => request<UsableLicense[]>('GET', `${V1}/mine/usable`, { query: { typeCode } }),
  issuedByCase: (caseId: string) => request<LicenseSummary | null>('GET', `${V1}/case/${caseId}/issued`),
  verify: (identifier: string, channel: VerifyChannel) =>
    request<VerifyResult>('GET', `${V1}/verify/${encodeURIComponent(identifier)}`, { query: { channel, proof: 'true' } }),
  verifyDocument: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<VerifyResult>('POST', `${V1}/verify/document`, { form });
  },
  /** Every trusted material of the caller, withdrawn and expired ones included. */
  materials: () => request<TrustedMaterial[]>('GET', `${V1}/mine/materials`),
  /** The caller's trusted materials usable for one guide material (same key or same name). */
  usableMaterials: (materialKey: string, name: string) => request<TrustedMaterial[]>('GET', `${V1}/mine/materials`, { query: { materialKey, name } }),
  withdrawMaterial: (id: string) => request<TrustedMaterial>('POST', `${V1}/mine/materials/${id}/withdraw`),
};

/** Where a file of one's own (e.g. of a trusted material) is read from. */
export function fileUrl(id: string): string {
  return `/api/v1/files/${id}`;
}

/** Where a license document downloads from (the session cookie authorises it). */
export function documentUrl(id: string, kind: 'ofd' | 'pdf'): string {
  return `${V1}/${id}/document/${kind}`;
}

/** Query keys of the wallet. */
export const walletKeys = {
  all: ['licenses', 'wallet'] as const,
  mine: ['licenses', 'wallet', 'mine'] as const,
  one: (id: string) => ['licenses', 'wallet', 'one', id] as const,
  usable: (typeCode: string) => ['licenses', 'wallet', 'usable', typeCode] as const,
  issued: (caseId: string) => ['licenses', 'wallet', 'issued', caseId] as const,
  materials: ['licenses', 'wallet', 'materials'] as const,
  usableMaterials: (materialKey: string, name: string) => ['licenses', 'wallet', 'materials', 'usable', materialKey, name] as const,
  verify: (identifier: string, channel: VerifyChannel) => ['licenses', 'verify', identifier, channel] as const,
};

/** Every license of the holder (a wallet rarely holds more than a handful; the API's largest page). */
export function useMyLicenses() {
  return useQuery({ queryKey: walletKeys.mine, queryFn: () => walletApi.mine({ page: 1, pageSize: 200 }) });
}

/** One license of the holder with its lifecycle and use record. */
export function useMyLicense(id: string) {
  return useQuery({ queryKey: walletKeys.one(id), queryFn: () => walletApi.one(id) });
}

/** The holder's valid licenses of a type, for a material of an application. */
export function useUsableLicenses(typeCode: string | undefined) {
  return useQuery({ queryKey: walletKeys.usable(typeCode ?? ''), queryFn: () => walletApi.usable(typeCode ?? ''), enabled: Boolean(typeCode), retry: false });
}

/** Every trusted material of the holder (可信电子材料). */
export function useTrustedMaterials() {
  return useQuery({ queryKey: walletKeys.materials, queryFn: () => walletApi.materials() });
}

// A license is signed and rendered by a job moments after 办结: ask again for a while until it shows.
const ISSUE_WAIT_MS = 10 * 60_000;

/** The license a completed case issued, if any. */
export function useIssuedLicense(caseId: string, completedAt: string | null, enabled: boolean) {
  return useQuery({
    queryKey: walletKeys.issued(caseId),
    queryFn: () => walletApi.issuedByCase(caseId),
    enabled,
    refetchInterval: (q) => (q.state.data === null && completedAt && Date.now() - new Date(completedAt).getTime() < ISSUE_WAIT_MS ? 5_000 : false),
  });
}

/**
 * Verify by identifier. Every call is recorded in the holder's use record, so a result is asked for
 * once per visit of the page and never refetched behind the visitor's back.
 */
export function useVerify(identifier: string, channel: VerifyChannel, enabled: boolean) {
  return useQuery({ queryKey: walletKeys.verify(identifier, channel), queryFn: () => walletApi.verify(identifier, channel), enabled, staleTime: Infinity, gcTime: 0, retry: false });
}
