import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextArea } from '@/components/field';
import { Loading } from '@/components/spinner';
import { roleLabels } from '@/lib/format';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import type { Member } from '../api/members-api';
import { useRequestReview, useSubmitReview, type Decision, type Reviews } from '../api/reviews-api';
import { reviewerCandidates } from '../lib/review-state';

/** Pick reviewers among the organization's members who may review (never the author, never oneself). */
export function RequestReviewDialog({ open, onClose, documentId, reviews, members, membersLoading, userId, onDone }: {
  open: boolean;
  onClose: () => void;
  documentId: string;
  reviews: Reviews;
  members: Member[];
  membersLoading: boolean;
  userId: string | null;
  onDone: (result: Reviews) => void;
}) {
  const request = useRequestReview(documentId);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const legendId = useId();
  const asked = new Map(reviews.reviewers.map((r) => [r.reviewer.id, r]));
  const candidates = reviewerCandidates(members, reviews, userId);
  const viewersLeftOut = !reviews.viewers_can_review && members.some((m) => m.role === 'viewer');
  const close = () => {
    setPicked([]);
    setError(null);
    request.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length === 0) {
      setError('Choose at least one reviewer.');
      return;
    }
    setError(null);
    request.mutate(picked, {
      onSuccess: (result) => {
        onDone(result);
        close();
      },
    });
  };
  return (
    <Dialog open={open} onClose={close} title="Request review">
      <form className="form" onSubmit={submit} noValidate>
        {membersLoading ? (
          <Loading label="Loading members…" />
        ) : candidates.length === 0 ? (
          <p>There is nobody to ask yet: the author and you cannot review it. Invite someone to the organization first.</p>
        ) : (
          <fieldset className="reviewer-picker" aria-describedby={error ? `${legendId}-error` : undefined}>
            <legend id={legendId}>Who should review version {reviews.current_version}?</legend>
            {candidates.map((m) => {
              const already = asked.get(m.user_id ?? '');
              const id = `${legendId}-${m.user_id}`;
              return (
                <div key={m.user_id} className="checkbox">
                  <input
                    id={id}
                    type="checkbox"
                    checked={picked.includes(m.user_id ?? '')}
                    onChange={(e) => setPicked((list) => (e.target.checked ? [...list, m.user_id ?? ''] : list.filter((x) => x !== m.user_id)))}
                  />
                  <label htmlFor={id}>
                    {m.name || m.email}{' '}
                    <span className="muted small">
                      {m.role ? roleLabels[m.role] : ''}
                      {already ? ` · asked about version ${already.requested_version}` : ''}
                    </span>
                  </label>
                </div>
              );
            })}
            {error ? (
              <p id={`${legendId}-error`} className="field-error">
                {error}
              </p>
            ) : null}
          </fieldset>
        )}
        {viewersLeftOut && !membersLoading ? (
          <p className="muted small">Viewers are not listed: this organization turned off comments and reviews from viewers.</p>
        ) : null}
        {request.isError ? <ErrorMessage error={request.error} showFieldErrors title="Could not request the review" /> : null}
        <div className="dialog-footer">
          <Button onClick={close} disabled={request.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={request.isPending} disabled={candidates.length === 0}>
            Request review
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Approve (with an optional note) or request changes (saying what should change). */
export function ReviewDecisionDialog({ decision, onClose, documentId, version, onDone }: {
  decision: Decision | null;
  onClose: () => void;
  documentId: string;
  version: number;
  onDone: (result: Reviews) => void;
}) {
  const submitReview = useSubmitReview(documentId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const changes = decision === 'request_changes';
  const close = () => {
    setBody('');
    setError(undefined);
    submitReview.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!decision) return;
    if (changes && !body.trim()) {
      setError('Say what should change.');
      return;
    }
    const long = tooLong(changes ? 'What should change' : 'The note', body, limits.reviewBody);
    if (long) {
      setError(long);
      return;
    }
    setError(undefined);
    submitReview.mutate(
      { decision, ...(body.trim() ? { body: body.trim() } : {}) },
      {
        onSuccess: (result) => {
          onDone(result);
          close();
        },
        onError: (err) => setError(isApiError(err) ? err.fieldError('body', 'The comment') : undefined),
      },
    );
  };
  return (
    <Dialog open={decision !== null} onClose={close} title={changes ? `Request changes to version ${version}` : `Approve version ${version}`}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={changes ? 'What should change?' : 'Note (optional)'} error={error} required={changes} hint={<CharCount value={body} max={limits.reviewBody} />}>
          <TextArea value={body} rows={4} onChange={(e) => setBody(e.target.value)} />
        </Field>
        {submitReview.isError && !error ? <ErrorMessage error={submitReview.error} title="Could not send the review" /> : null}
        <div className="dialog-footer">
          <Button onClick={close} disabled={submitReview.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant={changes ? 'danger' : 'primary'} loading={submitReview.isPending}>
            {changes ? 'Request changes' : 'Approve'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
