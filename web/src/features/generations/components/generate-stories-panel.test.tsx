import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { controllableStream, installFakeFetch, json, problem, sse, type FakeHandler } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { generation } from '../test-fixtures';
import { GenerateStoriesPanel } from './generate-stories-panel';
import { signedInTo } from '@/test/session';

// Streams can be slow on a loaded machine: wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

const providers = { default: 'template', items: [{ name: 'template', label: 'Template', is_ai: false, default_model: 'template-v1', models: [{ id: 'template-v1' }] }] };
const story = (title: string, ref: string) => ({
  title,
  as_a: 'shop owner',
  i_want: `to ${title.toLowerCase()}`,
  so_that: 'I do not lose sales',
  acceptance_criteria: [`Given a till, when I ${title.toLowerCase()}, then it works`],
  points: 3,
  priority: 'high',
  requirement_ref: ref,
});
const stories = [story('Pay by QR code', 'FR-1'), story('Refund a payment', 'FR-2')];
const coverage = {
  functional_requirements: 4,
  covered_by_backlog: 1,
  covered_by_proposals: 2,
  uncovered: [{ id: 'FR-4', text: 'Shop owners see the day’s takings.', section: 'Functional Requirements' }],
};

/** A server whose stories generation g2 finishes when the test says so. */
function setup(start: FakeHandler = () => json({ id: 'g2', status: 'queued', cached: false }, 202)) {
  const stream = controllableStream();
  let finished = false;
  const fake = installFakeFetch({
    'GET /api/v1/ai/providers': () => json(providers),
    'POST /api/v1/projects/p1/generations': start,
    'GET /api/v1/generations/g2': () =>
      json(
        finished
          ? generation({ id: 'g2', kind: 'stories', status: 'succeeded', document_id: 'd1', output: JSON.stringify({ stories }), result: { stories, coverage } as never })
          : generation({ id: 'g2', kind: 'stories', document_id: 'd1' }),
      ),
    'GET /api/v1/generations/g2/events': () => stream.response,
  });
  const finish = () => {
    finished = true;
    stream.push(sse(1, 'status', { status: 'running' }));
    stream.push(sse(2, 'delta', { text: JSON.stringify({ stories }) }));
    stream.push(sse(3, 'status', { status: 'succeeded' }));
    stream.push(sse(4, 'done', { document_id: 'd1', stories: 2 }));
  };
  return { fake, finish };
}

const starts = (fake: ReturnType<typeof setup>['fake']) => fake.calls('POST', '/api/v1/projects/p1/generations');

describe('GenerateStoriesPanel', () => {
  signedInTo('o1');

  it('covers every requirement without a story: sends coverage without a count and shows what is still uncovered', async () => {
    const { fake, finish } = setup();
    renderWithProviders(<GenerateStoriesPanel projectId="p1" documentId="d1" />);
    const count = screen.getByLabelText('Number of stories');
    expect(count).toHaveValue(5);
    const box = screen.getByRole('checkbox', { name: 'Cover every functional requirement that has no story yet' });
    expect(box).toHaveAccessibleDescription(/gets at least one story/);
    await userEvent.click(box);
    // The untouched default is not sent: the field says the count is now optional.
    expect(count).toHaveValue(null);
    expect(count).toHaveAttribute('placeholder', 'Automatic');
    expect(count).toHaveAccessibleDescription(/Optional/);

    await userEvent.click(screen.getByRole('button', { name: 'Generate stories' }));
    await waitFor(() => expect(starts(fake)).toHaveLength(1));
    const body = starts(fake)[0].body as { kind: string; input: Record<string, unknown> };
    expect(body.kind).toBe('stories');
    expect(body.input).toEqual({ document_id: 'd1', coverage: true });

    await waitFor(() => expect(fake.calls('GET', '/api/v1/generations/g2/events')).toHaveLength(1));
    finish();
    const summary = await screen.findByRole('region', { name: 'Coverage of the functional requirements' });
    expect(summary).toHaveTextContent('These stories and the backlog cover 3 of 4 functional requirements (2 by these stories, 1 by stories already in the backlog).');
    const gaps = within(summary).getByRole('list', { name: 'No story covers:' });
    const items = within(gaps).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('FR-4 — Shop owners see the day’s takings. (in “Functional Requirements”)');
    expect(screen.getByRole('list', { name: 'Proposed stories' })).toBeInTheDocument();
  });

  it('sends a count typed with the coverage box, and shows why the server refused it next to the field', async () => {
    const { fake } = setup(() =>
      problem(422, {
        title: 'Validation failed',
        code: 'validation_failed',
        detail: 'the request has invalid fields',
        errors: [{ field: 'input.count', message: '3 functional requirements have no story yet: ask for at least 3, or leave the count out' }],
      }),
    );
    renderWithProviders(<GenerateStoriesPanel projectId="p1" documentId="d1" />);
    await userEvent.click(screen.getByRole('checkbox', { name: /Cover every functional requirement/ }));
    await userEvent.type(screen.getByLabelText('Number of stories'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Generate stories' }));
    await waitFor(() => expect(starts(fake)).toHaveLength(1));
    expect((starts(fake)[0].body as { input: object }).input).toEqual({ document_id: 'd1', count: 2, coverage: true });
    expect(await screen.findByLabelText('Number of stories')).toHaveAccessibleDescription(/3 functional requirements have no story yet: ask for at least 3, or leave the count out\./);
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields need attention');
  });

  it('says plainly when every requirement already has a story, and forgets it when the box is cleared', async () => {
    const { fake } = setup(() =>
      problem(409, { title: 'Conflict', code: 'nothing_to_cover', detail: 'every functional requirement of the document already has a story' }),
    );
    renderWithProviders(<GenerateStoriesPanel projectId="p1" documentId="d1" />);
    const box = screen.getByRole('checkbox', { name: /Cover every functional requirement/ });
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Generate stories' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing to cover');
    expect(alert).toHaveTextContent('Every functional requirement of this document already has a story in the backlog.');
    expect(alert).not.toHaveTextContent('Conflict');
    expect(starts(fake)).toHaveLength(1);

    // Without the box the usual count comes back and the message goes.
    await userEvent.click(box);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Number of stories')).toHaveValue(5);
  });

  it('shows a document without numbered requirements as a refusal next to the coverage box', async () => {
    setup(() =>
      problem(422, {
        title: 'Validation failed',
        code: 'validation_failed',
        errors: [{ field: 'input.coverage', message: 'the document has no numbered functional requirements (FR-1, FR-2 …) to cover' }],
      }),
    );
    renderWithProviders(<GenerateStoriesPanel projectId="p1" documentId="d1" />);
    const box = screen.getByRole('checkbox', { name: /Cover every functional requirement/ });
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Generate stories' }));
    await waitFor(() => expect(box).toHaveAccessibleDescription(/The document has no numbered functional requirements \(FR-1, FR-2 …\) to cover\./));
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });
});
