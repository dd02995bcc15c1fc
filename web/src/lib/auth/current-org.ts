// The selected organization is remembered per browser.
const KEY = 'prism.currentOrg';

export function readStoredOrgId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeOrgId(id: string | null): void {
  try {
    if (id) localStorage.setItem(KEY, id);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode or storage disabled: selection lasts for this page only.
  }
}
