import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useCurrentOrg } from '@/lib/auth';

const NEW_ORG = '__new__';

/** Selects the current organization; remembered in localStorage. */
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
    // Pages of one org's resources make no sense in another org.
    if (location.pathname.startsWith('/projects/')) navigate('/projects');
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
