import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { collabKeys } from './keys';

export type CommentList = components['schemas']['CommentList'];
export type NewComment = BodyOf<'/api/v1/documents/{id}/comments', 'post'>;

/** The document's threads (with replies) and whether the caller may write. */
export function useComments(documentId: string | undefined, version?: number) {
  return useQuery({
    // The version is part of the key: a new version changes which threads are outdated.
    queryKey: [...collabKeys.comments(documentId ?? ''), version ?? 0],
    queryFn: ({ signal }) => api.get('/api/v1/documents/{id}/comments', { path: { id: documentId ?? '' }, signal }),
    enabled: !!documentId,
    staleTime: 10_000,
  });
}

function useRefreshComments(documentId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: collabKeys.comments(documentId) });
}

export function useCreateComment(documentId: string) {
  const refresh = useRefreshComments(documentId);
  return useMutation({
    mutationFn: (body: NewComment) => api.post('/api/v1/documents/{id}/comments', { path: { id: documentId }, body }),
    onSuccess: refresh,
  });
}

export function useUpdateComment(documentId: string) {
  const refresh = useRefreshComments(documentId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; body?: string; resolved?: boolean }) => api.patch('/api/v1/comments/{id}', { path: { id }, body }),
    onSuccess: refresh,
  });
}

export function useDeleteComment(documentId: string) {
  const refresh = useRefreshComments(documentId);
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/comments/{id}', { path: { id } }),
    onSuccess: refresh,
  });
}
