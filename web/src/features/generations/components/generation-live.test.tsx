import { configure, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { controllableStream, installFakeFetch, json, sse } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { generation } from '../test-fixtures';
import { GenerationLive } from './generation-live';

// Streams and lazy chunks can be slow on a loaded machine: wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

describe('GenerationLive', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('streams text, shows usage, reconnects with Last-Event-ID after a drop, and links the document when done', async () => {
    const first = controllableStream();
    const second = controllableStream();
    let gets = 0;
    const fake = installFakeFetch({
      'GET /api/v1/generations/g1': () => {
        gets += 1;
        return json(
          gets === 1
            ? generation()
            : generation({ status: 'succeeded', output: 'Hello world!', tokens_in: 1200, tokens_out: 345, cost_usd: 0.0123, document_id: 'd1', document_version: 1, finished_at: new Date().toISOString() }),
        );
      },
      'GET /api/v1/generations/g1/events': (req) => (req.headers.get('Last-Event-ID') ? second.response : first.response),
    });

    renderWithProviders(<GenerationLive generationId="g1" retryDelayMs={1} />);
    expect(await screen.findByText('Waiting for the first words…')).toBeInTheDocument();
    await waitFor(() => expect(fake.calls('GET', '/api/v1/generations/g1/events')).toHaveLength(1));
    expect(fake.calls('GET', '/api/v1/generations/g1/events')[0].headers.get('Last-Event-ID')).toBeNull();

    first.push(sse(1, 'status', { status: 'running', cached: false }));
    first.push(sse(2, 'delta', { text: 'Hello ' }));
    expect(await screen.findByText('Hello')).toBeInTheDocument();
    first.push(sse(3, 'delta', { text: 'world' }));
    expect(await screen.findByText('Hello world')).toBeInTheDocument();
    expect(screen.getByTestId('generation-status')).toHaveTextContent('Running');
    expect(screen.getByRole('button', { name: 'Cancel generation' })).toBeInTheDocument();

    // The connection drops: the client resumes after the last event it saw.
    first.drop();
    await waitFor(() => expect(fake.calls('GET', '/api/v1/generations/g1/events')).toHaveLength(2));
    expect(fake.calls('GET', '/api/v1/generations/g1/events')[1].headers.get('Last-Event-ID')).toBe('3');

    second.push(sse(4, 'delta', { text: '!' }));
    expect(await screen.findByText('Hello world!')).toBeInTheDocument();
    second.push(sse(5, 'usage', { tokens_in: 1200, tokens_out: 345, estimated: false, cost_usd: 0.0123, cached: false }));
    await waitFor(() => expect(screen.getByTestId('generation-tokens')).toHaveTextContent(/1,200 in · 345 out/));
    second.push(sse(6, 'status', { status: 'succeeded' }));
    second.push(sse(7, 'done', { document_id: 'd1', version: 1 }));

    const link = await screen.findByRole('link', { name: 'Open the document' });
    expect(link).toHaveAttribute('href', '/documents/d1');
    expect(screen.getByText('The document is saved (version 1).')).toBeInTheDocument();
    expect(screen.getByTestId('generation-status')).toHaveTextContent('Succeeded');
    expect(screen.queryByRole('button', { name: 'Cancel generation' })).not.toBeInTheDocument();
    // The text was streamed once: nothing was duplicated by the resume.
    expect(screen.getByTestId('generation-output')).toHaveTextContent(/^Hello world!$/);
  });

  it('shows a finished generation from its stored output without opening the stream', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/generations/g1': () =>
        json(generation({ status: 'succeeded', output: '## Summary\n\nStored text', tokens_in: 10, tokens_out: 20, cached: true, document_id: 'd9', document_version: 3, finished_at: new Date().toISOString() })),
    });
    renderWithProviders(<GenerationLive generationId="g1" />);
    expect(await screen.findByRole('heading', { name: 'Summary' })).toBeInTheDocument();
    expect(screen.getByText('Stored text')).toBeInTheDocument();
    expect(screen.getByTestId('generation-tokens')).toHaveTextContent('10 in · 20 out');
    expect(within(screen.getByTestId('generation-status')).getByText('Cached')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the document' })).toHaveAttribute('href', '/documents/d9');
    expect(fake.calls('GET', '/api/v1/generations/g1/events')).toHaveLength(0);
  });

  it('turns an error event into a readable message and cancels through the API', async () => {
    const stream = controllableStream();
    let cancelled = false;
    const fake = installFakeFetch({
      'GET /api/v1/generations/g1': () => json(cancelled ? generation({ status: 'failed', error: { code: 'provider_error', message: 'the provider refused the request' } }) : generation()),
      'GET /api/v1/generations/g1/events': () => stream.response,
      'POST /api/v1/generations/g1/cancel': () => {
        cancelled = true;
        return json(generation({ status: 'running' }));
      },
    });
    renderWithProviders(<GenerationLive generationId="g1" retryDelayMs={1} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel generation' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/generations/g1/cancel')).toHaveLength(1));

    stream.push(sse(1, 'delta', { text: 'Partial' }));
    stream.push(sse(2, 'error', { code: 'provider_error', message: 'the provider refused the request' }));
    const alert = await screen.findByText('The provider refused the request.');
    expect(alert.closest('[role="alert"]')).toHaveTextContent('The generation failed');
    expect(screen.getByText('Partial')).toBeInTheDocument();
  });

  it('lets a member accept the stories of a finished stories generation from its page', async () => {
    const stories = [
      { title: 'Pay by QR', as_a: 'shopper', i_want: 'to scan', so_that: 'I pay fast', acceptance_criteria: ['Given a QR, when scanned, then paid'], points: 3, priority: 'high', requirement_ref: 'FR-1' },
    ];
    const fake = installFakeFetch({
      'GET /api/v1/generations/g1': () =>
        json(generation({ kind: 'stories', status: 'succeeded', document_id: 'd1', output: JSON.stringify({ stories }), result: { stories } as never, finished_at: new Date().toISOString() })),
      'POST /api/v1/generations/g1/apply': () => json({ kind: 'stories', document_id: 'd1', stories: [{ id: 's1', title: 'Pay by QR' }] }),
    });
    localStorage.setItem('prism.currentOrg', 'o1');
    renderWithProviders(<GenerationLive generationId="g1" />);
    const list = await screen.findByRole('list', { name: 'Proposed stories' });
    expect(within(list).getByRole('heading', { name: 'Pay by QR' })).toBeInTheDocument();
    expect(within(list).getByText('Given a QR, when scanned, then paid')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Accept 1 story into the backlog' }));
    expect(await screen.findByText('These stories have been added to the backlog.')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/generations/g1/apply')).toHaveLength(1);
  });

  it('shows on the page of a stories generation how its stories and the backlog cover the requirements', async () => {
    const stories = [
      { title: 'Pay by QR', as_a: 'shopper', i_want: 'to scan', so_that: 'I pay fast', acceptance_criteria: [], points: 3, priority: 'high', requirement_ref: 'FR-1' },
    ];
    const coverage = {
      functional_requirements: 3,
      covered_by_backlog: 1,
      covered_by_proposals: 1,
      uncovered: [{ id: 'FR-3', text: 'Shop owners see the day’s takings.', section: 'Functional Requirements' }],
    };
    installFakeFetch({
      'GET /api/v1/generations/g1': () =>
        json(generation({ kind: 'stories', status: 'succeeded', document_id: 'd1', output: JSON.stringify({ stories }), result: { stories, coverage } as never, finished_at: new Date().toISOString() })),
    });
    localStorage.setItem('prism.currentOrg', 'o1');
    renderWithProviders(<GenerationLive generationId="g1" />);
    const summary = await screen.findByRole('region', { name: 'Coverage of the functional requirements' });
    expect(summary).toHaveTextContent('These stories and the backlog cover 2 of 3 functional requirements');
    const gaps = within(summary).getByRole('list', { name: 'No story covers:' });
    expect(within(gaps).getByRole('listitem')).toHaveTextContent('FR-3 — Shop owners see the day’s takings.');
  });

  it('says when a stories generation could not measure coverage, and shows a rewrite’s note with its diff', async () => {
    const stories = [
      { title: 'Pay by QR', as_a: 'shopper', i_want: 'to scan', so_that: 'I pay fast', acceptance_criteria: [], points: 3, priority: 'high', requirement_ref: null },
    ];
    const none = { functional_requirements: 0, covered_by_backlog: 0, covered_by_proposals: 0, uncovered: [] };
    installFakeFetch({
      'GET /api/v1/generations/g1': () =>
        json(generation({ kind: 'stories', status: 'succeeded', document_id: 'd1', result: { stories, coverage: none } as never, finished_at: new Date().toISOString() })),
      'GET /api/v1/generations/g2': () =>
        json(
          generation({
            id: 'g2',
            kind: 'section',
            status: 'succeeded',
            document_id: 'd1',
            result: { section: 'Goals', original: 'Sell more.\n', proposed: 'Sell 10% more.\n', base_version: 2, note: 'The model also wrote other sections (Risks); they were left out, so only “Goals” changes.' } as never,
            finished_at: new Date().toISOString(),
          }),
        ),
    });
    const stored = renderWithProviders(<GenerationLive generationId="g1" />);
    await screen.findByRole('list', { name: 'Proposed stories' });
    expect(screen.queryByRole('region', { name: 'Coverage of the functional requirements' })).toBeNull();
    expect(screen.getByText(/This document has no numbered functional requirements/)).toBeInTheDocument();
    stored.unmount();

    renderWithProviders(<GenerationLive generationId="g2" />);
    expect(await screen.findByRole('note', { name: 'About this proposal' })).toHaveTextContent('The model also wrote other sections (Risks); they were left out, so only “Goals” changes.');
    expect(await screen.findByRole('list', { name: 'Changes' })).toHaveTextContent('Added: Sell 10% more.');
  });
});
