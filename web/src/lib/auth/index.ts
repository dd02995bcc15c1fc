export { AuthProvider, type AuthContextValue, type AuthStatus } from './auth-provider';
export { useAuth, useCurrentOrg, useFollowOrg, useRoleIn, type CurrentOrg } from './hooks';
export { meQueryKey, resendVerification, roleAtLeast, type Me, type Membership, type Role, type User, type SignUpInput, type SignUpResult } from './session';
export { tokenStore } from './token-store';
