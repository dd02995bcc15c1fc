import type { AiSettings } from './api/ai-settings-api';

/** GET /orgs/{org}/ai-settings of an organization on the server's offline template, with overrides. */
export function aiSettings(overrides: Partial<AiSettings> = {}): AiSettings {
  return {
    own: false,
    provider: null,
    model: null,
    base_url: null,
    key_set: false,
    key_hint: null,
    updated_at: null,
    updated_by: null,
    can_edit: true,
    effective: { provider: 'template', label: 'Template', model: 'template-v1', is_ai: false, source: 'server' },
    ...overrides,
  };
}

/** An organization with its own OpenAI-compatible server and a saved key ending in "abcd". */
export function ownCompatible(overrides: Partial<AiSettings> = {}): AiSettings {
  return aiSettings({
    own: true,
    provider: 'openai',
    model: 'llama3.1:8b',
    base_url: 'https://llm.example.com/v1',
    key_set: true,
    key_hint: 'abcd',
    updated_at: '2026-03-04T10:20:00.000Z',
    updated_by: 'u2',
    effective: { provider: 'openai', label: 'OpenAI-compatible server', model: 'llama3.1:8b', is_ai: true, source: 'organization' },
    ...overrides,
  });
}

export const members = {
  items: [
    { user_id: 'u1', name: 'Ada', email: 'ada@example.com', role: 'member' },
    { user_id: 'u2', name: 'Grace Hopper', email: 'grace@example.com', role: 'admin' },
    { user_id: 'u3', name: 'Alan Turing', email: 'alan@example.com', role: 'owner' },
    { user_id: 'u4', name: 'Viewer Vic', email: 'vic@example.com', role: 'viewer' },
  ],
  next_cursor: null,
};
