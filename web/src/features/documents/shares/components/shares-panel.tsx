import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { CopyButton } from '@/components/copy-button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Select } from '@/components/field';
import { QueryState } from '@/components/query-state';
import { useToast } from '@/components/toast';
import { formatDateTime, formatRelative } from '@/lib/format';
import { shareUrl, useCreateShare, useRevokeShare, useShares, type Share } from '../api/shares-api';

const expiries = [
  { hours: 24, label: '1 day' },
  { hours: 168, label: '7 days' },
  { hours: 720, label: '30 days' },
  { hours: 2160, label: '90 days' },
  { hours: 8760, label: '1 year' },
];

/** Read-only share links of a document: create (with expiry), copy, list, revoke. */
export function SharesPanel({ documentId, canManage }: { documentId: string; canManage: boolean }) {
  const shares = useShares(documentId);
  const create = useCreateShare(documentId);
  const revoke = useRevokeShare(documentId);
  const { notify } = useToast();
  const [hours, setHours] = useState(168);
  const [created, setCreated] = useState<Share | null>(null);
  const [revoking, setRevoking] = useState<Share | null>(null);
  const expiryId = useId();
  const linkId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(hours, {
      onSuccess: (share) => {
        setCreated(share);
        notify('Share link created');
      },
    });
  };
  const createdUrl = created ? shareUrl(created) : null;
  const items = shares.data?.items ?? [];

  return (
    <div className="shares-panel">
      <p className="muted">
        Anyone with a share link can read the current version of this document without signing in, until the link expires or is revoked.
      </p>
      {canManage ? (
        <form className="share-create" onSubmit={submit}>
          <div className="field">
            <label className="field-label" htmlFor={expiryId}>
              Link expires after
            </label>
            <Select id={expiryId} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {expiries.map((x) => (
                <option key={x.hours} value={x.hours}>
                  {x.label}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create share link
          </Button>
        </form>
      ) : null}
      {create.isError ? <ErrorMessage error={create.error} title="Could not create the link" /> : null}
      {createdUrl ? (
        <div className="alert alert-success share-created" role="status">
          <p className="alert-title">New share link (shown only now — copy it)</p>
          <div className="share-link-row">
            <label htmlFor={linkId} className="visually-hidden">
              Share link URL
            </label>
            <input id={linkId} className="input mono" readOnly value={createdUrl} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={createdUrl} label="Copy link" />
            <a className="btn btn-sm" href={createdUrl} target="_blank" rel="noopener noreferrer">
              Open
            </a>
          </div>
          <p className="small">Expires {formatDateTime(created?.expires_at)}.</p>
        </div>
      ) : null}
      <h3 className="shares-title">Active links</h3>
      <QueryState query={shares} loadingLabel="Loading share links…" isEmpty={() => items.length === 0} empty={<EmptyState title="No active share links" />}>
        {() => (
          <ul className="plain-list share-list" aria-label="Active share links">
            {items.map((s) => (
              <li key={s.id} className="share-item">
                <span>
                  Created <time dateTime={s.created_at}>{formatDateTime(s.created_at)}</time> · expires{' '}
                  <time dateTime={s.expires_at} title={formatDateTime(s.expires_at)}>
                    {formatRelative(s.expires_at)}
                  </time>
                </span>
                {canManage ? (
                  <Button size="sm" variant="danger" onClick={() => setRevoking(s)} aria-label={`Revoke the link created ${formatDateTime(s.created_at)}`}>
                    Revoke
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this share link?"
        confirmLabel="Revoke link"
        mutation={revoke}
        onCancel={() => setRevoking(null)}
        onConfirm={() =>
          revoking?.id &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notify('Share link revoked');
              if (created?.id === revoking.id) setCreated(null);
              setRevoking(null);
            },
          })
        }
      >
        <p>People who open it will see that the link no longer works. This cannot be undone; you can create a new link.</p>
      </ConfirmDialog>
    </div>
  );
}
