import { describe, expect, it } from 'vitest';
import { activeMentionQuery, filterMembers, insertMention, mentionIdFromHref, mentionMarkdown, mentionsIn, withMentionLinks } from './mentions';

const people = [
  { id: 'u-1', name: 'Mateo Rossi', email: 'mateo@example.com' },
  { id: 'u-2', name: 'Vera Novak', email: 'vera@example.com' },
  { id: 'u-3', name: 'Amira Mateus', email: 'amira@example.com' },
];

describe('mentions', () => {
  it('reads the people a body mentions, once each', () => {
    expect(mentionsIn('Hi @[Mateo Rossi](u-1) and @[Vera](u-2), @[Mateo Rossi](u-1) again; not @[x](bad id) or [y](u-3)')).toEqual([
      { name: 'Mateo Rossi', id: 'u-1' },
      { name: 'Vera', id: 'u-2' },
    ]);
  });

  it('writes a mention the server reads, without brackets that would end it early', () => {
    expect(mentionMarkdown({ id: 'u-9', name: 'Ann [Ops]\nLead' })).toBe('@[Ann Ops Lead](u-9)');
    expect(mentionMarkdown({ id: 'u-9', name: '', email: 'ann@example.com' })).toBe('@[ann@example.com](u-9)');
  });

  it('finds the @query being typed before the caret', () => {
    expect(activeMentionQuery('Hello @Ma', 9)).toEqual({ start: 6, query: 'Ma' });
    expect(activeMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMentionQuery('(@Vera N', 8)).toEqual({ start: 1, query: 'Vera N' });
    // An e-mail address, a finished mention, a new line or a long sentence is no query.
    expect(activeMentionQuery('mail me at a@b', 14)).toBeNull();
    expect(activeMentionQuery('@[Mateo Rossi](u-1) ', 20)).toBeNull();
    expect(activeMentionQuery('@Ma\nnext', 8)).toBeNull();
    expect(activeMentionQuery('@one two three four', 19)).toBeNull();
    expect(activeMentionQuery('no at sign', 10)).toBeNull();
  });

  it('replaces the query with the mention and puts the caret after it', () => {
    const text = 'Ask @Ma about it';
    const q = activeMentionQuery(text, 7)!;
    expect(insertMention(text, q, 7, people[0])).toEqual({ text: 'Ask @[Mateo Rossi](u-1) about it', caret: 24 });
  });

  it('ranks members: name start, word start, e-mail, anywhere', () => {
    expect(filterMembers(people, 'mat').map((m) => m.id)).toEqual(['u-1', 'u-3']);
    expect(filterMembers(people, 'nov').map((m) => m.id)).toEqual(['u-2']);
    expect(filterMembers(people, 'amira@').map((m) => m.id)).toEqual(['u-3']);
    expect(filterMembers(people, '').map((m) => m.id)).toEqual(['u-3', 'u-1', 'u-2']);
    expect(filterMembers(people, 'zzz')).toEqual([]);
    expect(filterMembers(people, '', 2)).toHaveLength(2);
  });

  it('turns mentions into links of a marked form, leaving code alone', () => {
    const md = withMentionLinks('Hi @[Mateo *R*](u-1)! `@[Code](u-2)`\n\n```\n@[Fenced](u-3)\n```\n', 'n1');
    expect(md).toContain('[@Mateo \\*R\\*](#mention-n1-u-1)');
    expect(md).toContain('`@[Code](u-2)`');
    expect(md).toContain('@[Fenced](u-3)');
    expect(mentionIdFromHref('n1', '#mention-n1-u-1')).toBe('u-1');
    expect(mentionIdFromHref('n1', '#mention-other-u-1')).toBeNull();
    expect(mentionIdFromHref('n1', undefined)).toBeNull();
  });
});
