import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useAuth } from '@/lib/auth';
import { formatDate, roleLabels } from '@/lib/format';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { acceptInvitation, useInvitationPreview, type InvitationPreview } from '../api/orgs-api';
import { roleDescriptions } from '../roles';

/** "Ada Lovelace invited you (eve@example.com) to join Acme as an admin." */
function Invitation({ preview }: { preview: InvitationPreview }) {
  const role = roleLabels[preview.role] ?? preview.role;
  const article = /^[aeiou]/i.test(role) ? 'an' : 'a';
  return (
    <div className="stack">
      <p data-testid="invitation-summary">
        <strong>{preview.inviter_name}</strong> invited <strong>{preview.email}</strong> to join <strong>{preview.org_name}</strong> as {article}{' '}
        <strong>{role.toLowerCase()}</strong>.
      </p>
      <p className="muted small">
        What {article} {role.toLowerCase()} can do: {roleDescriptions[preview.role] ?? role}. The invitation expires on {formatDate(preview.expires_at)}.
      </p>
    </div>
  );
}

/** /invitations/:token — who invites whom to what; sign in or sign up with the invited address, then accept. */
export function AcceptInvitationRoute() {
  useDocumentTitle('Invitation');
  const { token = '' } = useParams();
  const { status, me, reloadMe, setCurrentOrgId, signOut } = useAuth();
  const navigate = useNavigate();
  const { notify } = useToast();
  const preview = useInvitationPreview(token);
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

  if (status === 'restoring' || preview.isPending) return <Loading label="Reading the invitation…" />;

  const invited = preview.data;
  const withEmail = invited ? `&email=${encodeURIComponent(invited.email)}` : '';
  const otherAddress = status !== 'signedOut' && !!invited && !!me && me.user.email.toLowerCase() !== invited.email.toLowerCase();
  const unusable = !!preview.error;

  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        You have been invited to PRISM
      </h1>
      {invited ? <Invitation preview={invited} /> : null}
      {unusable && isApiError(preview.error) && preview.error.status === 404 ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">Invitation not found</p>
          <p>This link does not work. If the invitation was sent again, only the newest e-mail’s link works.</p>
        </div>
      ) : unusable ? (
        <ErrorMessage
          error={preview.error}
          title={isApiError(preview.error) && preview.error.status === 410 ? 'This invitation can no longer be used' : undefined}
        />
      ) : null}
      {unusable ? (
        <p>
          Ask an administrator of the organization to send it again. <Link to="/projects">Go to PRISM</Link>
        </p>
      ) : status === 'signedOut' ? (
        <>
          <p>Sign in with {invited ? <strong>{invited.email}</strong> : 'the invited e-mail address'}, or create an account with it, to join.</p>
          <div className="form-actions">
            <Link className="btn btn-primary" to={`/sign-in?next=${encodeURIComponent(here)}${withEmail}`}>
              Sign in
            </Link>
            <Link className="btn btn-secondary" to={`/sign-up?next=${encodeURIComponent(here)}${withEmail}`}>
              Create an account
            </Link>
          </div>
        </>
      ) : (
        <>
          {otherAddress ? (
            <p className="alert alert-warning" role="alert">
              You are signed in as <strong>{me?.user.email}</strong>, but this invitation is for <strong>{invited?.email}</strong>. Sign out and sign in (or create an account)
              with the invited address to accept it.
            </p>
          ) : (
            <p>
              Signed in as <strong>{me?.user.email ?? '…'}</strong>. Accept the invitation to join {invited?.org_name ?? 'the organization'}.
            </p>
          )}
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
            {otherAddress ? null : (
              <Button variant="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
                Accept invitation
              </Button>
            )}
            {otherAddress || (isApiError(accept.error) && accept.error.status === 403) ? (
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
