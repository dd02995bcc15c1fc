import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { SharedDocumentView } from './shared-document-view';

function stubShared(status: number, body: unknown) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/config.json')) return new Response('{"apiBaseUrl":""}', { headers: { 'Content-Type': 'application/json' } });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status === 200 ? 'application/json' : 'application/problem+json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('SharedDocumentView (signed out)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renders the shared document read-only, without sending credentials', async () => {
    const fetchMock = stubShared(200, {
      title: 'Checkout PRD',
      content: '## Problem\n\nUsers abandon checkout.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))',
      version: 4,
      updated_at: '2026-11-25T18:00:00Z',
      expires_at: '2026-12-02T18:00:00Z',
    });
    renderWithProviders(<SharedDocumentView token="tok/1" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout PRD' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Problem' })).toBeInTheDocument();
    expect(screen.getByText('Users abandon checkout.')).toBeInTheDocument();
    expect(screen.getByText(/Version 4/)).toBeInTheDocument();
    // Raw HTML and javascript: links never render.
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('bad').closest('a')?.getAttribute('href') ?? null).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    const call = fetchMock.mock.calls.find(([u]) => String(u).includes('/api/v1/shared/'));
    expect(String(call?.[0])).toBe('/api/v1/shared/tok%2F1');
    expect(new Headers(call?.[1]?.headers).get('Authorization')).toBeNull();
  });

  it('says an expired link has expired (410)', async () => {
    stubShared(410, { status: 410, title: 'Gone', code: 'share_expired' });
    renderWithProviders(<SharedDocumentView token="old" />);
    expect(await screen.findByRole('heading', { name: 'This share link has expired' })).toBeInTheDocument();
  });

  it('says a revoked or unknown link does not work (404)', async () => {
    stubShared(404, { status: 404, title: 'Not found', code: 'not_found' });
    renderWithProviders(<SharedDocumentView token="nope" />);
    expect(await screen.findByRole('heading', { name: 'This share link does not work' })).toBeInTheDocument();
    expect(screen.getByText(/revoked/)).toBeInTheDocument();
  });
});
