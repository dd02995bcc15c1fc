import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { collabKeys } from './keys';

export type Reviews = components['schemas']['Reviews'];
export type Review = components['schemas']['Review'];
export type ReviewerState = Reviews['reviewers'][number];
export type Decision = Review['decision'];

/** Who was asked, their decisions, and the approvals the document has of those it needs. */
export function useReviews(documentId: string | undefined, version?: number) {
  return useQuery({
    queryKey: [...collabKeys.reviews(documentId ?? ''), version ?? 0],
    queryFn: ({ signal }) => api.get('/api/v1/documents/{id}/reviews', { path: { id: documentId ?? '' }, signal }),
    enabled: !!documentId,
    staleTime: 10_000,
  });
}

function useStoreReviews(documentId: string) {
  const qc = useQueryClient();
  return (data: Reviews) => {
    qc.setQueryData([...collabKeys.reviews(documentId), data.current_version], data);
    void qc.invalidateQueries({ queryKey: collabKeys.reviews(documentId) });
  };
}

export function useRequestReview(documentId: string) {
  const store = useStoreReviews(documentId);
  return useMutation({
    mutationFn: (reviewers: string[]) => api.post('/api/v1/documents/{id}/review-requests', { path: { id: documentId }, body: { reviewers } }),
    onSuccess: store,
  });
}

export function useSubmitReview(documentId: string) {
  const store = useStoreReviews(documentId);
  return useMutation({
    mutationFn: (body: { decision: Decision; body?: string }) => api.post('/api/v1/documents/{id}/reviews', { path: { id: documentId }, body }),
    onSuccess: store,
  });
}
