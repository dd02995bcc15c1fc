import { useRef, useState, type KeyboardEvent } from 'react';
import { formatCommands, type FormatCommand } from '../lib/markdown-format';

export interface EditorToolbarProps {
  /** Runs a command on the editor's selection. */
  onFormat: (command: FormatCommand) => void;
  /** Id of the text area the toolbar acts on. */
  controls?: string;
  disabled?: boolean;
}

/**
 * Formatting buttons for the Markdown editor (WAI-ARIA toolbar: one tab stop,
 * arrow keys move between the buttons).
 */
export function EditorToolbar({ onFormat, controls, disabled }: EditorToolbarProps) {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const last = formatCommands.length - 1;
    const next =
      e.key === 'ArrowRight' ? (active === last ? 0 : active + 1) : e.key === 'ArrowLeft' ? (active === 0 ? last : active - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (next < 0) return;
    e.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };
  return (
    <div role="toolbar" aria-label="Formatting" aria-controls={controls} className="editor-toolbar" onKeyDown={onKeyDown}>
      {formatCommands.map((c, i) => (
        <button
          key={c.command}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          className="btn btn-ghost btn-sm"
          tabIndex={i === active ? 0 : -1}
          title={c.hint}
          disabled={disabled}
          onFocus={() => setActive(i)}
          onClick={() => onFormat(c.command)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
