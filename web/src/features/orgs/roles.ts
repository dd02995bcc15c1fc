import type { Role } from './api/orgs-api';

export const allRoles: Role[] = ['owner', 'admin', 'member', 'viewer'];

export const roleDescriptions: Record<Role, string> = {
  owner: 'Everything, including deleting the organization and managing owners',
  admin: 'Members, projects, templates and the AI budget',
  member: 'Create and edit documents and stories, run AI generations',
  viewer: 'Read only',
};

/** Roles an actor may assign (only owners grant owner). */
export function assignableRoles(actor: Role | null): Role[] {
  if (actor === 'owner') return allRoles;
  if (actor === 'admin') return ['admin', 'member', 'viewer'];
  return [];
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** What each role may do, from the lowest role that may. */
export const roleCapabilities: { min: Role; what: string }[] = [
  { min: 'viewer', what: 'read the projects, documents, stories and AI generations' },
  { min: 'member', what: 'create and edit documents and stories' },
  { min: 'member', what: 'run AI generations, which spend the organization’s budget' },
  { min: 'member', what: 'create and revoke share links' },
  { min: 'admin', what: 'invite, remove and change the roles of members (up to admin)' },
  { min: 'admin', what: 'create, rename and delete projects' },
  { min: 'admin', what: 'manage templates, the AI provider and the monthly AI budget' },
  { min: 'admin', what: 'read and download the audit log' },
  { min: 'owner', what: 'make others owners and change or remove owners' },
  { min: 'owner', what: 'delete the organization with everything in it' },
];

/** What someone gains and loses when their role changes from `from` to `to`. */
export function roleChangeEffects(from: Role, to: Role): { gains: string[]; losses: string[] } {
  const can = (role: Role) => roleCapabilities.filter((c) => rank[c.min] <= rank[role]).map((c) => c.what);
  const before = can(from);
  const after = can(to);
  return { gains: after.filter((w) => !before.includes(w)), losses: before.filter((w) => !after.includes(w)) };
}

/**
 * Role changes that ask first: to or from owner (the power to delete the
 * organization and manage owners), and one's own role (which may lock one out).
 */
export function roleChangeNeedsConfirmation(from: Role, to: Role, self: boolean): boolean {
  return from !== to && (from === 'owner' || to === 'owner' || self);
}
