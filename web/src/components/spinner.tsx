export function Spinner({ size = 'md', label = 'Loading' }: { size?: 'sm' | 'md' | 'lg'; label?: string }) {
  return (
    <span className={`spinner spinner-${size}`} role={label ? 'status' : undefined} aria-label={label || undefined} aria-hidden={label ? undefined : true} />
  );
}

/** A centered spinner with text, for a page or panel that is loading. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner spinner-md" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
