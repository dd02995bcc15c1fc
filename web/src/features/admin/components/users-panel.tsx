import { useState } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { TextInput } from '@/components/field';
import { QueryState } from '@/components/query-state';
import { useToast } from '@/components/toast';
import { ScrollArea } from '@/components/scroll-area';
import { useAuth } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useAdminUsers, useChangeUser, type AdminUser, type UserChange } from '../api/admin-api';

/**
 * Every account: grant or revoke the server administrator role, disable or
 * enable. Your own row has no actions: the server refuses (409) an
 * administrator demoting or disabling themselves.
 */
export function UsersPanel() {
  const [q, setQ] = useState('');
  const users = useAdminUsers(q.trim());
  const change = useChangeUser();
  const { me } = useAuth();
  const { notify } = useToast();
  const [disabling, setDisabling] = useState<AdminUser | null>(null);

  const apply = (u: AdminUser, c: UserChange, done: string) =>
    change.mutate(
      { id: u.id, change: c },
      {
        onSuccess: () => {
          setDisabling(null);
          notify(`${u.email} ${done}`);
        },
        onError: (err) => {
          if (!c.disabled) notify(errorMessage(err), 'error');
        },
      },
    );

  return (
    <section aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">Users</h2>
      <p className="row">
        <TextInput type="search" aria-label="Search users" placeholder="Search by e-mail or name" value={q} onChange={(e) => setQ(e.target.value)} />
      </p>
      <QueryState query={users} loadingLabel="Loading users…" isEmpty={() => users.items.length === 0} empty={<p className="muted">No users match.</p>}>
        {() => (
          <ScrollArea className="table-wrap" label="Users">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Organizations</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.items.map((u) => {
                  const self = u.id === me?.user.id;
                  return (
                    <tr key={u.id}>
                      <td>
                        {u.name} {self ? <span className="badge">You</span> : null} {u.is_admin ? <span className="badge badge-primary">Administrator</span> : null}
                      </td>
                      <td className="break">{u.email}</td>
                      <td>{u.organizations}</td>
                      <td>{formatDate(u.created_at)}</td>
                      <td>{u.disabled ? <span className="badge">Disabled {formatDate(u.disabled_at)}</span> : 'Active'}</td>
                      <td>
                        {self ? null : (
                          <span className="row">
                            <Button
                              size="sm"
                              disabled={change.isPending}
                              onClick={() => apply(u, { is_admin: !u.is_admin }, u.is_admin ? 'is no longer an administrator' : 'is an administrator')}
                            >
                              {u.is_admin ? 'Remove admin' : 'Make admin'}
                            </Button>
                            {u.disabled ? (
                              <Button size="sm" disabled={change.isPending} onClick={() => apply(u, { disabled: false }, 'can sign in again')}>
                                Enable
                              </Button>
                            ) : (
                              <Button size="sm" variant="danger" onClick={() => setDisabling(u)}>
                                Disable
                              </Button>
                            )}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {users.hasNextPage ? (
              <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
                Load more
              </Button>
            ) : null}
          </ScrollArea>
        )}
      </QueryState>
      <ConfirmDialog
        open={!!disabling}
        title={`Disable ${disabling?.email}?`}
        confirmLabel="Disable account"
        mutation={change}
        onCancel={() => setDisabling(null)}
        onConfirm={() => disabling && apply(disabling, { disabled: true }, 'is disabled')}
      >
        <p>They are signed out everywhere at once, their API tokens stop working, and they cannot sign in until you enable the account again.</p>
      </ConfirmDialog>
    </section>
  );
}
