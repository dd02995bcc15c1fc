import { cleanup, configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json, problem, testMe, type FakeRequest } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { ProjectsPage } from '../routes/projects-page';
import { StartFromTemplatePage } from '../routes/start-from-template-page';
import { signedInTo } from '@/test/session';

configure({ asyncUtilTimeout: 5000 });

const meAs = (role: string) => ({ ...testMe, memberships: [{ org_id: 'o1', org_name: 'Acme', role }] });
const lean = {
  id: 'lean',
  name: 'lean',
  label: 'Lean',
  description: 'A short PRD.',
  version: 1,
  builtin: true,
  org_id: null,
  created_at: null,
  updated_at: null,
  sections: [
    { title: 'Problem', guidance: 'Why.', required: true },
    { title: 'Solution', guidance: 'What.', required: true },
  ],
};
const project = (id: string, name: string, key: string) => ({ id, org_id: 'o1', name, key, description: '', created_at: '2026-01-01T00:00:00.000Z' });

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

const renderAt = (route: string) =>
  renderWithProviders(
    <>
      <Routes>
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="templates" element={<StartFromTemplatePage />} />
        <Route path="*" element={null} />
      </Routes>
      <Where />
    </>,
    { route },
  );

function server(role: string, extra: Record<string, (req: FakeRequest) => Response | Promise<Response>> = {}, projects: object[] = []) {
  return installFakeFetch({
    'GET /api/v1/auth/me': () => json(meAs(role)),
    'GET /api/v1/orgs/o1/projects': () => json({ items: projects, next_cursor: null }),
    'GET /api/v1/orgs/o1/templates': () => json({ items: [lean], next_cursor: null }),
    ...extra,
  });
}

