import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useCurrentOrg } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useOrgReviewSettings, useUpdateReviewSettings, type Organization } from '../api/org-settings-api';
import '../collaboration.css';

/** Organization → Reviews & comments: required approvals and whether viewers may comment (admins change them). */
export function ReviewSettings() {
  const { orgId, can } = useCurrentOrg();
  const org = useOrgReviewSettings(orgId);
  if (!orgId) return null;
  if (org.isPending) return <Loading label="Loading the organization…" />;
  if (org.isError) return <ErrorMessage error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  return (
    <section className="card" aria-labelledby="review-settings-title">
      <h2 id="review-settings-title">Reviews and comments</h2>
      {can('admin') ? (
        <ReviewSettingsForm org={o} key={`${o.id}-${o.required_approvals}-${o.viewers_can_comment}`} />
      ) : (
        <>
          <dl className="details">
            <dt>Approvals a document needs</dt>
            <dd>{o.required_approvals === 0 ? 'None: members approve directly' : o.required_approvals ?? 1}</dd>
            <dt>Viewers may comment</dt>
            <dd>{o.viewers_can_comment === false ? 'No' : 'Yes'}</dd>
          </dl>
          <p className="muted small">Only the organization’s admins change these.</p>
        </>
      )}
    </section>
  );
}

function ReviewSettingsForm({ org }: { org: Organization }) {
  const update = useUpdateReviewSettings(org.id ?? '');
  const { notify } = useToast();
  const [approvals, setApprovals] = useState(String(org.required_approvals ?? 1));
  const [viewersComment, setViewersComment] = useState(org.viewers_can_comment !== false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(approvals);
    if (approvals.trim() === '' || !Number.isInteger(n) || n < 0 || n > 10) {
      setErrors({ required_approvals: 'Enter a whole number from 0 to 10.' });
      return;
    }
    setErrors({});
    update.mutate(
      { required_approvals: n, viewers_can_comment: viewersComment },
      {
        onSuccess: () => notify('Review settings saved'),
        onError: (err) => {
          if (isApiError(err)) setErrors(err.fieldErrors());
        },
      },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {update.isError && Object.keys(errors).length === 0 ? <ErrorMessage error={update.error} /> : null}
      <Field
        label="Approvals a document needs"
        error={errors.required_approvals}
        hint="A document becomes “Approved” once this many reviewers approve its current version; a new version needs approving again. 0 means no review is needed: members may set a document to “Approved” themselves."
      >
        <TextInput type="number" inputMode="numeric" min={0} max={10} step={1} value={approvals} onChange={(e) => setApprovals(e.target.value)} className="input-narrow" />
      </Field>
      <div className="checkbox">
        <input
          id="viewers-can-comment"
          type="checkbox"
          checked={viewersComment}
          aria-describedby="viewers-can-comment-hint"
          onChange={(e) => setViewersComment(e.target.checked)}
        />
        <label htmlFor="viewers-can-comment">Viewers may comment</label>
      </div>
      <p className="field-hint" id="viewers-can-comment-hint">
        Viewers can always read the comments and the reviews; this lets them start threads, reply, be asked to review, and approve or request
        changes too.
      </p>
      {errors.viewers_can_comment ? <p className="field-error">{errors.viewers_can_comment}</p> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save review settings
        </Button>
      </div>
    </form>
  );
}
