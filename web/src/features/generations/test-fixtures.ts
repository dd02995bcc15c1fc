import type { Generation } from './api/generations-api';

/** A generation as GET /generations/{id} returns it, with overrides. */
export function generation(overrides: Partial<Generation> = {}): Generation {
  return {
    id: 'g1',
    project_id: 'p1',
    user_id: 'u1',
    kind: 'prd',
    status: 'running',
    cached: false,
    provider: 'openai',
    model: 'gpt-test',
    template: 'comprehensive',
    tokens_in: 0,
    tokens_out: 0,
    tokens_estimated: false,
    cost_usd: 0,
    tokens_reserved: 0,
    cost_reserved_usd: 0,
    latency_ms: null,
    document_id: null,
    document_version: null,
    error: null,
    applied_at: null,
    applied_stories: [],
    created_at: new Date(Date.now() - 2000).toISOString(),
    started_at: new Date(Date.now() - 1500).toISOString(),
    finished_at: null,
    input: {} as Generation['input'],
    params: {} as Generation['params'],
    output: '',
    result: null,
    ...overrides,
  };
}
