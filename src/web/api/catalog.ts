/**
 * The service-item catalog (事项库): types inferred from the shared schemas, the endpoints and the
 * queries. Only types come from the schemas, so the portal's browse pages do not load zod.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BaseImplementations as BaseImplementationsSchema,
  CatalogSearchHit as CatalogSearchHitSchema,
  CatalogSearchQuery as CatalogSearchQuerySchema,
  CatalogSearchResponse as CatalogSearchResponseSchema,
  CompareResponse as CompareResponseSchema,
  DiffResponse as DiffResponseSchema,
  DraftListItem as DraftListItemSchema,
  ReviewBody as ReviewBodySchema,
  ReviewQueueItem as ReviewQueueItemSchema,
  StartOperationBody as StartOperationBodySchema,
  VersionView as VersionViewSchema,
} from '../../common/schemas/catalog-api.ts';
import type { GuideContent as GuideContentSchema } from '../../common/schemas/catalog.ts';
import { api } from './client.ts';
import type { Items } from './types.ts';

export type GuideContent = z.infer<typeof GuideContentSchema>;
export type Material = GuideContent['materials'][number];
export type ProcessStep = GuideContent['processSteps'][number];
export type Fee = GuideContent['fees'][number];
export type TimeLimit = GuideContent['promisedLimit'];
export type VersionView = z.infer<typeof VersionViewSchema>;
export type CatalogSearchHit = z.infer<typeof CatalogSearchHitSchema>;
export type CatalogSearchResponse = z.infer<typeof CatalogSearchResponseSchema>;
export type DiffResponse = z.infer<typeof DiffResponseSchema>;
export type DiffChange = DiffResponse['changes'][number];
export type ReviewQueueItem = z.infer<typeof ReviewQueueItemSchema>;
export type DraftListItem = z.infer<typeof DraftListItemSchema>;
export type BaseImplementations = z.infer<typeof BaseImplementationsSchema>;
export type CompareResponse = z.infer<typeof CompareResponseSchema>;
export type CompareRegion = CompareResponse['regions'][number];
export type ReviewBody = z.output<typeof ReviewBodySchema>;
export type StartOperationBody = z.output<typeof StartOperationBodySchema>;
/** The search filter as sent (page and size always given). */
export type CatalogSearchQuery = z.input<typeof CatalogSearchQuerySchema> & { page: number; pageSize: number };

const V1 = '/api/v1/catalog';

/** The catalog endpoints. */
export const catalogApi = {
  search: (query: CatalogSearchQuery, signal?: AbortSignal) => api.get<CatalogSearchResponse>(`${V1}/items`, { ...query }, signal),
  currentGuide: (implementationId: string) => api.get<VersionView>(`${V1}/implementations/${implementationId}`),
  versions: (implementationId: string) => api.get<Items<VersionView>>(`${V1}/implementations/${implementationId}/versions`),
  version: (versionId: string) => api.get<VersionView>(`${V1}/versions/${versionId}`),
  diff: (versionId: string) => api.get<DiffResponse>(`${V1}/versions/${versionId}/diff`),
  startOperation: (implementationId: string, body: StartOperationBody) => api.post<VersionView>(`${V1}/implementations/${implementationId}/operations`, body),
  updateDraft: (versionId: string, body: { content: unknown; changeNote?: string }) => api.patch<VersionView>(`${V1}/versions/${versionId}`, body),
  submit: (versionId: string) => api.post<VersionView>(`${V1}/versions/${versionId}/submit`),
  review: (versionId: string, body: ReviewBody) => api.post<VersionView>(`${V1}/versions/${versionId}/review`, body),
  reviewQueue: () => api.get<Items<ReviewQueueItem>>(`${V1}/review-queue`),
  drafts: (status?: DraftListItem['status']) => api.get<Items<DraftListItem>>(`${V1}/drafts`, status ? { status } : {}),
  abandon: (versionId: string) => api.delete(`${V1}/versions/${versionId}`),
  compare: (basicCode: string) => api.get<CompareResponse>(`${V1}/compare/${basicCode}`),
  implementationsOfBase: (basicCode: string) => api.get<BaseImplementations>(`${V1}/base-items/${basicCode}/implementations`),
};

