import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { meQueryKey, useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { verifyEmail } from '../api/auth-api';

export function VerifyEmailRoute() {
  useDocumentTitle('Verify e-mail');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status } = useAuth();
  const qc = useQueryClient();
  const verify = useMutation({
    mutationFn: () => verifyEmail(token),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryKey }),
  });
  const started = useRef(false);

  useEffect(() => {
    // The token is single use: send it once even under StrictMode.
    if (token && !started.current) {
      started.current = true;
      verify.mutate();
    }
  }, [token, verify]);

  const next = status === 'signedIn' ? '/projects' : '/sign-in';
  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        Verify your e-mail
      </h1>
      {!token ? (
        <p>This link is incomplete. Open the link from the e-mail again.</p>
      ) : verify.isError ? (
        <ErrorMessage error={verify.error} title="This verification link does not work" />
      ) : verify.isSuccess ? (
        <p className="alert alert-success" role="status">
          Your e-mail address is verified.
        </p>
      ) : (
        <Loading label="Verifying…" />
      )}
      <p style={{ marginTop: '1rem' }}>
        <Link to={next}>{status === 'signedIn' ? 'Go to your projects' : 'Sign in'}</Link>
      </p>
    </div>
  );
}
