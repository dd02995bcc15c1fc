import { useSyncExternalStore } from 'react';
import { api } from '@/lib/api-client';

/** "Waking up the server…" while the API client waits for a cold backend. */
export function WakingBanner() {
  const waking = useSyncExternalStore(api.waking.subscribe, api.waking.get, api.waking.get);
  return (
    <div className="waking-slot" aria-live="polite">
      {waking ? (
        <div className="waking-banner" role="status">
          <span className="spinner spinner-sm" aria-hidden="true" /> Waking up the server… this can take up to a minute.
        </div>
      ) : null}
    </div>
  );
}
