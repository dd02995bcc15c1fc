import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ListEditor } from './list-editor';

function Harness({ initial = [] as string[], maxItems, onChange }: { initial?: string[]; maxItems?: number; onChange?: (v: string[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ListEditor
        label="Key features"
        addLabel="Add feature"
        value={value}
        maxItems={maxItems}
        onChange={(v) => {
          setValue(v);
          onChange?.(v);
        }}
      />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
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
    const onChange = vi.fn();
    render(<Harness initial={['one', 'two']} maxItems={2} onChange={onChange} />);
    expect(screen.getByLabelText('New Key features')).toBeDisabled();
    expect(onChange).not.toHaveBeenCalled();
  });
});
