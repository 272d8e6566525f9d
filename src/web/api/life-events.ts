/**
 * Life events (一件事) and the catalog statistics (汇总统计 / 比对分析): types inferred from the
 * shared schemas, the endpoints and the queries.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CatalogStatisticsQuery, CatalogStatisticsResponse, CatalogStats as CatalogStatsSchema } from '../../common/schemas/catalog-stats.ts';
import type {
  CreateLifeEventBody as CreateLifeEventBodySchema,
  LifeEventDetail as LifeEventDetailSchema,
  LifeEventView as LifeEventViewSchema,
  UpdateLifeEventBody as UpdateLifeEventBodySchema,
} from '../../common/schemas/life-events.ts';
import { api } from './client.ts';
import type { Items } from './types.ts';

export type LifeEventView = z.infer<typeof LifeEventViewSchema>;
export type LifeEventDetail = z.infer<typeof LifeEventDetailSchema>;
export type ResolvedMember = LifeEventDetail['members'][number];
export type MergedField = LifeEventDetail['mergedForm']['fields'][number];
export type MergedMaterial = LifeEventDetail['mergedMaterials']['materials'][number];
export type CreateLifeEventBody = z.input<typeof CreateLifeEventBodySchema>;
export type UpdateLifeEventBody = z.input<typeof UpdateLifeEventBodySchema>;
export type Audience = LifeEventView['audience'];
export type CatalogStatistics = z.infer<typeof CatalogStatisticsResponse>;
export type CatalogStats = z.infer<typeof CatalogStatsSchema>;
export type StatisticsQuery = z.input<typeof CatalogStatisticsQuery>;

const V1 = '/api/v1/catalog';

/** The life event and statistics endpoints. */
export const lifeEventsApi = {
  list: (q: { region?: string; audience?: Audience }) => api.get<Items<LifeEventView>>(`${V1}/life-events`, q),
  detail: (code: string, region?: string) => api.get<LifeEventDetail>(`${V1}/life-events/${encodeURIComponent(code)}`, { region }),
  adminList: () => api.get<Items<LifeEventView>>(`${V1}/admin/life-events`),
  create: (body: CreateLifeEventBody) => api.post<LifeEventView>(`${V1}/life-events`, body),
  update: (code: string, body: UpdateLifeEventBody) => api.patch<LifeEventView>(`${V1}/life-events/${encodeURIComponent(code)}`, body),
  publish: (code: string) => api.post<LifeEventView>(`${V1}/life-events/${encodeURIComponent(code)}/publish`),
  unpublish: (code: string) => api.post<LifeEventView>(`${V1}/life-events/${encodeURIComponent(code)}/unpublish`),
  statistics: (q: StatisticsQuery) => api.get<CatalogStatistics>(`${V1}/statistics`, { ...q }),
};

/** Query keys; every life event mutation invalidates `lifeEventKeys.all`. */
export const lifeEventKeys = {
  all: ['life-events'] as const,
  list: (q: { region?: string; audience?: Audience }) => ['life-events', 'list', q] as const,
  detail: (code: string, region: string | undefined) => ['life-events', 'detail', code, region ?? ''] as const,
  admin: ['life-events', 'admin'] as const,
  statistics: (q: StatisticsQuery) => ['catalog', 'statistics', q] as const,
};

/** The published life events offered in a region. */
export function useLifeEvents(q: { region?: string; audience?: Audience }, enabled = true) {
  return useQuery({ queryKey: lifeEventKeys.list(q), queryFn: () => lifeEventsApi.list(q), staleTime: 60_000, enabled });
}

/** A life event resolved in a region. */
export function useLifeEvent(code: string | undefined, region: string | undefined) {
  return useQuery({ queryKey: lifeEventKeys.detail(code ?? '', region), queryFn: () => lifeEventsApi.detail(code ?? '', region), enabled: Boolean(code) });
}

/** Every life event the catalog admin keeps (drafts too). */
export function useAdminLifeEvents() {
  return useQuery({ queryKey: lifeEventKeys.admin, queryFn: lifeEventsApi.adminList });
}

/** The catalog statistics of a region subtree. */
export function useCatalogStatistics(q: StatisticsQuery) {
  return useQuery({ queryKey: lifeEventKeys.statistics(q), queryFn: () => lifeEventsApi.statistics(q) });
}
