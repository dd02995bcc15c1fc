import { useId, useState } from 'react';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { QueryState } from '@/components/query-state';
import { ScrollArea } from '@/components/scroll-area';
import { useToast } from '@/components/toast';
import { useCurrentOrg } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { downloadAuditLog, useAuditActions, useAuditLog, useMembers, type AuditActionInfo, type AuditEntry, type AuditFilter } from '../api/orgs-api';
import './audit-log.css';

const noFilter: AuditFilter = { actor: '', action: '', from: '', to: '' };

/** The action filter's choices: each group ("All members actions") followed by its actions. */
function groupsOf(actions: AuditActionInfo[]): { category: string; label: string; actions: AuditActionInfo[] }[] {
  const groups = new Map<string, { category: string; label: string; actions: AuditActionInfo[] }>();
  for (const a of actions) {
    const g = groups.get(a.category) ?? { category: a.category, label: a.category_label, actions: [] };
    g.actions.push(a);
    groups.set(a.category, g);
  }
  return [...groups.values()];
}

function personLabel(p: AuditEntry['actor']): string {
  if (!p) return 'PRISM';
  return p.name || p.email || 'A deleted user';
}

/** The organization's audit log (admins): what happened, by whom, filtered and downloadable. */
export function AuditLogPanel() {
  const { orgId } = useCurrentOrg();
  const [filter, setFilter] = useState<AuditFilter>(noFilter);
  const backwards = !!filter.from && !!filter.to && filter.to < filter.from;
  const log = useAuditLog(orgId, filter, !backwards);
  const members = useMembers(orgId);
  const actions = useAuditActions();
  const { notify } = useToast();
  const [exporting, setExporting] = useState(false);
  const ids = { actor: useId(), action: useId(), from: useId(), to: useId(), toError: useId() };
  if (!orgId) return null;

  const set = (key: keyof AuditFilter) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));
  const filtered = Object.values(filter).some(Boolean);
  const download = async () => {
    setExporting(true);
    try {
      notify(`Downloaded ${await downloadAuditLog(orgId, filter)}`, 'success');
    } catch (e) {
      notify(`Download failed: ${errorMessage(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="audit-title" className="stack">
      <div className="row">
        <h2 id="audit-title">Audit log</h2>
        <span className="spacer" />
        <Button onClick={() => void download()} loading={exporting} disabled={backwards}>
          {filtered ? 'Download these entries (CSV)' : 'Download CSV'}
        </Button>
      </div>
      <form className="audit-filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label className="field-label" htmlFor={ids.actor}>
            Person
          </label>
          <select id={ids.actor} className="input select" value={filter.actor} onChange={(e) => set('actor')(e.target.value)}>
            <option value="">Everyone</option>
            {members.items.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.name ? `${m.name} (${m.email})` : m.email}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.action}>
            Action
          </label>
          <select id={ids.action} className="input select" value={filter.action} onChange={(e) => set('action')(e.target.value)} disabled={!actions.data}>
            <option value="">All actions</option>
            {groupsOf(actions.data ?? []).map((g) => (
              <optgroup key={g.category} label={g.label}>
                <option value={g.category}>Any of: {g.label.toLowerCase()}</option>
                {g.actions.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.from}>
            From
          </label>
          <input id={ids.from} type="date" className="input" value={filter.from} max={filter.to || undefined} onChange={(e) => set('from')(e.target.value)} />
        </div>
        <div className={backwards ? 'field field-invalid' : 'field'}>
          <label className="field-label" htmlFor={ids.to}>
            To
          </label>
          <input
            id={ids.to}
            type="date"
            className="input"
            value={filter.to}
            min={filter.from || undefined}
            aria-invalid={backwards || undefined}
            aria-describedby={backwards ? ids.toError : undefined}
            onChange={(e) => set('to')(e.target.value)}
          />
          {backwards ? (
            <p id={ids.toError} className="field-error">
              The end date is before the start date.
            </p>
          ) : null}
        </div>
        {filtered ? (
          <div className="audit-filters-clear">
            <Button onClick={() => setFilter(noFilter)}>Clear filters</Button>
          </div>
        ) : null}
      </form>
      {backwards ? null : (
        <QueryState
          query={log}
          loadingLabel="Loading audit log…"
          isEmpty={() => log.items.length === 0}
          empty={<EmptyState title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'} />}
        >
          {() => (
            <>
              <ScrollArea className="table-wrap" label="Audit log entries">
                <table className="audit-table" aria-labelledby="audit-title">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">What happened</th>
                      <th scope="col">By</th>
                      <th scope="col">IP address</th>
                    </tr>
                  </thead>
                  <tbody>
                    {log.items.map((entry) => (
                      <tr key={entry.id}>
                        <td className="nowrap">{formatDateTime(entry.created_at)}</td>
                        <td className="audit-summary">
                          <span className="badge">{entry.action_label}</span> {entry.summary}
                        </td>
                        <td className="audit-by">
                          {personLabel(entry.actor)}
                          {entry.actor?.email && entry.actor.name ? <div className="muted small">{entry.actor.email}</div> : null}
                        </td>
                        <td className="mono small">{entry.ip || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
              {log.hasNextPage ? (
                <p>
                  <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                    Load older entries
                  </Button>
                </p>
              ) : null}
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
