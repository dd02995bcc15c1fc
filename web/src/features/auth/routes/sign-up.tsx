import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ResendVerification } from '@/components/resend-verification';
import { useAuth } from '@/lib/auth';
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
        <ResendVerification email={pendingEmail} spacing="1rem 0" />
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