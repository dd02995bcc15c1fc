import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After client-side navigation, moves focus to the new page's title (or the
 * main region) so keyboard and screen-reader users land on the new content.
 */
export function useRouteFocus(): void {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Wait a frame so lazy pages have rendered their heading.
    const t = window.setTimeout(() => {
      const target =
        document.querySelector<HTMLElement>('main [data-page-title]') ?? document.querySelector<HTMLElement>('main');
      if (target && !target.contains(document.activeElement)) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: false });
      }
    }, 50);
    return () => window.clearTimeout(t);
  }, [location.pathname]);
}
