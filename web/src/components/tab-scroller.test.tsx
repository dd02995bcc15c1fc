import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { scrollEdges, scrollStep } from './tab-scroller';
import { Tabs } from './tabs';

describe('scrollEdges', () => {
  it('shows no edge when everything fits', () => {
    expect(scrollEdges({ scrollLeft: 0, clientWidth: 300, scrollWidth: 300 })).toEqual({ start: false, end: false });
    expect(scrollEdges({ scrollLeft: 0, clientWidth: 300, scrollWidth: 301 })).toEqual({ start: false, end: false });
  });
  it('shows the end at the start, both in the middle, the start at the end', () => {
    expect(scrollEdges({ scrollLeft: 0, clientWidth: 300, scrollWidth: 600 })).toEqual({ start: false, end: true });
    expect(scrollEdges({ scrollLeft: 150, clientWidth: 300, scrollWidth: 600 })).toEqual({ start: true, end: true });
    expect(scrollEdges({ scrollLeft: 300, clientWidth: 300, scrollWidth: 600 })).toEqual({ start: true, end: false });
    // Sub-pixel scroll positions at the very end count as the end.
    expect(scrollEdges({ scrollLeft: 299.5, clientWidth: 300, scrollWidth: 600 })).toEqual({ start: true, end: false });
  });
  it('scrolls most of the visible width per arrow press, at least 80 px', () => {
    expect(scrollStep(400)).toBe(300);
    expect(scrollStep(50)).toBe(80);
  });
});

function Harness() {
  const [value, setValue] = useState('a');
  const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Tab ${id.toUpperCase()}` }));
  return (
    <Tabs label="Views" items={items} value={value} onChange={setValue}>
      <p>Panel {value}</p>
    </Tabs>
  );
}

/** jsdom has no layout: give the tab list the sizes of a phone. */
function layOut(list: HTMLElement, { clientWidth, scrollWidth }: { clientWidth: number; scrollWidth: number }) {
  Object.defineProperty(list, 'clientWidth', { configurable: true, value: clientWidth });
  Object.defineProperty(list, 'scrollWidth', { configurable: true, value: scrollWidth });
  list.scrollBy = ((opts: ScrollToOptions) => {
    list.scrollLeft += opts.left ?? 0;
    fireEvent.scroll(list);
  }) as typeof list.scrollBy;
}

describe('Tabs wider than the screen', () => {
  it('show an arrow toward the hidden tabs, which scrolls the row, outside the tab order', () => {
    render(<Harness />);
    const list = screen.getByRole('tablist', { name: 'Views' });
    expect(screen.queryByRole('button', { name: 'Show more tabs' })).not.toBeInTheDocument();

    layOut(list, { clientWidth: 200, scrollWidth: 500 });
    fireEvent.scroll(list);
    const more = screen.getByRole('button', { name: 'Show more tabs' });
    expect(more).toHaveAttribute('tabindex', '-1');
    expect(screen.queryByRole('button', { name: 'Show earlier tabs' })).not.toBeInTheDocument();
    expect(list.parentElement).toHaveClass('fade-end');

    fireEvent.click(more);
    expect(list.scrollLeft).toBe(150);
    expect(screen.getByRole('button', { name: 'Show earlier tabs' })).toBeInTheDocument();
    expect(list.parentElement).toHaveClass('fade-start');
  });
});
