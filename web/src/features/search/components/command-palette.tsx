import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { limits, tooLong } from '@/lib/limits';
import { useDebounced } from '@/lib/use-debounced';
import { useSearch } from '../api/search-api';
import { movedIndex, paletteEntries, searchableQuery, type PaletteEntry, type PaletteProject, type PaletteTarget } from '../lib/palette';
import { Highlighted } from './highlighted';
import '../search.css';

export interface CommandPaletteProps {
  open: boolean;
  onClose: () => void;
  orgId: string | null;
  /** Pages the caller may open, by name. */
  pages: PaletteTarget[];
  /** The organization's projects (jumped to by name or key). */
  projects: PaletteProject[];
}

const groups: PaletteEntry['group'][] = ['Go to', 'Documents and stories'];

/**
 * Search everywhere and jump: a modal <dialog> holding a combobox (the text
 * box) that owns a listbox of entries. Focus stays in the text box; the
 * arrow keys move the active entry (aria-activedescendant), Enter opens it,
 * Escape or the Close button closes the palette, and focus returns to
 * whatever opened it.
 */
export function CommandPalette({ open, onClose, orgId, pages, projects }: CommandPaletteProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(null);
  const listId = useId();
  const statusId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useNavigate();
  const searched = searchableQuery(useDebounced(query, 200));
  const search = useSearch(open ? orgId : null, searched);
  const typed = searchableQuery(query);
  const results = typed && search.data ? search.data.items : [];
  const entries = useMemo(() => paletteEntries(query, { pages, projects, results }), [query, pages, projects, results]);
  const optionId = (entry: PaletteEntry) => `${listId}-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      inputRef.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      setQuery('');
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  }, [open]);

  // A new list starts at its first entry.
  useEffect(() => setActive(0), [query, results.length]);

  // The active entry stays in view as the keys move through a long list.
  const activeEntry = entries[active];
  useEffect(() => {
    if (!activeEntry) return;
    document.getElementById(optionId(activeEntry))?.scrollIntoView?.({ block: 'nearest' });
  }, [activeEntry?.id]);

  const go = (entry: PaletteEntry) => {
    onClose();
    navigate(entry.to);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => movedIndex(i, entries.length, e.key));
    } else if ((e.key === 'Home' || e.key === 'End') && e.ctrlKey) {
      e.preventDefault();
      setActive((i) => movedIndex(i, entries.length, e.key));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (activeEntry) go(activeEntry);
    }
  };

  const long = tooLong('The search text', query, limits.searchQuery);
  const status = long
    ? `${long} Shorten it to search.`
    : !typed
      ? query.trim()
        ? 'Type a letter or digit to search documents and stories.'
        : 'Type to search documents and stories, or to jump to a page or project.'
      : search.isError
        ? ''
        : search.isFetching && results.length === 0
          ? 'Searching…'
          : results.length === 0 && searched === typed
            ? `No documents or stories match “${typed}”.`
            : `${results.length}${search.data?.has_more ? '+' : ''} result${results.length === 1 && !search.data?.has_more ? '' : 's'}.`;

  return (
    <dialog
      ref={dialogRef}
      className="dialog palette"
      aria-label="Search and jump"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === dialogRef.current) onClose();
      }}
    >
      {open ? (
        <div className="palette-body">
          <div className="palette-input-row">
            <input
              ref={inputRef}
              className="input palette-input"
              type="text"
              role="combobox"
              aria-label="Search documents and stories, or jump to"
              aria-expanded={entries.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={activeEntry ? optionId(activeEntry) : undefined}
              aria-describedby={statusId}
              autoComplete="off"
              spellCheck={false}
              placeholder="Search or jump to…"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
              Close
            </button>
          </div>
          <p id={statusId} className={long ? 'palette-status small field-error' : 'palette-status muted small'} role="status">
            {status} {long ? <CharCount value={query} max={limits.searchQuery} /> : null}
          </p>
          {search.isError && typed ? <ErrorMessage error={search.error} onRetry={() => void search.refetch()} /> : null}
          <div id={listId} role="listbox" aria-label="Results" className="palette-list">
            {groups.map((group) => {
              const inGroup = entries.filter((e) => e.group === group);
              if (inGroup.length === 0) return null;
              return (
                <div key={group} role="group" aria-label={group} className="palette-group">
                  <div className="palette-group-label" aria-hidden="true">
                    {group}
                  </div>
                  {inGroup.map((entry) => {
                    const index = entries.indexOf(entry);
                    return (
                      <div
                        key={entry.id}
                        id={optionId(entry)}
                        role="option"
                        aria-selected={index === active}
                        className={index === active ? 'palette-option active' : 'palette-option'}
                        data-kind={entry.kind}
                        onMouseDown={(e) => e.preventDefault()}
                        onMouseMove={() => setActive(index)}
                        onClick={() => go(entry)}
                      >
                        <span className="palette-option-label">
                          {entry.labelSegments ? <Highlighted segments={entry.labelSegments} /> : entry.label}
                        </span>
                        {entry.detail ? <span className="palette-option-detail">{entry.detail}</span> : null}
                        {entry.snippet ? (
                          <span className="palette-option-snippet">
                            <Highlighted segments={entry.snippet} />
                          </span>
                        ) : null}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
          <p className="palette-help muted small" aria-hidden="true">
            ↑ ↓ to move · Enter to open · Esc to close
          </p>
        </div>
      ) : null}
    </dialog>
  );
}
