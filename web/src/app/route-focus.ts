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
    // Wait a frame so lazy pages have rendered their heading. Focus already
    // inside the page (a tab link that stays, or the user was quicker: an
    // outline link chosen meanwhile) is left where it is.
    const t = window.setTimeout(() => {
      const main = document.querySelector<HTMLElement>('main');
      if (main?.contains(document.activeElement)) return;
      const target = document.querySelector<HTMLElement>('main [data-page-title]') ?? main;
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: false });
      }
    }, 50);
    return () => window.clearTimeout(t);
  }, [location.pathname]);
}
