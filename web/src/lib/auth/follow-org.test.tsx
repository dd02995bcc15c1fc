import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { useCurrentOrg, useFollowOrg } from './hooks';
import { tokenStore } from './token-store';

const me = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
  memberships: [
    { org_id: 'o1', org_name: 'Acme', role: 'owner' },
    { org_id: 'o2', org_name: 'Globex', role: 'viewer' },
  ],
};

let switchTo: (id: string) => void = () => undefined;

/** A page of a resource in `resourceOrg`, beside what the header would show. */
function ResourcePage({ resourceOrg }: { resourceOrg: string | undefined }) {
  useFollowOrg(resourceOrg);
  const { membership, setOrgId } = useCurrentOrg();
  switchTo = setOrgId;
  return <p data-testid="current">{membership?.org_name ?? 'none'}</p>;
}

describe('useFollowOrg', () => {
  beforeEach(() => {
    tokenStore.set('token');
    localStorage.setItem('prism.currentOrg', 'o1');
    installFakeFetch({ 'GET /api/v1/auth/me': () => json(me) });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it("makes the resource's organization the current one, and remembers it", async () => {
    renderWithProviders(<ResourcePage resourceOrg="o2" />);
    expect(await screen.findByText('Globex')).toBeInTheDocument();
    expect(localStorage.getItem('prism.currentOrg')).toBe('o2');
  });

  it('waits for the resource to load', async () => {
    let load: (org: string) => void = () => undefined;
    function Loading() {
      const [org, setOrg] = useState<string | undefined>(undefined);
      load = setOrg;
      return <ResourcePage resourceOrg={org} />;
    }
    renderWithProviders(<Loading />);
    expect(await screen.findByText('Acme')).toBeInTheDocument();
    act(() => load('o2'));
    expect(await screen.findByText('Globex')).toBeInTheDocument();
  });

  it('ignores an organization the user is not a member of', async () => {
    renderWithProviders(<ResourcePage resourceOrg="o9" />);
    expect(await screen.findByText('Acme')).toBeInTheDocument();
    expect(localStorage.getItem('prism.currentOrg')).toBe('o1');
  });

  it('does not undo a choice the user makes in the switcher afterwards', async () => {
    renderWithProviders(<ResourcePage resourceOrg="o2" />);
    expect(await screen.findByText('Globex')).toBeInTheDocument();
    act(() => switchTo('o1'));
    expect(screen.getByTestId('current')).toHaveTextContent('Acme');
  });
});
