import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { useAuth } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useFormErrors } from './use-form-errors';

export function SignInForm({ onSignedIn, initialEmail = '' }: { onSignedIn: () => void; initialEmail?: string }) {
  const { signIn } = useAuth();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = 'Enter your e-mail address.';
    if (!password) missing.password = 'Enter your password.';
    if (Object.keys(missing).length) {
      errors.reset();
      errors.setFieldErrors(missing);
      return;
    }
    errors.reset();
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      onSignedIn();
    } catch (error) {
      errors.fromError(error);
      setBusy(false);
    }
  };

  const formError = errors.formError;
  const title =
    isApiError(formError) && formError.status === 401 ? 'Wrong e-mail or password' : isApiError(formError) && formError.errors.length ? 'Check the fields below' : undefined;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
      {formError ? (
        <ErrorMessage
          error={formError}
          title={title}
          action={isApiError(formError) && formError.status === 401 ? 'Check both and try again, or choose “Forgot your password?” below.' : undefined}
        />
      ) : null}
      <Field label="E-mail" error={errors.fields.email}>
        <TextInput type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label="Password" error={errors.fields.password}>
        <TextInput type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          Sign in
        </Button>
        <Link to="/forgot-password">Forgot your password?</Link>
      </div>
    </form>
  );
}
