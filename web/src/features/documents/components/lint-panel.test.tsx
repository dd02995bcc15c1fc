import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { renderWithProviders } from '@/test/render';
import { LintPanel } from './lint-panel';

const content = '## Problem\n\nUsers abandon checkout. TODO\n\n## Goals\n\nFast.\n';

function stubLint(status: number, body: unknown) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/config.json')) return new Response('{"apiBaseUrl":""}', { headers: { 'Content-Type': 'application/json' } });
    if (url.endsWith('/api/v1/auth/me'))
      return new Response(JSON.stringify({ user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, memberships: [{ org_id: 'o1', org_name: 'Acme', role: 'viewer' }] }), {
        headers: { 'Content-Type': 'application/json' },
      });
    if (url.endsWith('/api/v1/documents/d1/lint'))
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status === 200 ? 'application/json' : 'application/problem+json' },
      });
    return new Response('{}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('LintPanel', () => {
  // Signed in: the auth provider drops every query while signed out.
  beforeEach(() => tokenStore.set('access-token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('shows the score and the findings, errors first, linking to existing sections', async () => {
    stubLint(200, {
      score: 60,
      findings: [
        { rule: 'todo_left', severity: 'warning', section: 'Problem', message: 'placeholder left in the text', line: 3 },
        { rule: 'missing_section', severity: 'error', section: 'Target Users', message: 'the template requires a "Target Users" section' },
        { rule: 'vague_word', severity: 'info', section: '', message: '"fast" is vague' },
      ],
    });
    const onSelectSection = vi.fn();
    renderWithProviders(<LintPanel documentId="d1" version={2} content={content} onSelectSection={onSelectSection} />);

    expect(await screen.findByRole('meter', { name: 'Quality score' })).toHaveAttribute('value', '60');
    expect(screen.getByText('60')).toBeInTheDocument();
    expect(screen.getByText('1 error, 1 warning, 1 info')).toBeInTheDocument();

    const findings = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem');
    expect(findings.map((f) => f.querySelector('.badge')?.textContent)).toEqual(['Error', 'Warning', 'Info']);
    expect(findings[0]).toHaveTextContent('Missing section in Target Users');
    // A missing section cannot be linked to; an existing one can.
    expect(within(findings[0]).queryByRole('link')).not.toBeInTheDocument();
    expect(findings[1]).toHaveTextContent('Placeholder left in Problem · line 3');
    expect(findings[2]).toHaveTextContent('(before the first section)');

    await userEvent.click(within(findings[1]).getByRole('link', { name: 'Problem' }));
    expect(onSelectSection).toHaveBeenCalledWith('problem');
  });

  it('says when every rule passes', async () => {
    stubLint(200, { score: 100, findings: [] });
    renderWithProviders(<LintPanel documentId="d1" version={2} content={content} onSelectSection={() => undefined} />);
    expect(await screen.findByText('No findings')).toBeInTheDocument();
    expect(screen.getByText('100')).toBeInTheDocument();
  });

  it('shows the error with a retry when the check fails', async () => {
    const fetchMock = stubLint(403, { status: 403, title: 'Forbidden', code: 'forbidden', detail: 'not allowed' });
    renderWithProviders(<LintPanel documentId="d1" version={2} content={content} onSelectSection={() => undefined} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not check the document');
    expect(alert).toHaveTextContent('Not allowed.');
    expect(alert).toHaveTextContent('Ask an admin of the organization');
    const before = fetchMock.mock.calls.length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(fetchMock.mock.calls.length).toBeGreaterThan(before);
  });
});
