import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextInput } from '@/components/field';
import { useToast } from '@/components/toast';
import { isApiError } from '@/lib/problem';
import { useSaveAiSettings, useTestAiConnection, type AiConnectionTest, type AiSettings } from '../api/ai-settings-api';
import { checkForm, formFromSettings, inputFromForm, providerKinds, type ProviderKind, type SettingsForm } from '../lib/settings-form';
import { ApiKeyField } from './api-key-field';
import { ConnectionTestResult } from './connection-test-result';
import { ModelField } from './model-field';

const fieldOf: Record<keyof SettingsForm, string> = { kind: 'provider', baseUrl: 'base_url', model: 'model', apiKey: 'api_key', removeKey: 'api_key' };
const known = new Set(Object.values(fieldOf));

/** The API's field errors, when every one of them has a field in this form. */
function fieldErrorsOf(err: unknown): Record<string, string> | null {
  if (!isApiError(err) || err.errors.length === 0) return null;
  const errors = err.fieldErrors();
  return Object.keys(errors).every((f) => known.has(f)) ? errors : null;
}

/** Administrators connect the organization's own provider: try it with "Test connection", then save. */
export function AiSettingsForm({ orgId, settings }: { orgId: string; settings: AiSettings }) {
  const save = useSaveAiSettings(orgId);
  const test = useTestAiConnection(orgId);
  const { notify } = useToast();
  const [form, setForm] = useState(() => formFromSettings(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<AiConnectionTest | null>(null);

  const change = (patch: Partial<SettingsForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A test result speaks of the values tried, not of these.
    setTested(null);
    test.reset();
    const touched = new Set(Object.keys(patch).map((k) => fieldOf[k as keyof SettingsForm]));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !touched.has(f))));
  };

  const changeKind = (kind: ProviderKind) => {
    // A key, model or base URL belongs to one provider; the saved ones come back with it.
    const saved = formFromSettings(settings);
    change(kind === saved.kind ? { ...saved, kind } : { kind, model: '', baseUrl: '', apiKey: '', removeKey: false });
  };

  const checked = () => {
    const errs = checkForm(form, settings);
    setErrors(errs);
    return Object.keys(errs).length === 0;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!checked()) return;
    try {
      await save.mutateAsync(inputFromForm(form));
      notify(form.kind === 'template' ? 'The organization now uses the offline template' : 'AI provider saved');
    } catch (err) {
      setErrors(fieldErrorsOf(err) ?? {});
    }
  };

  const runTest = async () => {
    setTested(null);
    if (!checked()) return;
    try {
      setTested(await test.mutateAsync(inputFromForm(form)));
    } catch (err) {
      setErrors(fieldErrorsOf(err) ?? {});
    }
  };

  const otherError = [save.error, test.error].find((err) => err && !fieldErrorsOf(err));
  const aiKind = form.kind !== 'template';

  return (
    // method="post": were the handler ever skipped, the browser must not put the fields in the URL.
    <form method="post" className="form card" onSubmit={submit} noValidate aria-labelledby="ai-settings-form-title">
      <h2 id="ai-settings-form-title">Connect your own provider</h2>
      <p className="muted">
        Generations of this organization use this provider and key instead of the server’s. The key is stored encrypted and is never shown again.
      </p>
      {otherError ? <ErrorMessage error={otherError} showFieldErrors /> : null}
      <Field label="Provider" error={errors.provider}>
        <Select name="provider" value={form.kind} onChange={(e) => changeKind(e.target.value as ProviderKind)}>
          {providerKinds.map((p) => (
            <option key={p.kind} value={p.kind}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      {form.kind === 'template' ? (
        <p>The offline template fills the PRD template from the brief. It calls no provider and is not AI: rewriting sections and writing stories need a person.</p>
      ) : null}
      {form.kind === 'compatible' ? (
        <BaseUrlField
          value={form.baseUrl}
          error={errors.base_url}
          onChange={(baseUrl) => change({ baseUrl })}
          hint="The server’s OpenAI-style API, usually ending in /v1: OpenRouter, vLLM, Ollama (http://host:11434/v1)…"
          placeholder="https://openrouter.ai/api/v1"
          required
        />
      ) : null}
      {aiKind ? <ApiKeyField form={form} settings={settings} error={errors.api_key} onChange={change} /> : null}
      {aiKind ? <ModelField orgId={orgId} form={form} settings={settings} error={errors.model} onChange={(model) => change({ model })} /> : null}
      {form.kind === 'anthropic' ? (
        <details className="advanced" open={!!form.baseUrl || !!errors.base_url}>
          <summary>Advanced</summary>
          <BaseUrlField
            value={form.baseUrl}
            error={errors.base_url}
            onChange={(baseUrl) => change({ baseUrl })}
            hint="Only for another Anthropic endpoint (a gateway or proxy). Leave empty for Anthropic’s own API."
            placeholder="https://api.anthropic.com"
          />
        </details>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={save.isPending}>
          Save
        </Button>
        {aiKind ? (
          <Button onClick={() => void runTest()} loading={test.isPending}>
            Test connection
          </Button>
        ) : null}
      </div>
      {tested ? <ConnectionTestResult result={tested} /> : null}
    </form>
  );
}

interface BaseUrlFieldProps {
  value: string;
  error?: string;
  hint: string;
  placeholder: string;
  required?: boolean;
  onChange: (v: string) => void;
}

function BaseUrlField({ value, error, hint, placeholder, required, onChange }: BaseUrlFieldProps) {
  return (
    <Field label="Base URL" error={error} hint={hint} required={required}>
      <TextInput name="base_url" type="url" inputMode="url" value={value} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
