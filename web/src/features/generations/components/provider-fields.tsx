import { Field, Select } from '@/components/field';
import { ErrorMessage } from '@/components/error-message';
import { useProviders, type AiProvider } from '../api/generations-api';

export interface ProviderChoice {
  provider: string;
  model: string;
}

/** The provider's label; the offline template provider says plainly that it is not AI. */
export function providerLabel(p: AiProvider): string {
  if (p.name === 'template') return 'Template (offline, not AI)';
  return p.label || p.name || 'Provider';
}

/** Provider + model selects (GET /ai/providers). Empty strings mean "the default". */
export function ProviderFields({
  value,
  onChange,
  errors = {},
}: {
  value: ProviderChoice;
  onChange: (next: ProviderChoice) => void;
  errors?: Record<string, string | undefined>;
}) {
  const providers = useProviders();
  if (providers.isError) return <ErrorMessage error={providers.error} title="Could not load the AI providers" onRetry={() => void providers.refetch()} />;
  const items = providers.data?.items ?? [];
  const defaultName = providers.data?.default ?? items[0]?.name ?? '';
  const current = items.find((p) => p.name === (value.provider || defaultName));
  const models = current?.models ?? [];
  return (
    <div className="form-grid">
      <Field label="Provider" error={errors.provider} hint={current && current.is_ai === false ? 'Fills the template from your brief; no AI is called.' : undefined}>
        <Select
          name="provider"
          value={value.provider || defaultName}
          disabled={providers.isPending}
          onChange={(e) => onChange({ provider: e.target.value, model: '' })}
        >
          {providers.isPending ? <option value="">Loading…</option> : null}
          {items.map((p) => (
            <option key={p.name} value={p.name}>
              {providerLabel(p)}
              {p.name === defaultName ? ' — default' : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Model" error={errors.model}>
        <Select name="model" value={value.model || current?.default_model || ''} disabled={providers.isPending || models.length === 0} onChange={(e) => onChange({ ...value, provider: value.provider || defaultName, model: e.target.value })}>
          {models.length === 0 ? <option value="">Default model</option> : null}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
              {m.id === current?.default_model ? ' — default' : ''}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
