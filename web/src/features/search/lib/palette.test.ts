import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../api/search-api';
import { fold, isPaletteShortcut, matchesName, movedIndex, paletteEntries, resultPath, searchableQuery, shortcutLabel } from './palette';

const pages = [
  { label: 'Projects', to: '/projects' },
  { label: 'Members', to: '/org/members', keywords: ['people', 'team'] },
  { label: 'Trash', to: '/org/trash', keywords: ['deleted', 'restore'] },
  { label: 'Audit log', to: '/org/audit' },
];
const projects = [
  { id: 'p1', name: 'Checkout', key: 'CHK' },
  { id: 'p2', name: 'Café app', key: 'CAFE' },
];

function result(overrides: Partial<SearchResult>): SearchResult {
  return {
    kind: 'document',
    id: 'd1',
    title: 'Refund policy',
    key: null,
    status: 'draft',
    project: { id: 'p1', name: 'Checkout', key: 'CHK' },
    matched: 'title',
    title_highlight: [
      { text: 'Refund', match: true },
      { text: ' policy', match: false },
    ],
    snippet: [],
    updated_at: '2026-12-07T10:00:00Z',
    ...overrides,
  };
}

describe('palette query', () => {
  it('sends trimmed text with a letter or digit, cut to 200 characters', () => {
    expect(searchableQuery('  refund  ')).toBe('refund');
    expect(searchableQuery('   ')).toBeNull();
    expect(searchableQuery('?!-')).toBeNull();
    expect(searchableQuery('é')).toBe('é');
    // Over the route's 200 characters nothing is sent, rather than a cut query.
    expect(searchableQuery('a'.repeat(200))).toHaveLength(200);
    expect(searchableQuery('a'.repeat(201))).toBeNull();
    expect(searchableQuery('😀'.repeat(150) + 'x'.repeat(50))).toBe('😀'.repeat(150) + 'x'.repeat(50));
    expect(searchableQuery('😀'.repeat(150) + 'x'.repeat(51))).toBeNull();
  });
  it('folds case and Latin diacritics like the server', () => {
    expect(fold('Crème BRÛLÉE')).toBe('creme brulee');
  });
});

describe('palette names', () => {
  it('matches when every word starts a word of the name or a keyword', () => {
    expect(matchesName('mem', 'Members')).toBe(true);
    expect(matchesName('audit l', 'Audit log')).toBe(true);
    expect(matchesName('log audit', 'Audit log')).toBe(true);
    expect(matchesName('udit', 'Audit log')).toBe(false);
    expect(matchesName('people', 'Members', ['people', 'team'])).toBe(true);
    expect(matchesName('cafe', 'Café app')).toBe(true);
    expect(matchesName('', 'Members')).toBe(false);
  });
});

describe('palette entries', () => {
  it('lists every page before anything is typed, and no results', () => {
    const entries = paletteEntries('', { pages, projects, results: [result({})] });
    expect(entries.map((e) => e.label)).toEqual(['Projects', 'Members', 'Trash', 'Audit log']);
  });

  it('puts pages and projects named by the query first, then search results in the server order', () => {
    const results = [
      result({ id: 'd1' }),
      result({
        kind: 'story',
        id: 's1',
        key: 'CHK-12',
        title: 'Refund by card',
        matched: 'body',
        snippet: [
          { text: 'Given a ', match: false },
          { text: 'refund', match: true },
        ],
      }),
    ];
    const entries = paletteEntries('re', { pages, projects, results });
    expect(entries.map((e) => [e.kind, e.label])).toEqual([
      ['page', 'Trash'],
      ['document', 'Refund policy'],
      ['story', 'Refund by card'],
    ]);
    const story = entries[2];
    expect(story.group).toBe('Documents and stories');
    expect(story.detail).toBe('Story CHK-12 · Checkout (CHK)');
    expect(story.snippet?.[1]).toEqual({ text: 'refund', match: true });
    expect(story.to).toBe('/projects/p1/backlog?q=CHK-12');
    expect(entries[1].labelSegments?.[0]).toEqual({ text: 'Refund', match: true });
    expect(entries[1].snippet).toBeUndefined();
  });

  it('finds projects by name or key, with unique entry ids', () => {
    const entries = paletteEntries('chk', { pages, projects, results: [] });
    expect(entries).toEqual([{ id: 'project-p1', kind: 'project', group: 'Go to', label: 'Checkout', detail: 'Project CHK', to: '/projects/p1' }]);
    const all = paletteEntries('c', { pages, projects, results: [result({ id: 'p1' })] });
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it('opens documents on their page and stories in their backlog', () => {
    expect(resultPath(result({ id: 'a/b' }))).toBe('/documents/a%2Fb');
    expect(resultPath(result({ kind: 'story', id: 's', key: 'WEB-3' }))).toBe('/projects/p1/backlog?q=WEB-3');
  });
});

describe('palette keys', () => {
  it('moves down and up with wrap-around, and to the ends', () => {
    expect(movedIndex(0, 3, 'ArrowDown')).toBe(1);
    expect(movedIndex(2, 3, 'ArrowDown')).toBe(0);
    expect(movedIndex(0, 3, 'ArrowUp')).toBe(2);
    expect(movedIndex(-1, 3, 'ArrowDown')).toBe(0);
    expect(movedIndex(1, 3, 'Home')).toBe(0);
    expect(movedIndex(1, 3, 'End')).toBe(2);
    expect(movedIndex(5, 3, 'x')).toBe(2);
    expect(movedIndex(0, 0, 'ArrowDown')).toBe(-1);
  });

  it('opens on ⌘K and Ctrl+K only', () => {
    const key = (k: string, mods: Partial<Record<'metaKey' | 'ctrlKey' | 'altKey' | 'shiftKey', boolean>>) => ({
      key: k,
      metaKey: false,
      ctrlKey: false,
      altKey: false,
      shiftKey: false,
      ...mods,
    });
    expect(isPaletteShortcut(key('k', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k', {}))).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key('j', { ctrlKey: true }))).toBe(false);
    expect(shortcutLabel('MacIntel')).toBe('⌘K');
    expect(shortcutLabel('Linux x86_64')).toBe('Ctrl K');
  });
});
