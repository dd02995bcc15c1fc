import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { CopyButton } from '@/components/copy-button';
import { Dialog } from '@/components/dialog';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextInput } from '@/components/field';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { ScrollArea } from '@/components/scroll-area';
import { formatDate, formatRelative } from '@/lib/format';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import {
  isReadOnly,
  scopesFor,
  useCreateToken,
  useRevokeToken,
  useTokens,
  type ApiToken,
  type TokenAccess,
} from '../api/account-api';
import { McpClientSetup } from './mcp-client-setup';

/** Personal API tokens: create (secret shown once, with MCP client setup), list, revoke. */
export function TokensPanel() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const { notify } = useToast();
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [target, setTarget] = useState<ApiToken | null>(null);

  return (
    <div className="stack">
      <CreateTokenForm onCreated={setCreated} />
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">Your tokens</h2>
        {tokens.isPending ? (
          <Loading label="Loading tokens…" />
        ) : tokens.isError ? (
          <ErrorMessage error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <EmptyState title="No API tokens">Tokens let scripts call the PRISM API as you.</EmptyState>
        ) : (
          <ScrollArea className="table-wrap" label="Your tokens">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Access</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((t) => (
                  <tr key={t.id}>
                    <td className="break" style={{ minWidth: '7rem' }}>
                      {t.name}
                    </td>
                    <td className="mono small">{t.prefix ? `${t.prefix}…` : '—'}</td>
                    <td>{isReadOnly(t) ? <span className="badge">Read only</span> : <span className="badge badge-primary">Read and write</span>}</td>
                    <td>{formatDate(t.created_at)}</td>
                    <td>{t.last_used_at ? formatRelative(t.last_used_at) : 'Never'}</td>
                    <td>{t.expires_at ? formatDate(t.expires_at) : 'Never'}</td>
                    <td>
                      <Button size="sm" variant="ghost" onClick={() => setTarget(t)} aria-label={`Revoke token ${t.name}`}>
                        Revoke
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
      <Dialog
        open={!!created}
        onClose={() => setCreated(null)}
        title="Your new API token"
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            I have copied it
          </Button>
        }
      >
        <p>
          Copy <strong>{created?.name}</strong> now. It is shown only once: PRISM stores only a hash of it.
          {created && isReadOnly(created) ? ' It may only read.' : null}
        </p>
        <code className="secret" data-testid="new-token">
          {created?.token}
        </code>
        <p style={{ marginTop: '0.75rem' }}>
          <CopyButton text={created?.token ?? ''} label="Copy token" />
        </p>
        <p className="muted small">
          Use it as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        {created?.token ? <McpClientSetup token={created.token} /> : null}
      </Dialog>
      <ConfirmDialog
        open={!!target}
        title={`Revoke ${target?.name}?`}
        confirmLabel="Revoke token"
        mutation={revoke}
        onCancel={() => setTarget(null)}
        onConfirm={() =>
          target?.id &&
          revoke.mutate(target.id, {
            onSuccess: () => {
              notify(`Token ${target.name} revoked`);
              setTarget(null);
            },
          })
        }
      >
        <p>Scripts using this token stop working immediately.</p>
      </ConfirmDialog>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: ApiToken) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [access, setAccess] = useState<TokenAccess>('read-write');
  const [errors, setErrors] = useState<Record<string, string>>({});

  // Where e-mail can be confirmed, an unconfirmed account may not hold tokens;
  // the server's detail says how to confirm, the title says why it refused.
  const unverified = isApiError(create.error) && create.error.code === 'email_not_verified';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Name the token after where it is used, e.g. "CI export".' });
      return;
    }
    const long = tooLong('The name', name, limits.tokenName);
    if (long) {
      setErrors({ name: long });
      return;
    }
    setErrors({});
    create.mutate(
      { name: name.trim(), scopes: scopesFor(access), ...(days ? { expires_in_days: Number(days) } : {}) },
      {
        onSuccess: (token) => {
          setName('');
          setAccess('read-write');
          onCreated(token);
        },
        onError: (err) => {
          if (isApiError(err)) setErrors(err.fieldErrors());
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="new-token-title">
      <h2 id="new-token-title">Create a token</h2>
      <form className="form" onSubmit={submit} noValidate>
        {create.isError && !Object.keys(errors).length ? (
          <ErrorMessage error={create.error} title={unverified ? 'Confirm your e-mail address first' : undefined} />
        ) : null}
        <div className="form-grid">
          <Field label="Name" error={errors.name} hint={<CharCount value={name} max={limits.tokenName} />}>
            <TextInput value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="Expires" error={errors.expires_in_days}>
            <Select value={days} onChange={(e) => setDays(e.target.value)}>
              <option value="7">In 7 days</option>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In a year</option>
              <option value="">Never</option>
            </Select>
          </Field>
        </div>
        <AccessChoice value={access} onChange={setAccess} error={errors.scopes} />
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create token
          </Button>
        </div>
      </form>
    </section>
  );
}

const accessOptions: { id: TokenAccess; label: string; hint: string }[] = [
  {
    id: 'read-write',
    label: 'Read and write',
    hint: 'Everything you may do: read PRDs and stories, change them, move stories and comment (also through MCP).',
  },
  {
    id: 'read-only',
    label: 'Read only',
    hint: 'Reads only: every change is refused (403), and MCP tools that write answer an error.',
  },
];

function AccessChoice({ value, onChange, error }: { value: TokenAccess; onChange: (v: TokenAccess) => void; error?: string }) {
  const base = useId().replace(/:/g, '');
  return (
    <fieldset className="field" aria-describedby={error ? `${base}-error` : undefined} style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">Access</legend>
      {accessOptions.map((o) => (
        <div key={o.id} style={{ marginTop: '0.4rem' }}>
          <label className="checkbox">
            <input
              type="radio"
              name={`${base}-access`}
              value={o.id}
              checked={value === o.id}
              onChange={() => onChange(o.id)}
              aria-describedby={`${base}-${o.id}-hint`}
            />
            {o.label}
          </label>
          <p id={`${base}-${o.id}-hint`} className="muted small" style={{ margin: '0.1rem 0 0 1.5rem' }}>
            {o.hint}
          </p>
        </div>
      ))}
      {error ? (
        <p id={`${base}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
