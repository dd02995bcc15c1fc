import { configure, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { controllableStream, installFakeFetch, json, problem, sse } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { generation } from '../test-fixtures';
import { RewriteSectionDialog } from './rewrite-section-dialog';

// Streams and lazy chunks can be slow on a loaded machine: wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

const providers = { default: 'template', items: [{ name: 'template', label: 'Template', is_ai: false, default_model: 'template-v1', models: [{ id: 'template-v1' }] }] };
const proposal = {
  section: 'Problem',
  original: 'Shops lose sales.\n',
  proposed: 'Shops lose 4% of sales each month.\n',
  base_version: 3,
};

function setup(applyResponse: () => Response, result: object = proposal) {
  const stream = controllableStream();
  let finished = false;
  const fake = installFakeFetch({
    'GET /api/v1/ai/providers': () => json(providers),
    'POST /api/v1/projects/p1/generations': () => json({ id: 'g2', status: 'queued', cached: false }, 202),
    'GET /api/v1/generations/g2': () =>
      json(
        finished
          ? generation({ id: 'g2', kind: 'section', status: 'succeeded', document_id: 'd1', output: proposal.proposed, result: result as never })
          : generation({ id: 'g2', kind: 'section', document_id: 'd1' }),
      ),
    'GET /api/v1/generations/g2/events': () => stream.response,
    'POST /api/v1/generations/g2/apply': applyResponse,
  });
  const finish = () => {
    finished = true;
    stream.push(sse(1, 'status', { status: 'running' }));
    stream.push(sse(2, 'delta', { text: proposal.proposed }));
    stream.push(sse(3, 'usage', { tokens_in: 50, tokens_out: 9, estimated: false, cost_usd: 0, cached: false }));
    stream.push(sse(4, 'done', { document_id: 'd1', version: 3 }));
  };
  return { fake, finish };
}

describe('RewriteSectionDialog', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('asks for an instruction, streams the proposal, shows the diff and applies it on Accept', async () => {
    const { fake, finish } = setup(() => json({ kind: 'section', document_id: 'd1', version: 4 }));
    const onApplied = vi.fn();
    renderWithProviders(
      <RewriteSectionDialog open onClose={() => undefined} projectId="p1" documentId="d1" sections={['Summary', 'Problem']} section="Problem" onApplied={onApplied} />,
    );
    expect(screen.getByLabelText(/Section/)).toHaveValue('Problem');
    await userEvent.click(screen.getByRole('button', { name: 'Propose rewrite' }));
    expect(screen.getByText('Say how the section should change.')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText(/Instruction/), 'Quantify it');
    await userEvent.click(screen.getByRole('button', { name: 'Propose rewrite' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/projects/p1/generations')).toHaveLength(1));
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')[0].body).toMatchObject({
      kind: 'section',
      input: { document_id: 'd1', section: 'Problem', instruction: 'Quantify it' },
      cache: true,
    });

    await waitFor(() => expect(fake.calls('GET', '/api/v1/generations/g2/events')).toHaveLength(1));
    finish();
    const changes = await screen.findByRole('list', { name: 'Changes' });
    expect(changes).toHaveTextContent('Removed: Shops lose sales.');
    expect(changes).toHaveTextContent('Added: Shops lose 4% of sales each month.');
    expect(screen.getByText('1 line added, 1 removed')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Accept rewrite' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/generations/g2/apply')).toHaveLength(1));
    expect(await screen.findByText('Accepted: the document is now at version 4.')).toBeInTheDocument();
    expect(onApplied).toHaveBeenCalledWith({ documentId: 'd1', version: 4 });
  });

  it('shows the note the server added to the proposal beside the diff', async () => {
    const note = 'The model also wrote other sections (Risks); they were left out, so only “Problem” changes.';
    const { fake, finish } = setup(() => json({ kind: 'section', document_id: 'd1', version: 4 }), { ...proposal, note });
    renderWithProviders(<RewriteSectionDialog open onClose={() => undefined} projectId="p1" documentId="d1" sections={['Problem']} />);
    await userEvent.type(screen.getByLabelText(/Instruction/), 'Quantify it');
    await userEvent.click(screen.getByRole('button', { name: 'Propose rewrite' }));
    await waitFor(() => expect(fake.calls('GET', '/api/v1/generations/g2/events')).toHaveLength(1));
    expect(screen.queryByRole('note')).toBeNull();
    finish();
    expect(await screen.findByRole('note', { name: 'About this proposal' })).toHaveTextContent(note);
    expect(screen.getByRole('list', { name: 'Changes' })).toBeInTheDocument();
  });

  it('explains a version conflict on Accept and does not report success', async () => {
    const { fake, finish } = setup(() => problem(412, { title: 'Version conflict', code: 'version_conflict', detail: 'the document changed since the proposal' }));
    const onApplied = vi.fn();
    renderWithProviders(<RewriteSectionDialog open onClose={() => undefined} projectId="p1" documentId="d1" sections={['Problem']} onApplied={onApplied} />);
    await userEvent.type(screen.getByLabelText(/Instruction/), 'Shorter');
    await userEvent.click(screen.getByRole('button', { name: 'Propose rewrite' }));
    await waitFor(() => expect(fake.calls('GET', '/api/v1/generations/g2/events')).toHaveLength(1));
    finish();
    await userEvent.click(await screen.findByRole('button', { name: 'Accept rewrite' }));
    expect(await screen.findByText('The document changed since this proposal')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept rewrite' })).toBeDisabled();
    expect(onApplied).not.toHaveBeenCalled();
  });
});
