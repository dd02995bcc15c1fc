import { describe, expect, it } from 'vitest';
import { aiSettings, ownCompatible } from '../test-fixtures';
import { checkForm, formFromSettings, inputFromForm, keepsSavedKey, type SettingsForm } from './settings-form';

const form = (overrides: Partial<SettingsForm>): SettingsForm => ({ kind: 'anthropic', baseUrl: '', model: '', apiKey: '', removeKey: false, ...overrides });

describe('AI settings form', () => {
  it('reads an OpenAI provider with a base URL as an OpenAI-compatible server, and sends it back as openai', () => {
    const f = formFromSettings(ownCompatible());
    expect(f).toEqual({ kind: 'compatible', baseUrl: 'https://llm.example.com/v1', model: 'llama3.1:8b', apiKey: '', removeKey: false });
    expect(inputFromForm(f)).toEqual({ provider: 'openai', base_url: 'https://llm.example.com/v1', model: 'llama3.1:8b' });
  });

  it('sends a typed key, null to remove the saved one, and nothing to keep it', () => {
    expect(inputFromForm(form({ apiKey: ' sk-ant-123456 ' }))).toEqual({ provider: 'anthropic', api_key: 'sk-ant-123456' });
    expect(inputFromForm(form({ removeKey: true }))).toEqual({ provider: 'anthropic', api_key: null });
    expect(inputFromForm(form({}))).not.toHaveProperty('api_key');
  });

  it('sends no base URL for OpenAI itself and nothing but the provider for the template', () => {
    expect(inputFromForm(form({ kind: 'openai', baseUrl: 'https://left.over/v1', model: 'gpt-4o' }))).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(inputFromForm(form({ kind: 'template', model: 'x', apiKey: 'sk-123456789' }))).toEqual({ provider: 'template' });
  });

  it('keeps the saved key only for the same provider and base URL', () => {
    const saved = ownCompatible();
    expect(keepsSavedKey(form({ kind: 'compatible', baseUrl: 'https://llm.example.com/v1/' }), saved)).toBe(true);
    expect(keepsSavedKey(form({ kind: 'compatible', baseUrl: 'https://other.example.com/v1' }), saved)).toBe(false);
    expect(keepsSavedKey(form({ kind: 'openai' }), saved)).toBe(false);
    expect(checkForm(form({ kind: 'openai' }), saved).api_key).toMatch(/saved key is only sent where it was first meant to go/);
  });

  it('asks for a base URL and a model for an OpenAI-compatible server, and a key for Anthropic and OpenAI', () => {
    expect(checkForm(form({ kind: 'compatible' }), aiSettings())).toEqual({
      base_url: expect.stringMatching(/base URL/),
      model: expect.stringMatching(/no default one/),
    });
    expect(checkForm(form({ kind: 'anthropic' }), aiSettings())).toEqual({ api_key: 'Enter the Anthropic API key.' });
    expect(checkForm(form({ kind: 'template' }), aiSettings())).toEqual({});
  });
});
