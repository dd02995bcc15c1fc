import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { tokenStore } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { resetPassword } from '../api/auth-api';

export function ResetPasswordRoute() {
  useDocumentTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reset = useMutation({
    mutationFn: () => resetPassword(token, password),
    onSuccess: () => {
      // The reset ended every session, this browser's included.
      tokenStore.set(null);
      navigate('/sign-in?reset=1', { replace: true });
    },
    onError: (err) => {
      if (isApiError(err)) setErrors({ password: err.fieldError('new_password') ?? '' });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (password.length < 12) errs.password = 'Use at least 12 characters.';
    else if (password !== confirm) errs.confirm = 'The passwords do not match.';
    setErrors(errs);
    if (!Object.keys(errs).length) reset.mutate();
  };

  if (!token) {
    return (
      <div className="card">
        <h1 tabIndex={-1} data-page-title>
          This link is incomplete
        </h1>
        <p>Open the link from the e-mail again, or ask for a new one.</p>
        <Link to="/forgot-password">Request a new link</Link>
      </div>
    );
  }

  const tokenProblem = isApiError(reset.error) && !reset.error.fieldError('new_password');
  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        Choose a new password
      </h1>
      <form className="form" onSubmit={submit} noValidate>
        {tokenProblem ? (
          <ErrorMessage error={reset.error} title="This reset link does not work any more" />
        ) : null}
        {tokenProblem ? (
          <p>
            Links are valid for one hour and only once. <Link to="/forgot-password">Request a new link</Link>.
          </p>
        ) : null}
        <Field label="New password" error={errors.password || undefined} hint="12 to 128 characters.">
          <TextInput type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label="Repeat the new password" error={errors.confirm}>
          <TextInput type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={reset.isPending}>
            Set new password
          </Button>
        </div>
      </form>
    </div>
  );
}
