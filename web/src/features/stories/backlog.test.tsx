import { configure, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json, problem } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { Story } from './api/stories-api';
import { Backlog } from './components/backlog';
import { groupByStatus } from './group';

// Streams and lazy chunks can be slow on a loaded machine: wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

let n = 0;
function story(overrides: Partial<Story>): Story {
  n += 1;
  return {
    id: `s${n}`,
    key: `CHK-${n}`,
    number: n,
    org_id: 'o1',
    project_id: 'p1',
    document_id: null,
    generation_id: null,
    title: `Story ${n}`,
    as_a: 'shop owner',
    i_want: 'to get paid',
    so_that: 'I stay open',
    acceptance_criteria: [],
    points: 3,
    priority: 'medium',
    status: 'todo',
    requirement_ref: null,
    created_by: 'u1',
    created_at: `2026-11-0${Math.min(n, 9)}T10:00:00Z`,
    updated_at: `2026-11-0${Math.min(n, 9)}T10:00:00Z`,
    ...overrides,
  };
}

describe('groupByStatus', () => {
  it('groups by status in workflow order, highest priority first, and sums points', () => {
    const stories = [
      story({ title: 'Low todo', priority: 'low', points: 1 }),
      story({ title: 'Done one', status: 'done', points: null }),
      story({ title: 'Critical todo', priority: 'critical', points: 8 }),
      story({ title: 'Doing', status: 'in_progress', points: 5 }),
    ];
    const groups = groupByStatus(stories);
    expect(groups.map((g) => g.label)).toEqual(['To do', 'In progress', 'Done']);
    expect(groups[0].stories.map((s) => s.title)).toEqual(['Critical todo', 'Low todo']);
    expect(groups[0].points).toBe(9);
    expect(groups[1].stories.map((s) => s.title)).toEqual(['Doing']);
    expect(groups[2].points).toBe(0);
  });
});

