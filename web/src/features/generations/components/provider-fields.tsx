import { Field, Select } from '@/components/field';
import { ErrorMessage } from '@/components/error-message';
import { useProviders, type AiProvider } from '../api/generations-api';
import type { OrgAi } from '../org-ai';

export interface ProviderChoice {
  provider: string;
  model: string;
}

/** The provider's label; the offline template provider says plainly that it is not AI. */
export function providerLabel(p: AiProvider): string {
  if (p.name === 'template') return 'Template (offline, not AI)';
  return p.label || p.name || 'Provider';
}

export interface ProviderOption {
  /** Sent as `provider`; '' sends none (the organization's own provider). */
  value: string;
  label: string;
  isAi: boolean;
  defaultModel: string;
  models: string[];
}

/**
 * The providers a request may name (GET /ai/providers). An organization with
 * its own provider gets it first, as the default; otherwise the server's
 * default is marked.
 */
export function useProviderOptions(ai?: OrgAi) {
  const query = useProviders();
  const items = query.data?.items ?? [];
  const serverDefault = query.data?.default ?? items[0]?.name ?? '';
  const own = ai?.source === 'organization';
  const options: ProviderOption[] = [];
  if (ai && own) {
    // Short: the model shows in its own select next to it.
    const label = ai.isAi ? ai.label : 'Offline template (not AI)';
    options.push({ value: '', label: `${label} — organization default`, isAi: ai.isAi, defaultModel: ai.model, models: [] });
  }
  for (const p of items) {
    const suffix = !own && p.name === serverDefault ? ' — default' : '';
    options.push({ value: p.name, label: providerLabel(p) + suffix, isAi: p.is_ai, defaultModel: p.default_model, models: p.models.map((m) => m.id ?? '').filter(Boolean) });
  }
  const defaultValue = own ? '' : serverDefault;
  const find = (value: string) => options.find((o) => o.value === (value || defaultValue));
  return { query, options, defaultValue, find };
}

/** Provider + model selects. Empty strings mean "the default". */
export function ProviderFields({
  value,
  onChange,
  errors = {},
  ai,
}: {
  value: ProviderChoice;
  onChange: (next: ProviderChoice) => void;
  errors?: Record<string, string | undefined>;
  ai?: OrgAi;
}) {
  const { query, options, defaultValue, find } = useProviderOptions(ai);
  if (query.isError) return <ErrorMessage error={query.error} title="Could not load the AI providers" onRetry={() => void query.refetch()} />;
  const selected = value.provider || defaultValue;
  const current = find(selected);
  const models = current?.models ?? [];
  return (
    <div className="form-grid">
      <Field label="Provider" error={errors.provider} hint={current && !current.isAi ? 'Fills the template from your brief; no AI is called.' : undefined}>
        <Select name="provider" value={selected} disabled={query.isPending} onChange={(e) => onChange({ provider: e.target.value, model: '' })}>
          {query.isPending ? <option value="">Loading…</option> : null}
          {options.map((o) => (
            <option key={o.value || 'own'} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Model" error={errors.model}>
        <Select
          name="model"
          value={value.model || current?.defaultModel || ''}
          disabled={query.isPending || models.length === 0}
          onChange={(e) => onChange({ ...value, provider: selected, model: e.target.value })}
        >
          {models.length === 0 ? <option value={current?.defaultModel ?? ''}>{current?.value === '' ? current.defaultModel : 'Default model'}</option> : null}
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
              {m === current?.defaultModel ? ' — default' : ''}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
