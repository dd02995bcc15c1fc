import { forwardRef } from 'react';
import { shortcutLabel } from '../lib/palette';
import '../search.css';

/** The header's way into the command palette: always visible, on a phone too, with the shortcut shown where there is room. */
export const SearchButton = forwardRef<HTMLButtonElement, { onClick: () => void }>(function SearchButton({ onClick }, ref) {
  const shortcut = shortcutLabel(typeof navigator === 'undefined' ? '' : navigator.platform);
  return (
    <button
      ref={ref}
      type="button"
      className="btn btn-secondary search-trigger"
      onClick={onClick}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K Meta+K"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" focusable="false">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span>Search</span>
      <kbd className="search-trigger-kbd" aria-hidden="true">
        {shortcut}
      </kbd>
    </button>
  );
});
