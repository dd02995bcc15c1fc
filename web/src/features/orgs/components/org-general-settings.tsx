import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useAuth, useCurrentOrg } from '@/lib/auth';
import { formatDateTime, formatNumber, formatUsd, roleLabels } from '@/lib/format';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { useDeleteOrg, useOrg, useUpdateOrg, type Organization } from '../api/orgs-api';
import { RoleNote } from '@/components/role-note';

/** Organization name, monthly AI budget and deletion. */
export function OrgGeneralSettings() {
  const { orgId, can, role } = useCurrentOrg();
  const org = useOrg(orgId);
  if (!orgId) return null;
  if (org.isPending) return <Loading label="Loading organization…" />;
  if (org.isError) return <ErrorMessage error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="org-details">
        <h2 id="org-details">Details</h2>
        {can('admin') ? <RenameForm org={o} key={`${o.id}-${o.name}`} /> : <RoleNote role={role} needed="admin" action="renaming the organization and setting its AI budget" />}
        <dl className="details" style={{ marginTop: '1rem' }}>
          <dt>Name</dt>
          <dd>{o.name}</dd>
          <dt>Slug</dt>
          <dd className="mono">{o.slug}</dd>
          <dt>Your role</dt>
          <dd>{role ? roleLabels[role] : '—'}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(o.created_at)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="org-budget">
        <h2 id="org-budget">Monthly AI budget</h2>
        <p className="muted">
          When the organization has used its monthly budget, new AI generations are refused until the next month. Leave a field empty for no limit.
        </p>
        {can('admin') ? (
          <BudgetForm org={o} key={`${o.id}-${o.monthly_budget_tokens}-${o.monthly_budget_usd}`} />
        ) : (
          <dl className="details">
            <dt>Tokens</dt>
            <dd>{o.monthly_budget_tokens == null ? 'No limit' : formatNumber(o.monthly_budget_tokens)}</dd>
            <dt>Cost</dt>
            <dd>{o.monthly_budget_usd == null ? 'No limit' : formatUsd(o.monthly_budget_usd)}</dd>
          </dl>
        )}
      </section>
      {can('owner') ? <DeleteOrgSection org={o} /> : null}
    </div>
  );
}

function RenameForm({ org }: { org: Organization }) {
  const update = useUpdateOrg(org.id ?? '');
  const { reloadMe } = useAuth();
  const { notify } = useToast();
  const [name, setName] = useState(org.name ?? '');
  const [error, setError] = useState<string | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Enter a name.');
      return;
    }
    const long = tooLong('The name', name, limits.orgName);
    if (long) {
      setError(long);
      return;
    }
    setError(undefined);
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: () => {
          notify('Organization renamed');
          void reloadMe();
        },
        onError: (err) => setError(isApiError(err) ? err.fieldError('name') : undefined),
      },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {update.isError && !error ? <ErrorMessage error={update.error} /> : null}
      <Field label="Organization name" error={error} hint={<CharCount value={name} max={limits.orgName} />}>
        <TextInput value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={update.isPending} disabled={name.trim() === org.name}>
          Rename
        </Button>
      </div>
    </form>
  );
}

function BudgetForm({ org }: { org: Organization }) {
  const update = useUpdateOrg(org.id ?? '');
  const { notify } = useToast();
  const [tokens, setTokens] = useState(org.monthly_budget_tokens == null ? '' : String(org.monthly_budget_tokens));
  const [usd, setUsd] = useState(org.monthly_budget_usd == null ? '' : String(org.monthly_budget_usd));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const t = tokens.trim() === '' ? null : Number(tokens);
    const u = usd.trim() === '' ? null : Number(usd);
    if (t !== null && (!Number.isInteger(t) || t < 0)) errs.monthly_budget_tokens = 'Enter a whole number of tokens, or leave empty.';
    if (u !== null && (!Number.isFinite(u) || u < 0)) errs.monthly_budget_usd = 'Enter an amount in US dollars, or leave empty.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    update.mutate(
      { monthly_budget_tokens: t, monthly_budget_usd: u },
      {
        onSuccess: () => notify('Budget saved'),
        onError: (err) => {
          if (isApiError(err)) setErrors(err.fieldErrors());
        },
      },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {update.isError && Object.keys(errors).length === 0 ? <ErrorMessage error={update.error} /> : null}
      <div className="form-grid">
        <Field label="Tokens per month" error={errors.monthly_budget_tokens} hint="Input + output tokens of all generations.">
          <TextInput inputMode="numeric" value={tokens} placeholder="No limit" onChange={(e) => setTokens(e.target.value)} />
        </Field>
        <Field label="Cost per month (USD)" error={errors.monthly_budget_usd}>
          <TextInput inputMode="decimal" value={usd} placeholder="No limit" onChange={(e) => setUsd(e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save budget
        </Button>
      </div>
    </form>
  );
}

function DeleteOrgSection({ org }: { org: Organization }) {
  const remove = useDeleteOrg(org.id ?? '');
  const { reloadMe, setCurrentOrgId } = useAuth();
  const navigate = useNavigate();
  const { notify } = useToast();
  const [open, setOpen] = useState(false);
  const [confirmName, setConfirmName] = useState('');
  return (
    <section className="card danger-zone" aria-labelledby="org-delete">
      <h2 id="org-delete">Delete organization</h2>
      <p>Deleting the organization removes its projects, documents, backlog and history for every member. This cannot be undone.</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete organization…
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${org.name}?`}
        confirmLabel="Delete forever"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setOpen(false);
          setConfirmName('');
          remove.reset();
        }}
        onConfirm={() => {
          if (confirmName !== org.name) return;
          remove.mutate(undefined, {
            onSuccess: async () => {
              setCurrentOrgId(null);
              await reloadMe();
              notify(`${org.name} deleted`);
              navigate('/projects', { replace: true });
            },
          });
        }}
      >
        <Field label={`Type the organization's name (${org.name}) to confirm`}>
          <TextInput value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
        </Field>
        {confirmName && confirmName !== org.name ? <p className="field-error">The name does not match.</p> : null}
      </ConfirmDialog>
    </section>
  );
}
