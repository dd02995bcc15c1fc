import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json, problem, testMe, type FakeHandler } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { AiSettings, AiSettingsInput } from '../api/ai-settings-api';
import { connectionErrorHeadings } from '../lib/connection-errors';
import { aiSettings, members, ownCompatible } from '../test-fixtures';
import { AiSettingsPanel } from './ai-settings-panel';
import { signedInTo } from '@/test/session';

configure({ asyncUtilTimeout: 5000 });

const base = '/api/v1/orgs/o1/ai-settings';
const KEY = 'sk-or-v1-secret-7890';

/** The settings the fake server holds; PUT answers them back as the real one would. */
function setup(initial: AiSettings, routes: Record<string, FakeHandler> = {}) {
  let current = initial;
  const fake = installFakeFetch({
    [`GET ${base}`]: () => json(current),
    'GET /api/v1/orgs/o1/members': () => json(members),
    [`GET ${base}/models`]: () => json({ items: ['llama3.1:8b', 'qwen2.5:32b'] }),
    [`PUT ${base}`]: (req) => {
      const body = req.body as AiSettingsInput;
      const key = typeof body.api_key === 'string' ? body.api_key : null;
      current = ownCompatible({
        provider: body.provider,
        model: body.model ?? null,
        base_url: body.base_url ?? null,
        key_set: body.api_key === undefined ? current.key_set : key !== null,
        key_hint: body.api_key === undefined ? current.key_hint : key?.slice(-4) ?? null,
        updated_at: '2026-03-05T09:00:00.000Z',
        updated_by: 'u1',
        effective: { provider: body.provider, label: 'OpenAI-compatible server', model: body.model ?? '', is_ai: true, source: 'organization' },
      });
      return json(current);
    },
    [`DELETE ${base}`]: () => {
      current = aiSettings();
      return new Response(null, { status: 204 });
    },
    ...routes,
  });
  renderWithProviders(<AiSettingsPanel />);
  return fake;
}

const form = () => screen.findByRole('form', { name: 'Connect your own provider' });
const lastBody = (fake: ReturnType<typeof installFakeFetch>, method: string, path = base) => fake.calls(method, path).at(-1)?.body;

