import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { ScrollArea } from '@/components/scroll-area';
import { useAuth, useCurrentOrg } from '@/lib/auth';
import { formatDate, roleLabels } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useChangeRole, useMembers, useRemoveMember, type Member, type Role } from '../api/orgs-api';
import { assignableRoles } from '../roles';

/** Members with roles; admins change roles and remove, anyone can leave. */
export function MembersPanel() {
  const { orgId, role: myRole, membership } = useCurrentOrg();
  const { me, reloadMe, setCurrentOrgId } = useAuth();
  const members = useMembers(orgId);
  const changeRole = useChangeRole(orgId ?? '');
  const remove = useRemoveMember(orgId ?? '');
  const { notify } = useToast();
  const navigate = useNavigate();
  const [removing, setRemoving] = useState<Member | null>(null);

  if (!orgId) return null;
  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.isError) return <ErrorMessage error={members.error} onRetry={() => void members.refetch()} />;

  const myId = me?.user.id;
  const options = assignableRoles(myRole);
  const canManage = (m: Member) => options.length > 0 && (m.role !== 'owner' || myRole === 'owner');

  const onRole = (m: Member, role: Role) => {
    changeRole.mutate(
      { userId: m.user_id ?? '', role },
      {
        onSuccess: () => {
          notify(`${m.name || m.email} is now ${roleLabels[role].toLowerCase()}`);
          if (m.user_id === myId) void reloadMe();
        },
        onError: (err) => notify(errorMessage(err), 'error'),
      },
    );
  };

  const leaving = removing?.user_id === myId;
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ScrollArea className="table-wrap" label="Members">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.items.map((m) => {
              const self = m.user_id === myId;
              return (
                <tr key={m.user_id}>
                  <td>
                    {m.name} {self ? <span className="badge">You</span> : null}
                  </td>
                  <td className="break">{m.email}</td>
                  <td>
                    {canManage(m) ? (
                      <select
                        className="input select compact"
                        aria-label={`Role of ${m.name || m.email}`}
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => onRole(m, e.target.value as Role)}
                      >
                        {options.map((r) => (
                          <option key={r} value={r}>
                            {roleLabels[r]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      roleLabels[m.role ?? 'viewer']
                    )}
                  </td>
                  <td>{formatDate(m.joined_at)}</td>
                  <td>
                    {self ? (
                      <Button size="sm" onClick={() => setRemoving(m)}>
                        Leave
                      </Button>
                    ) : canManage(m) ? (
                      <Button size="sm" variant="ghost" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name || m.email}`}>
                        Remove
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollArea>
      {members.hasNextPage ? (
        <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
      <ConfirmDialog
        open={!!removing}
        title={leaving ? `Leave ${membership?.org_name}?` : `Remove ${removing?.name || removing?.email}?`}
        confirmLabel={leaving ? 'Leave organization' : 'Remove member'}
        mutation={remove}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing?.user_id &&
          remove.mutate(removing.user_id, {
            onSuccess: async () => {
              const who = removing.name || removing.email;
              setRemoving(null);
              if (leaving) {
                setCurrentOrgId(null);
                await reloadMe();
                notify(`You left ${membership?.org_name}`);
                navigate('/projects', { replace: true });
              } else {
                notify(`${who} was removed`);
              }
            },
          })
        }
      >
        <p>
          {leaving
            ? 'You will lose access to its projects until someone invites you again.'
            : 'They lose access to this organization on their next request. You can invite them again later.'}
        </p>
      </ConfirmDialog>
    </section>
  );
}
