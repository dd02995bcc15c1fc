// Mentions in comment bodies: `@[Name](user_id)`, the form the server reads
// (services/collab/mentions.cpp). Typing `@` offers the organization's
// members; choosing one inserts that form; rendering shows "@Name" chips.

export interface Mentionable {
  id: string;
  name: string;
  email?: string;
}

// The same limits as the server: a name of 1–200 characters without
// brackets or line breaks, an id of letters, digits and dashes.
const MENTION = /@\[([^[\]\n]{1,200})\]\(([0-9A-Za-z-]{1,64})\)/g;

/** The people a body mentions, each once, in order. */
export function mentionsIn(body: string): { name: string; id: string }[] {
  const out: { name: string; id: string }[] = [];
  for (const m of body.matchAll(MENTION)) {
    if (!out.some((x) => x.id === m[2])) out.push({ name: m[1], id: m[2] });
  }
  return out;
}

/** The mention's Markdown for a member (brackets and line breaks in a name would end it early). */
export function mentionMarkdown(member: Mentionable): string {
  const name = (member.name || member.email || 'someone').replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return `@[${name || 'someone'}](${member.id})`;
}

export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** What was typed after it. */
  query: string;
}

const MAX_QUERY = 40;

/**
 * The `@…` being typed just before the caret, if any: an `@` at the start or
 * after a space or an opening bracket, followed by at most a few words.
 */
export function activeMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(Math.max(0, caret - MAX_QUERY - 1), caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const start = caret - before.length + at;
  const prev = start > 0 ? text[start - 1] : ' ';
  if (!/[\s([{"'“]/.test(prev)) return null;
  const query = text.slice(start + 1, caret);
  if (/[\n[\]()@]/.test(query) || /^\s/.test(query) || /\s{2}/.test(query) || query.split(' ').length > 3) return null;
  return { start, query };
}

/** The text with the mention replacing `@query`, and where the caret goes. */
export function insertMention(text: string, q: MentionQuery, caret: number, member: Mentionable): { text: string; caret: number } {
  const inserted = `${mentionMarkdown(member)} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, q.start) + inserted + after, caret: q.start + inserted.length };
}

function rank(member: Mentionable, q: string): number {
  const name = member.name.toLowerCase();
  const email = (member.email ?? '').toLowerCase();
  if (!q) return 3;
  if (name.startsWith(q)) return 0;
  if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
  if (email.startsWith(q)) return 2;
  if (name.includes(q) || email.includes(q)) return 3;
  return -1;
}

/** Members matching the query, best first (name, a word of it, e-mail, anywhere). */
export function filterMembers<M extends Mentionable>(members: M[], query: string, limit = 8): M[] {
  const q = query.trim().toLowerCase();
  return members
    .map((m) => ({ m, r: rank(m, q) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.m.name.localeCompare(b.m.name))
    .slice(0, limit)
    .map((x) => x.m);
}

/** Link target that marks a rendered mention; `nonce` keeps authors from forging one with a plain link. */
export function mentionHref(nonce: string, id: string): string {
  return `#mention-${nonce}-${id}`;
}

/** The user id a rendered link marks as a mention (with this nonce), or null. */
export function mentionIdFromHref(nonce: string, href: string | undefined): string | null {
  const prefix = `#mention-${nonce}-`;
  return href && href.startsWith(prefix) ? href.slice(prefix.length) : null;
}

// Markdown's inline punctuation, escaped so a name renders as written.
const escapeText = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');

/**
 * The body with each mention as a Markdown link the comment renderer shows as
 * a chip ("@Name"); mentions inside code are left as written.
 */
export function withMentionLinks(body: string, nonce: string): string {
  return splitOutsideCode(body)
    .map(({ text, code }) =>
      code ? text : text.replace(MENTION, (_all, name: string, id: string) => `[@${escapeText(name)}](${mentionHref(nonce, id)})`),
    )
    .join('');
}

// Fenced blocks and inline code spans stay as they are.
function splitOutsideCode(body: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  const pattern = /(^|\n)(```|~~~)[^\n]*\n[\s\S]*?(\n\2[^\n]*(?=\n|$)|$)|`[^`\n]+`/g;
  let last = 0;
  for (const m of body.matchAll(pattern)) {
    const index = m.index ?? 0;
    if (index > last) parts.push({ text: body.slice(last, index), code: false });
    parts.push({ text: m[0], code: true });
    last = index + m[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), code: false });
  return parts;
}