/** Query keys of the catalog; every mutation invalidates `catalogKeys.all`. */
export const catalogKeys = {
  all: ['catalog'] as const,
  search: (query: CatalogSearchQuery) => ['catalog', 'search', query] as const,
  searchAll: (query: Omit<CatalogSearchQuery, 'page' | 'pageSize'>) => ['catalog', 'search-all', query] as const,
  guide: (implementationId: string) => ['catalog', 'guide', implementationId] as const,
  versions: (implementationId: string) => ['catalog', 'versions', implementationId] as const,
  version: (versionId: string) => ['catalog', 'version', versionId] as const,
  diff: (versionId: string) => ['catalog', 'diff', versionId] as const,
  reviewQueue: ['catalog', 'review-queue'] as const,
  drafts: (status?: DraftListItem['status']) => ['catalog', 'drafts', status ?? 'all'] as const,
  compare: (basicCode: string) => ['catalog', 'compare', basicCode] as const,
  implementationsOfBase: (basicCode: string) => ['catalog', 'base-implementations', basicCode] as const,
};

// Published guides change through review only; a minute of freshness is plenty for browsing.
const CATALOG_STALE_MS = 60_000;

/** One page of the published catalog. */
export function useCatalogSearch(query: CatalogSearchQuery, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.search(query),
    queryFn: ({ signal }) => catalogApi.search(query, signal),
    staleTime: CATALOG_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The most items one browse view loads (5 pages of the API's largest size). */
export const BROWSE_LIMIT = 1000;
const BROWSE_PAGE = 200;

/**
 * Every published item matching a filter, up to BROWSE_LIMIT, for the views that group items
 * themselves (by theme, by department) — the API has no facet counts. `truncated` says the limit hit.
 */
export function useCatalogAll(query: Omit<CatalogSearchQuery, 'page' | 'pageSize'>, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.searchAll(query),
    queryFn: async ({ signal }) => {
      const items: CatalogSearchHit[] = [];
      let total = 0;
      for (let page = 1; items.length < BROWSE_LIMIT; page++) {
        const r = await catalogApi.search({ ...query, page, pageSize: BROWSE_PAGE }, signal);
        items.push(...r.items);
        total = r.total;
        if (r.items.length < BROWSE_PAGE || items.length >= total) break;
      }
      return { items, total, truncated: total > items.length };
    },
    staleTime: CATALOG_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The guide in force of an implementation. */
export function useCurrentGuide(implementationId: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.guide(implementationId ?? ''),
    queryFn: () => catalogApi.currentGuide(implementationId ?? ''),
    enabled: Boolean(implementationId),
    staleTime: CATALOG_STALE_MS,
  });
}

/** One exact version. */
export function useCatalogVersion(versionId: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.version(versionId ?? ''),
    queryFn: () => catalogApi.version(versionId ?? ''),
    enabled: Boolean(versionId),
  });
}

/** The version history of an implementation (with the open draft for its catalog admins). */
export function useCatalogVersions(implementationId: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.versions(implementationId ?? ''),
    queryFn: () => catalogApi.versions(implementationId ?? ''),
    enabled: Boolean(implementationId),
  });
}

/** A version's differences against the previous published one. */
export function useCatalogDiff(versionId: string | undefined) {
  return useQuery({ queryKey: catalogKeys.diff(versionId ?? ''), queryFn: () => catalogApi.diff(versionId ?? ''), enabled: Boolean(versionId) });
}

/** Versions waiting for review in the admin's region. */
export function useReviewQueue() {
  return useQuery({ queryKey: catalogKeys.reviewQueue, queryFn: catalogApi.reviewQueue });
}

/** One base item across regions. */
export function useCompare(basicCode: string | undefined) {
  return useQuery({ queryKey: catalogKeys.compare(basicCode ?? ''), queryFn: () => catalogApi.compare(basicCode ?? ''), enabled: Boolean(basicCode) });
}

/** Open drafts in the admin's region. */
export function useDrafts(status?: DraftListItem['status']) {
  return useQuery({ queryKey: catalogKeys.drafts(status), queryFn: () => catalogApi.drafts(status) });
}

/** Where a base item is implemented (the guide page's county switch). */
export function useImplementationsOfBase(basicCode: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.implementationsOfBase(basicCode ?? ''),
    queryFn: () => catalogApi.implementationsOfBase(basicCode ?? ''),
    enabled: Boolean(basicCode),
    staleTime: CATALOG_STALE_MS,
  });
}
