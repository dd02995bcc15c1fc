import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentDiff } from '../api/documents-api';
import DiffView from './diff-view';

// A diff exactly as GET /documents/{id}/diff returns it.
const diff: DocumentDiff = {
  from: 1,
  to: 2,
  unified:
    '--- v1\n+++ v2\n@@ -1,5 +1,5 @@\n ## Problem\n \n-Users abandon checkout.\n+Users abandon checkout at the payment step.\n \n-## Goals\n+## Objectives\n@@ -10,2 +10,3 @@\n Keep it.\n+Added line.\n \n\\ No newline at end of file\n',
  lines_added: 3,
  lines_removed: 2,
  sections: [
    { section: 'Problem', change: 'modified', lines_added: 1, lines_removed: 1 },
    { section: 'Objectives', change: 'added', lines_added: 1, lines_removed: 0 },
    { section: 'Goals', change: 'removed', lines_added: 0, lines_removed: 1 },
  ],
};

describe('DiffView', () => {
  it('summarises the change and lists the sections it touched', () => {
    render(<DiffView diff={diff} />);
    expect(screen.getByText(/Version 1 → version 2/)).toBeInTheDocument();
    expect(screen.getByText('3 lines added')).toBeInTheDocument();
    expect(screen.getByText('2 lines removed')).toBeInTheDocument();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Changed Problem (+1 / −1)', 'Added Objectives (+1 / −0)', 'Removed Goals (+0 / −1)']);
  });

  it('renders the unified diff with line numbers and marked additions and removals', () => {
    render(<DiffView diff={diff} />);
    const table = screen.getByRole('table', { name: 'Changes from version 1 to version 2' });
    const rows = within(table).getAllByRole('row');
    const text = rows.map((r) => r.textContent);
    expect(text).toContain('@@ -1,5 +1,5 @@');
    expect(text).toContain('3Removed: −Users abandon checkout.');
    expect(text).toContain('3Added: +Users abandon checkout at the payment step.');
    // Numbers continue in the second hunk; the "\ No newline" marker is not a line.
    expect(text).toContain('11Added: +Added line.');
    expect(text.some((t) => t?.includes('No newline'))).toBe(false);
    expect(table.querySelectorAll('.diff-added')).toHaveLength(3);
    expect(table.querySelectorAll('.diff-removed')).toHaveLength(2);
  });

  it('switches to side by side, pairing removed and added lines', async () => {
    render(<DiffView diff={diff} />);
    await userEvent.click(screen.getByRole('radio', { name: 'Side by side' }));
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Version 1' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Version 2' })).toBeInTheDocument();
    const pair = within(table)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('Users abandon checkout.'));
    const cells = within(pair as HTMLElement).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['3', 'Removed: −Users abandon checkout.', '3', 'Added: +Users abandon checkout at the payment step.']);
    // An added line with nothing removed opposite it gets an empty left side.
    const lonely = within(table)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('Added line.'));
    expect(within(lonely as HTMLElement).getAllByRole('cell').map((c) => c.textContent)).toEqual(['', '', '11', 'Added: +Added line.']);
  });

  it('says so when both versions are the same', () => {
    render(<DiffView diff={{ from: 2, to: 3, unified: '', lines_added: 0, lines_removed: 0, sections: [] }} />);
    expect(screen.getByText('These versions have the same text.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
