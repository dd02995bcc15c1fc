import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { QueryState } from '@/components/query-state';
import { ScrollArea } from '@/components/scroll-area';
import { useCurrentOrg } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useAuditLog, useMembers, type AuditEntry } from '../api/orgs-api';

function describeDetails(details: AuditEntry['details']): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The organization's audit log (admins), newest first. */
export function AuditLogPanel() {
  const { orgId } = useCurrentOrg();
  const log = useAuditLog(orgId);
  const members = useMembers(orgId);
  if (!orgId) return null;
  const names = new Map(members.items.map((m) => [m.user_id, m.name || m.email]));

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <QueryState query={log} loadingLabel="Loading audit log…" isEmpty={() => log.items.length === 0} empty={<EmptyState title="Nothing recorded yet" />}>
        {() => (
          <>
            <ScrollArea className="table-wrap" label="Audit log">
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">By</th>
                    <th scope="col">Details</th>
                    <th scope="col">IP</th>
                  </tr>
                </thead>
                <tbody>
                  {log.items.map((entry) => (
                    <tr key={entry.id}>
                      <td className="nowrap">{formatDateTime(entry.created_at)}</td>
                      <td className="mono small">{entry.action}</td>
                      <td>{entry.actor_id ? (names.get(entry.actor_id) ?? 'Former member') : 'System'}</td>
                      <td className="small break">
                        {entry.target_type ? <span className="muted">{entry.target_type} </span> : null}
                        {describeDetails(entry.details)}
                      </td>
                      <td className="mono small">{entry.ip || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
            {log.hasNextPage ? (
              <p style={{ marginTop: '1rem' }}>
                <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                  Load older entries
                </Button>
              </p>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
