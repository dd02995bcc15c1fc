import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Select, TextInput } from '@/components/field';
import { Loading } from '@/components/spinner';
import type { components } from '@/lib/api/schema';
import { roleAtLeast, useRoleIn } from '@/lib/auth';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useDocuments } from '../api/documents-api';
import { statuses, statusLabels } from '../lib/status';
import { CreateDocumentDialog } from './create-document-dialog';
import { StatusBadge } from './status-badge';
import '../documents.css';
import { RoleNote } from '@/components/role-note';

type Project = components['schemas']['Project'];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** The "Documents" tab of a project: search, status filter, create, paged list. */
/** `actions`: more buttons beside "New document", from features this one may not import (e.g. "New PRD with AI"). */
export function DocumentsTab({ project, actions }: { project: Project; actions?: ReactNode }) {
  const projectId = project.id ?? '';
  const role = useRoleIn(project.org_id);
  const canCreate = roleAtLeast(role, 'member');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  const query = useDebounced(q, 300);
  const docs = useDocuments(projectId, { q: query, status });
  const searchId = useId();
  const statusId = useId();
  const filtered = !!query.trim() || !!status;

  const newButton = canCreate ? (
    <div className="doc-list-actions">
      {actions}
      <Button onClick={() => setCreating(true)}>New document</Button>
    </div>
  ) : null;

  return (
    <section aria-labelledby="documents-heading" className="doc-list-section">
      <div className="doc-list-header">
        <h2 id="documents-heading">Documents</h2>
        {newButton}
      </div>
      {canCreate ? null : <RoleNote role={role} needed="member" action="creating documents and generating PRDs with AI" />}
      <form className="doc-filters" role="search" aria-label="Filter documents" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId} className="field-label">
            Search documents
          </label>
          <TextInput id={searchId} type="search" value={q} placeholder="Words in the title or text" onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={statusId} className="field-label">
            Status
          </label>
          <Select id={statusId} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </Select>
        </div>
      </form>
      {docs.isPending ? (
        <Loading label="Loading documents…" />
      ) : docs.isError && !docs.data ? (
        <ErrorMessage error={docs.error} onRetry={() => void docs.refetch()} />
      ) : docs.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No matching documents"
            action={
              <Button
                onClick={() => {
                  setQ('');
                  setStatus('');
                }}
              >
                Clear filters
              </Button>
            }
          >
            Try other words or another status.
          </EmptyState>
        ) : (
          <EmptyState title="No documents yet" action={newButton}>
            {canCreate ? 'Write a PRD from scratch or start from a template.' : 'Nobody has written a document in this project yet.'}
          </EmptyState>
        )
      ) : (
        <>
          <p className="visually-hidden" role="status">
            {docs.items.length} {docs.items.length === 1 ? 'document' : 'documents'} shown
          </p>
          <ul className="doc-list" aria-label="Documents">
            {docs.items.map((d) => (
              <li key={d.id} className="doc-list-item">
                <Link to={`/documents/${d.id}`} className="doc-list-title">
                  {d.title || 'Untitled'}
                </Link>
                <span className="doc-list-meta">
                  <StatusBadge status={d.status} />
                  <span className="muted small">v{d.version}</span>
                  <span className="muted small">
                    Updated <time dateTime={d.updated_at} title={formatDateTime(d.updated_at)}>{formatRelative(d.updated_at)}</time>
                  </span>
                </span>
              </li>
            ))}
          </ul>
          {docs.hasNextPage ? (
            <p className="row doc-list-more">
              <Button onClick={() => void docs.fetchNextPage()} loading={docs.isFetchingNextPage}>
                Load more
              </Button>
            </p>
          ) : null}
          {docs.isFetchNextPageError ? <ErrorMessage error={docs.error} onRetry={() => void docs.fetchNextPage()} /> : null}
        </>
      )}
      {canCreate ? <CreateDocumentDialog projectId={projectId} orgId={project.org_id} open={creating} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
