import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { formatDateTime } from '@/lib/format';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { DocumentView } from '../../components/document-view';
import { useSharedDocument } from '../api/shares-api';

/**
 * The signed-out, read-only page of a share link. It keeps its own query
 * client: the session's client is cleared whenever nobody is signed in, which
 * would cancel this page's request mid-flight.
 */
export function SharedDocumentView({ token }: { token: string }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <SharedDocumentContent token={token} />
    </QueryClientProvider>
  );
}

function SharedDocumentContent({ token }: { token: string }) {
  const shared = useSharedDocument(token);
  useDocumentTitle(shared.data?.title ?? 'Shared document');

  if (shared.isPending) return <Loading label="Loading the shared document…" />;
  if (shared.isError) {
    const status = isApiError(shared.error) ? shared.error.status : 0;
    if (status === 410 || status === 404) {
      return (
        <div className="shared-unavailable">
          <h1 tabIndex={-1} data-page-title>
            {status === 410 ? 'This share link has expired' : 'This share link does not work'}
          </h1>
          <EmptyState title={status === 410 ? 'The link’s time is up.' : 'The link was revoked, mistyped, or the document was deleted.'}>
            Ask the person who sent it for a new link.
          </EmptyState>
        </div>
      );
    }
    return <ErrorMessage error={shared.error} title="Could not load the shared document" onRetry={() => void shared.refetch()} />;
  }
  const doc = shared.data;
  return (
    <article className="shared-document doc-print-root" aria-labelledby="shared-title">
      <header className="shared-document-header">
        <h1 id="shared-title" tabIndex={-1} data-page-title>
          {doc.title || 'Untitled document'}
        </h1>
        <p className="muted small">
          Version {doc.version} · updated {formatDateTime(doc.updated_at)} · read-only shared copy
          {doc.expires_at ? <> · link expires {formatDateTime(doc.expires_at)}</> : null}
        </p>
      </header>
      <DocumentView content={doc.content ?? ''} label={doc.title} />
    </article>
  );
}
