import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { QueryState } from '@/components/query-state';
import { useToast } from '@/components/toast';
import { useCurrentOrg } from '@/lib/auth';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { useRestoreDocument, useTrash, type TrashedDocument } from '../api/trash-api';

function deleterName(doc: TrashedDocument): string {
  if (!doc.deleted_by) return 'Unknown';
  return doc.deleted_by.name || 'A former member';
}

function linksSentence(n: number): string {
  if (n === 0) return 'It has no share links that would work again.';
  return n === 1
    ? 'Its share link works again for anyone who has it.'
    : `Its ${n} share links work again for anyone who has them.`;
}

/**
 * The organization's trash: deleted documents with who deleted them, when,
 * and when they are purged. Administrators restore any of them; members
 * restore what they deleted; everyone else sees who can.
 */
export function TrashPanel() {
  const { orgId } = useCurrentOrg();
  const trash = useTrash(orgId);
  const restore = useRestoreDocument();
  const [restoring, setRestoring] = useState<TrashedDocument | null>(null);
  const { notify } = useToast();
  const navigate = useNavigate();
  if (!orgId) return null;

  const confirm = () => {
    if (!restoring) return;
    restore.mutate(restoring.id, {
      onSuccess: (result) => {
        notify(`Restored “${restoring.title}”`);
        setRestoring(null);
        navigate(`/documents/${encodeURIComponent(result.document.id ?? restoring.id)}`);
      },
    });
  };

  return (
    <section aria-labelledby="trash-title" className="stack">
      <h2 id="trash-title">Trash</h2>
      <p className="muted">
        Deleted documents stay here
        {trash.retentionDays !== null ? ` for ${trash.retentionDays} day${trash.retentionDays === 1 ? '' : 's'}` : ''} with every
        version, then they are purged for good. Administrators can restore any of them; members can restore the ones they deleted.
        Their share links stop working while they are here.
      </p>
      <QueryState
        query={trash}
        loadingLabel="Loading the trash…"
        isEmpty={() => trash.items.length === 0}
        empty={<EmptyState title="The trash is empty">Documents you delete wait here before they are purged.</EmptyState>}
      >
        {() => (
          <>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Deleted documents</caption>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Project</th>
                    <th scope="col">Deleted</th>
                    <th scope="col">Purged on</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trash.items.map((doc) => (
                    <tr key={doc.id}>
                      <td>
                        <strong>{doc.title}</strong>
                        <div className="small muted">
                          {doc.version} version{doc.version === 1 ? '' : 's'}
                          {doc.share_links > 0 ? ` · ${doc.share_links} share link${doc.share_links === 1 ? '' : 's'}` : ''}
                        </div>
                      </td>
                      <td>
                        {doc.project.name} <span className="mono small muted">{doc.project.key}</span>
                      </td>
                      <td>
                        <time dateTime={doc.deleted_at} title={formatDateTime(doc.deleted_at)}>
                          {formatRelative(doc.deleted_at)}
                        </time>
                        <div className="small muted">by {deleterName(doc)}</div>
                      </td>
                      <td className="nowrap">
                        <time dateTime={doc.purge_at} title={formatDateTime(doc.purge_at)}>
                          {formatDate(doc.purge_at)}
                        </time>
                      </td>
                      <td className="nowrap">
                        {doc.can_restore ? (
                          <Button size="sm" onClick={() => setRestoring(doc)} aria-label={`Restore ${doc.title}`}>
                            Restore
                          </Button>
                        ) : (
                          <span className="small muted">Administrators{doc.deleted_by ? ` or ${deleterName(doc)}` : ''} can restore it</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {trash.hasNextPage ? (
              <p>
                <Button onClick={() => void trash.fetchNextPage()} loading={trash.isFetchingNextPage}>
                  Load more
                </Button>
              </p>
            ) : null}
          </>
        )}
      </QueryState>
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore “${restoring?.title ?? ''}”?`}
        confirmLabel="Restore document"
        danger={false}
        mutation={restore}
        onCancel={() => setRestoring(null)}
        onConfirm={confirm}
      >
        {restoring ? (
          <>
            <p>
              It goes back to {restoring.project.name} with all {restoring.version} version{restoring.version === 1 ? '' : 's'}, as it was
              when it was deleted.
            </p>
            <p>{linksSentence(restoring.share_links)}</p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
