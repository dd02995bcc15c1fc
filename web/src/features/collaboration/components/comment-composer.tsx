import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { activeMentionQuery, filterMembers, insertMention, type Mentionable, type MentionQuery } from '../lib/mentions';

export interface CommentComposerProps {
  /** The text box's visible label ("Reply", "Your comment"…). */
  label: string;
  submitLabel: string;
  /** People `@` offers (the organization's members). */
  members: Mentionable[];
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
  initialValue?: string;
  autoFocus?: boolean;
  /** Extra hint under the box. */
  hint?: string;
}

/**
 * A comment box with mentions: typing `@` offers matching members in a
 * listbox (combobox pattern: arrows move, Enter or Tab chooses, Escape
 * closes), and choosing one inserts `@[Name](user_id)`. Ctrl/⌘ + Enter sends.
 */
export function CommentComposer({ label, submitLabel, members, onSubmit, onCancel, initialValue = '', autoFocus, hint }: CommentComposerProps) {
  const id = useId().replace(/:/g, '');
  const [value, setValue] = useState(initialValue);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // What stops the submit before the server would: nothing written, or too much.
  const [problem, setProblem] = useState<string | undefined>();
  const box = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);

  const options = mention ? filterMembers(members, mention.query) : [];
  const open = !!mention && options.length > 0;
  const listId = `${id}-people`;
  const optionId = (i: number) => `${id}-person-${i}`;

  const track = (text: string, caret: number) => {
    const q = activeMentionQuery(text, caret);
    setMention(q);
    if (!q || q.query !== mention?.query) setActive(0);
  };

  const choose = (member: Mentionable) => {
    const el = box.current;
    if (!el || !mention) return;
    const next = insertMention(value, mention, el.selectionStart ?? value.length, member);
    pendingCaret.current = next.caret;
    setValue(next.text);
    setMention(null);
  };

  // The caret goes after the inserted mention as soon as the new text is in
  // the box (before the next keystroke can land, unlike a frame later).
  useLayoutEffect(() => {
    const el = box.current;
    const caret = pendingCaret.current;
    if (!el || caret === null) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
  }, [value]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const found = !value.trim() ? 'Write something first.' : tooLong('The comment', value, limits.commentBody);
    setProblem(found);
    if (found) {
      box.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Trimmed, as the limit counts it.
      await onSubmit(value.trim());
      setValue('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + options.length) % options.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(options[Math.min(active, options.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        // Closes the list only, not a dialog or drawer around the box.
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const fieldError = problem ?? (isApiError(error) ? error.fieldError('body', 'The comment') : undefined);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form className="comment-composer" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={`${id}-box`} className="field-label">
        {label}
      </label>
      <div className="mention-combo">
        <textarea
          id={`${id}-box`}
          ref={box}
          className="input textarea comment-input"
          rows={3}
          value={value}
          autoFocus={autoFocus}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? optionId(Math.min(active, options.length - 1)) : undefined}
          aria-describedby={[hintId, fieldError ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={fieldError ? true : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            if (problem) setProblem(undefined);
            track(e.target.value, e.target.selectionStart ?? e.target.value.length);
          }}
          onSelect={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          onBlur={() => setMention(null)}
        />
        <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list" hidden={!open}>
          {options.map((m, i) => (
            <li
              key={m.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'mention-option active' : 'mention-option'}
              // Keep the focus (and the caret) in the text box.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(m)}
            >
              <span className="mention-option-name">{m.name || m.email}</span>
              {m.email && m.name ? <span className="muted small"> {m.email}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <p id={hintId} className="field-hint">
        {hint ? `${hint} ` : ''}Markdown works. Type @ to mention someone; Ctrl+Enter sends. <CharCount value={value} max={limits.commentBody} />
      </p>
      {fieldError ? (
        <p id={errorId} className="field-error">
          {fieldError}
        </p>
      ) : null}
      <div aria-live="polite" className="visually-hidden">
        {open ? `${options.length} ${options.length === 1 ? 'person matches' : 'people match'}. Use the arrow keys and Enter to choose.` : ''}
      </div>
      {error && !fieldError ? <ErrorMessage error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" size="sm" variant="primary" loading={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button size="sm" variant="ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
