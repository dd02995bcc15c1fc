import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useCurrentOrg } from '@/lib/auth';

const NEW_ORG = '__new__';

/** Pages about the current organization as a whole: they stay, showing the newly chosen one. */
const orgWidePages = [/^\/projects\/?$/, /^\/usage\/?$/, /^\/org(\/|$)/, /^\/account(\/|$)/, /^\/admin(\/|$)/, /^\/orgs\/new\/?$/];

/**
 * Where to go after choosing another organization in the switcher: a page
 * of one organization's resource (a project, a document, a generation…)
 * makes no sense in another, and would switch back to its own organization;
 * it is left for the new organization's projects.
 */
export function pathAfterOrgSwitch(pathname: string): string | null {
  return orgWidePages.some((page) => page.test(pathname)) ? null : '/projects';
}

/**
 * Selects the current organization; remembered in localStorage. Pages of a
 * resource make its organization the current one (useFollowOrg).
 */
export function OrgSwitcher() {
  const { me } = useAuth();
  const { orgId, setOrgId } = useCurrentOrg();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  const memberships = me?.memberships ?? [];

  const onChange = (value: string) => {
    if (value === NEW_ORG) {
      navigate('/orgs/new');
      return;
    }
    setOrgId(value);
    const next = pathAfterOrgSwitch(location.pathname);
    if (next) navigate(next);
  };

  return (
    <div className="org-switcher">
      <label htmlFor={id} className="visually-hidden">
        Organization
      </label>
      <select id={id} className="input select" value={orgId ?? ''} onChange={(e) => onChange(e.target.value)}>
        {memberships.length === 0 ? <option value="">No organization</option> : null}
        {memberships.map((m) => (
          <option key={m.org_id} value={m.org_id}>
            {m.org_name}
          </option>
        ))}
        <option value={NEW_ORG}>+ New organization…</option>
      </select>
    </div>
  );
}
