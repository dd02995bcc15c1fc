import { useEffect, useState } from 'react';

/** Milliseconds from `start` to `end` (or now, ticking each second while `running`). */
export function useElapsed(start: string | null | undefined, end: string | null | undefined, running: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  if (!start) return null;
  const from = new Date(start).getTime();
  const to = end ? new Date(end).getTime() : running ? now : null;
  if (to === null || Number.isNaN(from)) return null;
  return Math.max(0, to - from);
}

export function formatElapsed(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.floor(ms / 1000);
  if (total < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}
