import { useCallback, useEffect, useState, type ReactNode, type RefObject } from 'react';
import { watchSize } from './scroll-area';

export interface ScrollEdges {
  /** Content is hidden before the visible part (scrolled away from the start). */
  start: boolean;
  /** Content is hidden after the visible part. */
  end: boolean;
}

/** Which ends of a horizontally scrolling box hide content (1 px of slack for sub-pixel layouts). */
export function scrollEdges({ scrollLeft, clientWidth, scrollWidth }: { scrollLeft: number; clientWidth: number; scrollWidth: number }): ScrollEdges {
  if (scrollWidth <= clientWidth + 1) return { start: false, end: false };
  return { start: scrollLeft > 1, end: scrollLeft + clientWidth < scrollWidth - 1 };
}

/** How far one press of an arrow scrolls: most of the visible width, so one tab stays for context. */
export function scrollStep(clientWidth: number): number {
  return Math.max(80, Math.round(clientWidth * 0.75));
}

function useScrollEdges(ref: RefObject<HTMLElement>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ start: false, end: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const next = scrollEdges(el);
    setEdges((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
  }, [ref]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.addEventListener('scroll', measure, { passive: true });
    const unwatch = watchSize(el, measure);
    return () => {
      el.removeEventListener('scroll', measure);
      unwatch();
    };
  }, [ref, measure]);
  return edges;
}

/**
 * A row of tabs that may be wider than the screen. When some tabs are out of
 * view, that edge fades and shows an arrow that scrolls the row. Keyboard
 * users do not need the arrows (they are out of the tab order): the focused
 * tab is always scrolled into view, and so is the selected one on load.
 */
export function TabScroller({
  children,
  listRef,
  current,
  className,
}: {
  children: ReactNode;
  /** The scrolling row (the tablist or nav). */
  listRef: RefObject<HTMLElement>;
  /** What is selected (a tab id, a path): the selected item is scrolled into view when it changes. */
  current: string;
  className?: string;
}) {
  const edges = useScrollEdges(listRef);

  useEffect(() => {
    const list = listRef.current;
    const selected = list?.querySelector<HTMLElement>('[aria-selected="true"], [aria-current="page"]');
    if (list && selected && list.scrollWidth > list.clientWidth) scrollIntoRow(list, selected, 'auto');
  }, [listRef, current]);

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const onFocus = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement && e.target !== list) scrollIntoRow(list, e.target, motion());
    };
    list.addEventListener('focusin', onFocus);
    return () => list.removeEventListener('focusin', onFocus);
  }, [listRef]);

  const scrollBy = (direction: 1 | -1) => {
    const list = listRef.current;
    list?.scrollBy({ left: direction * scrollStep(list.clientWidth), behavior: motion() });
  };
  return (
    <div className={['tab-scroller', className ?? '', edges.start ? 'fade-start' : '', edges.end ? 'fade-end' : ''].filter(Boolean).join(' ')}>
      {children}
      {edges.start ? (
        <button type="button" className="tab-scroll tab-scroll-start" tabIndex={-1} aria-label="Show earlier tabs" onClick={() => scrollBy(-1)}>
          <span aria-hidden="true">‹</span>
        </button>
      ) : null}
      {edges.end ? (
        <button type="button" className="tab-scroll tab-scroll-end" tabIndex={-1} aria-label="Show more tabs" onClick={() => scrollBy(1)}>
          <span aria-hidden="true">›</span>
        </button>
      ) : null}
    </div>
  );
}

/** Smooth scrolling, unless the person asked for less motion. */
function motion(): ScrollBehavior {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/** Scrolls the row (only the row, never the page) so that `item` is fully visible beside the arrows. */
function scrollIntoRow(list: HTMLElement, item: HTMLElement, behavior: ScrollBehavior) {
  const margin = 40; // room for an arrow
  const left = item.offsetLeft - list.offsetLeft;
  const right = left + item.offsetWidth;
  if (left - margin < list.scrollLeft) list.scrollTo?.({ left: Math.max(0, left - margin), behavior });
  else if (right + margin > list.scrollLeft + list.clientWidth) list.scrollTo?.({ left: right + margin - list.clientWidth, behavior });
}
