// The access token lives in memory only (never localStorage): a reload
// restores it through the HttpOnly refresh cookie instead.
import { observable, type Observable } from '../store';

export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
  subscribe(listener: () => void): () => void;
}

export function createTokenStore(): TokenStore & Observable<string | null> {
  return observable<string | null>(null);
}

/** The app's one token store. */
export const tokenStore = createTokenStore();