describe('Backlog', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  const items = [
    story({ id: 'a', title: 'Pay by QR', requirement_ref: 'FR-1', document_id: 'd1' }),
    story({ id: 'b', title: 'Refund a payment', status: 'in_progress', priority: 'high', acceptance_criteria: ['Given a payment, when refunded, then money returns'] }),
    story({ id: 'c', title: 'Receipts', status: 'done' }),
  ];

  it('shows the stories grouped by status and filters by document', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/projects/p1/stories': (req) =>
        json({ items: req.url.searchParams.get('document_id') === 'd1' ? items.filter((s) => s.document_id === 'd1') : items, next_cursor: null }),
      'GET /api/v1/projects/p1/documents': () => json({ items: [{ id: 'd1', title: 'Checkout PRD' }], next_cursor: null }),
    });
    renderWithProviders(<Backlog project={{ id: 'p1', org_id: 'o1' }} />);
    const todo = await screen.findByRole('region', { name: /To do/ });
    expect(within(todo).getByRole('heading', { name: 'Pay by QR' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: /In progress/ })).getByRole('heading', { name: 'Refund a payment' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: /Done/ })).getByRole('heading', { name: 'Receipts' })).toBeInTheDocument();
    // Members may edit: the actions are there, named after the story.
    expect(await screen.findByRole('button', { name: 'Edit Pay by QR' })).toBeInTheDocument();

    await waitFor(() => expect(screen.getByRole('option', { name: 'Checkout PRD' })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByLabelText('Document'), 'd1');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Receipts' })).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { name: 'Pay by QR' })).toBeInTheDocument();
    expect(fake.requests.some((r) => r.path === '/api/v1/projects/p1/stories' && r.url.searchParams.get('document_id') === 'd1')).toBe(true);
  });

  it('shows 422 errors next to the fields of the edit form', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/projects/p1/stories': () => json({ items, next_cursor: null }),
      'GET /api/v1/projects/p1/documents': () => json({ items: [], next_cursor: null }),
      'PATCH /api/v1/stories/b': () =>
        problem(422, {
          title: 'Validation failed',
          code: 'validation_failed',
          errors: [
            { field: 'title', message: 'must be one line' },
            { field: 'acceptance_criteria[1]', message: 'must not be empty' },
          ],
        }),
    });
    renderWithProviders(<Backlog project={{ id: 'p1', org_id: 'o1' }} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Refund a payment' }));
    // The dialog names the story by its key.
    const dialog = screen.getByRole('dialog', { name: `Edit story ${items[1].key}` });
    const title = within(dialog).getByLabelText(/^Title/);
    expect(title).toHaveValue('Refund a payment');
    expect(within(dialog).getByLabelText('Acceptance criteria 1')).toHaveValue('Given a payment, when refunded, then money returns');

    // Client-side checks first: an empty title and a malformed requirement id.
    await userEvent.clear(title);
    await userEvent.clear(within(dialog).getByLabelText('Requirement'));
    await userEvent.type(within(dialog).getByLabelText('Requirement'), 'req 1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save story' }));
    expect(within(dialog).getByText('Enter a title.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Requirement')).toHaveAccessibleDescription(/Use a requirement id such as FR-12/);
    expect(fake.calls('PATCH', '/api/v1/stories/b')).toHaveLength(0);

    await userEvent.type(title, 'Refund');
    await userEvent.clear(within(dialog).getByLabelText('Requirement'));
    await userEvent.type(within(dialog).getByLabelText('Requirement'), 'fr-2');
    await userEvent.selectOptions(within(dialog).getByLabelText('Status'), 'done');
    await userEvent.selectOptions(within(dialog).getByLabelText('Points'), '8');
    await userEvent.type(within(dialog).getByLabelText('New Acceptance criteria'), ' ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save story' }));

    await waitFor(() => expect(fake.calls('PATCH', '/api/v1/stories/b')).toHaveLength(1));
    expect(fake.calls('PATCH', '/api/v1/stories/b')[0].body).toMatchObject({ title: 'Refund', status: 'done', points: 8, requirement_ref: 'FR-2', priority: 'high' });
    expect(await within(dialog).findByText('Title must be one line.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Title/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Criterion 2 must not be empty.')).toBeInTheDocument();
    // The dialog stays open with the user's input.
    expect(within(dialog).getByLabelText(/^Title/)).toHaveValue('Refund');
  });

  it('keeps an acceptance criterion typed but not added with its button', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/projects/p1/stories': () => json({ items, next_cursor: null }),
      'GET /api/v1/projects/p1/documents': () => json({ items: [], next_cursor: null }),
      'PATCH /api/v1/stories/b': (req) => json({ ...items[1], ...(req.body as object) }),
    });
    renderWithProviders(<Backlog project={{ id: 'p1', org_id: 'o1' }} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Refund a payment' }));
    const dialog = screen.getByRole('dialog', { name: `Edit story ${items[1].key}` });
    await userEvent.type(within(dialog).getByLabelText('New Acceptance criteria'), 'Given a refund, when it is done, then a receipt is sent');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save story' }));
    await waitFor(() => expect(fake.calls('PATCH', '/api/v1/stories/b')).toHaveLength(1));
    expect(fake.calls('PATCH', '/api/v1/stories/b')[0].body).toMatchObject({
      acceptance_criteria: ['Given a payment, when refunded, then money returns', 'Given a refund, when it is done, then a receipt is sent'],
    });
  });

  it('shows each story’s key and finds stories by key through the API', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/projects/p1/stories': (req) => {
        const q = req.url.searchParams.get('q');
        return json({ items: q ? items.filter((s) => s.key === q.toUpperCase()) : items, next_cursor: null });
      },
      'GET /api/v1/projects/p1/documents': () => json({ items: [], next_cursor: null }),
    });
    renderWithProviders(<Backlog project={{ id: 'p1', org_id: 'o1', key: 'CHK' }} />);
    const todo = await screen.findByRole('region', { name: /To do/ });
    // The key is on the card and part of the story's accessible name.
    expect(within(todo).getByText(items[0].key)).toBeInTheDocument();
    expect(within(todo).getByRole('article', { name: `Story ${items[0].key} Pay by QR` })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: /Done/ })).getByText(items[2].key)).toBeInTheDocument();

    const search = screen.getByRole('searchbox', { name: 'Search stories' });
    expect(search).toHaveAttribute('placeholder', 'Key or title, e.g. CHK-12');
    await userEvent.type(search, items[1].key.toLowerCase());
    await waitFor(() => expect(fake.requests.some((r) => r.url.searchParams.has('q'))).toBe(true));
    expect(await screen.findByRole('heading', { name: 'Refund a payment' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Pay by QR' })).not.toBeInTheDocument();
    expect(fake.requests.some((r) => r.path === '/api/v1/projects/p1/stories' && r.url.searchParams.get('q') === items[1].key.toLowerCase())).toBe(true);
    // Typing is debounced: no request for each partial key.
    expect(fake.requests.filter((r) => r.path === '/api/v1/projects/p1/stories' && r.url.searchParams.has('q'))).toHaveLength(1);

    await userEvent.clear(search);
    await userEvent.type(search, 'CHK-999');
    expect(await screen.findByText('No stories match “CHK-999”')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New story' })).toBeInTheDocument();
  });

  it('deletes a story only after confirming', async () => {
    let remaining = items;
    const fake = installFakeFetch({
      'GET /api/v1/projects/p1/stories': () => json({ items: remaining, next_cursor: null }),
      'GET /api/v1/projects/p1/documents': () => json({ items: [], next_cursor: null }),
      'DELETE /api/v1/stories/c': () => {
        remaining = items.filter((s) => s.id !== 'c');
        return new Response(null, { status: 204 });
      },
    });
    renderWithProviders(<Backlog project={{ id: 'p1', org_id: 'o1' }} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Receipts' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this story?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls('DELETE', '/api/v1/stories/c')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Delete Receipts' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Delete this story?' })).getByRole('button', { name: 'Delete story' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Receipts' })).not.toBeInTheDocument());
    expect(fake.calls('DELETE', '/api/v1/stories/c')).toHaveLength(1);
    expect(within(screen.getByRole('region', { name: /Done/ })).getByText('Nothing here.')).toBeInTheDocument();
  });
});
