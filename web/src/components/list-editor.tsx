import { useId, useRef, type KeyboardEvent } from 'react';
import { countChars } from '@/lib/limits';
import { Button } from './button';
import { CharCount } from './char-count';
import type { ListField } from './list-field';

export interface ListEditorProps {
  /** Accessible name of the whole list, e.g. "Key features". */
  label: string;
  /** The list and its pending text, from useListField(); the form submits `field.commit()`. */
  field: ListField;
  /** Called after any change by the person (e.g. to clear the field's error). */
  onEdit?: () => void;
  placeholder?: string;
  /** Label for the add button, e.g. "Add feature". */
  addLabel?: string;
  /**
   * The most characters the server takes per item. Longer text is kept (never
   * cut): the new-item box counts as one types and an item over the limit is
   * marked with how many characters too many; the form refuses to submit it.
   */
  itemMax: number;
  error?: string;
  /** Defaults to "At most N characters each." */
  hint?: string;
}

/**
 * An editable list of strings: add (button or Enter), edit in place, reorder,
 * remove. Text typed into the new-item box is part of the list when the form
 * is submitted (`field.commit()`), added with the button or not.
 */
export function ListEditor({ label, field, onEdit, placeholder, addLabel = 'Add', itemMax, error, hint = `At most ${itemMax.toLocaleString('en')} characters each.` }: ListEditorProps) {
  const base = useId().replace(/:/g, '');
  const { items: value, draft, maxItems } = field;
  const draftRef = useRef<HTMLInputElement>(null);
  const itemRefs = useRef<(HTMLInputElement | null)[]>([]);
  const full = value.length >= maxItems;
  const onChange = (next: string[]) => {
    field.setItems(next);
    onEdit?.();
  };

  const add = () => {
    const text = draft.trim();
    if (!text || full) return;
    onChange([...value, text]);
    field.setDraft('');
    draftRef.current?.focus();
  };
  const update = (index: number, text: string) => onChange(value.map((v, i) => (i === index ? text : v)));
  const remove = (index: number) => {
    onChange(value.filter((_, i) => i !== index));
    // Keep focus in the list: the next item, the previous one, or the new-item input.
    requestAnimationFrame(() => {
      const target = itemRefs.current[Math.min(index, value.length - 2)];
      (target ?? draftRef.current)?.focus();
    });
  };
  const move = (index: number, delta: number) => {
    const to = index + delta;
    if (to < 0 || to >= value.length) return;
    const next = [...value];
    [next[index], next[to]] = [next[to], next[index]];
    onChange(next);
  };
  const onDraftKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };

  const describedBy = [hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={['list-editor', error ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend className="field-label">{label}</legend>
      {hint ? (
        <p id={`${base}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {value.length > 0 ? (
        <ol className="list-editor-items">
          {value.map((item, index) => {
            const over = countChars(item) > itemMax;
            return (
              <li key={index} className="list-editor-item">
                <input
                  ref={(el) => {
                    itemRefs.current[index] = el;
                  }}
                  className="input"
                  value={item}
                  aria-label={`${label} ${index + 1}`}
                  aria-invalid={over ? true : undefined}
                  aria-describedby={over ? `${base}-count-${index}` : undefined}
                  onChange={(e) => update(index, e.target.value)}
                />
                <Button size="sm" variant="ghost" aria-label={`Move ${label} ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Move ${label} ${index + 1} down`}
                  disabled={index === value.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Remove ${label} ${index + 1}`} onClick={() => remove(index)}>
                  Remove
                </Button>
                {over ? (
                  <span id={`${base}-count-${index}`} className="list-editor-count">
                    <CharCount value={item} max={itemMax} />
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <div className="list-editor-add">
        <input
          ref={draftRef}
          className="input"
          value={draft}
          placeholder={placeholder}
          aria-label={`New ${label}`}
          aria-describedby={draft ? `${base}-draft-count` : undefined}
          aria-invalid={countChars(draft) > itemMax ? true : undefined}
          disabled={full}
          onChange={(e) => {
            field.setDraft(e.target.value);
            onEdit?.();
          }}
          onKeyDown={onDraftKey}
        />
        <Button size="sm" onClick={add} disabled={full || !draft.trim()}>
          {addLabel}
        </Button>
      </div>
      {draft ? (
        <p id={`${base}-draft-count`} className="field-hint list-editor-draft-count">
          <CharCount value={draft} max={itemMax} />
        </p>
      ) : null}
      {error ? (
        <p id={`${base}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
