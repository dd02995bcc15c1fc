import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { Generation } from '../api/generations-api';
import { SavePartialDraft } from './save-partial-draft';

const generation = (extra: Partial<Generation> = {}) =>
  ({ id: 'g1', kind: 'prd', status: 'cancelled', project_id: 'p1', output: '# Acme\n\nHalf a PRD', applied_at: null, ...extra }) as Generation;

describe('saving a stopped PRD as a draft', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('saves what was written and opens the new draft', async () => {
    const fake = installFakeFetch({
      'POST /api/v1/generations/g1/apply': () => json({ kind: 'prd', document_id: 'd9', version: 1 }),
    });
    renderWithProviders(
      <Routes>
        <Route path="/" element={<SavePartialDraft generation={generation()} canSave />} />
        <Route path="*" element={<p>moved</p>} />
      </Routes>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save what was written as a draft' }));
    await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/generations/g1/apply')).toHaveLength(1));
    expect(await screen.findByText('moved')).toBeInTheDocument();
  });

  it('offers nothing when there is nothing to keep, it succeeded, was saved, or the role cannot', () => {
    installFakeFetch({});
    for (const g of [generation({ output: '  ' }), generation({ status: 'succeeded' }), generation({ kind: 'stories' }), generation({ applied_at: '2026-01-01T00:00:00Z' })]) {
      const { unmount } = renderWithProviders(<SavePartialDraft generation={g} canSave />);
      expect(screen.queryByRole('button')).toBeNull();
      unmount();
    }
    renderWithProviders(<SavePartialDraft generation={generation()} canSave={false} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