describe('first run: an organization without projects', () => {
  signedInTo('o1');

  it('offers an admin three ways to start; the example PRD is a project plus a template-provider generation', async () => {
    let keys: string[] = [];
    const fake = server('admin', {
      'POST /api/v1/orgs/o1/projects': (req) => {
        const body = req.body as { key: string; name: string };
        keys = [...keys, body.key];
        // The suggested key is taken: the next one is tried.
        if (body.key === 'EP') return problem(409, { title: 'Conflict', code: 'conflict', detail: 'a project with this key already exists' });
        return json(project('p9', body.name, body.key), 201);
      },
      'POST /api/v1/projects/p9/generations': () => json({ id: 'g1', status: 'queued', cached: false }, 202),
    });
    renderAt('/projects');
    const start = await screen.findByRole('region', { name: 'No projects yet: three ways to start' });
    expect(within(start).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Create your first project',
      'See an example PRD',
      'Start from a template',
    ]);
    expect(within(start).getByRole('link', { name: 'Browse templates' })).toHaveAttribute('href', '/templates');

    await userEvent.click(within(start).getByRole('button', { name: 'Generate an example PRD' }));
    await vi.waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/generations/g1'));
    expect(keys).toEqual(['EP', 'EP2']);
    expect(fake.calls('POST', '/api/v1/orgs/o1/projects')[1].body).toMatchObject({ name: 'Example project' });
    const generation = fake.calls('POST', '/api/v1/projects/p9/generations')[0].body as { kind: string; provider: string; input: { product_name: string; key_features: string[] } };
    expect(generation).toMatchObject({ kind: 'prd', provider: 'template', input: { product_name: 'Lunch Roulette' } });
    expect(generation.input.key_features.length).toBeGreaterThan(0);
  });

  it('a failed start says why, and trying again reuses the example project', async () => {
    let attempts = 0;
    const fake = server('owner', {
      'POST /api/v1/orgs/o1/projects': (req) => json(project('p9', (req.body as { name: string }).name, 'EP'), 201),
      'POST /api/v1/projects/p9/generations': () =>
        ++attempts === 1
          ? problem(402, { title: 'Budget exceeded', code: 'budget_exceeded', detail: 'the organization used its monthly AI budget' })
          : json({ id: 'g2', status: 'queued', cached: false }, 202),
    });
    renderAt('/projects');
    await userEvent.click(await screen.findByRole('button', { name: 'Generate an example PRD' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The example could not be started');
    expect(alert).toHaveTextContent('the organization used its monthly AI budget');
    await userEvent.click(screen.getByRole('button', { name: 'Generate an example PRD' }));
    await vi.waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/generations/g2'));
    expect(fake.calls('POST', '/api/v1/orgs/o1/projects')).toHaveLength(1);
  });

  it('"Create a project" opens the New project dialog', async () => {
    server('admin');
    renderAt('/projects');
    await userEvent.click(await screen.findByRole('button', { name: 'Create a project' }));
    expect(screen.getByRole('dialog', { name: 'New project' })).toBeInTheDocument();
  });

  it('a member, who cannot create projects, is pointed at the templates instead', async () => {
    server('member');
    renderAt('/projects');
    expect(await screen.findByText('No projects yet')).toBeInTheDocument();
    expect(screen.getByText(/admins and owners create them/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the PRD templates' })).toHaveAttribute('href', '/templates');
    expect(screen.queryByRole('button', { name: 'Generate an example PRD' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Create a project|New project/ })).toBeNull();
  });

  it('the projects list is unchanged once there is a project', async () => {
    server('admin', {}, [project('p1', 'Checkout', 'CO')]);
    renderAt('/projects');
    expect(await screen.findByRole('link', { name: /Checkout/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /three ways to start/ })).toBeNull();
  });
});

describe('start from a template', () => {
  signedInTo('o1');

  it('without projects, an admin names a project and a title; the document starts with the template', async () => {
    const fake = server('admin', {
      'POST /api/v1/orgs/o1/projects': (req) => json(project('p5', (req.body as { name: string }).name, 'SH'), 201),
      'POST /api/v1/projects/p5/documents': (req) => json({ id: 'd7', project_id: 'p5', org_id: 'o1', title: (req.body as { title: string }).title, version: 1 }, 201, { ETag: '"1"' }),
    });
    renderAt('/templates');
    await userEvent.click(await screen.findByRole('button', { name: 'Use this template: Lean' }));
    const dialog = screen.getByRole('dialog', { name: 'New document from Lean' });
    expect(within(dialog).getByRole('textbox', { name: /Document title/ })).toHaveAccessibleDescription(/“Problem”, “Solution”/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create document' }));
    expect(within(dialog).getByText('Name the new project.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a title for the document.')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/orgs/o1/projects')).toHaveLength(0);

    await userEvent.type(within(dialog).getByRole('textbox', { name: /New project/ }), 'Self-service Help');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Document title/ }), 'Help centre PRD');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create document' }));
    await vi.waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/documents/d7'));
    expect(fake.calls('POST', '/api/v1/orgs/o1/projects')[0].body).toEqual({ name: 'Self-service Help', key: 'SSH' });
    expect(fake.calls('POST', '/api/v1/projects/p5/documents')[0].body).toEqual({ title: 'Help centre PRD', template: 'lean' });
  });

  it('counts the title and project name and refuses an over-long one without cutting it', async () => {
    const fake = server('admin', {});
    renderAt('/templates');
    await userEvent.click(await screen.findByRole('button', { name: 'Use this template: Lean' }));
    const dialog = screen.getByRole('dialog', { name: 'New document from Lean' });
    const name = within(dialog).getByRole('textbox', { name: /New project/ });
    const title = within(dialog).getByRole('textbox', { name: /Document title/ });
    await userEvent.click(name);
    await userEvent.paste('n'.repeat(103));
    await userEvent.click(title);
    await userEvent.paste('t'.repeat(201));
    expect(name).toHaveValue('n'.repeat(103));
    expect(title).toHaveValue('t'.repeat(201));
    expect(name).toHaveAccessibleDescription(/103 \/ 100 — 3 too many/);
    expect(title).toHaveAccessibleDescription(/201 \/ 200 — 1 too many/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create document' }));
    expect(within(dialog).getByText('The project name is 3 characters too long: at most 100.')).toBeInTheDocument();
    expect(within(dialog).getByText('The title is 1 character too long: at most 200.')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/orgs/o1/projects')).toHaveLength(0);
  });

  it('with projects, a member picks one; a viewer only previews', async () => {
    const fake = server('member', {
      'POST /api/v1/projects/p2/documents': () => json({ id: 'd8', project_id: 'p2', org_id: 'o1', title: 'T', version: 1 }, 201),
    }, [project('p1', 'Checkout', 'CO'), project('p2', 'Search', 'SE')]);
    renderAt('/templates');
    await userEvent.click(await screen.findByRole('button', { name: 'Use this template: Lean' }));
    const dialog = screen.getByRole('dialog', { name: 'New document from Lean' });
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Project' }), 'p2');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Document title/ }), 'Search PRD');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create document' }));
    await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/projects/p2/documents')).toHaveLength(1));
    cleanup();

    server('viewer', {}, [project('p1', 'Checkout', 'CO')]);
    renderAt('/templates');
    expect(await screen.findByText(/As a viewer you can preview the templates/)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Preview Lean' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Use this template/ })).toBeNull();
  });
});
