import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { useToast } from '@/components/toast';
import { isApiError } from '@/lib/problem';
import { useChangeStatus, type LoadedDocument } from '../api/documents-api';
import { allowedTransitions, statusLabels } from '../lib/status';

export interface StatusActionsProps {
  loaded: LoadedDocument;
  onStale: () => void;
  /**
   * The organization approves through reviews (required approvals above 0):
   * "Approve" is not offered, the reviewers' approvals set the status.
   */
  approvalThroughReviews?: boolean;
}

/** The workflow buttons the document's current status allows (members and up). */
export function StatusActions({ loaded, onStale, approvalThroughReviews = false }: StatusActionsProps) {
  const { doc, etag } = loaded;
  const change = useChangeStatus(doc.id ?? '');
  const { notify } = useToast();
  const options = allowedTransitions(doc.status).filter((t) => !(approvalThroughReviews && t.to === 'approved'));
  if (options.length === 0) return null;
  return (
    <div className="status-actions" role="group" aria-label="Status">
      {options.map((t) => (
        <Button
          key={t.to}
          size="sm"
          variant={t.primary ? 'primary' : 'secondary'}
          loading={change.isPending && change.variables?.status === t.to}
          disabled={change.isPending}
          onClick={() =>
            change.mutate(
              { etag, status: t.to },
              {
                onSuccess: () => notify(`Status changed to ${statusLabels[t.to]}`),
                onError: (err) => {
                  // Someone saved a new version meanwhile: reload, then the user can retry.
                  if (isApiError(err) && err.status === 412) onStale();
                },
              },
            )
          }
        >
          {t.label}
        </Button>
      ))}
      {change.isError && isApiError(change.error) && change.error.code === 'approval_required' ? (
        // The organization approves through reviews: say so as a sentence.
        <p className="alert alert-warning" role="alert">
          {asSentence(change.error.detail || 'A document is approved by its reviewers: request a review.')}
        </p>
      ) : change.isError ? (
        <ErrorMessage
          error={change.error}
          title={isApiError(change.error) && change.error.status === 412 ? 'The document changed meanwhile; it was reloaded. Try again.' : 'Could not change the status'}
        />
      ) : null}
    </div>
  );
}

function asSentence(text: string): string {
  const t = text.trim();
  const capitalized = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}
