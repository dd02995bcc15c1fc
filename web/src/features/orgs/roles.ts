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
