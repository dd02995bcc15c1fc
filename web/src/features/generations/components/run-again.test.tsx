import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { Generation } from '../api/generations-api';
import { RunAgain } from './run-again';

const input = { product_name: 'Acme', description: 'A tool' };
const generation = (extra: Partial<Generation> = {}) =>
  ({ id: 'g1', kind: 'prd', status: 'succeeded', project_id: 'p1', input, template: 'lean', provider: 'openai', model: 'gpt-4o-mini', ...extra }) as unknown as Generation;

describe('running a generation again', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('regenerates the same request past the cache and opens the new generation', async () => {
    const fake = installFakeFetch({
      'POST /api/v1/projects/p1/generations': () => json({ id: 'g2', status: 'queued', cached: false }, 202),
    });
    renderWithProviders(
      <Routes>
        <Route path="/" element={<RunAgain generation={generation()} canRun />} />
        <Route path="/generations/:id" element={<p>new generation</p>} />
      </Routes>,
    );
    expect(screen.getByRole('link', { name: 'Edit brief and run again' })).toHaveAttribute('href', '/projects/p1/new?from=g1');
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(await screen.findByText('new generation')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')[0].body).toEqual({
      kind: 'prd',
      input,
      template: 'lean',
      provider: 'openai',
      model: 'gpt-4o-mini',
      cache: false,
    });
  });

  it('offers nothing while running or to a viewer, and no brief to edit for stories', () => {
    installFakeFetch({});
    const { unmount } = renderWithProviders(<RunAgain generation={generation({ status: 'running' })} canRun />);
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    const viewer = renderWithProviders(<RunAgain generation={generation()} canRun={false} />);
    expect(screen.queryByRole('button')).toBeNull();
    viewer.unmount();
    renderWithProviders(<RunAgain generation={generation({ kind: 'stories' })} canRun />);
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit brief and run again' })).toBeNull();
  });
});
