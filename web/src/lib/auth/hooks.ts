import { useContext, useEffect } from 'react';
import { AuthContext, type AuthContextValue } from './auth-provider';
import { roleAtLeast, type Membership, type Role } from './session';

/** Session state and actions. Must be inside <AuthProvider>. */
export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

export interface CurrentOrg {
  orgId: string | null;
  membership: Membership | null;
  role: Role | null;
  /** True when the user's role in the current org is at least `needed`. */
  can(needed: Role): boolean;
  setOrgId(id: string | null): void;
}

/** The organization selected in the header's org switcher. */
export function useCurrentOrg(): CurrentOrg {
  const { currentOrgId, currentMembership, setCurrentOrgId } = useAuth();
  const role = currentMembership?.role ?? null;
  return {
    orgId: currentOrgId,
    membership: currentMembership,
    role,
    can: (needed) => roleAtLeast(role, needed),
    setOrgId: setCurrentOrgId,
  };
}

/** The role the user has in a given org (e.g. a project's org_id). */
export function useRoleIn(orgId: string | null | undefined): Role | null {
  const { me } = useAuth();
  return me?.memberships.find((m) => m.org_id === orgId)?.role ?? null;
}

/**
 * Makes the organization of the resource on screen (a project's, a
 * document's, a generation's…) the current one, so that a deep link into
 * another organization moves the org switcher, the Projects link and the
 * organization pages along with it. Nothing happens for an organization the
 * user is not a member of. It runs when the resource's organization changes,
 * not when the user picks another one in the switcher (which leaves the page).
 */
export function useFollowOrg(orgId: string | null | undefined): void {
  const { me, setCurrentOrgId } = useAuth();
  const member = !!orgId && !!me?.memberships.some((m) => m.org_id === orgId);
  useEffect(() => {
    if (member && orgId) setCurrentOrgId(orgId);
  }, [member, orgId, setCurrentOrgId]);
}
