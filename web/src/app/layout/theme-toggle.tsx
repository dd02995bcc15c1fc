import { useSyncExternalStore } from 'react';
import { effectiveTheme, setTheme, themePreference } from '@/lib/theme';

/** Switches between light and dark (the first choice overrides the system's). */
export function ThemeToggle() {
  const pref = useSyncExternalStore(themePreference.subscribe, themePreference.get, themePreference.get);
  const current = effectiveTheme(pref);
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="icon-btn theme-toggle" onClick={() => setTheme(next)} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      <span aria-hidden="true">{current === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
