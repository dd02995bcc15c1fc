import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json, problem, testMe } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { TemplatesPanel } from './templates-panel';
import { signedInTo } from '@/test/session';

configure({ asyncUtilTimeout: 5000 });

const meAs = (role: string) => ({ ...testMe, memberships: [{ org_id: 'o1', org_name: 'Acme', role }] });

const lean = {
  id: 'lean',
  name: 'lean',
  label: 'Lean',
  description: 'A short PRD for small changes.',
  version: 1,
  builtin: true,
  org_id: null,
  created_at: null,
  updated_at: null,
  sections: [
    { title: 'Problem', guidance: 'Who has it and what it costs them.', required: true },
    { title: 'Open Questions', guidance: '', required: false },
  ],
};
const discovery = {
  ...lean,
  id: 't1',
  name: 'Discovery',
  label: 'Discovery',
  description: 'For early ideas.',
  builtin: false,
  org_id: 'o1',
  version: 3,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-02T00:00:00.000Z',
  sections: [
    { title: 'Problem', guidance: 'Evidence first.', required: true },
    { title: 'Bets', guidance: 'What we try.', required: true },
  ],
};

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

// As the organization settings mount it: at /org/templates/*.
const renderPanel = (route = '/org/templates') =>
  renderWithProviders(
    <>
      <Routes>
        <Route path="org/templates/*" element={<TemplatesPanel />} />
      </Routes>
      <Where />
    </>,
    { route },
  );

function server(role: string, extra: Parameters<typeof installFakeFetch>[0] = {}) {
  return installFakeFetch({
    'GET /api/v1/auth/me': () => json(meAs(role)),
    'GET /api/v1/orgs/o1/templates': () => json({ items: [lean, discovery], next_cursor: null }),
    'GET /api/v1/templates/t1': () => json(discovery),
    'GET /api/v1/templates/lean': () => json(lean),
    ...extra,
  });
}

