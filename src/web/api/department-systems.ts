/** Department systems (部门自建系统): types from the shared schemas, endpoints and queries. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateDepartmentSystemBody,
  DeliveryPage as DeliveryPageSchema,
  DeliveryStatus,
  DeliveryView as DeliveryViewSchema,
  DepartmentEvent,
  DepartmentSystemList,
  DepartmentSystemView as DepartmentSystemViewSchema,
  DepartmentSystemWithSecret as WithSecretSchema,
  UpdateDepartmentSystemBody,
} from '../../common/schemas/department-systems.ts';
import { api } from './client.ts';

export type DepartmentSystemView = z.infer<typeof DepartmentSystemViewSchema>;
export type DepartmentSystemWithSecret = z.infer<typeof WithSecretSchema>;
export type DeliveryView = z.infer<typeof DeliveryViewSchema>;
export type DeliveryPage = z.infer<typeof DeliveryPageSchema>;
export type CreateSystemInput = z.input<typeof CreateDepartmentSystemBody>;
export type UpdateSystemInput = z.input<typeof UpdateDepartmentSystemBody>;
export type { DeliveryStatus, DepartmentEvent };

/** The department-systems endpoints. */
export const departmentSystemsApi = {
  list: () => api.get<z.infer<typeof DepartmentSystemList>>('/api/v1/department-systems'),
  create: (body: CreateSystemInput) => api.post<DepartmentSystemWithSecret>('/api/v1/department-systems', body),
  update: (id: string, body: UpdateSystemInput) => api.patch<DepartmentSystemView>(`/api/v1/department-systems/${id}`, body),
  rotate: (id: string) => api.post<DepartmentSystemWithSecret>(`/api/v1/department-systems/${id}/rotate-secret`),
  deliveries: (id: string, q: { status?: DeliveryStatus | undefined; page: number; pageSize: number }) =>
    api.get<DeliveryPage>(`/api/v1/department-systems/${id}/deliveries`, { status: q.status, page: q.page, pageSize: q.pageSize }),
  retry: (deliveryId: string) => api.post<DeliveryView>(`/api/v1/department-systems/deliveries/${deliveryId}/retry`),
};

const KEY = ['department-systems'] as const;

/** Every registration. */
export function useDepartmentSystems() {
  return useQuery({ queryKey: KEY, queryFn: departmentSystemsApi.list });
}

/** A page of a system's deliveries. */
export function useDeliveries(id: string | undefined, q: { status?: DeliveryStatus | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: [...KEY, id, 'deliveries', q], queryFn: () => departmentSystemsApi.deliveries(id ?? '', q), enabled: Boolean(id), placeholderData: keepPreviousData });
}

/** Create, edit, rotate or retry; every success refreshes the module's queries. */
export function useDepartmentSystemMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}
