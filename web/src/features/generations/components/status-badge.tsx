import { statusLabels } from '../api/generations-api';

const tone: Record<string, string> = {
  succeeded: 'badge-success',
  failed: 'badge-danger',
  cancelled: 'badge-muted',
  running: 'badge-primary',
  repairing: 'badge-primary',
  covering: 'badge-primary',
  queued: '',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={['badge', tone[status] ?? ''].filter(Boolean).join(' ')}>{statusLabels[status] ?? status}</span>;
}

export function CachedBadge() {
  return (
    <span className="badge badge-cached" title="Answered from the cache without calling the provider">
      Cached
    </span>
  );
}