describe('Templates in the organization settings', () => {
  signedInTo('o1');

  it('a member sees built-in and organization templates and previews one, without controls to change them', async () => {
    server('member');
    renderPanel();
    const builtin = await screen.findByRole('region', { name: 'Built-in templates' });
    expect(within(builtin).getByRole('heading', { name: 'Lean' })).toBeInTheDocument();
    const own = screen.getByRole('region', { name: 'Your organization’s templates' });
    expect(within(own).getByRole('heading', { name: 'Discovery' })).toBeInTheDocument();
    expect(screen.getByText(/Admins and owners create and change/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New template' })).toBeNull();
    expect(screen.queryByRole('link', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();

    await userEvent.click(within(builtin).getByRole('button', { name: 'Preview Lean' }));
    const dialog = screen.getByRole('dialog', { name: 'Template: Lean' });
    const sections = within(dialog).getByRole('list', { name: 'Sections of Lean' });
    expect(within(sections).getAllByRole('heading').map((h) => h.textContent)).toEqual(['Problem', 'Open Questions']);
    expect(within(sections).getByText('Who has it and what it costs them.')).toBeInTheDocument();
    expect(within(sections).getByText('Optional')).toBeInTheDocument();
  });

  it('an admin creates a template: sentences for what is wrong, sections reordered, then the request', async () => {
    const fake = server('admin', {
      'POST /api/v1/orgs/o1/templates': (req) => json({ ...discovery, id: 't2', name: (req.body as { name: string }).name, version: 1 }, 201),
    });
    renderPanel();
    await userEvent.click(await screen.findByRole('link', { name: 'New template' }));
    await screen.findByRole('heading', { name: 'New template' });

    // Nothing filled in, and a name a built-in has.
    await userEvent.click(screen.getByRole('button', { name: 'Create template' }));
    let summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('2 things to fix before saving');
    expect(summary).toHaveTextContent('Give the template a name.');
    expect(summary).toHaveTextContent('Section 1 needs a title.');
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription(/Give the template a name\./);
    // A link in the summary takes the focus to its field.
    await userEvent.click(within(summary).getByRole('link', { name: 'Section 1 needs a title.' }));
    expect(screen.getAllByRole('textbox', { name: /^Title/ })[0]).toHaveFocus();
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'LEAN');
    await userEvent.click(screen.getByRole('button', { name: 'Create template' }));
    summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('A template named “LEAN” already exists. Choose another name.');
    expect(fake.calls('POST', '/api/v1/orgs/o1/templates')).toHaveLength(0);

    const name = screen.getByRole('textbox', { name: /^Name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Experiment');
    await userEvent.type(screen.getAllByRole('textbox', { name: /^Title/ })[0], 'Hypothesis');
    await userEvent.click(screen.getByRole('button', { name: 'Add section' }));
    // The new section's title has the focus.
    await userEvent.keyboard('Results');
    await userEvent.type(screen.getAllByRole('textbox', { name: /^Guidance/ })[1], 'What we measured.');
    await userEvent.click(screen.getAllByRole('checkbox', { name: /Required/ })[1]);
    await userEvent.click(screen.getByRole('button', { name: 'Move up: section 2 (Results)' }));
    // The moved section's button keeps the focus (now disabled at the top: its Move down has it).
    expect(screen.getByRole('button', { name: 'Move down: section 1 (Results)' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Create template' }));

    await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/orgs/o1/templates')).toHaveLength(1));
    expect(fake.calls('POST', '/api/v1/orgs/o1/templates')[0].body).toEqual({
      name: 'Experiment',
      description: '',
      sections: [
        { title: 'Results', guidance: 'What we measured.', required: false },
        { title: 'Hypothesis', guidance: '', required: true },
      ],
    });
    await vi.waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent(/^\/org\/templates$/));
  });

  it('the server’s refusal shows as sentences on the fields it names', async () => {
    server('admin', {
      'PATCH /api/v1/templates/t1': () =>
        problem(422, { title: 'Validation failed', code: 'validation_failed', errors: [{ field: 'sections[1].title', message: 'must be one line' }] }),
    });
    renderPanel('/org/templates/t1');
    await screen.findByRole('heading', { name: 'Edit “Discovery”' });
    await userEvent.click(screen.getByRole('button', { name: 'Save template' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Section 2’s title must be one line.');
    expect(screen.getAllByRole('textbox', { name: /^Title/ })[1]).toHaveAccessibleDescription(/Section 2’s title must be one line\.$/);
  });

  it('an admin edits and deletes an organization template; built-ins offer a copy instead', async () => {
    const fake = server('admin', {
      'PATCH /api/v1/templates/t1': (req) => json({ ...discovery, ...(req.body as object), version: 4 }),
      'DELETE /api/v1/templates/t1': () => new Response(null, { status: 204 }),
    });
    renderPanel();
    const builtin = await screen.findByRole('region', { name: 'Built-in templates' });
    expect(within(builtin).queryByRole('link', { name: /^Edit/ })).toBeNull();
    expect(within(builtin).getByRole('link', { name: 'Copy Lean as a new template' })).toHaveAttribute('href', '/org/templates/new?from=lean');

    await userEvent.click(screen.getByRole('link', { name: 'Edit Discovery' }));
    const description = await screen.findByRole('textbox', { name: /^Description/ });
    await userEvent.clear(description);
    await userEvent.type(description, 'For ideas we have not tested.');
    await userEvent.click(screen.getByRole('button', { name: 'Remove section 1 (Problem)' }));
    expect(screen.getByRole('button', { name: 'Add section' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Save template' }));
    await vi.waitFor(() => expect(fake.calls('PATCH', '/api/v1/templates/t1')).toHaveLength(1));
    expect(fake.calls('PATCH', '/api/v1/templates/t1')[0].body).toEqual({
      name: 'Discovery',
      description: 'For ideas we have not tested.',
      sections: [{ title: 'Bets', guidance: 'What we try.', required: true }],
    });
    // The change names the version it was made to.
    expect(fake.calls('PATCH', '/api/v1/templates/t1')[0].headers.get('If-Match')).toBe('"3"');

    await screen.findByRole('region', { name: 'Your organization’s templates' });
    await userEvent.click(screen.getByRole('button', { name: 'Delete Discovery' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete the template “Discovery”?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete template' }));
    await vi.waitFor(() => expect(fake.calls('DELETE', '/api/v1/templates/t1')).toHaveLength(1));
  });

  it('a change someone else overtook is not saved: the page says so and reloads the newer version', async () => {
    let current = discovery;
    const fake = server('admin', {
      'GET /api/v1/templates/t1': () => json(current),
      'PATCH /api/v1/templates/t1': () =>
        problem(412, { title: 'Version conflict', code: 'version_conflict', detail: 'you edited version 3 but the template is at version 4 now' }),
    });
    renderPanel('/org/templates/t1');
    const description = await screen.findByRole('textbox', { name: /^Description/ });
    await userEvent.clear(description);
    await userEvent.type(description, 'Mine');
    current = { ...discovery, version: 4, description: 'Theirs' };
    await userEvent.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else saved this template while you were editing it, so your changes were not saved.');
    // The edits stay in the form until the person chooses to reload.
    expect(screen.getByRole('textbox', { name: /^Description/ })).toHaveValue('Mine');
    expect(screen.getByText('/org/templates/t1', { selector: '[data-testid="where"]' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload the template' }));
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: /^Description/ })).toHaveValue('Theirs'));
    expect(screen.getByText(/^Version 4\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reload the template' })).toBeNull();
    expect(fake.calls('PATCH', '/api/v1/templates/t1')).toHaveLength(1);
  });

  it('the form counts every text field and refuses an over-long one without cutting it', async () => {
    const fake = server('admin', { 'POST /api/v1/orgs/o1/templates': () => json(discovery, 201) });
    renderPanel('/org/templates/new');
    const name = await screen.findByRole('textbox', { name: /^Name/ });
    await userEvent.click(name);
    await userEvent.paste('n'.repeat(104));
    expect(name).toHaveValue('n'.repeat(104));
    expect(name).toHaveAccessibleDescription(/104 \/ 100 — 4 too many/);
    const title = screen.getByRole('textbox', { name: /^Title/ });
    await userEvent.click(title);
    await userEvent.paste('t'.repeat(201));
    expect(title).toHaveAccessibleDescription(/201 \/ 200 — 1 too many/);
    expect(screen.getByRole('textbox', { name: /^Guidance/ })).toHaveAccessibleDescription('0 / 2,000');
    await userEvent.click(screen.getByRole('button', { name: 'Create template' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The name is 4 characters too long: at most 100.');
    expect(summary).toHaveTextContent('Section 1’s title is 1 character too long: at most 200.');
    expect(fake.calls('POST', '/api/v1/orgs/o1/templates')).toHaveLength(0);
  });

  it('copying a built-in starts from its sections under a name of its own', async () => {
    server('owner');
    renderPanel('/org/templates/new?from=lean');
    await screen.findByRole('heading', { name: 'New template from “Lean”' });
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Lean (copy)');
    expect(screen.getAllByRole('textbox', { name: /^Title/ }).map((t) => (t as HTMLInputElement).value)).toEqual(['Problem', 'Open Questions']);
  });

  it('a member who opens the editor by its address is told it is for admins', async () => {
    const fake = server('member');
    renderPanel('/org/templates/t1');
    expect(await screen.findByText(/Only admins and owners can create or change templates/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save template' })).toBeNull();
    expect(fake.calls('GET', '/api/v1/templates/t1')).toHaveLength(0);
  });
});
