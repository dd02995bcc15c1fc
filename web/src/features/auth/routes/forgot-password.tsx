import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { useDocumentTitle } from '@/lib/use-document-title';
import { requestPasswordReset } from '../api/auth-api';

export function ForgotPasswordRoute() {
  useDocumentTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = useMutation({ mutationFn: (address: string) => requestPasswordReset(address) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) {
      setError('Enter your e-mail address.');
      return;
    }
    setError(undefined);
    send.mutate(email.trim());
  };

  return (
    <div className="card">
      <h1 tabIndex={-1} data-page-title>
        Reset your password
      </h1>
      {send.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p className="alert-title">Check your e-mail</p>
          <p>
            If an account exists for <strong>{email.trim()}</strong>, we sent it a link to choose a new password. The link is valid for one hour.
          </p>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p className="muted">Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
          {send.isError ? <ErrorMessage error={send.error} /> : null}
          <Field label="E-mail" error={error}>
            <TextInput type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={send.isPending}>
              Send reset link
            </Button>
          </div>
        </form>
      )}
      <p style={{ marginTop: '1rem' }}>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}
