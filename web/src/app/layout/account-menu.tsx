import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '@/lib/auth';
import { useDismiss } from '@/lib/use-dismiss';

/** Up to two initials of a name ("Ada Lovelace" → "AL"). */
export function initialsOf(name: string): string {
  return (
    name
      .trim()
      .split(/\s+/)
      .map((part) => Array.from(part)[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?'
  );
}

/** The user's menu: account pages and sign out (disclosure pattern). */
export function AccountMenu() {
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  const { root, button } = useDismiss(open, () => setOpen(false));

  const name = me?.user.name || me?.user.email || 'Account';
  const initials = initialsOf(name);

  const onSignOut = async () => {
    setBusy(true);
    await signOut();
    setBusy(false);
    navigate('/sign-in', { replace: true });
  };

  return (
    <div className="account-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="avatar-btn"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        {/* The name starts with the visible initials, so "click AL" works for speech users (WCAG 2.5.3). */}
        <span className="avatar">{initials}</span>
        <span className="visually-hidden"> Account menu for {name}</span>
      </button>
      <div id={menuId} className="menu-popup" hidden={!open}>
        <p className="menu-user">
          <strong>{me?.user.name}</strong>
          <span className="muted small">{me?.user.email}</span>
        </p>
        <ul>
          <li>
            <Link to="/account" onClick={() => setOpen(false)}>
              Profile
            </Link>
          </li>
          <li>
            <Link to="/account/sessions" onClick={() => setOpen(false)}>
              Sessions
            </Link>
          </li>
          <li>
            <Link to="/account/tokens" onClick={() => setOpen(false)}>
              API tokens
            </Link>
          </li>
          <li>
            <button type="button" onClick={onSignOut} disabled={busy}>
              {busy ? 'Signing out…' : 'Sign out'}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
