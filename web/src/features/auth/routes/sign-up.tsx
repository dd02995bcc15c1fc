import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { resendVerification, useAuth } from '@/lib/auth';
import { errorMessage } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { SignUpForm } from '../components/sign-up-form';
import { safeNextPath } from '../next-path';

export function SignUpRoute() {
  useDocumentTitle('Create an account');
  const { status } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const rawNext = params.get('next');
  const next = safeNextPath(rawNext);
  // Joining through an invitation: the invited org is the user's org.
  const joining = next.startsWith('/invitations/');

  if (status === 'signedIn' && !pendingEmail) return <Navigate to={next} replace />;

  if (pendingEmail) {
    return (
      <div className="card">
        <h1 tabIndex={-1} data-page-title>
          Check your e-mail
        </h1>
        <p>
          We sent a verification link to <strong>{pendingEmail}</strong>. Open it to finish creating your account, then sign in.
        </p>
        <ResendLink email={pendingEmail} />
        <Link to={rawNext ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>Go to sign in</Link>
      </div>
    );
  }

  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        Create your PRISM account
      </h1>
      {joining ? <p className="muted">Create an account to accept your invitation.</p> : null}
      <SignUpForm
        withOrganization={!joining}
        initialEmail={params.get('email') ?? ''}
        onSignedUp={(result) => {
          if (result.verificationRequired) setPendingEmail(result.user.email);
          else navigate(next, { replace: true });
        }}
      />
      <p className="muted" style={{ marginTop: '1rem' }}>
        Already have an account?{' '}
        <Link to={rawNext ? `/sign-in?next=${encodeURIComponent(next)}${params.get('email') ? `&email=${encodeURIComponent(params.get('email') ?? '')}` : ''}` : '/sign-in'}>Sign in</Link>
      </p>
    </div>
  );
}

/** No e-mail after a while: another link (the server limits how many). */
function ResendLink({ email }: { email: string }) {
  const resend = useMutation({ mutationFn: () => resendVerification(email) });
  return (
    <div className="stack" style={{ margin: '1rem 0' }}>
      {resend.isSuccess ? (
        <p className="alert alert-success" role="status">
          A new link is on its way. The earlier one no longer works.
        </p>
      ) : null}
      {resend.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(resend.error)}
        </p>
      ) : null}
      <div>
        <Button onClick={() => resend.mutate()} loading={resend.isPending} disabled={resend.isSuccess}>
          Resend verification e-mail
        </Button>
      </div>
    </div>
  );
}
