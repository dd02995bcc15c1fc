import { describe, expect, it } from 'vitest';
import { roleChangeEffects, roleChangeNeedsConfirmation } from './roles';

describe('role changes', () => {
  it('ask first to or from owner, and for one’s own role', () => {
    expect(roleChangeNeedsConfirmation('admin', 'owner', false)).toBe(true);
    expect(roleChangeNeedsConfirmation('owner', 'viewer', false)).toBe(true);
    expect(roleChangeNeedsConfirmation('member', 'viewer', true)).toBe(true);
    expect(roleChangeNeedsConfirmation('member', 'admin', false)).toBe(false);
    expect(roleChangeNeedsConfirmation('owner', 'owner', false)).toBe(false);
  });

  it('say what someone gains and loses', () => {
    const promoted = roleChangeEffects('admin', 'owner');
    expect(promoted.losses).toEqual([]);
    expect(promoted.gains).toEqual(['make others owners and change or remove owners', 'delete the organization with everything in it']);
    const demoted = roleChangeEffects('owner', 'member');
    expect(demoted.gains).toEqual([]);
    expect(demoted.losses).toContain('delete the organization with everything in it');
    expect(demoted.losses).toContain('invite, remove and change the roles of members (up to admin)');
    expect(demoted.losses).not.toContain('create and edit documents and stories');
  });
});
