import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextArea, TextInput } from '@/components/field';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import type { Project } from '../api/projects-api';
import { projectKeyError, suggestProjectKey } from './project-key';

export interface ProjectFormValues {
  name: string;
  key: string;
  description: string;
}

export interface ProjectFormProps {
  initial?: Project;
  submitLabel: string;
  onSubmit: (values: ProjectFormValues) => Promise<unknown>;
  onCancel?: () => void;
}

/** Create / edit a project: name, key (2–10 A–Z/0–9), description. */
export function ProjectForm({ initial, submitLabel, onSubmit, onCancel }: ProjectFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [key, setKey] = useState(initial?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(!!initial);
  const [description, setDescription] = useState(initial?.description ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onName = (value: string) => {
    setName(value);
    if (!keyTouched) setKey(suggestProjectKey(value));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = 'Enter a project name.';
    const longName = tooLong('The name', name, limits.projectName);
    if (longName) errs.name = longName;
    const longDescription = tooLong('The description', description, limits.projectDescription);
    if (longDescription) errs.description = longDescription;
    const keyErr = projectKeyError(key);
    if (keyErr) errs.key = keyErr;
    setFieldErrors(errs);
    setError(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), key, description: description.trim() });
    } catch (err) {
      if (isApiError(err) && err.errors.length) setFieldErrors(err.fieldErrors());
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {error ? (
        <ErrorMessage
          error={error}
          title={isApiError(error) && error.status === 409 ? 'That key is taken' : undefined}
          action={isApiError(error) && error.status === 409 ? 'Choose another key.' : undefined}
          showFieldErrors={isApiError(error) && error.errors.some((x) => !['name', 'key', 'description'].includes(x.field))}
        />
      ) : null}
      <Field label="Name" error={fieldErrors.name} hint={<CharCount value={name} max={limits.projectName} />} required>
        <TextInput name="name" value={name} onChange={(e) => onName(e.target.value)} autoFocus />
      </Field>
      <Field label="Key" error={fieldErrors.key} hint="2–10 upper-case letters or digits; prefixes story ids (e.g. PAY-12)." required>
        <TextInput
          name="key"
          value={key}
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(e) => {
            setKeyTouched(true);
            setKey(e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, ''));
          }}
        />
      </Field>
      <Field
        label="Description"
        error={fieldErrors.description}
        hint={
          <>
            Optional. What is this product or initiative about? <CharCount value={description} max={limits.projectDescription} />
          </>
        }
      >
        <TextArea name="description" value={description} rows={4} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
