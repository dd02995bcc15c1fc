import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { useToast } from '@/components/toast';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { fetchDocument, patchDocument, type DocumentChanges, type LoadedDocument } from '../api/documents-api';
import { ConflictDialog, type ConflictChoice } from './conflict-dialog';
import { EditorWithPreview } from './editor-with-preview';

export interface DocumentEditorProps {
  /** The version being edited (its ETag goes into If-Match). */
  initial: LoadedDocument;
  /** A version was saved; the editor stays open on it. */
  onSaved: (saved: LoadedDocument) => void;
  /** Leave edit mode (after the user confirmed discarding unsaved changes). */
  onDone: () => void;
  /** Called whenever the unsaved state flips (for the leave-page guard). */
  onDirtyChange?: (dirty: boolean) => void;
  /** Stores a document loaded during conflict handling (cache update). */
  onLoaded?: (latest: LoadedDocument) => void;
}

interface Base {
  etag: string;
  title: string;
  content: string;
}

/**
 * Title + Markdown editor with toolbar and live preview. Saves with If-Match
 * (Save, Ctrl+S / ⌘S) and stays open; resolves 412 conflicts with the user.
 * Done or Esc leaves, asking first when there are unsaved changes.
 */
export function DocumentEditor({ initial, onSaved, onDone, onDirtyChange, onLoaded }: DocumentEditorProps) {
  const id = initial.doc.id ?? '';
  const [base, setBase] = useState<Base>({ etag: initial.etag, title: initial.doc.title ?? '', content: initial.doc.content ?? '' });
  const [title, setTitle] = useState(base.title);
  const [content, setContent] = useState(base.content);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflictOpen, setConflictOpen] = useState(false);
  const [latest, setLatest] = useState<LoadedDocument | undefined>();
  const [latestError, setLatestError] = useState<unknown>(null);
  const [busy, setBusy] = useState<ConflictChoice | null>(null);
  const [conflictError, setConflictError] = useState<unknown>(null);
  const [titleError, setTitleError] = useState<string | undefined>();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const { notify } = useToast();
  const hintId = useId();
  const dirty = title !== base.title || content !== base.content;
  const dirtyRef = useRef(dirty);

  useEffect(() => {
    if (dirtyRef.current !== dirty || dirty) onDirtyChange?.(dirty);
    dirtyRef.current = dirty;
  }, [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  // Only what the user changed relative to the version they started from, so
  // saving on top of someone else's version keeps their untouched fields.
  const changes = (): DocumentChanges => ({
    ...(title !== base.title ? { title: title.trim() } : {}),
    ...(content !== base.content ? { content } : {}),
  });

  const loadLatest = async () => {
    setLatest(undefined);
    setLatestError(null);
    try {
      const fresh = await fetchDocument(id);
      setLatest(fresh);
      onLoaded?.(fresh);
      return fresh;
    } catch (err) {
      setLatestError(err);
      throw err;
    }
  };

  const finishSave = (saved: LoadedDocument) => {
    setBase({ etag: saved.etag, title: saved.doc.title ?? '', content: saved.doc.content ?? '' });
    onDirtyChange?.(false);
    notify(`Saved as version ${saved.doc.version}`);
    onSaved(saved);
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!dirty || saving) return;
    if (!title.trim()) {
      setError(null);
      setTitleError('Enter a title.');
      return;
    }
    const long = tooLong('The title', title, limits.documentTitle);
    if (long) {
      setError(null);
      setTitleError(long);
      return;
    }
    setTitleError(undefined);
    setSaving(true);
    setError(null);
    try {
      finishSave(await patchDocument(id, base.etag, changes()));
    } catch (err) {
      if (isApiError(err) && err.status === 412) {
        setConflictError(null);
        setConflictOpen(true);
        void loadLatest().catch(() => undefined);
      } else {
        if (isApiError(err)) setTitleError(err.fieldError('title'));
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  };
  const reloadTheirs = async () => {
    setBusy('reload');
    setConflictError(null);
    try {
      const fresh = latest ?? (await loadLatest());
      const next = { etag: fresh.etag, title: fresh.doc.title ?? '', content: fresh.doc.content ?? '' };
      setBase(next);
      setTitle(next.title);
      setContent(next.content);
      setConflictOpen(false);
      notify(`Loaded version ${fresh.doc.version}; your unsaved changes were discarded`, 'info');
    } catch (err) {
      setConflictError(err);
    } finally {
      setBusy(null);
    }
  };

  const keepMine = async () => {
    setBusy('keep');
    setConflictError(null);
    const mine = changes();
    try {
      // Re-base on the newest version: fetch its ETag, then save my text on top.
      const fresh = await loadLatest();
      const saved = await patchDocument(id, fresh.etag, mine);
      setConflictOpen(false);
      finishSave(saved);
    } catch (err) {
      // Yet another save slipped in between: show it and let the user choose again.
      if (isApiError(err) && err.status === 412) void loadLatest().catch(() => undefined);
      setConflictError(err);
    } finally {
      setBusy(null);
    }
  };

  const leave = () => (dirty ? setConfirmDiscard(true) : onDone());

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys pressed in this form's dialogs (discard, conflict) are theirs.
    if (e.target instanceof Element && e.target.closest('dialog')) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape' && !e.defaultPrevented && !saving) {
      // The editor consumes Escape itself while it has something to close (search, completion, a selection).
      e.preventDefault();
      leave();
    }
  };

  return (
    <form className="doc-editor form" onSubmit={save} onKeyDown={onKeyDown} aria-label="Edit document" noValidate>
      {error ? <ErrorMessage error={error} title={isApiError(error) && error.status === 413 ? 'The document is too large (1 MiB at most)' : 'Could not save'} /> : null}
      <Field label="Title" error={titleError} hint={<CharCount value={title} max={limits.documentTitle} />} required>
        <TextInput name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="field">
        <span className="field-label" id={`${hintId}-label`}>
          Content (Markdown)
        </span>
        <p className="field-hint" id={hintId}>
          Each “## ” heading starts a section. Ctrl+S (⌘S) saves and keeps editing; Esc or Done leaves the editor; Tab moves on from the text.
        </p>
        <EditorWithPreview value={content} onChange={setContent} label="Document content (Markdown)" describedBy={hintId} />
      </div>
      <div className="form-actions doc-editor-actions">
        <Button type="submit" variant="primary" loading={saving} disabled={!dirty}>
          Save
        </Button>
        <Button onClick={leave} disabled={saving}>
          Done
        </Button>
        <span className="muted small" aria-live="polite">
          {dirty ? 'Unsaved changes' : `No changes since version ${base.etag.replace(/\W/g, '')}`}
        </span>
      </div>
      <ConfirmDialog
        open={confirmDiscard}
        title="Leave without saving?"
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        onCancel={() => setConfirmDiscard(false)}
        onConfirm={() => {
          setConfirmDiscard(false);
          onDirtyChange?.(false);
          onDone();
        }}
      >
        <p>Your edits since version {base.etag.replace(/\W/g, '')} are not saved and will be lost. Save them first with Save or Ctrl+S.</p>
      </ConfirmDialog>
      <ConflictDialog
        open={conflictOpen}
        latest={latest}
        latestError={latestError}
        busy={busy}
        error={conflictError}
        myText={content}
        onReload={() => void reloadTheirs()}
        onKeepMine={() => void keepMine()}
        onCancel={() => setConflictOpen(false)}
      />
    </form>
  );
}
