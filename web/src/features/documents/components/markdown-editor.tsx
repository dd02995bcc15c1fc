// The CodeMirror 6 Markdown editor. Heavy: only reached through React.lazy
// (see lazy-markdown-editor.tsx), so it lands in its own chunk.
//
// CodeMirror injects its styles at runtime. In the document that means a
// <style> element, which the production CSP (style-src 'self') blocks; inside
// a shadow root it uses a constructed, adopted stylesheet instead, which the
// CSP allows. So the editor lives in a shadow root of its host element.
import { isolateHistory } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { getDefaultExtensions } from '@uiw/react-codemirror';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { effectiveTheme, themePreference } from '@/lib/theme';
import { formatEdit } from '../lib/markdown-format';
import type { EditorHandleRef } from './editor-handle';

export interface MarkdownEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Accessible name of the editing area. */
  label: string;
  /** Id of a hint element; its text becomes the editor's accessible description. */
  describedBy?: string;
  readOnly?: boolean;
  /** Filled with the editor's handle (toolbar commands) while it is mounted. */
  handle?: EditorHandleRef;
}

function configure(theme: 'light' | 'dark', label: string, description: string | undefined, readOnly: boolean): Extension {
  return [
    // Tab must leave the editor (no keyboard trap), so no indentWithTab.
    // No autocompletion: it only offers HTML tags, which the renderer drops, and
    // its (often invisible) pending state would swallow the Escape that leaves the editor.
    getDefaultExtensions({
      theme,
      indentWithTab: false,
      readOnly,
      basicSetup: { foldGutter: false, highlightActiveLineGutter: false, autocompletion: false, completionKeymap: false },
    }),
    markdown(),
    EditorView.lineWrapping,
    // aria-describedby cannot point across the shadow boundary: copy the text.
    // tabindex: contenteditable is focusable, but axe only counts tabindex, and without
    // it the scroller fails scrollable-region-focusable (serious). Same tab order.
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', tabindex: '0', ...(description ? { 'aria-description': description } : {}) }),
    EditorView.theme({
      '&': { fontSize: '0.95rem' },
      '&.cm-focused': { outline: 'none' },
      '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", maxHeight: '70vh', minHeight: '24rem' },
      '.cm-content, .cm-gutter': { minHeight: '24rem' },
    }),
  ];
}

export default function MarkdownEditor({ value, onChange, label, describedBy, readOnly = false, handle }: MarkdownEditorProps) {
  const pref = useSyncExternalStore(themePreference.subscribe, themePreference.get);
  const theme = effectiveTheme(pref);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const compartment = useRef(new Compartment());
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  const description = () => (describedBy ? document.getElementById(describedBy)?.textContent ?? undefined : undefined);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          compartment.current.of(configure(theme, label, description(), readOnly)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    if (handle) {
      handle.current = {
        focus: () => editor.focus(),
        format: (command) => {
          const { from, to } = editor.state.selection.main;
          const edit = formatEdit(editor.state.doc.toString(), from, to, command);
          // One transaction, its own history event: a single undo takes it back.
          editor.dispatch({
            changes: { from: edit.from, to: edit.to, insert: edit.insert },
            selection: { anchor: edit.anchor, head: edit.head },
            scrollIntoView: true,
            userEvent: 'input.format',
            annotations: isolateHistory.of('full'),
          });
          editor.focus();
        },
      };
    }
    return () => {
      if (handle) handle.current = null;
      editor.destroy();
      view.current = null;
    };
    // The view is created once; the effects below keep it in step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: compartment.current.reconfigure(configure(theme, label, description(), readOnly)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme, label, describedBy, readOnly]);

  // Text replaced from outside (e.g. "Reload their version").
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="md-editor" />;
}
