import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { OrgAi } from '../org-ai';
import { GenerateStoriesPanel } from './generate-stories-panel';
import { NewPrdForm } from './new-prd-form';
import { RewriteSectionDialog } from './rewrite-section-dialog';
import { signedInTo } from '@/test/session';

configure({ asyncUtilTimeout: 5000 });

const template = { name: 'template', label: 'Template', is_ai: false, default_model: 'template-v1', models: [{ id: 'template-v1' }], default: true };
const openai = { name: 'openai', label: 'OpenAI', is_ai: true, default_model: 'gpt-4o-mini', models: [{ id: 'gpt-4o-mini' }], default: false };
const onlyTemplate = { default: 'template', items: [template] };
const withOpenAi = { default: 'template', items: [template, openai] };

const offline: OrgAi = { label: 'Template', model: 'template-v1', isAi: false, source: 'server', contact: <p>Ask Grace Hopper.</p> };
const ownServer: OrgAi = { label: 'OpenAI-compatible server', model: 'llama3.1:8b', isAi: true, source: 'organization' };

function fakeServer(providers: object) {
  return installFakeFetch({
    'GET /api/v1/ai/providers': () => json(providers),
    'GET /api/v1/orgs/o1/templates': () => json({ items: [], next_cursor: null }),
    'POST /api/v1/projects/p1/generations': () => json({ id: 'g1', status: 'queued', cached: false }, 202),
  });
}

describe('AI actions when the organization’s default is not AI', () => {
  signedInTo('o1');

  it('stories: explains that an AI provider is needed and who can connect one, and offers no form', async () => {
    const fake = fakeServer(onlyTemplate);
    renderWithProviders(<GenerateStoriesPanel projectId="p1" documentId="d1" ai={offline} />);
    const notice = await screen.findByTestId('needs-ai');
    expect(within(notice).getByText('Generating stories needs an AI provider')).toBeInTheDocument();
    expect(notice).toHaveTextContent('the offline template, which is not AI');
    expect(notice).toHaveTextContent('Ask Grace Hopper.');
    expect(screen.queryByLabelText('Number of stories')).toBeNull();
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')).toHaveLength(0);
  });

  it('rewrite: with nothing but the template, the dialog only explains', async () => {
    fakeServer(onlyTemplate);
    renderWithProviders(<RewriteSectionDialog open onClose={() => undefined} projectId="p1" documentId="d1" sections={['Problem']} ai={offline} />);
    const notice = await screen.findByTestId('needs-ai');
    expect(notice).toHaveTextContent('Rewriting a section needs an AI provider');
    expect(notice).toHaveTextContent('it does not rewrite text');
    expect(screen.queryByRole('button', { name: 'Propose rewrite' })).toBeNull();
  });

  it('rewrite: an AI provider the server offers is named instead of the template, and said so', async () => {
    const fake = fakeServer(withOpenAi);
    renderWithProviders(<RewriteSectionDialog open onClose={() => undefined} projectId="p1" documentId="d1" sections={['Problem']} ai={offline} />);
    expect(await screen.findByText('The server also offers OpenAI, chosen below for this request.')).toBeInTheDocument();
    expect(screen.getByLabelText('Provider')).toHaveValue('openai');
    await userEvent.type(screen.getByLabelText(/Instruction/), 'Shorter');
    await userEvent.click(screen.getByRole('button', { name: 'Propose rewrite' }));
    await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/projects/p1/generations')).toHaveLength(1));
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')[0].body).toMatchObject({ kind: 'section', provider: 'openai' });
  });

  it('PRD: drafting with the template stays available, labelled as the offline template (not AI)', async () => {
    fakeServer(onlyTemplate);
    renderWithProviders(<NewPrdForm projectId="p1" onStarted={() => undefined} ai={offline} />);
    const note = await screen.findByTestId('offline-template-note');
    expect(note).toHaveTextContent('No AI provider: drafts come from the offline template (not AI)');
    expect(note).toHaveTextContent('Ask Grace Hopper.');
    expect(await screen.findByRole('button', { name: 'Generate PRD with the offline template (not AI)' })).toBeEnabled();
  });

  it('PRD: when the server offers an AI provider, the note points to it and goes once it is chosen', async () => {
    fakeServer(withOpenAi);
    renderWithProviders(<NewPrdForm projectId="p1" onStarted={() => undefined} ai={offline} />);
    const note = await screen.findByTestId('offline-template-note');
    expect(note).toHaveTextContent('This draft comes from the offline template (not AI)');
    expect(note).toHaveTextContent('For an AI draft, choose OpenAI under Provider.');
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'openai');
    expect(screen.queryByTestId('offline-template-note')).toBeNull();
    expect(screen.getByRole('button', { name: 'Generate PRD' })).toBeEnabled();
  });

  it('an organization’s own provider is the default choice and no provider is named for it', async () => {
    const fake = fakeServer(withOpenAi);
    renderWithProviders(<GenerateStoriesPanel projectId="p1" documentId="d1" ai={ownServer} />);
    const provider = await screen.findByLabelText('Provider');
    await vi.waitFor(() => expect(provider).not.toBeDisabled());
    expect(provider).toHaveValue('');
    expect(within(provider).getByRole('option', { selected: true })).toHaveTextContent('OpenAI-compatible server — organization default');
    expect(within(provider).getByRole('option', { name: 'Template (offline, not AI)' })).toBeInTheDocument();
    expect(screen.getByLabelText('Model')).toHaveDisplayValue('llama3.1:8b');
    expect(screen.queryByTestId('needs-ai')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Generate stories' }));
    await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/projects/p1/generations')).toHaveLength(1));
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')[0].body).not.toHaveProperty('provider');
  });
});
