import { formatDateTime } from '@/lib/format';
import type { AiSettings } from '../api/ai-settings-api';
import { administrators, memberName, useOrgMembers } from '../api/org-people-api';
import { listNames } from './ai-provider-contact';

/** What the organization's generations use, for every member: provider, model, AI or not, whose setting. */
export function EffectiveSummary({ orgId, settings }: { orgId: string; settings: AiSettings }) {
  const members = useOrgMembers(orgId);
  const people = members.data ?? [];
  const { label, model, is_ai: isAi, source } = settings.effective;
  const changedBy = settings.updated_by ? people.find((m) => m.user_id === settings.updated_by) : undefined;
  const admins = administrators(people).map(memberName);
  return (
    <section className="card" aria-labelledby="ai-effective-title">
      <h2 id="ai-effective-title">What generations use</h2>
      <dl className="details" data-testid="ai-effective">
        <dt>Provider</dt>
        <dd>
          {label}{' '}
          <span className={isAi ? 'badge badge-success' : 'badge'}>{isAi ? 'AI' : 'Offline template (not AI)'}</span>
        </dd>
        <dt>Model</dt>
        <dd className="mono">{model}</dd>
        <dt>What it does</dt>
        <dd>
          {isAi
            ? 'A language model writes PRDs, rewrites sections and proposes stories.'
            : 'Fills the PRD template from the brief; no AI is called. Rewriting sections and writing stories need an AI provider.'}
        </dd>
        <dt>Chosen by</dt>
        <dd>{source === 'organization' ? 'This organization’s own settings' : 'The server’s default (whoever runs this PRISM server sets it)'}</dd>
        {settings.updated_at ? (
          <>
            <dt>Last changed</dt>
            <dd>
              {formatDateTime(settings.updated_at)}
              {settings.updated_by ? ` by ${changedBy ? memberName(changedBy) : 'a former member'}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {!settings.can_edit ? (
        <p className="muted" style={{ marginTop: '1rem' }}>
          Only the organization’s owners and administrators can change this{admins.length ? `: ${listNames(admins)}` : ''}.
        </p>
      ) : null}
    </section>
  );
}
