import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { usePagedQuery } from '@/lib/use-paged-query';
import { notificationKeys } from './keys';

export type NotificationList = components['schemas']['NotificationList'];

export const LATEST_COUNT = 8;

/**
 * The newest notifications and the unread count, for the bell. Kept fresh by
 * the notification stream (useNotificationStream), not by polling.
 */
export function useLatestNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: ({ signal }) => api.get('/api/v1/notifications', { query: { limit: LATEST_COUNT }, signal }),
    enabled,
    staleTime: Infinity,
  });
}

/** Every notification, newest first, page by page. */
export function useNotificationPages(unreadOnly: boolean) {
  return usePagedQuery(notificationKeys.list(unreadOnly), (cursor, signal) =>
    api.get('/api/v1/notifications', { query: { limit: 50, cursor, unread: unreadOnly ? 'true' : undefined }, signal }),
  );
}

/** Marks some (ids) or all (null) notifications read. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | null) => api.post('/api/v1/notifications/read', { body: ids ? { ids } : { all: true } }),
    onMutate: (ids) => {
      // The bell's count drops at once; the refetch below confirms it.
      qc.setQueryData<NotificationList>(notificationKeys.latest, (old) => {
        if (!old) return old;
        const marked = (n: NotificationList['items'][number]) => !n.read && (ids === null || ids.includes(n.id));
        const dropped = ids === null ? old.unread_count : old.items.filter(marked).length;
        return {
          ...old,
          unread_count: Math.max(0, old.unread_count - dropped),
          items: old.items.map((n) => (marked(n) ? { ...n, read: true } : n)),
        };
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
