import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { renderWithProviders } from '@/test/render';
import type { LoadedDocument } from '../api/documents-api';
import { StatusActions } from './status-actions';

const loaded = (status: 'draft' | 'in_review' | 'approved' | 'archived'): LoadedDocument => ({
  etag: '"5"',
  doc: { id: 'd1', org_id: 'o1', project_id: 'p1', title: 'PRD', status, version: 5 },
});

function stubPatch(respond: (ifMatch: string | null, body: { status: string }) => Response) {
  const patches: { ifMatch: string | null; body: { status: string } }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/config.json')) return new Response('{"apiBaseUrl":""}', { headers: { 'Content-Type': 'application/json' } });
      if (url.endsWith('/api/v1/documents/d1') && init?.method === 'PATCH') {
        const entry = { ifMatch: new Headers(init.headers).get('If-Match'), body: JSON.parse(String(init.body)) as { status: string } };
        patches.push(entry);
        return respond(entry.ifMatch, entry.body);
      }
      return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }),
  );
  return patches;
}

describe('StatusActions', () => {
  beforeEach(() => tokenStore.set('access-token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it.each([
    ['draft', ['Submit for review']],
    ['in_review', ['Approve', 'Back to draft']],
    ['approved', ['Archive', 'Back to draft']],
    ['archived', ['Reopen as draft']],
  ] as const)('offers only the workflow steps allowed from %s', (status, labels) => {
    stubPatch(() => new Response('{}'));
    renderWithProviders(<StatusActions loaded={loaded(status)} onStale={() => undefined} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(labels);
  });

  it('sends the status with If-Match', async () => {
    const patches = stubPatch(
      (_m, body) =>
        new Response(JSON.stringify({ ...loaded('in_review').doc, status: body.status }), {
          headers: { 'Content-Type': 'application/json', ETag: '"5"' },
        }),
    );
    renderWithProviders(<StatusActions loaded={loaded('in_review')} onStale={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({ ifMatch: '"5"', body: { status: 'approved' } });
  });

  it('reloads and explains when the document changed meanwhile (412)', async () => {
    stubPatch(
      () =>
        new Response(JSON.stringify({ status: 412, title: 'Version conflict', code: 'version_conflict' }), {
          status: 412,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const onStale = vi.fn();
    renderWithProviders(<StatusActions loaded={loaded('draft')} onStale={onStale} />);
    await userEvent.click(screen.getByRole('button', { name: 'Submit for review' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The document changed meanwhile; it was reloaded. Try again.');
    expect(onStale).toHaveBeenCalledTimes(1);
  });
});

describe('StatusActions when approval goes through reviews', () => {
  beforeEach(() => tokenStore.set('access-token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('offers no Approve while the organization requires reviewers’ approvals', () => {
    stubPatch(() => new Response('{}'));
    renderWithProviders(<StatusActions loaded={loaded('in_review')} onStale={() => undefined} approvalThroughReviews />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Back to draft']);
  });

  it('says the server’s 409 approval_required as a sentence', async () => {
    stubPatch(
      () =>
        new Response(
          JSON.stringify({
            status: 409,
            title: 'Conflict',
            code: 'approval_required',
            detail: 'a document is approved by its reviewers: request a review, and it becomes approved once enough reviewers approve it',
          }),
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    renderWithProviders(<StatusActions loaded={loaded('in_review')} onStale={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^A document is approved by its reviewers: request a review, and it becomes approved once enough reviewers approve it\.$/,
    );
  });
});
