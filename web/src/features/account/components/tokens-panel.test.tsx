import { cleanup, configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { mcpSnippet } from './mcp-client-setup';
import { TokensPanel } from './tokens-panel';

configure({ asyncUtilTimeout: 5000 });

const secret = 'prism_pat_0123456789abcdefghijklmnopqrstuvwxyz';

function fakeTokens() {
  return installFakeFetch({
    'GET /api/v1/auth/tokens': () =>
      json({
        items: [
          { id: 't1', name: 'agent', prefix: 'prism_pat_ab', created_at: '2026-01-01T00:00:00Z', scopes: ['read'] },
          { id: 't2', name: 'CI export', prefix: 'prism_pat_cd', created_at: '2026-01-01T00:00:00Z', scopes: ['read', 'write'] },
        ],
        next_cursor: null,
      }),
    'POST /api/v1/auth/tokens': (req) => {
      const body = req.body as { name: string; scopes?: string[] };
      return json({ id: 't3', name: body.name, prefix: 'prism_pat_01', token: secret, scopes: body.scopes ?? ['read', 'write'] }, 201);
    },
  });
}

async function createToken(access?: RegExp) {
  const fake = fakeTokens();
  renderWithProviders(<TokensPanel />);
  await userEvent.type(screen.getByLabelText('Name'), 'agent');
  const readWrite = screen.getByRole('radio', { name: 'Read and write' });
  expect(readWrite).toBeChecked();
  expect(readWrite).toHaveAccessibleDescription(/change/i);
  if (access) await userEvent.click(screen.getByRole('radio', { name: access }));
  await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
  await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/auth/tokens')).toHaveLength(1));
  return fake.calls('POST', '/api/v1/auth/tokens')[0].body;
}

describe('API tokens panel', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('creates read-and-write tokens by default', async () => {
    expect(await createToken()).toMatchObject({ name: 'agent', scopes: ['read', 'write'] });
  });

  it('sends only the read scope for a read-only token and says what it refuses', async () => {
    fakeTokens();
    renderWithProviders(<TokensPanel />);
    expect(screen.getByRole('radio', { name: 'Read only' })).toHaveAccessibleDescription(/refused.*MCP tools that write answer an error/);
    cleanup();
    expect(await createToken(/^Read only$/)).toMatchObject({ name: 'agent', scopes: ['read'] });
  });

  it('shows each token’s scope in the list', async () => {
    fakeTokens();
    renderWithProviders(<TokensPanel />);
    const readOnlyRow = (await screen.findByRole('cell', { name: 'agent' })).closest('tr')!;
    expect(within(readOnlyRow as HTMLElement).getByText('Read only')).toBeInTheDocument();
    const writeRow = screen.getByRole('cell', { name: 'CI export' }).closest('tr')!;
    expect(within(writeRow as HTMLElement).getByText('Read and write')).toBeInTheDocument();
  });

  it('shows MCP client configuration with the endpoint and the new token', async () => {
    await createToken(/^Read only$/);
    const dialog = await screen.findByRole('dialog', { name: 'Your new API token' });
    const url = `${window.location.origin}/mcp`;
    const claude = await within(dialog).findByTestId('mcp-snippet-claude-code');
    await vi.waitFor(() => expect(claude.textContent).toContain(url));
    expect(claude.textContent).toBe(`claude mcp add --transport http prism ${url} --header "Authorization: Bearer ${secret}"`);
    expect(within(dialog).getByRole('button', { name: 'Copy Claude Code command' })).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('tab', { name: 'JSON' }));
    const config = JSON.parse(within(dialog).getByTestId('mcp-snippet-json').textContent ?? '');
    expect(config).toEqual({ mcpServers: { prism: { url, headers: { Authorization: `Bearer ${secret}` } } } });
  });
});

describe('mcpSnippet', () => {
  it('puts the URL and token into each client’s configuration', () => {
    const url = 'https://prism.example.com/mcp';
    expect(mcpSnippet('claude-code', url, 'prism_pat_x')).toBe(
      'claude mcp add --transport http prism https://prism.example.com/mcp --header "Authorization: Bearer prism_pat_x"',
    );
    expect(JSON.parse(mcpSnippet('json', url, 'prism_pat_x'))).toEqual({
      mcpServers: { prism: { url, headers: { Authorization: 'Bearer prism_pat_x' } } },
    });
  });
});
