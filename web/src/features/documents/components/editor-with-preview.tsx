import { useDeferredValue, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMediaQuery } from '@/lib/use-media-query';
import type { EditorHandle } from './editor-handle';
import { EditorToolbar } from './editor-toolbar';
import { DocumentView } from './document-view';
import { LazyMarkdownEditor } from './lazy-markdown-editor';

export interface EditorWithPreviewProps {
  value: string;
  onChange: (value: string) => void;
  /** Accessible name of the text area. */
  label: string;
  /** Id of the hint that describes the text area. */
  describedBy?: string;
}

/** Wide enough for the text and its preview side by side. */
export const sideBySideQuery = '(min-width: 60rem)';

type Pane = 'write' | 'preview';

/**
 * The Markdown editor with its formatting toolbar and a live preview drawn
 * by the document view itself (same sanitizing renderer, same sections), so
 * the preview is what the saved document will look like. Side by side on
 * wide screens; Write / Preview tabs on narrow ones. The editor stays mounted
 * while the preview tab is shown, so its undo history survives.
 */
export function EditorWithPreview({ value, onChange, label, describedBy }: EditorWithPreviewProps) {
  const wide = useMediaQuery(sideBySideQuery);
  const [pane, setPane] = useState<Pane>('write');
  const handle = useRef<EditorHandle | null>(null);
  const base = useId().replace(/:/g, '');
  const ids = { editor: `${base}-editor`, write: `${base}-write`, preview: `${base}-preview`, writeTab: `${base}-write-tab`, previewTab: `${base}-preview-tab` };
  // Rendering Markdown is slower than typing: the preview may lag a keystroke behind.
  const preview = useDeferredValue(value);
  const showPreview = wide || pane === 'preview';

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next: Pane = e.key === 'Home' ? 'write' : e.key === 'End' ? 'preview' : pane === 'write' ? 'preview' : 'write';
    setPane(next);
    document.getElementById(next === 'write' ? ids.writeTab : ids.previewTab)?.focus();
  };

  return (
    <div className={wide ? 'md-workspace md-side-by-side' : 'md-workspace md-tabbed'}>
      {!wide ? (
        <div role="tablist" aria-label="Editor view" className="tab-list md-pane-tabs" onKeyDown={onTabKey}>
          {(['write', 'preview'] as const).map((p) => (
            <button
              key={p}
              id={p === 'write' ? ids.writeTab : ids.previewTab}
              type="button"
              role="tab"
              className="tab"
              aria-selected={pane === p}
              aria-controls={p === 'write' ? ids.write : ids.preview}
              tabIndex={pane === p ? 0 : -1}
              onClick={() => setPane(p)}
            >
              {p === 'write' ? 'Write' : 'Preview'}
            </button>
          ))}
        </div>
      ) : null}
      <div
        id={ids.write}
        className="md-write"
        {...(wide ? {} : { role: 'tabpanel', 'aria-labelledby': ids.writeTab })}
        hidden={!wide && pane !== 'write'}
      >
        <EditorToolbar controls={ids.editor} onFormat={(command) => handle.current?.format(command)} />
        <div id={ids.editor}>
          <LazyMarkdownEditor value={value} onChange={onChange} label={label} describedBy={describedBy} handle={handle} />
        </div>
      </div>
      <div
        id={ids.preview}
        className="md-preview"
        tabIndex={0}
        {...(wide ? { role: 'region', 'aria-labelledby': `${ids.preview}-label` } : { role: 'tabpanel', 'aria-labelledby': ids.previewTab })}
        hidden={!showPreview}
        data-testid="editor-preview"
      >
        {wide ? (
          <p id={`${ids.preview}-label`} className="md-preview-label">
            Preview
          </p>
        ) : null}
        {showPreview ? <DocumentView content={preview} idPrefix="preview-" /> : null}
      </div>
    </div>
  );
}
