import { Button } from '@/components/button';
import { QueryState } from '@/components/query-state';
import { ScrollArea } from '@/components/scroll-area';
import { formatDate } from '@/lib/format';
import { useAdminOrgs } from '../api/admin-api';

/** Every organization on the server with its counts. */
export function OrgsPanel() {
  const orgs = useAdminOrgs();
  return (
    <section aria-labelledby="admin-orgs-title">
      <h2 id="admin-orgs-title">Organizations</h2>
      <QueryState query={orgs} loadingLabel="Loading organizations…" isEmpty={() => orgs.items.length === 0} empty={<p className="muted">No organizations yet.</p>}>
        {() => (
          <ScrollArea className="table-wrap" label="Organizations">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Slug</th>
                  <th scope="col">Members</th>
                  <th scope="col">Projects</th>
                  <th scope="col">Documents</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {orgs.items.map((o) => (
                  <tr key={o.id}>
                    <td>{o.name}</td>
                    <td className="break">{o.slug}</td>
                    <td>{o.members}</td>
                    <td>{o.projects}</td>
                    <td>{o.documents}</td>
                    <td>{formatDate(o.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {orgs.hasNextPage ? (
              <Button onClick={() => void orgs.fetchNextPage()} loading={orgs.isFetchingNextPage}>
                Load more
              </Button>
            ) : null}
          </ScrollArea>
        )}
      </QueryState>
    </section>
  );
}
