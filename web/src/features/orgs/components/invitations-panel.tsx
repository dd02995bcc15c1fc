import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextInput } from '@/components/field';
import { QueryState } from '@/components/query-state';
import { useToast } from '@/components/toast';
import { ScrollArea } from '@/components/scroll-area';
import { useCurrentOrg } from '@/lib/auth';
import { formatDate, formatRelative, roleLabels } from '@/lib/format';
import { errorMessage, isApiError } from '@/lib/problem';
import { useInvitations, useInvite, useResendInvitation, useWithdrawInvitation, type Invitation, type Role } from '../api/orgs-api';
import { assignableRoles, roleDescriptions } from '../roles';

/** Invite by e-mail + role, list pending invitations, withdraw. (Admins.) */
export function InvitationsPanel() {
  const { orgId } = useCurrentOrg();
  const invitations = useInvitations(orgId);
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const withdraw = useWithdrawInvitation(orgId ?? '');
  const { notify } = useToast();
  if (!orgId) return null;
  return (
    <div className="stack">
      <InviteForm orgId={orgId} />
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">Pending invitations</h2>
        <QueryState query={invitations} loadingLabel="Loading invitations…" isEmpty={() => invitations.items.length === 0} empty={<EmptyState title="No pending invitations" />}>
          {() => (
            <ScrollArea className="table-wrap" label="Pending invitations">
              <table>
                <thead>
                  <tr>
                    <th scope="col">E-mail</th>
                    <th scope="col">Role</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.items.map((inv) => (
                    <tr key={inv.id}>
                      <td className="break">{inv.email}</td>
                      <td>{roleLabels[inv.role ?? 'member']}</td>
                      <td>{formatDate(inv.created_at)}</td>
                      <td>{formatRelative(inv.expires_at)}</td>
                      <td className="nowrap">
                        <ResendButton orgId={orgId} invitation={inv} />
                        <Button size="sm" variant="ghost" onClick={() => setWithdrawing(inv)} aria-label={`Withdraw invitation for ${inv.email}`}>
                          Withdraw
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          )}
        </QueryState>
      </section>
      <ConfirmDialog
        open={!!withdrawing}
        title="Withdraw invitation?"
        confirmLabel="Withdraw"
        mutation={withdraw}
        onCancel={() => setWithdrawing(null)}
        onConfirm={() =>
          withdrawing?.id &&
          withdraw.mutate(withdrawing.id, {
            onSuccess: () => {
              notify(`Invitation for ${withdrawing.email} withdrawn`);
              setWithdrawing(null);
            },
          })
        }
      >
        <p>The link sent to {withdrawing?.email} will stop working.</p>
      </ConfirmDialog>
    </div>
  );
}

function InviteForm({ orgId }: { orgId: string }) {
  const { role: myRole } = useCurrentOrg();
  const invite = useInvite(orgId);
  const resend = useResendInvitation(orgId);
  const { notify } = useToast();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const roles = assignableRoles(myRole);
  // A 409 for an address that already has an invitation names it, so it can be sent again right here.
  const pending = isApiError(invite.error) && invite.error.code === 'invitation_pending' ? invite.error.extensions.invitation_id : undefined;
  const pendingId = typeof pending === 'string' ? pending : undefined;
  const sentTo = invite.variables?.email ?? email.trim();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      setErrors({ email: 'Enter an e-mail address.' });
      return;
    }
    setErrors({});
    resend.reset();
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: () => {
          notify(`Invitation sent to ${email.trim()}`);
          setEmail('');
        },
        onError: (err) => {
          if (isApiError(err)) setErrors(err.fieldErrors());
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form className="form" onSubmit={submit} noValidate>
        {pendingId ? (
          <div className="alert alert-warning" role="alert">
            <p className="alert-title">{sentTo} already has a pending invitation</p>
            <p>Send the same invitation again (a new link, valid for another week), or withdraw it below to invite with another role.</p>
            {resend.isError ? <p className="field-error">{errorMessage(resend.error)}</p> : null}
            <div className="form-actions">
              <Button
                variant="primary"
                loading={resend.isPending}
                onClick={() =>
                  resend.mutate(pendingId, {
                    onSuccess: () => {
                      notify(`Invitation sent again to ${sentTo}`);
                      invite.reset();
                      setEmail('');
                    },
                  })
                }
              >
                Resend the invitation
              </Button>
            </div>
          </div>
        ) : invite.isError && !Object.keys(errors).length ? (
          <ErrorMessage error={invite.error} />
        ) : null}
        <div className="form-grid">
          <Field label="E-mail" error={errors.email}>
            <TextInput type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label="Role" error={errors.role} hint={roleDescriptions[role]}>
            <Select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={invite.isPending}>
            Send invitation
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Sends a pending invitation again (a new link for another week); the server limits how often. */
function ResendButton({ orgId, invitation }: { orgId: string; invitation: Invitation }) {
  const resend = useResendInvitation(orgId);
  const { notify } = useToast();
  return (
    <Button
      size="sm"
      variant="ghost"
      loading={resend.isPending}
      aria-label={`Resend the invitation to ${invitation.email}`}
      onClick={() =>
        resend.mutate(invitation.id ?? '', {
          onSuccess: () => notify(`Invitation sent again to ${invitation.email}`),
          onError: (err) => notify(errorMessage(err), 'error'),
        })
      }
    >
      Resend
    </Button>
  );
}
