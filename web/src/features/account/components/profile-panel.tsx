import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { ResendVerification } from '@/components/resend-verification';
import { Field, TextInput } from '@/components/field';
import { useToast } from '@/components/toast';
import { useAuth, type User } from '@/lib/auth';
import { formatDate, roleLabels } from '@/lib/format';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { useUpdateName } from '../api/account-api';

export function ProfilePanel() {
  const { me, setCurrentOrgId } = useAuth();
  if (!me) return null;
  const { user, memberships } = me;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <dl className="details">
          <dt>E-mail</dt>
          <dd>
            {user.email}{' '}
            {user.email_verified === false ? (
              <span className="badge">Not verified</span>
            ) : user.email_verified ? (
              <span className="badge badge-success">Verified</span>
            ) : null}
          </dd>
          <dt>Member since</dt>
          <dd>{formatDate(user.created_at)}</dd>
        </dl>
        {user.email_verified === false ? <ResendVerification
            email={user.email}
            intro="We sent a verification link to this address when you signed up. Open it to verify the address."
          /> : null}
        <NameForm user={user} key={user.name} />
      </section>
      <section className="card" aria-labelledby="memberships-title">
        <h2 id="memberships-title">Organizations</h2>
        {memberships.length === 0 ? (
          <p>
            You are not in any organization. <Link to="/orgs/new">Create one</Link>.
          </p>
        ) : (
          <ul className="plain-list">
            {memberships.map((m) => (
              <li key={m.org_id} className="row">
                <Link to="/org" onClick={() => setCurrentOrgId(m.org_id)}>
                  {m.org_name}
                </Link>
                <span className="badge">{roleLabels[m.role]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Your name as the organizations you are in see it (members lists, the audit log). */
function NameForm({ user }: { user: User }) {
  const { reloadMe } = useAuth();
  const update = useUpdateName();
  const { notify } = useToast();
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = !name.trim() ? 'Enter your name.' : tooLong('Your name', name, limits.userName);
    setError(problem);
    if (problem) return;
    update.mutate(name.trim(), {
      onSuccess: async () => {
        await reloadMe();
        notify('Your name was changed');
      },
      onError: (err) => setError(isApiError(err) ? err.fieldError('name') : undefined),
    });
  };

  return (
    <form className="form profile-name" onSubmit={submit} noValidate aria-label="Your name">
      {update.isError && !error ? <ErrorMessage error={update.error} /> : null}
      <Field label="Name" error={error} hint={<CharCount value={name} max={limits.userName} />}>
        <TextInput name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={update.isPending} disabled={name.trim() === user.name}>
          Save name
        </Button>
      </div>
    </form>
  );
}

/** For an address not confirmed yet: the link again, in a new e-mail. */