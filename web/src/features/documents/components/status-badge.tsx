import { statusLabels, type DocumentStatus } from '../lib/status';

export function StatusBadge({ status }: { status: DocumentStatus | undefined }) {
  if (!status) return null;
  return (
    <span className={`badge status-badge status-${status}`}>
      <span className="visually-hidden">Status: </span>
      {statusLabels[status]}
    </span>
  );
}
