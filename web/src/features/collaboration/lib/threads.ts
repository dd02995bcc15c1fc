// Which comment threads show where, and who may do what with them. The
// rules mirror the server's (services/collab/comments_service.cpp), so only
// the buttons that will work are shown.
import type { components } from '@/lib/api/schema';
import { roleAtLeast, type Role } from '@/lib/auth';

export type Thread = components['schemas']['Comment'];
export type Reply = components['schemas']['CommentReply'];
export type AnyComment = Thread | Reply;

export interface Viewer {
  userId: string | null;
  /** The viewer's role in the document's organization. */
  role: Role | null;
  /** From the comments list: may the viewer write (viewers only when the organization allows it)? */
  canComment: boolean;
}

export interface CommentPermissions {
  edit: boolean;
  remove: boolean;
}

/** Edit: one's own, while one may comment. Delete: one's own, or as an admin. */
export function commentPermissions(comment: AnyComment, viewer: Viewer): CommentPermissions {
  if (comment.deleted || !viewer.userId) return { edit: false, remove: false };
  const own = comment.author.id === viewer.userId;
  return { edit: own && viewer.canComment, remove: own || roleAtLeast(viewer.role, 'admin') };
}

/** Resolve and reopen: the thread's author and the document's editors (members and above). */
export function canResolve(thread: Thread, viewer: Viewer): boolean {
  if (thread.deleted || !viewer.userId) return false;
  return thread.author.id === viewer.userId || roleAtLeast(viewer.role, 'member');
}

/** Reply: anyone who may comment, while the thread's first comment is there. */
export function canReply(thread: Thread, viewer: Viewer): boolean {
  return viewer.canComment && !thread.deleted;
}

export interface SectionRef {
  title: string;
  slug: string;
}

/** Heading text compared loosely: without inline Markdown, case or extra spaces. */
export function sectionKey(title: string): string {
  return title
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The document section a thread's `section` names (the first of that title, as the server does), or null. */
export function matchSection(section: string, sections: SectionRef[]): SectionRef | null {
  if (section === '') return sections.find((s) => s.slug === '') ?? null;
  const key = sectionKey(section);
  return sections.find((s) => s.slug && (s.title === section || sectionKey(s.title) === key)) ?? null;
}

export interface ThreadGroup {
  /** The section's slug; "" the text before the first heading; `document` / `gone` otherwise. */
  key: string;
  title: string;
  kind: 'section' | 'document' | 'gone';
  threads: Thread[];
}

export interface GroupedThreads {
  groups: ThreadGroup[];
  open: number;
  resolved: number;
}

/**
 * Threads by the section they are about, in the document's order, then the
 * ones about the whole document, then those whose section is gone. Resolved
 * threads are left out unless `showResolved`; threads stay oldest first.
 */
export function groupThreads(threads: Thread[], sections: SectionRef[], showResolved: boolean): GroupedThreads {
  const bySection = new Map<string, Thread[]>();
  const whole: Thread[] = [];
  const gone = new Map<string, Thread[]>();
  let open = 0;
  let resolved = 0;
  for (const t of threads) {
    if (t.resolved) resolved += 1;
    else open += 1;
    if (t.resolved && !showResolved) continue;
    if (t.section === null || t.section === undefined) {
      whole.push(t);
      continue;
    }
    const s = matchSection(t.section, sections);
    if (s) bySection.set(s.slug, [...(bySection.get(s.slug) ?? []), t]);
    else gone.set(t.section, [...(gone.get(t.section) ?? []), t]);
  }
  const groups: ThreadGroup[] = [];
  for (const s of sections) {
    const list = bySection.get(s.slug);
    if (list) groups.push({ key: s.slug, title: s.slug ? s.title || 'Untitled section' : 'Introduction', kind: 'section', threads: list });
  }
  if (whole.length) groups.push({ key: 'document', title: 'Whole document', kind: 'document', threads: whole });
  for (const [title, list] of gone) {
    groups.push({ key: `gone:${title}`, title: title ? `${title} (no longer in the document)` : 'Introduction (no longer in the document)', kind: 'gone', threads: list });
  }
  return { groups, open, resolved };
}

/** Open threads per section slug (for the "Comment" buttons beside headings). */
export function openCountBySection(threads: Thread[], sections: SectionRef[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of threads) {
    if (t.resolved || t.section === null || t.section === undefined) continue;
    const s = matchSection(t.section, sections);
    if (s) counts.set(s.slug, (counts.get(s.slug) ?? 0) + 1);
  }
  return counts;
}

/** The thread a comment (a thread's first comment or a reply) belongs to. */
export function threadOf(commentId: string, threads: Thread[]): Thread | null {
  return threads.find((t) => t.id === commentId || (t.replies ?? []).some((r) => r.id === commentId)) ?? null;
}

/** A quote as plain text: without the emphasis and code markers it was cut from. */
export function plainQuote(quote: string): string {
  return quote
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .trim();
}
