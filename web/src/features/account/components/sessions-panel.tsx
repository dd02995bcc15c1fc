import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useAuth } from '@/lib/auth';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useRevokeSession, useSessions, type Session } from '../api/account-api';
import { describeUserAgent } from './user-agent';

/** Active sessions; revoke any, the current one is marked (revoking it signs out). */
export function SessionsPanel() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { notify } = useToast();
  const [target, setTarget] = useState<Session | null>(null);

  if (sessions.isPending) return <Loading label="Loading sessions…" />;
  if (sessions.isError) return <ErrorMessage error={sessions.error} onRetry={() => void sessions.refetch()} />;

  const list = [...sessions.data].sort((a, b) => Number(!!b.current) - Number(!!a.current));
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Active sessions</h2>
      <p className="muted">Every browser or device signed in to your account. Revoke the ones you do not recognise.</p>
      <ul className="session-list">
        {list.map((s) => (
          <li key={s.id} className="card session-item">
            <div>
              <p className="session-device">
                <strong>{describeUserAgent(s.user_agent)}</strong> {s.current ? <span className="badge badge-success">This browser</span> : null}
              </p>
              <p className="muted small">
                {s.ip ? <>IP {s.ip} · </> : null}signed in {formatDateTime(s.created_at)} · last active {formatRelative(s.last_used_at ?? s.created_at)}
              </p>
            </div>
            <Button size="sm" variant={s.current ? 'secondary' : 'danger'} onClick={() => setTarget(s)}>
              {s.current ? 'Sign out' : 'Revoke'}
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={!!target}
        title={target?.current ? 'Sign out of this browser?' : 'Revoke this session?'}
        confirmLabel={target?.current ? 'Sign out' : 'Revoke'}
        mutation={revoke}
        onCancel={() => setTarget(null)}
        onConfirm={() =>
          target?.id &&
          revoke.mutate(target.id, {
            onSuccess: async () => {
              const wasCurrent = target.current;
              setTarget(null);
              if (wasCurrent) {
                await signOut();
                navigate('/sign-in', { replace: true });
              } else {
                notify('Session revoked');
              }
            },
          })
        }
      >
        <p>
          {target?.current
            ? 'This ends the session you are using now.'
            : `${describeUserAgent(target?.user_agent)} will be signed out on its next request.`}
        </p>
      </ConfirmDialog>
    </section>
  );
}
