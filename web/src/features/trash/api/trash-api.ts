import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { usePagedQuery } from '@/lib/use-paged-query';

export type TrashedDocument = components['schemas']['TrashedDocument'];
export type RestoredDocument = components['schemas']['RestoredDocument'];

export const trashKeys = {
  all: ['trash'] as const,
  list: (orgId: string) => ['trash', orgId] as const,
};

/** The organization's trash, newest deletion first, with the server's retention (days). */
export function useTrash(orgId: string | null) {
  const query = usePagedQuery<TrashedDocument>(
    trashKeys.list(orgId ?? ''),
    (cursor, signal) => api.get('/api/v1/orgs/{org}/trash', { path: { org: orgId ?? '' }, query: { cursor, limit: 50 }, signal }),
    { enabled: !!orgId },
  );
  const first = query.data?.pages[0] as { retention_days?: number } | undefined;
  return { ...query, retentionDays: first?.retention_days ?? null };
}

export function useRestoreDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/api/v1/documents/{id}/restore', { path: { id } }),
    onSuccess: () => {
      // The document is back in its project's lists and in search.
      void qc.invalidateQueries({ queryKey: trashKeys.all });
      void qc.invalidateQueries({ queryKey: ['documents'] });
      void qc.invalidateQueries({ queryKey: ['search'] });
    },
  });
}
