import { describe, expect, it } from 'vitest';
import { canReply, canResolve, commentPermissions, groupThreads, matchSection, openCountBySection, plainQuote, threadOf, type Thread } from './threads';

const thread = (over: Partial<Thread> = {}): Thread => ({
  id: 't1',
  document_id: 'd1',
  parent_id: null,
  author: { id: 'author', name: 'Ann' },
  body: 'Hello',
  deleted: false,
  created_at: '2030-01-01T00:00:00Z',
  edited_at: null,
  section: 'Goals',
  quote: null,
  anchor_version: 1,
  outdated: false,
  resolved: false,
  resolved_at: null,
  resolved_by: null,
  replies: [],
  ...over,
});

const sections = [
  { title: '', slug: '' },
  { title: 'Goals', slug: 'goals' },
  { title: 'Functional Requirements', slug: 'functional-requirements' },
];

describe('who may do what with a comment', () => {
  it('edit only one’s own while one may comment; delete one’s own, or as an admin', () => {
    const c = thread();
    expect(commentPermissions(c, { userId: 'author', role: 'viewer', canComment: true })).toEqual({ edit: true, remove: true });
    expect(commentPermissions(c, { userId: 'author', role: 'viewer', canComment: false })).toEqual({ edit: false, remove: true });
    expect(commentPermissions(c, { userId: 'other', role: 'member', canComment: true })).toEqual({ edit: false, remove: false });
    expect(commentPermissions(c, { userId: 'other', role: 'admin', canComment: true })).toEqual({ edit: false, remove: true });
    expect(commentPermissions(thread({ deleted: true }), { userId: 'author', role: 'owner', canComment: true })).toEqual({ edit: false, remove: false });
  });

  it('resolve: the thread’s author and members and above; reply: whoever may comment, not on a deleted thread', () => {
    expect(canResolve(thread(), { userId: 'author', role: 'viewer', canComment: false })).toBe(true);
    expect(canResolve(thread(), { userId: 'other', role: 'viewer', canComment: true })).toBe(false);
    expect(canResolve(thread(), { userId: 'other', role: 'member', canComment: true })).toBe(true);
    expect(canResolve(thread({ deleted: true }), { userId: 'other', role: 'owner', canComment: true })).toBe(false);
    expect(canReply(thread(), { userId: 'other', role: 'viewer', canComment: true })).toBe(true);
    expect(canReply(thread(), { userId: 'other', role: 'owner', canComment: false })).toBe(false);
    expect(canReply(thread({ deleted: true }), { userId: 'other', role: 'owner', canComment: true })).toBe(false);
  });
});

describe('grouping threads', () => {
  it('matches a section by its title, loosely, the first of that title', () => {
    expect(matchSection('Goals', sections)?.slug).toBe('goals');
    expect(matchSection('**functional**  requirements', sections)?.slug).toBe('functional-requirements');
    expect(matchSection('', sections)?.slug).toBe('');
    expect(matchSection('Risks', sections)).toBeNull();
  });

  it('orders groups as the document, then the whole document, then sections that are gone; hides resolved unless asked', () => {
    const threads = [
      thread({ id: 'a', section: 'Functional Requirements' }),
      thread({ id: 'b', section: null }),
      thread({ id: 'c', section: 'Goals', resolved: true }),
      thread({ id: 'd', section: 'Risks', outdated: true }),
      thread({ id: 'e', section: 'Goals' }),
      thread({ id: 'f', section: '' }),
    ];
    const shown = groupThreads(threads, sections, false);
    expect(shown.open).toBe(5);
    expect(shown.resolved).toBe(1);
    expect(shown.groups.map((g) => [g.title, g.threads.map((t) => t.id)])).toEqual([
      ['Introduction', ['f']],
      ['Goals', ['e']],
      ['Functional Requirements', ['a']],
      ['Whole document', ['b']],
      ['Risks (no longer in the document)', ['d']],
    ]);
    expect(groupThreads(threads, sections, true).groups[1].threads.map((t) => t.id)).toEqual(['c', 'e']);
    expect(openCountBySection(threads, sections)).toEqual(new Map([['functional-requirements', 1], ['goals', 1], ['', 1]]));
  });

  it('finds the thread of a reply, and shows a quote without its Markdown markers', () => {
    const threads = [thread({ id: 't1', replies: [{ id: 'r1', document_id: 'd1', parent_id: 't1', author: { id: 'x', name: 'X' }, body: 'ok', deleted: false, created_at: '2030-01-01T00:00:00Z', edited_at: null }] })];
    expect(threadOf('r1', threads)?.id).toBe('t1');
    expect(threadOf('t1', threads)?.id).toBe('t1');
    expect(threadOf('nope', threads)).toBeNull();
    expect(plainQuote('Ship by **March** and `soon`\n- FR-1: QR')).toBe('Ship by March and soon\nFR-1: QR');
  });
});
