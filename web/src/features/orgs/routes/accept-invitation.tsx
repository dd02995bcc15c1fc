import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useAuth } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { acceptInvitation } from '../api/orgs-api';

/** /invitations/:token — sign in or sign up first, then accept. */
export function AcceptInvitationRoute() {
  useDocumentTitle('Invitation');
  const { token = '' } = useParams();
  const { status, me, reloadMe, setCurrentOrgId, signOut } = useAuth();
  const navigate = useNavigate();
  const { notify } = useToast();
  const accept = useMutation({
    mutationFn: () => acceptInvitation(token),
    onSuccess: async ({ orgId, orgName }) => {
      if (orgId) setCurrentOrgId(orgId);
      await reloadMe();
      notify(orgName ? `You joined ${orgName}` : 'Invitation accepted');
      navigate('/projects', { replace: true });
    },
  });
  const here = `/invitations/${encodeURIComponent(token)}`;

  if (status === 'restoring') return <Loading label="Checking your session…" />;

  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        You have been invited to PRISM
      </h1>
      {status === 'signedOut' ? (
        <>
          <p>Sign in with the invited e-mail address, or create an account with it, to join the organization.</p>
          <div className="form-actions">
            <Link className="btn btn-primary" to={`/sign-in?next=${encodeURIComponent(here)}`}>
              Sign in
            </Link>
            <Link className="btn btn-secondary" to={`/sign-up?next=${encodeURIComponent(here)}`}>
              Create an account
            </Link>
          </div>
        </>
      ) : (
        <>
          <p>
            Signed in as <strong>{me?.user.email ?? '…'}</strong>. Accept the invitation to join the organization.
          </p>
          {accept.isError ? (
            <ErrorMessage
              error={accept.error}
              title={
                isApiError(accept.error) && accept.error.status === 410
                  ? 'This invitation can no longer be used'
                  : isApiError(accept.error) && accept.error.status === 404
                    ? 'Invitation not found'
                    : undefined
              }
            />
          ) : null}
          <div className="form-actions" style={{ marginTop: '1rem' }}>
            <Button variant="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
              Accept invitation
            </Button>
            {isApiError(accept.error) && accept.error.status === 403 ? (
              <Button onClick={() => void signOut()}>Sign out and use another account</Button>
            ) : (
              <Link className="btn btn-secondary" to="/projects">
                Not now
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
