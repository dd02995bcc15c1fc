/**
 * Delay before the n-th (1, 2, …) attempt to reopen a stream: doubling from
 * `first` up to `max`, with up to a fifth of random spread so many tabs do
 * not come back at the same instant, and never sooner than the server's
 * Retry-After.
 */
export function backoffDelay(attempt: number, { first = 2_000, max = 60_000, retryAfterMs = 0, random = Math.random } = {}): number {
  const base = Math.min(max, first * 2 ** Math.max(0, attempt - 1));
  const spread = base * 0.2 * random();
  return Math.max(retryAfterMs, Math.round(base - spread));
}
