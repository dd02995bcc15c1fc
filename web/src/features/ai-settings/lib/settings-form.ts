// The settings form's state and what it sends: the UI speaks of four kinds
// of provider, the API of three (an OpenAI-compatible server is "openai"
// with a base URL of its own).
import type { AiSettings, AiSettingsInput } from '../api/ai-settings-api';

export type ProviderKind = 'anthropic' | 'openai' | 'compatible' | 'template';

export const providerKinds: { kind: ProviderKind; label: string }[] = [
  { kind: 'anthropic', label: 'Anthropic' },
  { kind: 'openai', label: 'OpenAI' },
  { kind: 'compatible', label: 'OpenAI-compatible server (Ollama, vLLM, OpenRouter…)' },
  { kind: 'template', label: 'Offline template (not AI)' },
];

export interface SettingsForm {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  /** A new key; empty keeps the saved one. */
  apiKey: string;
  /** Send `api_key: null`: forget the saved key. */
  removeKey: boolean;
}

export function kindOf(provider: AiSettings['provider'], baseUrl: string | null): ProviderKind {
  if (provider === 'template') return 'template';
  if (provider === 'openai') return baseUrl ? 'compatible' : 'openai';
  return 'anthropic';
}

export function formFromSettings(s: AiSettings): SettingsForm {
  if (!s.own) return { kind: 'anthropic', baseUrl: '', model: '', apiKey: '', removeKey: false };
  const kind = kindOf(s.provider, s.base_url);
  return { kind, baseUrl: s.base_url ?? '', model: kind === 'template' ? '' : s.model ?? '', apiKey: '', removeKey: false };
}

const normalUrl = (url: string) => url.trim().replace(/\/+$/, '');

/** What the form sends as `base_url` (OpenAI itself has none). */
function baseUrlOf(form: SettingsForm): string | undefined {
  if (form.kind !== 'compatible' && form.kind !== 'anthropic') return undefined;
  return form.baseUrl.trim() || undefined;
}

/**
 * True when the form still points where the saved key was meant to go (same
 * provider, same base URL): only then does an empty key field keep it.
 */
export function keepsSavedKey(form: SettingsForm, s: AiSettings): boolean {
  return s.key_set && sameEndpoint(form, s);
}

/** The form names the saved provider at the saved base URL (so its model list applies). */
export function sameEndpoint(form: SettingsForm, s: AiSettings): boolean {
  if (!s.own || form.kind === 'template' || s.provider === 'template') return false;
  const provider = form.kind === 'anthropic' ? 'anthropic' : 'openai';
  return provider === s.provider && normalUrl(baseUrlOf(form) ?? '') === normalUrl(s.base_url ?? '');
}

/** The PUT (and test) body. The key is only sent when typed, or as null to remove it. */
export function inputFromForm(form: SettingsForm): AiSettingsInput {
  if (form.kind === 'template') return { provider: 'template' };
  const body: AiSettingsInput = { provider: form.kind === 'anthropic' ? 'anthropic' : 'openai' };
  const baseUrl = baseUrlOf(form);
  if (baseUrl) body.base_url = baseUrl;
  if (form.model.trim()) body.model = form.model.trim();
  if (form.apiKey.trim()) body.api_key = form.apiKey.trim();
  else if (form.removeKey) body.api_key = null;
  return body;
}

/** Mistakes worth catching before asking the server, by API field name. */
export function checkForm(form: SettingsForm, s: AiSettings): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.kind === 'template') return errors;
  if (form.kind === 'compatible') {
    if (!form.baseUrl.trim()) errors.base_url = 'Enter the server’s base URL, e.g. https://openrouter.ai/api/v1.';
    if (!form.model.trim()) errors.model = 'Choose a model: an OpenAI-compatible server has no default one.';
    return errors;
  }
  const hasKey = form.apiKey.trim() !== '' || (!form.removeKey && keepsSavedKey(form, s));
  if (!hasKey) {
    const name = form.kind === 'anthropic' ? 'Anthropic' : 'OpenAI';
    errors.api_key =
      s.key_set && !form.removeKey && !keepsSavedKey(form, s)
        ? `Enter the ${name} API key: the saved key is only sent where it was first meant to go.`
        : `Enter the ${name} API key.`;
  }
  return errors;
}
