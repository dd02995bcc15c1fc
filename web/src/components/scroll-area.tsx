import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/**
 * True while the element's content is wider than the element, i.e. while it
 * scrolls sideways. Re-measured when the element, its children or the set of
 * its children change.
 */
export function useScrollsSideways(ref: RefObject<HTMLElement>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return watchSize(el, () => setScrolls(el.scrollWidth > el.clientWidth + 1));
  }, [ref]);
  return scrolls;
}

/**
 * Calls `measure` now and whenever `el`, one of its children, or the list of
 * its children changes size (content that loads later widens the children,
 * not the box). Returns the function that stops watching.
 */
export function watchSize(el: HTMLElement, measure: () => void): () => void {
  measure();
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  const resize = new ResizeObserver(measure);
  const observeAll = () => {
    resize.disconnect();
    resize.observe(el);
    for (const child of Array.from(el.children)) resize.observe(child);
    measure();
  };
  const mutations = new MutationObserver(observeAll);
  mutations.observe(el, { childList: true });
  observeAll();
  return () => {
    resize.disconnect();
    mutations.disconnect();
  };
}

/** The attributes that let keyboard users reach and scroll a region that scrolls sideways. */
export function scrollRegionProps(scrolls: boolean, label: string) {
  return scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {};
}

/**
 * A box that scrolls sideways inside itself when its content (a wide table,
 * a long line of code) is wider than the page allows, so the page itself
 * never does. While it scrolls it is a named, focusable region: keyboard
 * users can reach it and scroll it with the arrow keys (WCAG 2.1.1).
 */
export function ScrollArea({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(ref);
  return (
    <div ref={ref} className={['scroll-area', className ?? ''].filter(Boolean).join(' ')} {...scrollRegionProps(scrolls, label)}>
      {children}
    </div>
  );
}
