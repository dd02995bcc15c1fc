import { useId, type ReactNode } from 'react';
import { Field, TextInput } from '@/components/field';
import { errorMessage } from '@/lib/problem';
import { useAiModels, type AiSettings } from '../api/ai-settings-api';
import { sameEndpoint, type SettingsForm } from '../lib/settings-form';
import { ProviderFailure } from './connection-test-result';

interface ModelFieldProps {
  orgId: string;
  form: SettingsForm;
  settings: AiSettings;
  error?: string;
  onChange: (model: string) => void;
}

/**
 * A model id, typed or picked from the list the saved provider gives
 * (GET …/models). The list only applies while the form names the saved
 * provider; typing always works, also when the list is long or unavailable.
 */
export function ModelField({ orgId, form, settings, error, onChange }: ModelFieldProps) {
  const listId = `models-${useId().replace(/:/g, '')}`;
  const listable = sameEndpoint(form, settings);
  const models = useAiModels(orgId, listable);
  const items = listable ? models.data?.items ?? [] : [];
  const failure = listable ? models.data?.error : undefined;
  const requestFailed = listable && models.isError;
  const compatible = form.kind === 'compatible';

  let hint: ReactNode;
  if (!listable) {
    hint = compatible
      ? 'The model id your server serves, e.g. llama3.1:8b. After saving, its model list is offered here.'
      : 'Leave empty for the provider’s default. After saving the key, the provider’s model list is offered here.';
  } else if (models.isPending) hint = 'Loading the provider’s models…';
  else if (items.length > 0) hint = `${items.length} ${items.length === 1 ? 'model' : 'models'} from the provider: pick one from the list or type an id.`;
  else if (!failure && !requestFailed) hint = 'The provider listed no models; type a model id.';
  else hint = 'Type a model id.';

  return (
    <div>
      <Field label="Model" error={error} hint={hint} required={compatible}>
        <TextInput
          name="model"
          value={form.model}
          list={items.length > 0 ? listId : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={compatible ? 'e.g. llama3.1:8b' : 'The provider’s default'}
          onChange={(e) => onChange(e.target.value)}
        />
      </Field>
      {items.length > 0 ? (
        <datalist id={listId} data-testid="model-list">
          {items.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      ) : null}
      {failure ? (
        <ProviderFailure error={failure} role="status">
          <p className="small">The model list is not available; you can still type a model id.</p>
        </ProviderFailure>
      ) : null}
      {requestFailed ? (
        <div className="alert alert-warning" role="status">
          <p className="alert-title">Could not list the models</p>
          <p>{errorMessage(models.error)} You can still type a model id.</p>
        </div>
      ) : null}
    </div>
  );
}
