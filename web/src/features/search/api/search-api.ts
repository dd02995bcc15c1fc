import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type SearchResult = components['schemas']['SearchResult'];
export type HighlightSegment = components['schemas']['HighlightSegment'];

export const searchKeys = {
  all: ['search'] as const,
  query: (orgId: string, q: string) => ['search', orgId, q] as const,
};

/** GET /orgs/{org}/search for `q` (already trimmed and checked by searchableQuery); idle while q is null. */
export function useSearch(orgId: string | null, q: string | null, limit = 20) {
  return useQuery({
    queryKey: searchKeys.query(orgId ?? '', q ?? ''),
    queryFn: ({ signal }) =>
      api.get('/api/v1/orgs/{org}/search', { path: { org: orgId ?? '' }, query: { q: q ?? '', limit }, signal }),
    enabled: !!orgId && q !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
