import { useEffect, useRef, useState, type RefObject } from 'react';
import { Button } from '@/components/button';

export interface SectionPosition {
  index: number; // 1-based: the section being written
  title: string;
  total?: number; // the template's sections, when known
}

/** The section a PRD is writing now: the last "## " heading streamed so far. */
export function sectionPosition(text: string, total?: number): SectionPosition | null {
  const headings = [...text.matchAll(/^## +(.+?)\s*$/gm)].map((m) => m[1]);
  if (headings.length === 0) return null;
  return { index: headings.length, title: headings[headings.length - 1], total: total && total >= headings.length ? total : undefined };
}

/** "Section 4 of 11: User Personas", announced politely as it changes. */
export function SectionProgress({ text, total }: { text: string; total?: number }) {
  const at = sectionPosition(text, total);
  if (!at) return <p className="small muted">Starting the first section…</p>;
  return (
    <p className="section-progress" role="status" aria-live="polite">
      Section {at.index}
      {at.total ? ` of ${at.total}` : ''}: <strong>{at.title}</strong>
    </p>
  );
}

/**
 * Keeps the end of `target` in view while text arrives and `active`; the
 * reader can stop (and resume) following. Returns the toggle to render.
 */
export function useFollow(target: RefObject<HTMLElement>, text: string, active: boolean) {
  const [following, setFollowing] = useState(true);
  const last = useRef(0);
  useEffect(() => {
    if (!active || !following || text.length === last.current) return;
    last.current = text.length;
    target.current?.scrollIntoView?.({ block: 'end', behavior: 'auto' }); // absent in jsdom
  }, [active, following, target, text]);
  const toggle = active ? (
    <Button size="sm" aria-pressed={following} onClick={() => setFollowing((f) => !f)}>
      {following ? 'Stop following' : 'Follow the text'}
    </Button>
  ) : null;
  return { following, toggle };
}
