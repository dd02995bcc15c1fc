// The CodeMirror 6 Markdown editor. Heavy: only reached through React.lazy
// (see lazy-markdown-editor.tsx), so it lands in its own chunk.
import { markdown } from '@codemirror/lang-markdown';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo, useSyncExternalStore } from 'react';
import { effectiveTheme, themePreference } from '@/lib/theme';

export interface MarkdownEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Accessible name of the editing area. */
  label: string;
  describedBy?: string;
  readOnly?: boolean;
}

export default function MarkdownEditor({ value, onChange, label, describedBy, readOnly }: MarkdownEditorProps) {
  const pref = useSyncExternalStore(themePreference.subscribe, themePreference.get);
  const extensions = useMemo(
    () => [
      markdown(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': label,
        'aria-multiline': 'true',
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      }),
    ],
    [label, describedBy],
  );
  return (
    <CodeMirror
      className="md-editor"
      value={value}
      onChange={onChange}
      extensions={extensions}
      theme={effectiveTheme(pref)}
      // Tab must leave the editor (no keyboard trap); indent with the toolbar-less defaults instead.
      indentWithTab={false}
      readOnly={readOnly}
      minHeight="24rem"
      basicSetup={{ foldGutter: false, highlightActiveLineGutter: false }}
    />
  );
}
