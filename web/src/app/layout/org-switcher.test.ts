import { describe, expect, it } from 'vitest';
import { pathAfterOrgSwitch } from './org-switcher';

describe('pathAfterOrgSwitch', () => {
  it("leaves a resource's page for the projects, and keeps organization-wide pages", () => {
    for (const path of ['/projects/p1', '/projects/p1/backlog', '/projects/p1/new', '/documents/d1', '/generations/g1']) {
      expect(pathAfterOrgSwitch(path), path).toBe('/projects');
    }
    for (const path of ['/projects', '/usage', '/org', '/org/members', '/account/tokens', '/admin', '/orgs/new']) {
      expect(pathAfterOrgSwitch(path), path).toBeNull();
    }
  });
});
