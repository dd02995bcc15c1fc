import { Link } from 'react-router-dom';
import { useAuth } from '@/lib/auth';
import { formatDate, roleLabels } from '@/lib/format';

export function ProfilePanel() {
  const { me, setCurrentOrgId } = useAuth();
  if (!me) return null;
  const { user, memberships } = me;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <dl className="details">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>E-mail</dt>
          <dd>
            {user.email}{' '}
            {user.email_verified === false ? (
              <span className="badge">Not verified</span>
            ) : user.email_verified ? (
              <span className="badge badge-success">Verified</span>
            ) : null}
          </dd>
          <dt>Member since</dt>
          <dd>{formatDate(user.created_at)}</dd>
        </dl>
        {user.email_verified === false ? (
          <p className="muted small" style={{ marginTop: '0.75rem' }}>
            We sent a verification link to this address when you signed up. Open it to verify the address.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="memberships-title">
        <h2 id="memberships-title">Organizations</h2>
        {memberships.length === 0 ? (
          <p>
            You are not in any organization. <Link to="/orgs/new">Create one</Link>.
          </p>
        ) : (
          <ul className="plain-list">
            {memberships.map((m) => (
              <li key={m.org_id} className="row">
                <Link to="/org" onClick={() => setCurrentOrgId(m.org_id)}>
                  {m.org_name}
                </Link>
                <span className="badge">{roleLabels[m.role]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
