// The editor toolbar's formatting as pure text edits: given the text and the
// selection, what to replace and what to select afterwards. The editor
// applies the edit as one transaction, so a single undo takes it back.

export type FormatCommand = 'heading' | 'subheading' | 'bulleted' | 'numbered' | 'bold' | 'link' | 'table';

export interface TextEdit {
  /** Replace text[from, to) with insert. */
  from: number;
  to: number;
  insert: string;
  /** The selection after the edit, in the new text. */
  anchor: number;
  head: number;
}

/** What the toolbar's buttons show and do. */
export const formatCommands: { command: FormatCommand; label: string; hint: string }[] = [
  { command: 'heading', label: 'Heading', hint: 'A “## ” section heading' },
  { command: 'subheading', label: 'Subheading', hint: 'A “### ” heading inside a section' },
  { command: 'bold', label: 'Bold', hint: '**bold**' },
  { command: 'bulleted', label: 'Bulleted list', hint: '- item' },
  { command: 'numbered', label: 'Numbered list', hint: '1. item' },
  { command: 'link', label: 'Link', hint: '[text](https://…)' },
  { command: 'table', label: 'Table', hint: 'A table with three columns' },
];

const headingMark = /^#{1,6}[ \t]+/;
const listMark = /^([ \t]*)([-*+]|\d+[.)])[ \t]+/;
const bulletMark = /^([ \t]*)[-*+][ \t]+/;
const numberMark = /^([ \t]*)\d+[.)][ \t]+/;

export const tableSkeleton = ['| Column 1 | Column 2 | Column 3 |', '| -------- | -------- | -------- |', '|          |          |          |'].join('\n');

/** The edit that applies `command` to text with the selection [from, to). */
export function formatEdit(text: string, from: number, to: number, command: FormatCommand): TextEdit {
  const start = Math.max(0, Math.min(from, to));
  const end = Math.min(text.length, Math.max(from, to));
  switch (command) {
    case 'heading':
      return prefixLines(text, start, end, (lines) => toggleHeading(lines, '## '));
    case 'subheading':
      return prefixLines(text, start, end, (lines) => toggleHeading(lines, '### '));
    case 'bulleted':
      return prefixLines(text, start, end, toggleBullets);
    case 'numbered':
      return prefixLines(text, start, end, toggleNumbers);
    case 'bold':
      return bold(text, start, end);
    case 'link':
      return link(text, start, end);
    case 'table':
      return table(text, end);
  }
}

/** Lines touched by [from, to): a selection that ends at a line start leaves that line out. */
function lineRange(text: string, from: number, to: number) {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const last = to > from && text[to - 1] === '\n' ? to - 1 : to;
  const nl = text.indexOf('\n', last);
  return { start, end: nl < 0 ? text.length : nl };
}

interface LineChange {
  lines: string[];
  /** Per line: how many characters of the old start were replaced by how many new ones. */
  shifts: { removed: number; added: number }[];
}

function prefixLines(text: string, from: number, to: number, change: (lines: string[]) => LineChange): TextEdit {
  const { start, end } = lineRange(text, from, to);
  const old = text.slice(start, end);
  const { lines, shifts } = change(old.split('\n'));
  const insert = lines.join('\n');
  if (from === to) {
    // A caret stays where it was in its line's text, after the new marker.
    const { removed, added } = shifts[0];
    const caret = start + Math.max(added, from - start - removed + added);
    return { from: start, to: end, insert, anchor: caret, head: caret };
  }
  return { from: start, to: end, insert, anchor: start, head: start + insert.length };
}

const blank = (line: string) => line.trim() === '';

function toggleHeading(lines: string[], mark: string): LineChange {
  const targets = lines.filter((l) => !blank(l));
  const all = targets.length > 0 && targets.every((l) => l.startsWith(mark) && !l.startsWith(mark.trim() + '#'));
  const shifts: LineChange['shifts'] = [];
  const out = lines.map((line) => {
    if (blank(line) && lines.length > 1) {
      shifts.push({ removed: 0, added: 0 });
      return line;
    }
    const existing = line.match(headingMark)?.[0] ?? '';
    const next = all ? '' : mark;
    shifts.push({ removed: existing.length, added: next.length });
    return next + line.slice(existing.length);
  });
  return { lines: out, shifts };
}

