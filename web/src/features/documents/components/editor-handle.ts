import type { MutableRefObject } from 'react';
import type { FormatCommand } from '../lib/markdown-format';

/** What the editor toolbar can ask of the Markdown editor. */
export interface EditorHandle {
  /** Applies a formatting command to the selection as one undoable change, and focuses the editor. */
  format(command: FormatCommand): void;
  focus(): void;
}

export type EditorHandleRef = MutableRefObject<EditorHandle | null>;
