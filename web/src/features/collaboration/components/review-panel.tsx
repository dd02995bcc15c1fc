import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { useToast } from '@/components/toast';
import { useAuth, useRoleIn } from '@/lib/auth';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useOrgMembers } from '../api/members-api';
import { useReviews, type Decision, type Reviews } from '../api/reviews-api';
import { approvalsSummary, canDecide, canRequestReview, decideBlocker, ownLatest, reviewerStatus, sinceApprovalLink } from '../lib/review-state';
import { RequestReviewDialog, ReviewDecisionDialog } from './review-dialogs';

export interface ReviewPanelProps {
  documentId: string;
  orgId: string | undefined;
  /** The document's current version and status as the page shows them. */
  version: number | undefined;
  status: string | undefined;
  /** The review changed the document's status: reload it. */
  onStatusChanged: () => void;
}

/**
 * Review and approval: who was asked and what each decided on which
 * version, approvals against what the organization requires, and the
 * actions the viewer may take (request review; approve or request changes).
 */
export function ReviewPanel({ documentId, orgId, version, status, onStatusChanged }: ReviewPanelProps) {
  const reviews = useReviews(documentId, version);
  const { me } = useAuth();
  const role = useRoleIn(orgId);
  const userId = me?.user.id ?? null;
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const members = useOrgMembers(asking ? orgId : undefined);
  const { notify } = useToast();
  const headingId = useId();
  const root = useRef<HTMLElement>(null);
  const [params] = useSearchParams();
  const linked = params.get('review');
  const [historyOpen, setHistoryOpen] = useState(false);
  const [handledLink, setHandledLink] = useState<string | null>(null);
  const target = linkTarget(linked, reviews.data, userId);

  // A link to a review (?review=<id> or ?review=requested, from a
  // notification or its e-mail) brings that review into view and focus,
  // once per link (not again on every refresh of the review state).
  useEffect(() => {
    if (!linked || linked === handledLink || !reviews.data) return;
    setHandledLink(linked);
    if (target?.kind === 'review') setHistoryOpen(true);
    // A frame later, once the history is open. Not cancelled by the
    // re-render that marks the link handled, or it would never run.
    requestAnimationFrame(() => {
      const el = (target && document.getElementById(target.elementId)) || root.current;
      el?.scrollIntoView?.({ block: 'center' });
      el?.focus({ preventScroll: true });
    });
  }, [linked, handledLink, reviews.data, target]);

  const done = (message: string) => (result: Reviews) => {
    notify(message);
    if (result.status !== status || result.current_version !== version) onStatusChanged();
  };

  if (reviews.isPending) return null;
  if (reviews.isError) {
    return <ErrorMessage error={reviews.error} title="Could not load the review state" onRetry={() => void reviews.refetch()} />;
  }
  const r = reviews.data;
  const viewer = { userId, role };
  const mine = ownLatest(r, userId);
  const since = sinceApprovalLink(documentId, r);
  const asked = r.reviewers.find((x) => x.reviewer.id === userId);
  const decide = canDecide(r, viewer);
  const request = canRequestReview(r, viewer);
  const blocker = decideBlocker(r, viewer);

  return (
    <section className="card review-panel no-print" aria-labelledby={headingId} ref={root} tabIndex={-1} id="review">
      <div className="review-head">
        <div>
          <h2 id={headingId} className="review-title">
            Review
          </h2>
          <p className="review-summary">
            <span className={r.required_approvals > 0 && r.approvals >= r.required_approvals ? 'badge badge-success' : 'badge'}>
              {r.required_approvals > 0 ? `${r.approvals} / ${r.required_approvals}` : 'optional'}
            </span>{' '}
            {approvalsSummary(r)}
          </p>
        </div>
        <div className="review-actions">
          {request ? (
            <Button size="sm" onClick={() => setAsking(true)}>
              Request review…
            </Button>
          ) : null}
          {decide ? (
            <>
              <Button size="sm" variant="primary" onClick={() => setDeciding('approve')}>
                Approve…
              </Button>
              <Button size="sm" onClick={() => setDeciding('request_changes')}>
                Request changes…
              </Button>
            </>
          ) : null}
        </div>
      </div>
      {asked && decide && (!mine || mine.version < asked.requested_version) ? (
        <p className="alert review-asked">
          {asked.requested_by.name || 'Someone'} asked you to review version {asked.requested_version}.
        </p>
      ) : null}
      {mine && !mine.stale && decide ? (
        <p className="muted small">
          You {mine.decision === 'approve' ? 'approved' : 'requested changes to'} version {mine.version}. You can change your mind with a new decision.
        </p>
      ) : null}
      {blocker ? <p className="muted small review-blocker">{blocker}</p> : null}
      {r.status === 'draft' && r.reviewers.length === 0 ? (
        <p className="muted small">Nobody has been asked to review this document yet.{request ? ' Requesting a review moves it to “In review”.' : ''}</p>
      ) : null}
      {linked && linked === handledLink && !target ? (
        <p className="alert alert-warning" role="status">
          The review you followed is not on this document any more.
        </p>
      ) : null}
      {r.reviewers.length ? (
        <ul className="reviewer-list" aria-label="Reviewers">
          {r.reviewers.map((x) => (
            <li
              key={x.reviewer.id}
              id={reviewerElementId(x.reviewer.id)}
              tabIndex={-1}
              className={['reviewer', x.latest?.stale ? 'is-stale' : '', target?.kind === 'request' && target.elementId === reviewerElementId(x.reviewer.id) ? 'is-highlighted' : '']
                .filter(Boolean)
                .join(' ')}
            >
              <span className="reviewer-name">{x.reviewer.name || 'A member'}</span>{' '}
              <span className={decisionClass(x.latest)}>{reviewerStatus(x.latest, x.requested_version)}</span>
              {x.latest?.stale ? <span className="badge badge-warning">stale</span> : null}
              {x.latest?.body ? <q className="reviewer-note">{x.latest.body}</q> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {since ? (
        <p className="review-since">
          <Link to={since}>
            What changed since approval (version {r.last_approved_version} → {r.current_version})
          </Link>
        </p>
      ) : null}
      {r.reviews.length ? (
        <details className="review-history" open={historyOpen} onToggle={(e) => setHistoryOpen(e.currentTarget.open)}>
          <summary>Review history ({r.reviews.length})</summary>
          <ul aria-label="Reviews, newest first">
            {[...r.reviews].reverse().map((x) => (
              <li key={x.id} id={reviewElementId(x.id)} tabIndex={-1} className={x.id === linked ? 'is-highlighted' : undefined}>
                <strong>{x.reviewer.name || 'A member'}</strong> {x.decision === 'approve' ? 'approved' : 'requested changes to'} version {x.version}{' '}
                <time className="muted small" dateTime={x.created_at} title={formatDateTime(x.created_at)}>
                  {formatRelative(x.created_at)}
                </time>
                {x.stale ? <span className="badge badge-warning">stale</span> : null}
                {x.body ? <p className="reviewer-note">{x.body}</p> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <RequestReviewDialog
        open={asking}
        onClose={() => setAsking(false)}
        documentId={documentId}
        reviews={r}
        members={members.data ?? []}
        membersLoading={members.isPending}
        userId={userId}
        onDone={done('Review requested')}
      />
      <ReviewDecisionDialog
        decision={deciding}
        onClose={() => setDeciding(null)}
        documentId={documentId}
        version={r.current_version}
        onDone={done(deciding === 'request_changes' ? 'Changes requested' : 'Approved')}
      />
    </section>
  );
}

function decisionClass(latest: Reviews['reviewers'][number]['latest']): string {
  if (!latest) return 'reviewer-status muted';
  return latest.decision === 'approve' ? 'reviewer-status decision-approve' : 'reviewer-status decision-changes';
}

const reviewElementId = (id: string) => `review-${id}`;
const reviewerElementId = (id: string) => `reviewer-${id}`;

/**
 * What a ?review= link points at: a review in the history, or (for
 * "requested") the viewer's own row among the reviewers, else the card
 * itself; null when the linked review is not on this document.
 */
function linkTarget(linked: string | null, r: Reviews | undefined, userId: string | null): { kind: 'review' | 'request' | 'card'; elementId: string } | null {
  if (!linked || !r) return null;
  if (linked === 'requested') {
    const asked = r.reviewers.some((x) => x.reviewer.id === userId);
    return asked && userId ? { kind: 'request', elementId: reviewerElementId(userId) } : { kind: 'card', elementId: 'review' };
  }
  return r.reviews.some((x) => x.id === linked) ? { kind: 'review', elementId: reviewElementId(linked) } : null;
}
