import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';

/**
 * For a describe block of components that need a signed-in user: an access
 * token and `orgId` as the current organization before each test, and the
 * token, stubbed globals (fetch) and the DOM gone after it.
 */
export function signedInTo(orgId = 'o1') {
  beforeEach(() => {
    tokenStore.set('token');
    localStorage.setItem('prism.currentOrg', orgId);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });
}
