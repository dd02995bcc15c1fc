import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { readStoredOrgId, storeOrgId } from './current-org';
import {
  fetchMe,
  meQueryKey,
  restoreSession,
  signIn as signInRequest,
  signOut as signOutRequest,
  signUp as signUpRequest,
  type Me,
  type Membership,
  type SignUpInput,
  type SignUpResult,
  type User,
} from './session';
import { tokenStore } from './token-store';

export type AuthStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface AuthContextValue {
  status: AuthStatus;
  /** /auth/me once loaded (user + memberships). */
  me: Me | undefined;
  meLoading: boolean;
  meError: unknown;
  signIn(email: string, password: string): Promise<User>;
  signUp(input: SignUpInput): Promise<SignUpResult>;
  signOut(): Promise<void>;
  /** Re-reads /auth/me (after creating an org, accepting an invitation…). */
  reloadMe(): Promise<Me | undefined>;
  currentOrgId: string | null;
  currentMembership: Membership | null;
  setCurrentOrgId(id: string | null): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children, skipRestore = false }: { children: ReactNode; skipRestore?: boolean }) {
  const queryClient = useQueryClient();
  const token = useSyncExternalStore(tokenStore.subscribe, tokenStore.get, tokenStore.get);
  const [restored, setRestored] = useState(skipRestore);
  const [orgId, setOrgId] = useState<string | null>(() => readStoredOrgId());

  useEffect(() => {
    if (skipRestore) return;
    let cancelled = false;
    void restoreSession().finally(() => {
      if (!cancelled) setRestored(true);
    });
    return () => {
      cancelled = true;
    };
  }, [skipRestore]);

  const status: AuthStatus = !restored && !token ? 'restoring' : token ? 'signedIn' : 'signedOut';

  // Whatever ended the session (sign out, failed refresh), drop cached data.
  useEffect(() => {
    if (status === 'signedOut') queryClient.removeQueries();
  }, [status, queryClient]);

  const meQuery = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: status === 'signedIn',
    staleTime: 60_000,
  });
  const me = status === 'signedIn' ? meQuery.data : undefined;

  const currentMembership = useMemo(() => {
    const list = me?.memberships ?? [];
    return list.find((m) => m.org_id === orgId) ?? list[0] ?? null;
  }, [me, orgId]);

  const setCurrentOrgId = useCallback((id: string | null) => {
    storeOrgId(id);
    setOrgId(id);
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      me,
      meLoading: status === 'signedIn' && meQuery.isPending,
      meError: meQuery.error,
      signIn: async (email, password) => {
        queryClient.removeQueries();
        return signInRequest(email, password);
      },
      signUp: async (input) => {
        queryClient.removeQueries();
        return signUpRequest(input);
      },
      signOut: async () => {
        await signOutRequest();
        queryClient.removeQueries();
      },
      reloadMe: async () => (await meQuery.refetch()).data,
      currentOrgId: currentMembership?.org_id ?? null,
      currentMembership,
      setCurrentOrgId,
    }),
    [status, me, meQuery, queryClient, currentMembership, setCurrentOrgId],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
