import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { collabKeys } from './keys';

export type Member = components['schemas']['Member'];

const MAX_PAGES = 10;

/** Every member of the organization (for mentions and reviewers), all pages read. */
export function useOrgMembers(orgId: string | null | undefined) {
  return useQuery({
    queryKey: collabKeys.members(orgId ?? ''),
    queryFn: async ({ signal }) => {
      const members: Member[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await api.get('/api/v1/orgs/{org}/members', { path: { org: orgId ?? '' }, query: { limit: 200, cursor }, signal });
        members.push(...(res.items ?? []));
        cursor = res.next_cursor ?? undefined;
        if (!cursor) break;
      }
      return members;
    },
    enabled: !!orgId,
    staleTime: 5 * 60_000,
  });
}
