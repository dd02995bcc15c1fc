import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { quoteFromSelection } from '../lib/quote';
import { useOptionalCommentsContext, type DocSection, type ThreadTarget } from './comments-context';

interface Pending {
  target: ThreadTarget;
  top: number;
  left: number;
}

/** The rendered section the node is in (marked by the document view with data-section-slug). */
function sectionElement(node: Node | null): HTMLElement | null {
  const el = node instanceof Element ? node : node?.parentElement;
  const section = el?.closest<HTMLElement>('[data-section-slug]') ?? null;
  // Version previews in dialogs render sections too; only the page's document counts.
  return section && !section.closest('dialog') ? section : null;
}

function targetFor(selection: Selection, sections: DocSection[]): ThreadTarget | null {
  if (selection.isCollapsed || selection.rangeCount === 0) return null;
  const start = sectionElement(selection.anchorNode);
  if (!start || start !== sectionElement(selection.focusNode)) return null;
  const slug = start.dataset.sectionSlug ?? '';
  const section = sections.find((s) => s.slug === slug);
  if (!section) return null;
  const text = selection.toString();
  const found = quoteFromSelection(text, section.body);
  const label = slug ? section.title || 'Untitled section' : 'the introduction';
  const name = slug ? section.title : '';
  if (found.ok) return { section: name, label, quote: found.quote };
  if (found.reason === 'empty') return null;
  // Not quotable exactly (it crosses a link or a table, or is very long): a
  // comment on the section that quotes it in its text.
  return { section: name, label, unanchored: text.trim().slice(0, 600) };
}

/**
 * Selecting text in the document offers "Comment on selection" beside it,
 * which starts a thread quoting the passage.
 */
export function SelectionCommentButton() {
  const ctx = useOptionalCommentsContext();
  const [pending, setPending] = useState<Pending | null>(null);
  const sections = ctx?.sections;
  const allowed = !!ctx?.viewer.canComment;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!allowed || !sections) return;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const selection = document.getSelection();
        const target = selection ? targetFor(selection, sections) : null;
        if (!selection || !target) {
          // Focus moving to the button itself keeps the offer.
          if (document.activeElement !== button.current) setPending(null);
          return;
        }
        const rect = selection.getRangeAt(0).getBoundingClientRect();
        const width = 190;
        setPending({
          target,
          top: rect.bottom + window.scrollY + 6,
          left: Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8)),
        });
      });
    };
    document.addEventListener('selectionchange', update);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', update);
    };
  }, [allowed, sections]);

  if (!ctx || !pending) return null;
  return createPortal(
    <button
      ref={button}
      type="button"
      className="btn btn-primary btn-sm selection-comment no-print"
      style={{ top: pending.top, left: pending.left }}
      // Keep the selection while clicking.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        ctx.startThread(pending.target);
        setPending(null);
        document.getSelection()?.removeAllRanges();
      }}
    >
      Comment on selection
    </button>,
    document.body,
  );
}
