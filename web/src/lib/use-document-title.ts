import { useEffect } from 'react';

/** Sets the tab title to "<title> · PRISM". */
export function useDocumentTitle(title: string | undefined | null): void {
  useEffect(() => {
    document.title = title ? `${title} · PRISM` : 'PRISM';
  }, [title]);
}
