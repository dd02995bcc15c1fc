import type { ReactNode } from 'react';
import type { AiConnectionTest, AiProviderError } from '../api/ai-settings-api';
import { asSentence } from '@/lib/field-messages';
import { connectionErrorHeading } from '../lib/connection-errors';

function latency(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** A provider's failure in plain words: a heading per code, the server's message under it. */
export function ProviderFailure({ error, role = 'alert', children }: { error: AiProviderError; role?: 'alert' | 'status'; children?: ReactNode }) {
  return (
    <div className="alert alert-error" role={role} data-code={error.code}>
      <p className="alert-title">
        <span aria-hidden="true">✕ </span>
        {connectionErrorHeading(error.code)}
      </p>
      <p>{asSentence(error.message)}</p>
      {children}
    </div>
  );
}

/** The answer of "Test connection". */
export function ConnectionTestResult({ result }: { result: AiConnectionTest }) {
  if (result.ok) {
    return (
      <div className="alert alert-success" role="status">
        <p className="alert-title">
          <span aria-hidden="true">✓ </span>Connected
        </p>
        <p>
          The model <span className="mono">{result.model}</span> answered in {latency(result.latency_ms)}.
        </p>
      </div>
    );
  }
  const error = result.error ?? { code: 'bad_response' as const, message: 'The provider did not answer as expected.' };
  return (
    <ProviderFailure error={error}>
      <p className="small muted">
        Model <span className="mono">{result.model}</span>, after {latency(result.latency_ms)}. Nothing was saved.
      </p>
    </ProviderFailure>
  );
}
