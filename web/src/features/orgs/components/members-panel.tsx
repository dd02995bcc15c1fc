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
import { assignableRoles, roleChangeEffects, roleChangeNeedsConfirmation } from '../roles';

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
  const [changing, setChanging] = useState<{ member: Member; role: Role } | null>(null);

  if (!orgId) return null;
  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.isError) return <ErrorMessage error={members.error} onRetry={() => void members.refetch()} />;

  const myId = me?.user.id;
  const options = assignableRoles(myRole);
  const canManage = (m: Member) => options.length > 0 && (m.role !== 'owner' || myRole === 'owner');

  const applyRole = (m: Member, role: Role, fromDialog = false) => {
    changeRole.mutate(
      { userId: m.user_id ?? '', role },
      {
        onSuccess: () => {
          setChanging(null);
          notify(`${m.name || m.email} is now ${roleLabels[role].toLowerCase()}`);
          if (m.user_id === myId) void reloadMe();
        },
        // In the dialog the error shows there; otherwise as a toast.
        onError: (err) => (fromDialog ? undefined : notify(errorMessage(err), 'error')),
      },
    );
  };
  const onRole = (m: Member, role: Role) => {
    if (roleChangeNeedsConfirmation(m.role ?? 'viewer', role, m.user_id === myId)) {
      changeRole.reset();
      setChanging({ member: m, role });
    } else {
      applyRole(m, role);
    }
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
      {changing ? (
        <RoleChangeDialog
          member={changing.member}
          role={changing.role}
          self={changing.member.user_id === myId}
          mutation={changeRole}
          onCancel={() => setChanging(null)}
          onConfirm={() => applyRole(changing.member, changing.role, true)}
        />
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

/** Asks before a role change to or from owner (or of one's own role), saying what the person gains and loses. */
function RoleChangeDialog({
  member,
  role,
  self,
  mutation,
  onConfirm,
  onCancel,
}: {
  member: Member;
  role: Role;
  self: boolean;
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const from = member.role ?? 'viewer';
  const who = self ? 'You' : member.name || member.email;
  const { gains, losses } = roleChangeEffects(from, role);
  return (
    <ConfirmDialog
      open
      title={self ? `Change your own role to ${roleLabels[role].toLowerCase()}?` : `Make ${member.name || member.email} ${roleLabels[role].toLowerCase()}?`}
      confirmLabel={`Make ${self ? 'me' : 'them'} ${roleLabels[role].toLowerCase()}`}
      danger={losses.length > 0 || role === 'owner'}
      mutation={mutation}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        {who} {self ? 'are' : 'is'} {roleLabels[from].toLowerCase()} now; the change takes effect on {self ? 'your' : 'their'} next request.
      </p>
      {gains.length ? (
        <>
          <p>
            <strong>{who} will be able to:</strong>
          </p>
          <ul data-testid="role-gains">
            {gains.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </>
      ) : null}
      {losses.length ? (
        <>
          <p>
            <strong>{who} will no longer be able to:</strong>
          </p>
          <ul data-testid="role-losses">
            {losses.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </>
      ) : null}
      {self && losses.length ? <p>Only another admin or owner can give the role back.</p> : null}
    </ConfirmDialog>
  );
}
