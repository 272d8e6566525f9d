import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AccountQuery, type DepartmentQuery, orgApi, type StaffQuery, type WindowQuery } from './endpoints.ts';

/** Query keys, in one place so that mutations invalidate exactly what they change. */
export const qk = {
  me: ['auth', 'me'] as const,
  account: (id: string) => ['accounts', id] as const,
  accounts: ['accounts'] as const,
  accountList: (query: AccountQuery) => ['accounts', 'list', query] as const,
  regions: ['org', 'regions'] as const,
  regionChildren: (parent: string | undefined) => ['org', 'regions', 'children', parent ?? 'top'] as const,
  regionSearch: (q: string) => ['org', 'regions', 'search', q] as const,
  region: (code: string) => ['org', 'regions', 'detail', code] as const,
  departments: ['org', 'departments'] as const,
  departmentList: (query: DepartmentQuery) => ['org', 'departments', query] as const,
  windows: ['org', 'windows'] as const,
  windowList: (query: WindowQuery) => ['org', 'windows', query] as const,
  staff: ['org', 'staff'] as const,
  staffList: (query: StaffQuery) => ['org', 'staff', 'list', query] as const,
  staffMember: (id: string) => ['org', 'staff', 'one', id] as const,
  stats: (regionCode: string) => ['org', 'stats', regionCode] as const,
};

// The directory changes rarely; a few minutes of freshness saves many requests while browsing.
const DIRECTORY_STALE_MS = 5 * 60_000;

/** Children of a region (the top regions without a parent). */
export function useRegionChildren(parent: string | undefined, enabled = true) {
  return useQuery({ queryKey: qk.regionChildren(parent), queryFn: () => orgApi.regions(parent), staleTime: DIRECTORY_STALE_MS, enabled });
}

/** A region with its ancestors. */
export function useRegion(code: string | undefined) {
  return useQuery({ queryKey: qk.region(code ?? ''), queryFn: () => orgApi.region(code ?? ''), enabled: Boolean(code), staleTime: DIRECTORY_STALE_MS });
}

/** Departments of a region subtree. */
export function useDepartments(query: DepartmentQuery, enabled = true) {
  return useQuery({
    queryKey: qk.departmentList(query),
    queryFn: () => orgApi.departments(query),
    staleTime: DIRECTORY_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Windows of a region subtree or a department. */
export function useWindows(query: WindowQuery, enabled = true) {
  return useQuery({
    queryKey: qk.windowList(query),
    queryFn: () => orgApi.windows(query),
    staleTime: DIRECTORY_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A page of staff. */
export function useStaffList(query: StaffQuery) {
  return useQuery({ queryKey: qk.staffList(query), queryFn: () => orgApi.staff(query), placeholderData: keepPreviousData });
}
