// Theme preference: "system" follows prefers-color-scheme; "light"/"dark"
// force one via <html data-theme>. Applied from main.tsx before the first
// render (no inline script: the CSP forbids it).
import { observable } from './store';

export type ThemePreference = 'system' | 'light' | 'dark';
const KEY = 'prism.theme';

function read(): ThemePreference {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export const themePreference = observable<ThemePreference>(read());

export function applyTheme(pref: ThemePreference = themePreference.get()): void {
  const root = document.documentElement;
  if (pref === 'system') delete root.dataset.theme;
  else root.dataset.theme = pref;
}

export function setTheme(pref: ThemePreference): void {
  try {
    if (pref === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, pref);
  } catch {
    // Storage disabled: the choice lasts for this page.
  }
  themePreference.set(pref);
  applyTheme(pref);
}

/** The theme actually shown right now. */
export function effectiveTheme(pref: ThemePreference = themePreference.get()): 'light' | 'dark' {
  if (pref !== 'system') return pref;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
