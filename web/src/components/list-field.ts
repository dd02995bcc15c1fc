import { useCallback, useMemo, useState } from 'react';

/**
 * What a form submits for a list: its items plus the text typed into the
 * new-item box but not added with its button (trimmed; ignored when blank or
 * when the list is full). People expect what they typed to be kept.
 */
export function withPending(items: string[], draft: string, maxItems = Number.POSITIVE_INFINITY): string[] {
  const text = draft.trim();
  return text && items.length < maxItems ? [...items, text] : items;
}

/** A list of strings being edited: its items and the text typed but not yet added. */
export interface ListField {
  items: string[];
  draft: string;
  maxItems: number;
  setItems(next: string[]): void;
  setDraft(text: string): void;
  /**
   * For the form's submit: adds the pending text to the list (on screen too)
   * and returns the items to send.
   */
  commit(): string[];
}

/** State for a <ListEditor>; call `field.commit()` when the form is submitted. */
export function useListField(initial: string[] = [], { maxItems = 50 }: { maxItems?: number } = {}): ListField {
  const [items, setItems] = useState<string[]>(initial);
  const [draft, setDraft] = useState('');
  const commit = useCallback(() => {
    const next = withPending(items, draft, maxItems);
    if (next !== items) {
      setItems(next);
      setDraft('');
    }
    return next;
  }, [items, draft, maxItems]);
  return useMemo(() => ({ items, draft, maxItems, setItems, setDraft, commit }), [items, draft, maxItems, commit]);
}
