import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { SignInForm } from '../components/sign-in-form';
import { safeNextPath } from '../next-path';

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const { status } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNextPath(params.get('next'));
  if (status === 'signedIn') return <Navigate to={next} replace />;
  const email = params.get('email') ?? '';
  const withEmail = email ? `&email=${encodeURIComponent(email)}` : '';
  const signUpLink = params.get('next') ? `/sign-up?next=${encodeURIComponent(next)}${withEmail}` : '/sign-up';
  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        Sign in to PRISM
      </h1>
      {params.get('reset') === '1' ? (
        <p className="alert alert-success" role="status">
          Your password was changed. Sign in with the new one.
        </p>
      ) : null}
      <SignInForm initialEmail={email} onSignedIn={() => navigate(next, { replace: true })} />
      <p className="muted" style={{ marginTop: '1rem' }}>
        New to PRISM? <Link to={signUpLink}>Create an account</Link>
      </p>
    </div>
  );
}