describe('AI provider settings', () => {
  signedInTo('o1');

  it('shows what generations use and connects an OpenAI-compatible server; the key is only sent in the body', async () => {
    const fake = setup(aiSettings());
    const summary = await screen.findByTestId('ai-effective');
    expect(summary).toHaveTextContent('Template');
    expect(summary).toHaveTextContent('Offline template (not AI)');
    expect(summary).toHaveTextContent('The server’s default');

    await form();
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'compatible');
    expect(screen.getByLabelText(/Base URL/)).toHaveAttribute('placeholder', 'https://openrouter.ai/api/v1');
    await userEvent.type(screen.getByLabelText(/Base URL/), 'https://openrouter.ai/api/v1');
    await userEvent.type(screen.getByLabelText('API key'), KEY);
    expect(screen.getByLabelText('API key')).toHaveAttribute('type', 'password');
    await userEvent.type(screen.getByLabelText(/Model/), 'meta-llama/llama-3.1-8b-instruct');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(fake.calls('PUT', base)).toHaveLength(1));
    expect(lastBody(fake, 'PUT')).toEqual({ provider: 'openai', base_url: 'https://openrouter.ai/api/v1', model: 'meta-llama/llama-3.1-8b-instruct', api_key: KEY });
    // The fresh form keeps the key only on the server.
    expect(await screen.findByText('Saved key ending in …7890. Leave the field empty to keep it.')).toBeInTheDocument();
    expect(screen.getByLabelText('API key')).toHaveValue('');
    expect(screen.getByTestId('ai-effective')).toHaveTextContent('OpenAI-compatible server');
    expect(screen.getByTestId('ai-effective')).toHaveTextContent('This organization’s own settings');
    await vi.waitFor(() => expect(screen.getByTestId('ai-effective')).toHaveTextContent('by Ada'));

    for (const r of fake.requests) expect(r.url.search).not.toContain('secret');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret');
  });

  it('keeps the saved key when the field stays empty', async () => {
    const fake = setup(ownCompatible());
    await form();
    expect(screen.getByText('Saved key ending in …abcd. Leave the field empty to keep it.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('ai-effective')).toHaveTextContent(/Last changed.*by Grace Hopper/));
    const model = screen.getByLabelText(/Model/);
    await userEvent.clear(model);
    await userEvent.type(model, 'qwen2.5:32b');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(fake.calls('PUT', base)).toHaveLength(1));
    expect(lastBody(fake, 'PUT')).toEqual({ provider: 'openai', base_url: 'https://llm.example.com/v1', model: 'qwen2.5:32b' });
  });

  it('"Remove key" sends api_key: null on save', async () => {
    const fake = setup(ownCompatible());
    await form();
    await userEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    expect(screen.getByText('The saved key will be removed when you save.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(fake.calls('PUT', base)).toHaveLength(1));
    expect(lastBody(fake, 'PUT')).toEqual({ provider: 'openai', base_url: 'https://llm.example.com/v1', model: 'llama3.1:8b', api_key: null });
    expect(await screen.findByText(/Only if your server asks for one/)).toBeInTheDocument();
  });

  it('asks for a new key before anything is sent when the provider changes', async () => {
    const fake = setup(ownCompatible());
    await form();
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'openai');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Enter the OpenAI API key: the saved key is only sent/)).toBeInTheDocument();
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls('PUT', base)).toHaveLength(0);
  });

  it('shows the server’s 422 field errors at their fields', async () => {
    setup(aiSettings(), {
      [`PUT ${base}`]: () =>
        problem(422, { title: 'Validation failed', code: 'validation_failed', errors: [{ field: 'base_url', message: 'must be https and resolve to public addresses' }] }),
    });
    await form();
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'compatible');
    await userEvent.type(screen.getByLabelText(/Base URL/), 'http://10.0.0.5/v1');
    await userEvent.type(screen.getByLabelText(/Model/), 'llama3');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Base URL must be https and resolve to public addresses.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Base URL/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('tests the form’s values without saving them and says it worked', async () => {
    const fake = setup(aiSettings(), { [`POST ${base}/test`]: () => json({ ok: true, latency_ms: 412, model: 'claude-sonnet-4-5' }) });
    await form();
    await userEvent.type(screen.getByLabelText('API key'), 'sk-ant-api03-1234');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByRole('status');
    expect(result).toHaveTextContent('Connected');
    expect(result).toHaveTextContent('claude-sonnet-4-5 answered in 412 ms');
    expect(lastBody(fake, 'POST', `${base}/test`)).toEqual({ provider: 'anthropic', api_key: 'sk-ant-api03-1234' });
    expect(fake.calls('PUT', base)).toHaveLength(0);
    // The result speaks of the values tried: a change clears it.
    await userEvent.type(screen.getByLabelText('API key'), 'x');
    expect(screen.queryByText('Connected')).toBeNull();
  });

  it.each(Object.entries(connectionErrorHeadings))('shows a failed test (%s) under its own heading with the server’s message', async (code, heading) => {
    const message = `The provider said no (${code}).`;
    setup(ownCompatible(), { [`POST ${base}/test`]: () => json({ ok: false, latency_ms: 1500, model: 'llama3.1:8b', error: { code, message } }) });
    await form();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(heading)).toHaveClass('alert-title');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveTextContent('after 1.5 s');
  });

  it('offers the provider’s models, and when they cannot be listed says why and still takes a typed id', async () => {
    const fake = setup(ownCompatible(), {
      [`GET ${base}/models`]: () => json({ items: [], error: { code: 'invalid_key', message: 'The provider rejected the API key.' } }),
    });
    await form();
    const failure = await screen.findByText('Wrong API key');
    expect(failure.closest('.alert')).toHaveTextContent('The provider rejected the API key.');
    expect(failure.closest('.alert')).toHaveTextContent('you can still type a model id');
    const model = screen.getByLabelText(/Model/);
    await userEvent.clear(model);
    await userEvent.type(model, 'my-own-model');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(fake.calls('PUT', base)).toHaveLength(1));
    expect(lastBody(fake, 'PUT')).toMatchObject({ model: 'my-own-model' });
  });

  it('lists the models the saved provider gives', async () => {
    setup(ownCompatible());
    await form();
    expect(await screen.findByText('2 models from the provider: pick one from the list or type an id.')).toBeInTheDocument();
    const list = screen.getByTestId('model-list');
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['llama3.1:8b', 'qwen2.5:32b']);
    expect(screen.getByLabelText(/Model/)).toHaveAttribute('list', list.id);
  });

  it('goes back to the server’s default after confirming', async () => {
    const fake = setup(ownCompatible());
    await form();
    await userEvent.click(screen.getByRole('button', { name: 'Use the server’s default…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Use the server’s default?' });
    expect(fake.calls('DELETE', base)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Forget our provider' }));
    await vi.waitFor(() => expect(fake.calls('DELETE', base)).toHaveLength(1));
    await vi.waitFor(() => expect(screen.getByTestId('ai-effective')).toHaveTextContent('The server’s default'));
    expect(screen.queryByRole('button', { name: 'Use the server’s default…' })).toBeNull();
  });

  it('shows members what is used and who can change it, without the form', async () => {
    const fake = setup(ownCompatible({ can_edit: false, key_hint: null }), {
      'GET /api/v1/auth/me': () => json(testMe),
    });
    const summary = await screen.findByTestId('ai-effective');
    expect(summary).toHaveTextContent('OpenAI-compatible server');
    expect(summary).toHaveTextContent('llama3.1:8b');
    expect(summary).toHaveTextContent('AI');
    expect(await screen.findByText(/Only the organization’s owners and administrators can change this: Alan Turing and Grace Hopper\./)).toBeInTheDocument();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByLabelText('API key')).toBeNull();
    expect(fake.calls('GET', `${base}/models`)).toHaveLength(0);
  });
});
