import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '@/components/spinner';
import { useAuth } from '@/lib/auth';

/** Renders children when signed in; otherwise sends to /sign-in?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'restoring') {
    return (
      <main className="centered-page" id="main">
        <Loading label="Restoring your session…" />
      </main>
    );
  }
  if (status === 'signedOut') {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
