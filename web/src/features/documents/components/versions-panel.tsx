import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Dialog } from '@/components/dialog';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Select } from '@/components/field';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { ScrollArea } from '@/components/scroll-area';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useDiff, useRestoreVersion, useVersion, useVersions, type DocumentVersion, type LoadedDocument } from '../api/documents-api';
import { DocumentView } from './document-view';
import { LazyDiffView } from './lazy-diff-view';

export interface VersionsPanelProps {
  documentId: string;
  currentVersion: number;
  canEdit: boolean;
  onRestored?: (restored: LoadedDocument) => void;
  /** Versions to compare at first (e.g. from a "What changed since approval" link). */
  initialCompare?: { from: number; to: number };
}

function VersionPreview({ documentId, n, onClose }: { documentId: string; n: number | null; onClose: () => void }) {
  const version = useVersion(documentId, n);
  return (
    <Dialog open={n !== null} onClose={onClose} title={`Version ${n ?? ''}`} className="dialog-wide">
      {version.isPending ? (
        <Loading label="Loading the version…" />
      ) : version.isError ? (
        <ErrorMessage error={version.error} onRetry={() => void version.refetch()} />
      ) : (
        <>
          <p className="muted small">
            {version.data.title} · {version.data.author_name || (version.data.source === 'ai' ? 'AI generation' : 'Unknown author')} ·{' '}
            {formatDateTime(version.data.created_at)}
          </p>
          <DocumentView content={version.data.content ?? ''} label={`Version ${n} of ${version.data.title ?? 'the document'}`} idPrefix="preview-" />
        </>
      )}
    </Dialog>
  );
}

function Compare({ documentId, versions, from, to, onChange }: {
  documentId: string;
  versions: DocumentVersion[];
  from: number | null;
  to: number | null;
  onChange: (from: number, to: number) => void;
}) {
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const diff = useDiff(documentId, from, to);
  const fromId = useId();
  const toId = useId();
  useEffect(() => {
    setDraftFrom(from);
    setDraftTo(to);
  }, [from, to]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draftFrom !== null && draftTo !== null) onChange(draftFrom, draftTo);
  };
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      Version {v.version}
    </option>
  ));
  return (
    <section className="card compare" aria-labelledby="compare-heading">
      <h3 id="compare-heading">Compare versions</h3>
      <form className="compare-form" onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={fromId}>
            From
          </label>
          <Select id={fromId} value={draftFrom ?? ''} onChange={(e) => setDraftFrom(Number(e.target.value))}>
            {options}
          </Select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={toId}>
            To
          </label>
          <Select id={toId} value={draftTo ?? ''} onChange={(e) => setDraftTo(Number(e.target.value))}>
            {options}
          </Select>
        </div>
        <Button type="submit" disabled={draftFrom === null || draftTo === null || draftFrom === draftTo}>
          Show changes
        </Button>
      </form>
      {from === null || to === null ? null : diff.isPending ? (
        <Loading label="Loading the changes…" />
      ) : diff.isError ? (
        <ErrorMessage error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <div aria-busy={diff.isFetching || undefined}>
          <LazyDiffView diff={diff.data} />
        </div>
      )}
    </section>
  );
}

/** Version history: view any version, compare two, restore one as a new version. */
export function VersionsPanel({ documentId, currentVersion, canEdit, onRestored, initialCompare }: VersionsPanelProps) {
  const versions = useVersions(documentId);
  const restore = useRestoreVersion(documentId);
  const { notify } = useToast();
  const [viewing, setViewing] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(
    initialCompare ?? (currentVersion > 1 ? { from: currentVersion - 1, to: currentVersion } : null),
  );
  // A linked comparison is what the reader came for: bring it into view once.
  const broughtIntoView = useRef(false);
  const loadedCount = versions.items.length;
  useEffect(() => {
    if (!initialCompare || broughtIntoView.current || loadedCount < 2) return;
    broughtIntoView.current = true;
    requestAnimationFrame(() => document.getElementById('compare-heading')?.scrollIntoView?.({ block: 'start' }));
  }, [initialCompare, loadedCount]);

  if (versions.isPending) return <Loading label="Loading versions…" />;
  if (versions.isError && !versions.data) return <ErrorMessage error={versions.error} onRetry={() => void versions.refetch()} />;
  if (versions.items.length === 0) return <EmptyState title="No versions yet" />;

  const showChanges = (n: number) => {
    setPair({ from: n - 1, to: n });
    requestAnimationFrame(() => document.getElementById('compare-heading')?.scrollIntoView?.({ behavior: 'smooth' }));
  };

  return (
    <div className="versions-panel">
      <ScrollArea className="table-wrap" label="Versions">
        <table className="table versions-table">
          <caption className="visually-hidden">Versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Author</th>
              <th scope="col">Source</th>
              <th scope="col">When</th>
              <th scope="col">Summary</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.items.map((v) => {
              const n = v.version ?? 0;
              return (
                <tr key={n}>
                  <th scope="row">
                    <span className="version-label">Version </span>
                    {n}
                    {n === currentVersion ? <span className="badge badge-primary version-current">current</span> : null}
                  </th>
                  <td data-label="Author">{v.author_name || (v.source === 'ai' ? 'AI generation' : '—')}</td>
                  <td data-label="Source">
                    <span className={`badge source-${v.source}`}>{v.source === 'ai' ? 'AI' : 'Human'}</span>
                  </td>
                  <td data-label="When">
                    <time dateTime={v.created_at} title={formatDateTime(v.created_at)}>
                      {formatRelative(v.created_at)}
                    </time>
                  </td>
                  <td className="version-summary" data-label="Summary">{v.summary || <span className="muted">—</span>}</td>
                  <td>
                    <div className="row-actions">
                      <Button size="sm" variant="ghost" onClick={() => setViewing(n)} aria-label={`View version ${n}`}>
                        View
                      </Button>
                      {n > 1 ? (
                        <Button size="sm" variant="ghost" onClick={() => showChanges(n)} aria-label={`Changes in version ${n}`}>
                          Changes
                        </Button>
                      ) : null}
                      {canEdit && n !== currentVersion ? (
                        <Button size="sm" variant="ghost" onClick={() => setRestoring(n)} aria-label={`Restore version ${n}`}>
                          Restore
                        </Button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollArea>
      {versions.hasNextPage ? (
        <p className="row">
          <Button onClick={() => void versions.fetchNextPage()} loading={versions.isFetchingNextPage}>
            Load older versions
          </Button>
        </p>
      ) : null}
      {versions.items.length > 1 ? (
        <Compare
          documentId={documentId}
          versions={versions.items}
          from={pair?.from ?? null}
          to={pair?.to ?? null}
          onChange={(from, to) => setPair({ from, to })}
        />
      ) : null}
      <VersionPreview documentId={documentId} n={viewing} onClose={() => setViewing(null)} />
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring ?? ''}?`}
        confirmLabel="Restore"
        danger={false}
        mutation={restore}
        onCancel={() => setRestoring(null)}
        onConfirm={() =>
          restoring !== null &&
          restore.mutate(restoring, {
            onSuccess: (restored) => {
              notify(`Version ${restoring} restored as version ${restored.doc.version}`);
              setRestoring(null);
              // Show what the restore changed.
              if (restored.doc.version) setPair({ from: restored.doc.version - 1, to: restored.doc.version });
              onRestored?.(restored);
            },
          })
        }
      >
        <p>
          This creates a new version {currentVersion + 1} with the title and text of version {restoring}. Nothing is deleted: every version stays in
          the history.
        </p>
      </ConfirmDialog>
    </div>
  );
}
