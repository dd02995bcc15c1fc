import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Spinner } from '@/components/spinner';
import { formatNumber, formatUsd } from '@/lib/format';
import { isApiError } from '@/lib/problem';
import { useCancelGeneration } from '../api/generations-api';
import type { StreamState } from '../api/use-generation-stream';
import { generationErrorText } from './error-text';
import { CachedBadge, StatusBadge } from './status-badge';

/** Status line of a running proposal: status, tokens, Cancel, reconnect notice, error. */
export function RunProgress({ generationId, state, running }: { generationId: string; state: StreamState; running: boolean }) {
  const cancel = useCancelGeneration(generationId);
  return (
    <div className="stack run-progress">
      <div className="row" role="status" aria-live="polite">
        <StatusBadge status={state.status} />
        {state.usage?.cached ? <CachedBadge /> : null}
        {running ? <Spinner size="sm" label="" /> : null}
        <span className="small muted">
          {state.usage
            ? `${formatNumber(state.usage.tokens_in)} tokens in · ${formatNumber(state.usage.tokens_out)} out · ${formatUsd(state.usage.cost_usd)}`
            : `≈ ${formatNumber(Math.ceil(state.text.length / 4))} tokens so far`}
        </span>
        <span className="spacer" />
        {running ? (
          <Button size="sm" variant="danger" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            Cancel generation
          </Button>
        ) : null}
      </div>
      {state.reconnecting ? <p className="small muted">The connection dropped; resuming (attempt {state.reconnecting})…</p> : null}
      {state.connectionError ? <ErrorMessage error={state.connectionError} title="Lost the live stream" /> : null}
      {cancel.isError && !(isApiError(cancel.error) && cancel.error.status === 409) ? <ErrorMessage error={cancel.error} /> : null}
      {state.error ? (
        <div className={state.error.code === 'cancelled' ? 'alert alert-warning' : 'alert alert-error'} role="alert">
          <p>{generationErrorText(state.error)}</p>
        </div>
      ) : null}
    </div>
  );
}
