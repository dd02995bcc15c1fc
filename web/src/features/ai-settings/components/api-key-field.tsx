import { Button } from '@/components/button';
import { Field, TextInput } from '@/components/field';
import type { AiSettings } from '../api/ai-settings-api';
import { keepsSavedKey, type SettingsForm } from '../lib/settings-form';

interface ApiKeyFieldProps {
  form: SettingsForm;
  settings: AiSettings;
  error?: string;
  onChange: (patch: Partial<SettingsForm>) => void;
}

const whereToFind: Record<SettingsForm['kind'], string> = {
  anthropic: 'From the Anthropic Console, under API keys.',
  openai: 'From the OpenAI platform, under API keys.',
  compatible: 'Only if your server asks for one (Ollama does not; OpenRouter does).',
  template: '',
};

/**
 * The key is write-only: the server shows its last 4 characters at most. An
 * empty field keeps the saved key; "Remove key" sends `api_key: null`.
 */
export function ApiKeyField({ form, settings, error, onChange }: ApiKeyFieldProps) {
  const saved = keepsSavedKey(form, settings);
  const ending = settings.key_hint ? ` ending in …${settings.key_hint}` : '';
  let hint = whereToFind[form.kind];
  if (saved && form.removeKey) hint = 'The saved key will be removed when you save.';
  else if (saved) hint = `Saved key${ending}. Leave the field empty to keep it.`;
  else if (settings.key_set) hint = `The saved key${ending} belongs to the saved provider and base URL; enter a key for this one.`;
  return (
    <div>
      <Field label="API key" error={error} hint={hint}>
        {/* No `name`: even a form submitted without JavaScript would not send the key. */}
        <TextInput
          type="password"
          value={form.apiKey}
          autoComplete="new-password"
          spellCheck={false}
          placeholder={saved && !form.removeKey ? 'Leave empty to keep the saved key' : undefined}
          onChange={(e) => onChange({ apiKey: e.target.value, removeKey: false })}
        />
      </Field>
      {saved ? (
        <div className="row">
          {form.removeKey ? (
            <Button size="sm" variant="ghost" onClick={() => onChange({ removeKey: false })}>
              Keep the saved key
            </Button>
          ) : (
            <Button size="sm" onClick={() => onChange({ removeKey: true, apiKey: '' })}>
              Remove key
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
