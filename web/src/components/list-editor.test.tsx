import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type FormEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ListEditor } from './list-editor';
import { useListField, withPending } from './list-field';

function Harness({
  initial = [] as string[],
  maxItems,
  itemMax = 500,
  onEdit,
  onSubmit,
}: {
  initial?: string[];
  maxItems?: number;
  itemMax?: number;
  onEdit?: () => void;
  onSubmit?: (v: string[]) => void;
}) {
  const field = useListField(initial, { maxItems });
  const [sent, setSent] = useState<string[] | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const items = field.commit();
    setSent(items);
    onSubmit?.(items);
  };
  return (
    <form onSubmit={submit}>
      <ListEditor label="Key features" addLabel="Add feature" field={field} onEdit={onEdit} itemMax={itemMax} />
      <button type="submit">Save</button>
      <output data-testid="value">{JSON.stringify(field.items)}</output>
      <output data-testid="sent">{JSON.stringify(sent)}</output>
    </form>
  );
}

const value = () => JSON.parse(screen.getByTestId('value').textContent ?? '[]') as string[];

describe('ListEditor', () => {
  it('adds trimmed items with Enter or the button and ignores blanks', async () => {
    render(<Harness />);
    const input = screen.getByLabelText('New Key features');
    await userEvent.type(input, '  Export to CSV  {Enter}');
    await userEvent.type(input, '   {Enter}');
    expect(screen.getByRole('button', { name: 'Add feature' })).toBeDisabled();
    await userEvent.type(input, 'SSO login');
    await userEvent.click(screen.getByRole('button', { name: 'Add feature' }));
    expect(value()).toEqual(['Export to CSV', 'SSO login']);
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(screen.getByRole('group', { name: 'Key features' })).toBeInTheDocument();
  });

  it('edits, reorders and removes items', async () => {
    render(<Harness initial={['A', 'B', 'C']} />);
    const second = screen.getByLabelText('Key features 2');
    await userEvent.clear(second);
    await userEvent.type(second, 'Bee');
    expect(value()).toEqual(['A', 'Bee', 'C']);
    await userEvent.click(screen.getByRole('button', { name: 'Move Key features 2 up' }));
    expect(value()).toEqual(['Bee', 'A', 'C']);
    expect(screen.getByRole('button', { name: 'Move Key features 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Key features 3 down' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Key features 1' }));
    expect(value()).toEqual(['A', 'C']);
    expect(screen.queryByLabelText('Key features 3')).not.toBeInTheDocument();
  });

  it('stops adding at maxItems', async () => {
    const onEdit = vi.fn();
    const onSubmit = vi.fn();
    render(<Harness initial={['one', 'two']} maxItems={2} onEdit={onEdit} onSubmit={onSubmit} />);
    expect(screen.getByLabelText('New Key features')).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(['one', 'two']);
    expect(onEdit).not.toHaveBeenCalled();
  });

  it('keeps text typed but not added when the form is submitted', async () => {
    const onSubmit = vi.fn();
    render(<Harness initial={['SSO login']} onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('New Key features'), '  PCI DSS compliant ');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(['SSO login', 'PCI DSS compliant']);
    // It shows as added, and the new-item box is empty again.
    expect(value()).toEqual(['SSO login', 'PCI DSS compliant']);
    expect(screen.getByLabelText('Key features 2')).toHaveValue('PCI DSS compliant');
    expect(screen.getByLabelText('New Key features')).toHaveValue('');
    // Submitting again does not add it twice.
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenLastCalledWith(['SSO login', 'PCI DSS compliant']);
  });

  it('keeps over-long text whole and says by how much it is over, never cutting it', async () => {
    render(<Harness initial={['fits', 'x'.repeat(12)]} itemMax={10} />);
    expect(screen.getByRole('group', { name: 'Key features' })).toHaveAccessibleDescription('At most 10 characters each.');
    // The item over the limit is marked, with the count read with it.
    const second = screen.getByLabelText('Key features 2');
    expect(second).toHaveAttribute('aria-invalid', 'true');
    expect(second).toHaveAccessibleDescription('12 / 10 — 2 too many');
    expect(screen.getByLabelText('Key features 1')).not.toHaveAttribute('aria-invalid');
    // Pasted text is kept in full and counted as it is typed.
    const input = screen.getByLabelText('New Key features');
    await userEvent.click(input);
    await userEvent.paste('y'.repeat(15));
    expect(input).toHaveValue('y'.repeat(15));
    expect(input).toHaveAccessibleDescription('15 / 10 — 5 too many');
    await userEvent.click(screen.getByRole('button', { name: 'Add feature' }));
    expect(value()).toEqual(['fits', 'x'.repeat(12), 'y'.repeat(15)]);
  });

  it('tells the form about every edit (to clear its error)', async () => {
    const onEdit = vi.fn();
    render(<Harness initial={['A']} onEdit={onEdit} />);
    await userEvent.type(screen.getByLabelText('New Key features'), 'B');
    expect(onEdit).toHaveBeenCalled();
  });
});

describe('withPending', () => {
  it('adds the trimmed pending text, unless blank or the list is full', () => {
    const items = ['a'];
    expect(withPending(items, '  b ')).toEqual(['a', 'b']);
    expect(withPending(items, '   ')).toBe(items);
    expect(withPending(items, '')).toBe(items);
    expect(withPending(items, 'b', 1)).toBe(items);
    expect(withPending([], 'first', 1)).toEqual(['first']);
  });
});
