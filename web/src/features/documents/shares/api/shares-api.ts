import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Share = components['schemas']['Share'];
export type SharedDocument = components['schemas']['SharedDocument'];

export const shareKeys = {
  list: (documentId: string) => ['shares', 'list', documentId] as const,
  shared: (token: string) => ['shares', 'shared', token] as const,
};

export function useShares(documentId: string) {
  return useQuery({
    queryKey: shareKeys.list(documentId),
    queryFn: ({ signal }) => api.get('/api/v1/documents/{id}/shares', { path: { id: documentId }, signal }),
  });
}

export function useCreateShare(documentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (expiresInHours: number) =>
      api.post('/api/v1/documents/{id}/shares', { path: { id: documentId }, body: { expires_in_hours: expiresInHours } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shareKeys.list(documentId) }),
  });
}

export function useRevokeShare(documentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => api.delete('/api/v1/shares/{id}', { path: { id: shareId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shareKeys.list(documentId) }),
  });
}

/** The public, signed-out view of a share link. */
export function useSharedDocument(token: string) {
  return useQuery({
    queryKey: shareKeys.shared(token),
    queryFn: ({ signal }) => api.get('/api/v1/shared/{token}', { path: { token }, anonymous: true, signal }),
    retry: false,
  });
}

/** The page URL of a share link: the server's `url`, or this app's /shared/{token}. */
export function shareUrl(share: Share): string | null {
  if (share.url) return share.url;
  if (share.token) return `${window.location.origin}/shared/${encodeURIComponent(share.token)}`;
  return null;
}
