/** 督办 (supervision orders): supervisors issue, review and list; the ordered body lists and replies. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AcceptOrderBody,
  IssueOrderBody,
  OrderCaseFacts,
  OrderDetail,
  OrderPage as OrderPageSchema,
  OrderStatus,
  OrderView,
  ReplyOrderBody,
  ReturnOrderBody,
} from '../../common/schemas/supervision-orders.ts';
import { api } from './client.ts';

export type { OrderCaseFacts, OrderDetail, OrderStatus, OrderView };
export type OrderPage = z.infer<typeof OrderPageSchema>;
export type IssueOrderInput = z.input<typeof IssueOrderBody>;

/** A status, `open` (not closed) or `all`. */
export type OrderStatusFilter = OrderStatus | 'open' | 'all';

/** The filters of the supervisors' list. */
export interface OrderFilter {
  status: OrderStatusFilter;
  overdue?: boolean | undefined;
  escalated?: boolean | undefined;
  regionCode?: string | undefined;
  caseId?: string | undefined;
  page: number;
  pageSize: number;
}

const V1 = '/api/v1/supervision';

/** The calls of the orders API. */
export const ordersApi = {
  list: (f: OrderFilter) =>
    api.get<OrderPage>(`${V1}/orders`, { status: f.status, overdue: f.overdue ? 'true' : undefined, escalated: f.escalated ? 'true' : undefined, regionCode: f.regionCode, caseId: f.caseId, page: f.page, pageSize: f.pageSize }),
  one: (id: string) => api.get<OrderDetail>(`${V1}/orders/${id}`),
  findCase: (number: string) => api.get<OrderCaseFacts>(`${V1}/order-cases`, { number }),
  issue: (body: IssueOrderInput) => api.post<OrderDetail>(`${V1}/orders`, body),
  accept: ({ id, body }: { id: string; body: z.input<typeof AcceptOrderBody> }) => api.post<OrderDetail>(`${V1}/orders/${id}/accept`, body),
  return: ({ id, body }: { id: string; body: z.input<typeof ReturnOrderBody> }) => api.post<OrderDetail>(`${V1}/orders/${id}/return`, body),
  mine: (status: OrderStatusFilter, page: number) => api.get<OrderPage>(`${V1}/my-orders`, { status, page, pageSize: 20 }),
  mineOne: (id: string) => api.get<OrderDetail>(`${V1}/my-orders/${id}`),
  reply: ({ id, body }: { id: string; body: z.input<typeof ReplyOrderBody> }) => api.post<OrderDetail>(`${V1}/my-orders/${id}/reply`, body),
};

/** Query keys; a change to an order also moves the supervision counters, so mutations refresh both. */
export const orderKeys = {
  all: ['orders'] as const,
  list: (f: OrderFilter) => ['orders', 'list', f] as const,
  one: (id: string) => ['orders', 'one', id] as const,
  findCase: (number: string) => ['orders', 'case', number] as const,
  mine: (status: OrderStatusFilter, page: number) => ['orders', 'mine', status, page] as const,
  mineOne: (id: string) => ['orders', 'mine-one', id] as const,
};

/** A page of orders in the supervisor's scope. */
export function useOrders(filter: OrderFilter) {
  return useQuery({ queryKey: orderKeys.list(filter), queryFn: () => ordersApi.list(filter), placeholderData: keepPreviousData });
}

/** One order (supervisor's view), when an id is given. */
export function useOrder(id: string | null) {
  return useQuery({ queryKey: orderKeys.one(id ?? ''), queryFn: () => ordersApi.one(id ?? ''), enabled: id !== null });
}

/** The case with a number, in the supervisor's scope (for the issue form); runs when a number is given. */
export function useOrderCase(number: string) {
  return useQuery({ queryKey: orderKeys.findCase(number), queryFn: () => ordersApi.findCase(number), enabled: number !== '', retry: false });
}

/** The orders to the caller's department. */
export function useMyOrders(status: OrderStatusFilter, page: number) {
  return useQuery({ queryKey: orderKeys.mine(status, page), queryFn: () => ordersApi.mine(status, page), placeholderData: keepPreviousData });
}

/** One order to the caller's department, when an id is given. */
export function useMyOrder(id: string | null) {
  return useQuery({ queryKey: orderKeys.mineOne(id ?? ''), queryFn: () => ordersApi.mineOne(id ?? ''), enabled: id !== null });
}

/** A change to an order; success refreshes the order lists and the supervision counters. */
export function useOrderMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: orderKeys.all }), qc.invalidateQueries({ queryKey: ['supervision'] })]);
    },
  });
}
