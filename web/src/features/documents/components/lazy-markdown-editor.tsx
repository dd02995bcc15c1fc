import { lazy, Suspense } from 'react';
import { Loading } from '@/components/spinner';
import type { MarkdownEditorProps } from './markdown-editor';

const MarkdownEditor = lazy(() => import('./markdown-editor'));

/** The CodeMirror editor, loaded on first use. */
export function LazyMarkdownEditor(props: MarkdownEditorProps) {
  return (
    <Suspense fallback={<Loading label="Loading the editor…" />}>
      <MarkdownEditor {...props} />
    </Suspense>
  );
}
