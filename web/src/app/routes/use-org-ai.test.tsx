import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { GenerateStoriesButton, RewriteSectionButton } from '@/features/generations';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { useOrgAi } from './use-org-ai';
import { signedInTo } from '@/test/session';

configure({ asyncUtilTimeout: 5000 });

// The document page's AI actions, composed the way document-page.tsx does.
function Actions() {
  const ai = useOrgAi('o1');
  return (
    <>
      <GenerateStoriesButton projectId="p1" documentId="d1" ai={ai} />
      <RewriteSectionButton projectId="p1" documentId="d1" section="Problem" sections={['Problem']} ai={ai} />
    </>
  );
}

// GET /orgs/o1/ai-settings of an organization on the server's offline template.
const aiSettings = (canEdit: boolean) => ({
  own: false,
  provider: null,
  model: null,
  base_url: null,
  key_set: false,
  key_hint: null,
  updated_at: null,
  updated_by: null,
  can_edit: canEdit,
  effective: { provider: 'template', label: 'Template', model: 'template-v1', is_ai: false, source: 'server' },
});
const members = {
  items: [
    { user_id: 'u1', name: 'Ada', role: 'member' },
    { user_id: 'u2', name: 'Grace Hopper', role: 'admin' },
    { user_id: 'u3', name: 'Alan Turing', role: 'owner' },
  ],
  next_cursor: null,
};
const onlyTemplate = { default: 'template', items: [{ name: 'template', label: 'Template', is_ai: false, default_model: 'template-v1', models: [], default: true }] };

function setup(settings: object | null) {
  const fake = installFakeFetch({
    'GET /api/v1/ai/providers': () => json(onlyTemplate),
    'GET /api/v1/orgs/o1/members': () => json(members),
    ...(settings ? { 'GET /api/v1/orgs/o1/ai-settings': () => json(settings) } : {}),
  });
  renderWithProviders(<Actions />);
  return fake;
}

async function openStories() {
  await userEvent.click(screen.getByRole('button', { name: 'Generate stories' }));
  return screen.findByRole('dialog', { name: 'Generate user stories' });
}

describe('offline explanations on the document page', () => {
  signedInTo('o1');

  // The signed-in user is a plain member of o1 either way: the settings' can_edit is what decides.
  it('administrators are sent to the AI provider settings', async () => {
    const fake = setup(aiSettings(true));
    await vi.waitFor(() => expect(fake.calls('GET', '/api/v1/orgs/o1/ai-settings')).toHaveLength(1));
    const dialog = await openStories();
    const link = await within(dialog).findByRole('link', { name: 'Connect an AI provider' });
    expect(link).toHaveAttribute('href', '/org/ai');
    expect(fake.calls('GET', '/api/v1/orgs/o1/members')).toHaveLength(0);
  });

  it('members are told which administrators to ask, by name', async () => {
    const fake = setup(aiSettings(false));
    await vi.waitFor(() => expect(fake.calls('GET', '/api/v1/orgs/o1/ai-settings')).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Rewrite with AI: Problem' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rewrite a section with AI' });
    expect(await within(dialog).findByText('Alan Turing and Grace Hopper')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Ask one of the organization’s administrators to connect an AI provider: Alan Turing and Grace Hopper.');
    expect(within(dialog).queryByRole('link', { name: 'Connect an AI provider' })).toBeNull();
    // Each organization's settings are read once, whatever asks for them.
    expect(fake.calls('GET', '/api/v1/orgs/o1/ai-settings')).toHaveLength(1);
  });

  it('claims nothing when the server cannot say what the organization uses', async () => {
    const fake = setup(null);
    await vi.waitFor(() => expect(fake.calls('GET', '/api/v1/orgs/o1/ai-settings')).toHaveLength(1));
    const dialog = await openStories();
    expect(await within(dialog).findByLabelText('Number of stories')).toBeInTheDocument();
    expect(within(dialog).queryByTestId('needs-ai')).toBeNull();
  });
});