function toggleBullets(lines: string[]): LineChange {
  const targets = lines.filter((l) => !blank(l));
  const all = targets.length > 0 && targets.every((l) => bulletMark.test(l));
  const shifts: LineChange['shifts'] = [];
  const out = lines.map((line) => {
    if (blank(line) && lines.length > 1) {
      shifts.push({ removed: 0, added: 0 });
      return line;
    }
    const m = line.match(listMark);
    const indent = m?.[1] ?? line.match(/^[ \t]*/)?.[0] ?? '';
    const existing = m?.[0] ?? indent;
    const next = all ? indent : `${indent}- `;
    shifts.push({ removed: existing.length, added: next.length });
    return next + line.slice(existing.length);
  });
  return { lines: out, shifts };
}

function toggleNumbers(lines: string[]): LineChange {
  const targets = lines.filter((l) => !blank(l));
  const all = targets.length > 0 && targets.every((l) => numberMark.test(l));
  const shifts: LineChange['shifts'] = [];
  let n = 0;
  const out = lines.map((line) => {
    if (blank(line) && lines.length > 1) {
      shifts.push({ removed: 0, added: 0 });
      return line;
    }
    const m = line.match(listMark);
    const indent = m?.[1] ?? line.match(/^[ \t]*/)?.[0] ?? '';
    const existing = m?.[0] ?? indent;
    n += 1;
    const next = all ? indent : `${indent}${n}. `;
    shifts.push({ removed: existing.length, added: next.length });
    return next + line.slice(existing.length);
  });
  return { lines: out, shifts };
}

function bold(text: string, from: number, to: number): TextEdit {
  if (from === to) {
    const placeholder = 'bold text';
    return { from, to, insert: `**${placeholder}**`, anchor: from + 2, head: from + 2 + placeholder.length };
  }
  const selected = text.slice(from, to);
  // Already bold: the markers are inside the selection, or just around it.
  if (selected.length >= 4 && selected.startsWith('**') && selected.endsWith('**')) {
    const inner = selected.slice(2, -2);
    return { from, to, insert: inner, anchor: from, head: from + inner.length };
  }
  if (text.slice(from - 2, from) === '**' && text.slice(to, to + 2) === '**') {
    return { from: from - 2, to: to + 2, insert: selected, anchor: from - 2, head: from - 2 + selected.length };
  }
  // "**word **" is not bold in Markdown: surrounding spaces stay outside the markers.
  const lead = selected.match(/^\s*/)?.[0] ?? '';
  const trail = selected.slice(lead.length).match(/\s*$/)?.[0] ?? '';
  const core = selected.slice(lead.length, selected.length - trail.length);
  if (!core) return { from, to, insert: selected, anchor: from, head: to };
  const insert = `${lead}**${core}**${trail}`;
  const coreStart = from + lead.length + 2;
  return { from, to, insert, anchor: coreStart, head: coreStart + core.length };
}

function link(text: string, from: number, to: number): TextEdit {
  const selected = text.slice(from, to);
  if (/^(https?:\/\/|mailto:)\S+$/i.test(selected.trim())) {
    const label = 'link text';
    return { from, to, insert: `[${label}](${selected.trim()})`, anchor: from + 1, head: from + 1 + label.length };
  }
  const label = selected || 'link text';
  const url = 'https://';
  const insert = `[${label}](${url})`;
  if (!selected) return { from, to, insert, anchor: from + 1, head: from + 1 + label.length };
  const urlStart = from + label.length + 3;
  return { from, to, insert, anchor: urlStart, head: urlStart + url.length };
}

/** A table skeleton on its own lines, after the selection, separated by blank lines. */
function table(text: string, at: number): TextEdit {
  const before = text.slice(0, at);
  const after = text.slice(at);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const insert = lead + tableSkeleton + trail;
  const first = at + lead.length + 2;
  return { from: at, to: at, insert, anchor: first, head: first + 'Column 1'.length };
}

/** `text` after the edit (for tests and text areas). */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}
