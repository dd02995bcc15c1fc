import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth, useRoleIn } from '@/lib/auth';
import { useComments } from '../api/comments-api';
import { useOrgMembers } from '../api/members-api';
import type { Mentionable } from '../lib/mentions';
import { threadOf, type Thread, type Viewer } from '../lib/threads';
import { useMediaQuery } from '../lib/use-media-query';

/** A section of the document as the page renders it. */
export interface DocSection {
  /** Heading text ('' for the text before the first heading). */
  title: string;
  /** Anchor slug ('' for the text before the first heading). */
  slug: string;
  /** The section's Markdown. */
  body: string;
}

/** Where a new thread goes: a section (and maybe a quoted passage), or the whole document. */
export interface ThreadTarget {
  /** The section's heading text, '' for the introduction, null for the whole document. */
  section: string | null;
  /** How the panel names the section. */
  label: string;
  quote?: string;
  /** Selected text that could not be anchored exactly: offered as a quote in the body instead. */
  unanchored?: string;
}

export interface CommentsContextValue {
  documentId: string;
  sections: DocSection[];
  comments: ReturnType<typeof useComments>;
  threads: Thread[];
  viewer: Viewer;
  members: Mentionable[];
  target: ThreadTarget | null;
  startThread: (target: ThreadTarget) => void;
  cancelThread: () => void;
  /** Wide screens show the panel beside the document; narrow ones in a drawer. */
  wide: boolean;
  drawerOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
  showResolved: boolean;
  setShowResolved: (show: boolean) => void;
  /** The comment to bring into view and mark (from ?comment= or a new thread). */
  highlight: string | null;
  setHighlight: (id: string | null) => void;
  /** ?comment= named a comment that is not (or no longer) on this document. */
  missingLinkedComment: boolean;
}

const CommentsContext = createContext<CommentsContextValue | null>(null);

export function useCommentsContext(): CommentsContextValue {
  const ctx = useContext(CommentsContext);
  if (!ctx) throw new Error('useCommentsContext must be used inside <DocumentComments>');
  return ctx;
}

/** The same, or null outside <DocumentComments> (slots that may render elsewhere). */
export function useOptionalCommentsContext(): CommentsContextValue | null {
  return useContext(CommentsContext);
}

export interface DocumentCommentsProps {
  documentId: string;
  orgId: string | undefined;
  /** The current version: threads are re-read when it changes (outdated anchors). */
  version: number | undefined;
  sections: DocSection[];
  children: ReactNode;
}

/**
 * Comment state shared by the document page's pieces: the panel, the
 * "Comment" buttons beside headings and the "Comment on selection" button.
 */
export function DocumentComments({ documentId, orgId, version, sections, children }: DocumentCommentsProps) {
  const { me } = useAuth();
  const role = useRoleIn(orgId);
  const comments = useComments(documentId, version);
  const people = useOrgMembers(orgId);
  const wide = useMediaQuery('(min-width: 64rem)');
  const [target, setTarget] = useState<ThreadTarget | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [showResolved, setShowResolved] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [params] = useSearchParams();
  const linked = params.get('comment');
  const [handledLink, setHandledLink] = useState<string | null>(null);

  const threads = useMemo(() => comments.data?.items ?? [], [comments.data]);
  const userId = me?.user.id ?? null;
  const viewer: Viewer = useMemo(() => ({ userId, role, canComment: !!comments.data?.can_comment }), [userId, role, comments.data?.can_comment]);
  const members: Mentionable[] = useMemo(
    () => (people.data ?? []).filter((m) => m.user_id && m.user_id !== userId).map((m) => ({ id: m.user_id ?? '', name: m.name || m.email || '', email: m.email })),
    [people.data, userId],
  );

  // A link to a comment (?comment=, from a notification or its e-mail):
  // show its thread, even resolved, and bring it into view.
  const linkedThread = linked && comments.data ? threadOf(linked, threads) : null;
  useEffect(() => {
    if (!linked || linked === handledLink || !comments.data) return;
    setHandledLink(linked);
    if (!linkedThread) return;
    if (linkedThread.resolved) setShowResolved(true);
    if (!wide) setDrawerOpen(true);
    setHighlight(linked);
  }, [linked, handledLink, comments.data, linkedThread, wide]);

  const startThread = useCallback(
    (t: ThreadTarget) => {
      setTarget(t);
      if (!wide) setDrawerOpen(true);
    },
    [wide],
  );
  const cancelThread = useCallback(() => setTarget(null), []);

  const value: CommentsContextValue = {
    documentId,
    sections,
    comments,
    threads,
    viewer,
    members,
    target,
    startThread,
    cancelThread,
    wide,
    drawerOpen,
    setDrawerOpen,
    showResolved,
    setShowResolved,
    highlight,
    setHighlight,
    missingLinkedComment: !!linked && linked === handledLink && !!comments.data && !linkedThread,
  };
  return <CommentsContext.Provider value={value}>{children}</CommentsContext.Provider>;
}
