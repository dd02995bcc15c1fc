import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

export interface Page<T> {
  items?: T[];
  next_cursor?: string | null;
}

/**
 * A cursor-paginated list (`{items, next_cursor}`) as one flat array with
 * "load more". `fetchPage(cursor, signal)` calls the API client.
 */
export function usePagedQuery<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: options.enabled ?? true,
  });
  const items: T[] = query.data ? query.data.pages.flatMap((p) => p.items ?? []) : [];
  return { ...query, items };
}
