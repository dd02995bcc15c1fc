import type { ReactNode } from 'react';
import { ErrorMessage } from './error-message';
import { Loading } from './spinner';

/** What QueryState needs of a query: a TanStack query or a paged one (lib/use-paged-query). */
export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The states every list or detail view shows: loading, an error with a retry,
 * `empty` when `isEmpty()` holds, else `children()`. Both are functions so
 * they only read the data once it is there.
 */
export function QueryState({
  query,
  loadingLabel,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike;
  loadingLabel?: string;
  isEmpty?: () => boolean;
  empty?: ReactNode;
  children: () => ReactNode;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.()) return <>{empty}</>;
  return <>{children()}</>;
}
