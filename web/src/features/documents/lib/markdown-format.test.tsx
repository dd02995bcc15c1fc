import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/markdown';
import { applyEdit, formatEdit, tableSkeleton, type FormatCommand } from './markdown-format';

/** Runs a command on text whose selection is marked with [ and ] (or a lone | caret). */
function run(marked: string, command: FormatCommand) {
  let from: number;
  let to: number;
  let text: string;
  if (marked.includes('|')) {
    from = to = marked.indexOf('|');
    text = marked.replace('|', '');
  } else {
    from = marked.indexOf('[');
    to = marked.indexOf(']') - 1;
    text = marked.replace('[', '').replace(']', '');
  }
  const edit = formatEdit(text, from, to, command);
  const out = applyEdit(text, edit);
  return { out, selected: out.slice(edit.anchor, edit.head), caret: edit.anchor === edit.head ? edit.anchor : null, edit };
}

describe('formatEdit: headings', () => {
  it('turns the caret line into a section heading and keeps the caret in its text', () => {
    const r = run('Intro\nGo|als\nEnd', 'heading');
    expect(r.out).toBe('Intro\n## Goals\nEnd');
    expect(r.caret).toBe('Intro\n## Go'.length);
  });

  it('replaces another heading level, and a second press removes the heading', () => {
    expect(run('### Go|als', 'heading').out).toBe('## Goals');
    expect(run('## Go|als', 'heading').out).toBe('Goals');
    expect(run('## Go|als', 'subheading').out).toBe('### Goals');
  });

  it('heads every selected line and selects the result', () => {
    const r = run('[One\nTwo]', 'heading');
    expect(r.out).toBe('## One\n## Two');
    expect(r.selected).toBe('## One\n## Two');
  });

  it('on an empty line starts a heading at the caret', () => {
    const r = run('Text\n|', 'heading');
    expect(r.out).toBe('Text\n## ');
    expect(r.caret).toBe(r.out.length);
  });
});

describe('formatEdit: lists', () => {
  it('bullets each selected line, leaving blank lines alone, and a second press removes them', () => {
    const first = run('[apples\n\npears]', 'bulleted');
    expect(first.out).toBe('- apples\n\n- pears');
    const second = formatEdit(first.out, 0, first.out.length, 'bulleted');
    expect(applyEdit(first.out, second)).toBe('apples\n\npears');
  });

  it('numbers the selected lines in order, replacing bullets and keeping indentation', () => {
    expect(run('[- a\n  - b\nc]', 'numbered').out).toBe('1. a\n  2. b\n3. c');
    expect(run('[1. a\n2. b]', 'numbered').out).toBe('a\nb');
  });

  it('a selection ending at the start of a line leaves that line out', () => {
    expect(run('[a\n]b', 'bulleted').out).toBe('- a\nb');
  });

  it('on an empty line starts an item at the caret', () => {
    const r = run('|', 'numbered');
    expect(r.out).toBe('1. ');
    expect(r.caret).toBe(3);
  });
});

describe('formatEdit: bold and links', () => {
  it('wraps the selection in ** and keeps the words selected; again unwraps', () => {
    const r = run('a [word] b', 'bold');
    expect(r.out).toBe('a **word** b');
    expect(r.selected).toBe('word');
    const back = formatEdit(r.out, r.edit.anchor, r.edit.head, 'bold');
    expect(applyEdit(r.out, back)).toBe('a word b');
  });

  it('keeps surrounding spaces outside the markers', () => {
    expect(run('a[ word ]b', 'bold').out).toBe('a **word** b');
  });

  it('without a selection inserts a placeholder to type over', () => {
    const r = run('x |y', 'bold');
    expect(r.out).toBe('x **bold text**y');
    expect(r.selected).toBe('bold text');
  });

  it('links the selected text and selects the URL to type', () => {
    const r = run('see [the docs] now', 'link');
    expect(r.out).toBe('see [the docs](https://) now');
    expect(r.selected).toBe('https://');
  });

  it('a selected URL becomes the target, with the link text selected', () => {
    const r = run('[https://example.com/a]', 'link');
    expect(r.out).toBe('[link text](https://example.com/a)');
    expect(r.selected).toBe('link text');
  });
});

describe('formatEdit: table', () => {
  it('inserts a skeleton on its own lines, separated by blank lines, and selects the first header', () => {
    const r = run('Para|graph\nNext', 'table');
    expect(r.out).toBe(`Para\n\n${tableSkeleton}\n\ngraph\nNext`);
    expect(r.selected).toBe('Column 1');
  });

  it('after a line break adds only what is missing', () => {
    expect(run('Text\n\n|', 'table').out).toBe(`Text\n\n${tableSkeleton}\n`);
    expect(run('Text\n|\nMore', 'table').out).toBe(`Text\n\n${tableSkeleton}\n\nMore`);
  });

  it('renders as a table with three columns and one empty row', () => {
    render(<Markdown>{tableSkeleton}</Markdown>);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });
});
