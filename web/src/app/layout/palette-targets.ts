import type { PaletteTarget } from '@/features/search';
import type { Role } from '@/lib/auth';

interface Target extends PaletteTarget {
  /** Lowest organization role that may open it (as its tab shows). */
  role?: Role;
  adminOnly?: boolean;
}

// The pages the command palette jumps to by name. Features' pages are
// listed here, in the app layer, like the main navigation (nav-items.ts).
const targets: Target[] = [
  { label: 'Projects', to: '/projects', keywords: ['home'] },
  { label: 'Usage', to: '/usage', keywords: ['budget', 'tokens', 'cost'] },
  { label: 'Organization settings', to: '/org', keywords: ['general', 'budget'] },
  { label: 'Members', to: '/org/members', keywords: ['people', 'team', 'roles'] },
  { label: 'AI provider', to: '/org/ai', keywords: ['api key', 'model', 'openai', 'anthropic'] },
  { label: 'Trash', to: '/org/trash', keywords: ['deleted', 'restore', 'bin'] },
  { label: 'Invitations', to: '/org/invitations', keywords: ['invite'], role: 'admin' },
  { label: 'Audit log', to: '/org/audit', keywords: ['history', 'security'], role: 'admin' },
  { label: 'Account settings', to: '/account', keywords: ['profile', 'password', 'tokens', 'sessions'] },
  { label: 'New organization', to: '/orgs/new', keywords: ['create'] },
  { label: 'Server admin', to: '/admin', keywords: ['users', 'storage'], adminOnly: true },
];

/** The pages the caller may open: by their role in the current organization, and server administration for server administrators. */
export function paletteTargets(can: (role: Role) => boolean, isServerAdmin: boolean): PaletteTarget[] {
  return targets
    .filter((t) => (!t.role || can(t.role)) && (!t.adminOnly || isServerAdmin))
    .map(({ label, to, keywords }) => ({ label, to, keywords }));
}
