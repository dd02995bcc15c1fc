import { roleLabels } from '@/lib/format';
import type { Role } from '@/lib/auth';
import './role-note.css';

export interface RoleNoteProps {
  /** The caller's role in the organization (null: not a member). */
  role: Role | null;
  /** The lowest role that may do `action`. */
  needed: Role;
  /** What the hidden or disabled controls would do, e.g. "Creating documents". */
  action: string;
}

/**
 * Why controls are missing: "You are a viewer in this organization: creating
 * documents needs the member role or higher. An admin can change your role."
 * Shown where a form or button is hidden for the caller's role, so nobody
 * fills in a form to hear "Forbidden" at the end.
 */
export function RoleNote({ role, needed, action }: RoleNoteProps) {
  const article = role === 'admin' || role === 'owner' ? 'an' : 'a';
  const mine = role ? `You are ${article} ${roleLabels[role].toLowerCase()} in this organization` : 'You are not a member of this organization';
  return (
    <p className="role-note" data-testid="role-note">
      {mine}: {action} needs the {roleLabels[needed].toLowerCase()} role{needed === 'owner' ? '' : ' or higher'}.
      {role ? ' An admin of the organization can change your role.' : ''}
    </p>
  );
}
