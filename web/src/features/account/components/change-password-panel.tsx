import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { useToast } from '@/components/toast';
import { isApiError } from '@/lib/problem';
import { useChangePassword } from '../api/account-api';

export function ChangePasswordPanel() {
  const change = useChangePassword();
  const { notify } = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [keepTokens, setKeepTokens] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!current) errs.current_password = 'Enter your current password.';
    if (next.length < 12) errs.new_password = 'Use at least 12 characters.';
    else if (next !== confirm) errs.confirm = 'The passwords do not match.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    change.mutate(
      { current_password: current, new_password: next, keep_api_tokens: keepTokens },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          setKeepTokens(false);
          notify(
            keepTokens
              ? 'Password changed. Your other sessions were signed out; your API tokens still work.'
              : 'Password changed. Your other sessions were signed out and your API tokens revoked.',
          );
        },
        onError: (err) => {
          if (isApiError(err)) {
            const fields = err.fieldErrors();
            if (err.status === 401 || err.status === 403) fields.current_password ??= 'The current password is wrong.';
            setErrors(fields);
          }
        },
      },
    );
  };

  const shownFields = Object.keys(errors).length > 0;
  return (
    <section className="card narrow" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <p className="muted">
        Changing your password signs out every other session and revokes your personal API tokens, unless you choose to keep them.
      </p>
      <form className="form" onSubmit={submit} noValidate>
        {change.isError && !shownFields ? <ErrorMessage error={change.error} /> : null}
        <Field label="Current password" error={errors.current_password}>
          <TextInput type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field label="New password" error={errors.new_password} hint="12 to 128 characters.">
          <TextInput type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </Field>
        <Field label="Repeat the new password" error={errors.confirm}>
          <TextInput type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={keepTokens} onChange={(e) => setKeepTokens(e.target.checked)} />
          Keep my personal API tokens working (only if you are sure none of them leaked)
        </label>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
