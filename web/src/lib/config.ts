// Runtime configuration, read once from /config.json so one build can be
// deployed against any API origin ("" means the same origin as the app).
export interface RuntimeConfig {
  apiBaseUrl: string;
}

let pending: Promise<RuntimeConfig> | null = null;

export function loadConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  if (!pending) {
    pending = fetchImpl('/config.json', { headers: { Accept: 'application/json' } })
      .then(async (res) => (res.ok ? ((await res.json()) as Partial<RuntimeConfig>) : ({} as Partial<RuntimeConfig>)))
      .catch((): Partial<RuntimeConfig> => ({}))
      .then((raw) => ({ apiBaseUrl: String(raw.apiBaseUrl ?? '').replace(/\/+$/, '') }));
  }
  return pending;
}

/** For tests only. */
export function resetConfigForTests(): void {
  pending = null;
}
