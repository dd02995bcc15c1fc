import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { collabKeys } from './keys';

export type Organization = components['schemas']['Organization'];

/** The organization (its review settings: required_approvals, viewers_can_comment). */
export function useOrgReviewSettings(orgId: string | null) {
  return useQuery({
    queryKey: collabKeys.org(orgId ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}', { path: { org: orgId ?? '' }, signal }),
    enabled: !!orgId,
  });
}

export function useUpdateReviewSettings(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { required_approvals?: number; viewers_can_comment?: boolean }) =>
      api.patch('/api/v1/orgs/{org}', { path: { org: orgId }, body }),
    onSuccess: (data) => {
      qc.setQueryData(collabKeys.org(orgId), data);
      // Documents' review state and who may comment follow the new settings.
      void qc.invalidateQueries({ queryKey: collabKeys.all });
    },
  });
}
