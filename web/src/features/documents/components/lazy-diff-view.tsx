import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '@/components/spinner';

const DiffView = lazy(() => import('./diff-view'));

/** The diff view, loaded on first use. */
export function LazyDiffView(props: ComponentProps<typeof DiffView>) {
  return (
    <Suspense fallback={<Loading label="Loading the diff view…" />}>
      <DiffView {...props} />
    </Suspense>
  );
}
