import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CommentComposer } from './comment-composer';

const members = [
  { id: 'u-1', name: 'Mateo Rossi', email: 'mateo@example.com' },
  { id: 'u-2', name: 'Vera Novak', email: 'vera@example.com' },
  { id: 'u-3', name: 'Amira Mateus', email: 'amira@example.com' },
];

function setup(onSubmit = vi.fn(async () => undefined)) {
  render(<CommentComposer label="Your comment" submitLabel="Comment" members={members} onSubmit={onSubmit} />);
  return { box: screen.getByRole('combobox', { name: 'Your comment' }), onSubmit };
}

describe('CommentComposer mention picker', () => {
  it('offers matching members after @, moves with the arrows and inserts the chosen one with Enter', async () => {
    const { box } = setup();
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await userEvent.type(box, 'Ask @mat');
    const list = screen.getByRole('listbox', { name: 'People to mention' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', list.id);
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Mateo Rossi mateo@example.com', 'Amira Mateus amira@example.com']);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', options[0].id);
    expect(screen.getByText('2 people match. Use the arrow keys and Enter to choose.')).toBeInTheDocument();

    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[1].id);
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(box).toHaveValue('Ask @[Amira Mateus](u-3) ');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
  });

  it('chooses with Tab or a click, and Escape closes the list without clearing the text', async () => {
    const { box } = setup();
    await userEvent.type(box, '@ver');
    await userEvent.keyboard('{Tab}');
    expect(box).toHaveValue('@[Vera Novak](u-2) ');
    expect(box).toHaveFocus();

    await userEvent.type(box, 'and @');
    expect(screen.getAllByRole('option')).toHaveLength(3);
    await userEvent.click(screen.getByRole('option', { name: /Mateo Rossi/ }));
    expect(box).toHaveValue('@[Vera Novak](u-2) and @[Mateo Rossi](u-1) ');

    await userEvent.type(box, '@zz');
    // Nobody matches: no list.
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await userEvent.clear(box);
    await userEvent.type(box, '@a');
    expect(screen.getByRole('listbox')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).toHaveValue('@a');
  });

  it('sends with Ctrl+Enter, refuses a blank comment, and shows the server’s field error', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const { box } = setup(onSubmit);
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(screen.getByText('Write something first.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();

    await userEvent.type(box, 'Looks **good**');
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('Looks **good**'));
    await waitFor(() => expect(box).toHaveValue(''));
  });

  it('counts as one types and refuses an over-long comment with a sentence, keeping all of it', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const { box } = setup(onSubmit);
    expect(box).toHaveAccessibleDescription(/0 \/ 10,000$/);
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(10_003));
    expect(box).toHaveValue('x'.repeat(10_003));
    expect(box).toHaveAccessibleDescription(/10,003 \/ 10,000 — 3 too many$/);
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(screen.getByText('The comment is 3 characters too long: at most 10,000.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
    // Shortened, it is sent (trimmed, as the limit counts it).
    await userEvent.type(box, '{Backspace}{Backspace}{Backspace}   ');
    expect(screen.queryByText(/too long/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('x'.repeat(10_000)));
  });
});
