/**
 * Electronic licenses (电子证照) as staff use them: the license catalog, the registry and its
 * lifecycle actions, keys and the trust list, the transparency log, and licenses inside a case.
 * Types come from the shared schemas (types only, so the workbench does not load zod for them).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CaseLicenseView as CaseLicenseViewSchema,
  ChangeLicenseBody,
  ConsistencyProof as ConsistencyProofSchema,
  ImportLicenseBody,
  IssuerKeyView as IssuerKeyViewSchema,
  LICENSE_STATES,
  LicenseDetail as LicenseDetailSchema,
  LicenseSummary as LicenseSummarySchema,
  LicenseTypeBody,
  LicenseTypeView as LicenseTypeViewSchema,
  RenewLicenseBody,
  RotateKeyBody,
  StaffLicenseQueryBody,
  TreeHead as TreeHeadSchema,
  TrustedKeyBody,
  UpdateLicenseTypeBody,
  VERIFY_VERDICTS,
} from '../../common/schemas/licenses.ts';
import { ERROR_CODES, type ErrorCode } from '../../common/errors.ts';
import { api, ApiError } from './client.ts';
import type { Page } from './types.ts';

export type LicenseState = (typeof LICENSE_STATES)[number];
export type VerifyVerdict = (typeof VERIFY_VERDICTS)[number];
export type LicenseTypeView = z.infer<typeof LicenseTypeViewSchema>;
export type LicenseTypeField = LicenseTypeView['fields'][number];
export type LicenseSummary = z.infer<typeof LicenseSummarySchema>;
export type LicenseDetail = z.infer<typeof LicenseDetailSchema>;
export type LicenseEvent = LicenseDetail['events'][number];
export type LicenseUse = LicenseDetail['uses'][number];
export type CaseLicenseView = z.infer<typeof CaseLicenseViewSchema>;
export type IssuerKeyView = z.infer<typeof IssuerKeyViewSchema>;
export type TreeHead = z.infer<typeof TreeHeadSchema>;
export type ConsistencyProof = z.infer<typeof ConsistencyProofSchema>;
export type LicenseTypeInput = z.output<typeof LicenseTypeBody>;
export type LicenseTypeUpdate = z.output<typeof UpdateLicenseTypeBody>;
export type ChangeLicenseInput = z.output<typeof ChangeLicenseBody>;
export type RenewLicenseInput = z.output<typeof RenewLicenseBody>;
export type ImportLicenseInput = z.output<typeof ImportLicenseBody>;
export type StaffLicenseQuery = z.output<typeof StaffLicenseQueryBody>;
export type TrustedKeyInput = z.output<typeof TrustedKeyBody>;
export type RotateKeyInput = z.output<typeof RotateKeyBody>;

/** Registry filter (证照库). */
export interface RegistryQuery {
  typeCode?: string | undefined;
  state?: LicenseState | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Lifecycle actions of a license, as the console offers them. */
export type LifecycleAction = 'suspend' | 'resume' | 'revoke' | 'change' | 'renew';

/**
 * What the server's state machine allows in each state (src/server/modules/licenses/state-machine.ts):
 * change and renew supersede the license with a new version. The server checks again (409 with
 * `details.allowed`); this only decides which buttons to show.
 */
const ALLOWED: Record<LicenseState, readonly LifecycleAction[]> = {
  pending: [],
  valid: ['change', 'renew', 'suspend', 'revoke'],
  suspended: ['resume', 'change', 'renew', 'revoke'],
  revoked: [],
  superseded: [],
};

/** The lifecycle actions a license in this state allows. */
export function allowedLifecycleActions(state: LicenseState): readonly LifecycleAction[] {
  return ALLOWED[state];
}

const V1 = '/api/v1';

/** The staff endpoints of the licenses module. */
export const licensesStaffApi = {
  types: () => api.get<LicenseTypeView[]>(`${V1}/license-types`),
  createType: (body: LicenseTypeInput) => api.post<LicenseTypeView>(`${V1}/license-types`, body),
  updateType: (code: string, body: LicenseTypeUpdate) => api.patch<LicenseTypeView>(`${V1}/license-types/${encodeURIComponent(code)}`, body),

  registry: (query: RegistryQuery) => api.get<Page<LicenseSummary>>(`${V1}/licenses`, { ...query }),
  license: (id: string) => api.get<LicenseDetail>(`${V1}/licenses/${id}`),
  changeState: (id: string, action: 'suspend' | 'resume' | 'revoke', reason: string) => api.post<LicenseDetail>(`${V1}/licenses/${id}/${action}`, { reason }),
  change: (id: string, body: ChangeLicenseInput) => api.post<LicenseDetail>(`${V1}/licenses/${id}/change`, body),
  renew: (id: string, body: RenewLicenseInput) => api.post<LicenseDetail>(`${V1}/licenses/${id}/renew`, body),
  importLicense: (body: ImportLicenseInput) => api.post<LicenseDetail>(`${V1}/licenses/import`, body),

  caseLicenses: (caseId: string) => api.get<CaseLicenseView[]>(`${V1}/licenses/case/${caseId}`),
  caseIssued: (caseId: string) => api.get<LicenseSummary | null>(`${V1}/licenses/case/${caseId}/issued`),
  query: (body: StaffLicenseQuery) => api.post<LicenseDetail[]>(`${V1}/licenses/query`, body),

  keys: () => api.get<IssuerKeyView[]>(`${V1}/licenses/trust-list`),
  rotateKey: (body: RotateKeyInput) => api.post<IssuerKeyView>(`${V1}/licenses/keys/rotate`, body),
  addTrusted: (body: TrustedKeyInput) => api.post<IssuerKeyView>(`${V1}/licenses/keys/trusted`, body),
  logHead: () => api.get<TreeHead>(`${V1}/licenses/log/head`),
  consistency: (from: number, to: number) => api.get<ConsistencyProof>(`${V1}/licenses/log/consistency`, { from, to }),
};

/** Where a license document downloads from (the session cookie authorizes it). */
export function licenseDocumentUrl(id: string, kind: 'ofd' | 'pdf'): string {
  return `${V1}/licenses/${id}/document/${kind}`;
}

/**
 * Download a license document and hand it to the browser as a file. Fetched rather than linked so
 * that a refusal (out of scope, still rendering) is shown as a message instead of a JSON page.
 */
export async function downloadLicenseDocument(id: string, kind: 'ofd' | 'pdf'): Promise<void> {
  let res: Response;
  try {
    res = await fetch(licenseDocumentUrl(id, kind), { credentials: 'same-origin' });
  } catch {
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', undefined, 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    const code = (ERROR_CODES as readonly string[]).includes(body?.error?.code ?? '') ? (body?.error?.code as ErrorCode) : 'INTERNAL';
    throw new ApiError(code, body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details, res.status);
  }
  const blob = await res.blob();
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : `license.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query keys of the staff license pages; a lifecycle action invalidates `licenseKeys.all`. */
export const licenseKeys = {
  all: ['licenses-staff'] as const,
  types: ['licenses-staff', 'types'] as const,
  registry: (query: RegistryQuery) => ['licenses-staff', 'registry', query] as const,
  one: (id: string) => ['licenses-staff', 'one', id] as const,
  ofCase: (caseId: string) => ['licenses-staff', 'case', caseId] as const,
  issuedByCase: (caseId: string) => ['licenses-staff', 'case-issued', caseId] as const,
  keys: ['licenses-staff', 'keys'] as const,
  logHead: ['licenses-staff', 'log-head'] as const,
};

/** The license catalog (证照目录). */
export function useLicenseTypes() {
  return useQuery({ queryKey: licenseKeys.types, queryFn: licensesStaffApi.types, staleTime: 60_000 });
}

/** A page of the registry. */
export function useRegistry(query: RegistryQuery) {
  return useQuery({ queryKey: licenseKeys.registry(query), queryFn: () => licensesStaffApi.registry(query), placeholderData: keepPreviousData });
}

/** One license of the registry, with events and uses; a new version being signed is polled until it is. */
export function useRegistryLicense(id: string) {
  return useQuery({
    queryKey: licenseKeys.one(id),
    queryFn: () => licensesStaffApi.license(id),
    refetchInterval: (q) => (q.state.data?.state === 'pending' ? 2000 : false),
  });
}

/** The licenses the applicant granted for a case (verified now). */
export function useCaseLicenses(caseId: string) {
  return useQuery({ queryKey: licenseKeys.ofCase(caseId), queryFn: () => licensesStaffApi.caseLicenses(caseId) });
}

/** The license a case issued, once signed. */
export function useCaseIssuedLicense(caseId: string, enabled: boolean) {
  return useQuery({ queryKey: licenseKeys.issuedByCase(caseId), queryFn: () => licensesStaffApi.caseIssued(caseId), enabled });
}

/** Every issuer key: local and trusted. */
export function useIssuerKeys() {
  return useQuery({ queryKey: licenseKeys.keys, queryFn: licensesStaffApi.keys });
}

/** The latest signed tree head of the transparency log. */
export function useLogHead() {
  return useQuery({ queryKey: licenseKeys.logHead, queryFn: licensesStaffApi.logHead });
}

/** A staff mutation of the licenses module; success refreshes every staff license query. */
export function useLicenseMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: licenseKeys.all }) });
}
