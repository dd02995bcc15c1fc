import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { useAuth, type SignUpResult } from '@/lib/auth';
import { limits, tooLong } from '@/lib/limits';
import { useFormErrors } from './use-form-errors';

export interface SignUpFormProps {
  onSignedUp: (result: SignUpResult) => void;
  /** Hide the organization field (e.g. when joining through an invitation). */
  withOrganization?: boolean;
  initialEmail?: string;
}

export function SignUpForm({ onSignedUp, withOrganization = true, initialEmail = '' }: SignUpFormProps) {
  const { signUp } = useAuth();
  const [name, setName] = useState('');
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = 'Enter your name.';
    if (!email.trim()) missing.email = 'Enter your e-mail address.';
    if (password.length < 12) missing.password = 'Use at least 12 characters.';
    if (withOrganization && !organization.trim()) missing.organization_name = 'Name your organization (you can rename it later).';
    const longName = tooLong('Your name', name, limits.userName);
    if (longName) missing.name = longName;
    const longOrg = withOrganization ? tooLong('The organization name', organization, limits.orgName) : undefined;
    if (longOrg) missing.organization_name = longOrg;
    errors.reset();
    if (Object.keys(missing).length) {
      errors.setFieldErrors(missing);
      return;
    }
    setBusy(true);
    try {
      const result = await signUp({
        name: name.trim(),
        email: email.trim(),
        password,
        ...(withOrganization ? { organization_name: organization.trim() } : {}),
      });
      onSignedUp(result);
    } catch (error) {
      errors.fromError(error);
      setBusy(false);
    }
  };

  const fieldKeys = ['name', 'email', 'password', 'organization_name'];
  const unshown = Object.keys(errors.fields).some((k) => !fieldKeys.includes(k));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create account">
      {errors.formError ? (
        <ErrorMessage
          error={errors.formError}
          title={Object.keys(errors.fields).length ? 'Check the fields below' : undefined}
          showFieldErrors={unshown}
        />
      ) : null}
      <Field label="Your name" error={errors.fields.name} hint={<CharCount value={name} max={limits.userName} />}>
        <TextInput name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="E-mail" error={errors.fields.email}>
        <TextInput type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label="Password" error={errors.fields.password} hint="12 to 128 characters. A passphrase works well.">
        <TextInput type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {withOrganization ? (
        <Field
          label="Organization name"
          error={errors.fields.organization_name}
          hint={
            <>
              Your team or company. You become its owner. <CharCount value={organization} max={limits.orgName} />
            </>
          }
        >
          <TextInput name="organization_name" autoComplete="organization" value={organization} onChange={(e) => setOrganization(e.target.value)} />
        </Field>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          Create account
        </Button>
      </div>
    </form>
  );
}
