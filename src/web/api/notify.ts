/**
 * Notifications (消息中心) and the outbox (发件箱): types from the shared schemas, endpoints and
 * queries. Only types come from the schemas, so no zod is loaded for the bell in the header.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  NotificationPage as NotificationPageSchema,
  NotificationView as NotificationViewSchema,
  NotifyChannel,
  OutboxPage as OutboxPageSchema,
  OutboxStatus,
  OutboxView as OutboxViewSchema,
} from '../../common/schemas/notify.ts';
import { api } from './client.ts';

export type NotificationView = z.infer<typeof NotificationViewSchema>;
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
export type OutboxView = z.infer<typeof OutboxViewSchema>;
export type OutboxPage = z.infer<typeof OutboxPageSchema>;
export type { NotifyChannel, OutboxStatus };

/** Query of the message centre. */
export interface NotificationQuery {
  unreadOnly?: boolean;
  page?: number;
  pageSize?: number;
}

/** Query of the outbox. */
export interface OutboxQuery {
  channel?: NotifyChannel | undefined;
  status?: OutboxStatus | undefined;
  page?: number;
  pageSize?: number;
}

/** The notify endpoints. */
export const notifyApi = {
  mine: (q: NotificationQuery) => api.get<NotificationPage>('/api/v1/notifications', { unreadOnly: q.unreadOnly ? 'true' : undefined, page: q.page, pageSize: q.pageSize }),
  markRead: (id: string) => api.post<{ ok: true }>(`/api/v1/notifications/${id}/read`),
  markAllRead: () => api.post<{ updated: number }>('/api/v1/notifications/read-all'),
  outbox: (q: OutboxQuery) => api.get<OutboxPage>('/api/v1/outbox', { channel: q.channel, status: q.status, page: q.page, pageSize: q.pageSize }),
};

/** Query keys of the module. */
export const notifyKeys = {
  all: ['notifications'] as const,
  mine: (q: NotificationQuery) => ['notifications', 'mine', q] as const,
  unread: ['notifications', 'unread'] as const,
  outbox: (q: OutboxQuery) => ['outbox', q] as const,
};

// The bell asks again every minute while the page is open; cheap (one indexed count).
const BELL_REFRESH_MS = 60_000;

/** The caller's unread count, for the bell. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notifyKeys.unread,
    queryFn: async () => (await notifyApi.mine({ unreadOnly: true, pageSize: 1 })).unread,
    enabled,
    refetchInterval: BELL_REFRESH_MS,
    staleTime: 15_000,
  });
}

/** A page of the caller's notifications. */
export function useMyNotifications(q: NotificationQuery) {
  return useQuery({ queryKey: notifyKeys.mine(q), queryFn: () => notifyApi.mine(q), placeholderData: keepPreviousData });
}

/** Mark one notification read (and refresh the bell). */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: notifyApi.markRead, onSuccess: () => qc.invalidateQueries({ queryKey: notifyKeys.all }) });
}

/** Mark all notifications read. */
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: notifyApi.markAllRead, onSuccess: () => qc.invalidateQueries({ queryKey: notifyKeys.all }) });
}

/** A page of the outbox (system admins). */
export function useOutbox(q: OutboxQuery) {
  return useQuery({ queryKey: notifyKeys.outbox(q), queryFn: () => notifyApi.outbox(q), placeholderData: keepPreviousData });
}
